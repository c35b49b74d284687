/// SplitMix64 (Steele, Lea & Flood 2014) for tests: a seeded, repeatable generator, so a failing fuzz or
/// property case replays from its seed. Named apart from DunSim's generator so test targets can import both.
public struct TestSplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        self.state = seed
    }

    public mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var value = self.state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
