/// Sticky, seeded champion/challenger assignment: a pure function of (seed, account id), so an account lands
/// in the same arm in every process and every run with the same seed.
public enum VariantAssignment {
    /// FNV-1a (64-bit) of the UTF-8 bytes: stable across processes, unlike `Hasher`.
    public static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The SplitMix64 finaliser of `value`.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// The arm for an account: weighted by `weights` (positive integers), drawn from `mix(seed ^ idHash)`.
    ///
    /// - Parameters:
    ///   - weights: The arms' relative weights; an empty list yields 0.
    ///   - seed: The run's seed.
    ///   - idHash: `stableHash(account.id)`.
    /// - Returns: An index into `weights`.
    public static func variant(weights: [Int], seed: UInt64, idHash: UInt64) -> Int {
        let total = weights.reduce(0) { $0 + Swift.max(0, $1) }
        guard total > 0 else { return 0 }
        var draw = Int(Self.mix(seed ^ Self.mix(idHash)) % UInt64(total))
        for (index, weight) in weights.enumerated() where weight > 0 {
            if draw < weight { return index }
            draw -= weight
        }
        return weights.count - 1
    }
}
