/// Which accounts a campaign applies to. Every set criterion must hold; an empty list means "any".
public struct Audience: Hashable, Sendable {
    public var balanceMin: Money?
    public var balanceMax: Money?
    public var daysPastDueMin: Int?
    public var daysPastDueMax: Int?
    /// ISO 3166-1 alpha-2 codes.
    public var countries: [String]
    /// State or region codes.
    public var states: [String]
    /// The account must carry at least one of these segment tags.
    public var segments: [String]
    /// The account must carry none of these segment tags.
    public var excludedSegments: [String]
    public var languages: [String]
    /// The account must have a destination for every one of these channels.
    public var requiredChannels: [Channel]

    public init(
        balanceMin: Money? = nil,
        balanceMax: Money? = nil,
        daysPastDueMin: Int? = nil,
        daysPastDueMax: Int? = nil,
        countries: [String] = [],
        states: [String] = [],
        segments: [String] = [],
        excludedSegments: [String] = [],
        languages: [String] = [],
        requiredChannels: [Channel] = []
    ) {
        self.balanceMin = balanceMin
        self.balanceMax = balanceMax
        self.daysPastDueMin = daysPastDueMin
        self.daysPastDueMax = daysPastDueMax
        self.countries = countries
        self.states = states
        self.segments = segments
        self.excludedSegments = excludedSegments
        self.languages = languages
        self.requiredChannels = requiredChannels
    }

    /// Whether `account` falls within the audience.
    public func matches(_ account: Account) -> Bool {
        let balance = account.balance
        let dpd = account.daysPastDue
        if let minimum = self.balanceMin, balance < minimum { return false }
        if let maximum = self.balanceMax, balance > maximum { return false }
        if let minimum = self.daysPastDueMin, dpd < minimum { return false }
        if let maximum = self.daysPastDueMax, dpd > maximum { return false }
        if !self.countries.isEmpty, !self.countries.contains(account.address.country) { return false }
        if !self.states.isEmpty, !self.states.contains(account.address.state) { return false }
        if !self.segments.isEmpty, !self.segments.contains(where: account.segments.contains) { return false }
        if self.excludedSegments.contains(where: account.segments.contains) { return false }
        if !self.languages.isEmpty, !self.languages.contains(account.language) { return false }
        let available = account.availableChannels
        return self.requiredChannels.allSatisfy(available.contains)
    }
}
