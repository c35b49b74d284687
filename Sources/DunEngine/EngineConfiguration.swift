public import DunPolicy

/// What an engine is built with besides its campaigns.
public struct EngineConfiguration: Sendable {
    /// The seed for variant assignment (SplitMix64 of seed and a stable hash of the account id).
    public var seed: UInt64
    /// The contact policy every candidate contact is judged by.
    public var policy: ContactPolicy
    /// Capacity pools; at most one per channel (a channel without one is unbounded).
    public var pools: [CapacityPool]

    public init(seed: UInt64 = 0, policy: ContactPolicy = ContactPolicy(), pools: [CapacityPool] = []) {
        self.seed = seed
        self.policy = policy
        self.pools = pools
    }
}
