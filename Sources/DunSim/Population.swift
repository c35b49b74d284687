import DunCore

/// The synthetic portfolio's latent traits, struct-of-arrays, one entry per account.
///
/// The `k`-th account drawn takes its traits from its own SplitMix64 stream keyed by (seed, k), so every
/// strategy sees the same population; accounts are then stored in descending balance order.
public struct Population: Sendable {
    public let count: Int
    /// Placed balance in cents.
    public var balance: [Int64]
    /// Capacity to pay now, in cents, at placement.
    public var capacity: [Int64]
    public var willingness: [Double]
    /// Bit set of `Trait` flags.
    public var traits: [UInt16]
    /// 0 day-available, 1 evening-available, 2 flexible.
    public var hourType: [UInt8]
    /// Standard-time UTC offset in hours.
    public var utcOffsetHours: [Int8]

    /// Trait bits.
    public enum Trait {
        public static let skip: UInt16 = 1 << 0
        public static let phoneValid: UInt16 = 1 << 1
        public static let smsCapable: UInt16 = 1 << 2
        public static let emailValid: UInt16 = 1 << 3
        public static let disputeProne: UInt16 = 1 << 4
        public static let massachusetts: UInt16 = 1 << 5
    }

    /// Draws `portfolio.accounts` accounts for `seed` (SIMULATION.md §5.2).
    public init(portfolio: Portfolio, seed: UInt64) {
        let n = portfolio.accounts
        self.count = n
        self.balance = [Int64](repeating: 0, count: n)
        self.capacity = [Int64](repeating: 0, count: n)
        self.willingness = [Double](repeating: 0, count: n)
        self.traits = [UInt16](repeating: 0, count: n)
        self.hourType = [UInt8](repeating: 0, count: n)
        self.utcOffsetHours = [Int8](repeating: 0, count: n)
        let zoneTotal = portfolio.zones.reduce(0) { $0 + $1.share }
        let typeTotal = portfolio.hourTypeShares.reduce(0, +)
        let zoneShares = portfolio.zones.map(\.share)
        for i in 0..<n {
            var random = SplitMix64(seed: Self.accountSeed(seed: seed, account: i))
            let balance = Double(portfolio.balanceMedian.cents) * Math.exp(portfolio.balanceSigma * random.normal())
            self.balance[i] = max(100, Int64(balance.rounded()))
            var traits: UInt16 = 0
            if random.uniform() < portfolio.skipShare {
                traits |= Trait.skip
                _ = random.uniform()
                _ = random.uniform()
                _ = random.uniform()
            } else {
                if random.uniform() < portfolio.phoneValid { traits |= Trait.phoneValid }
                if random.uniform() < portfolio.smsCapable { traits |= Trait.smsCapable }
                if random.uniform() < portfolio.emailValid { traits |= Trait.emailValid }
            }
            if random.uniform() < portfolio.noCapacityShare {
                self.capacity[i] = Int64((random.uniform() * Double(portfolio.noCapacityMax.cents)).rounded(.down))
                _ = random.normal()
            } else {
                _ = random.uniform()
                let capacity =
                    Double(portfolio.capacityMedian.cents) * Math.exp(portfolio.capacitySigma * random.normal())
                self.capacity[i] = Int64(capacity.rounded())
            }
            self.willingness[i] = random.beta22()
            if random.uniform() < portfolio.disputeProneShare { traits |= Trait.disputeProne }
            if random.uniform() < portfolio.massachusettsShare { traits |= Trait.massachusetts }
            self.hourType[i] = UInt8(Self.pick(random.uniform() * typeTotal, portfolio.hourTypeShares))
            let zone = Self.pick(random.uniform() * zoneTotal, zoneShares)
            self.utcOffsetHours[i] = Int8(portfolio.zones.isEmpty ? -5 : portfolio.zones[zone].utcOffsetHours)
            self.traits[i] = traits
        }
        self.sortByBalance()
    }

    /// Puts accounts in descending balance order (ties by draw order): the agency works in this order, so its
    /// daily pass walks every array front to back. Every strategy sees the same order, so pairing by index is
    /// pairing by account.
    /// The accounts `members` of `population` (a cohort), in that order.
    init(_ population: Population, members: StrideTo<Int>) {
        let indices = Array(members)
        self.count = indices.count
        self.balance = indices.map { population.balance[$0] }
        self.capacity = indices.map { population.capacity[$0] }
        self.willingness = indices.map { population.willingness[$0] }
        self.traits = indices.map { population.traits[$0] }
        self.hourType = indices.map { population.hourType[$0] }
        self.utcOffsetHours = indices.map { population.utcOffsetHours[$0] }
    }

    mutating func sortByBalance() {
        let order = (0..<self.count).sorted { (-self.balance[$0], $0) < (-self.balance[$1], $1) }
        self.balance = order.map { self.balance[$0] }
        self.capacity = order.map { self.capacity[$0] }
        self.willingness = order.map { self.willingness[$0] }
        self.traits = order.map { self.traits[$0] }
        self.hourType = order.map { self.hourType[$0] }
        self.utcOffsetHours = order.map { self.utcOffsetHours[$0] }
    }

    /// The seed of account `i`'s trait stream.
    public static func accountSeed(seed: UInt64, account: Int) -> UInt64 {
        SplitMix64.mix(SplitMix64.mix(seed) &+ UInt64(account) &* 0x9E37_79B9_7F4A_7C15)
    }

    static func pick(_ draw: Double, _ shares: [Double]) -> Int {
        var cumulative = 0.0
        for (index, share) in shares.enumerated() {
            cumulative += share
            if draw < cumulative { return index }
        }
        return max(0, shares.count - 1)
    }

    /// Total placed balance in cents.
    public var placedCents: Int64 { self.balance.reduce(0, +) }
}
