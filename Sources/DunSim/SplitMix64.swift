/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast, splittable generator. dun's simulator never uses the
/// system generator; every draw comes from a generator or a counter-based hash keyed by the run's seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    /// Creates a generator whose sequence is a pure function of `seed`.
    public init(seed: UInt64) {
        self.state = seed
    }

    public mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(self.state)
    }

    /// The SplitMix64 finaliser: a bijective avalanche of 64 bits.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double {
        Double(self.next() >> 11) * 0x1p-53
    }

    /// A standard normal draw (Box-Muller; one of the pair is discarded to keep the stream simple).
    public mutating func normal() -> Double {
        let u1 = max(self.uniform(), 0x1p-60)
        let u2 = self.uniform()
        return (-2 * Self.log(u1)).squareRoot() * Self.cos(2 * Double.pi * u2)
    }

    /// Beta(2, 2): the median of three uniforms has exactly this distribution.
    public mutating func beta22() -> Double {
        let a = self.uniform()
        let b = self.uniform()
        let c = self.uniform()
        return max(min(a, b), min(max(a, b), c))
    }

    // Foundation-free transcendental helpers built on the stdlib's Double operations.
    static func log(_ x: Double) -> Double { Math.log(x) }
    static func cos(_ x: Double) -> Double { Math.cos(x) }
}
