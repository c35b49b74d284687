/// A campaign's own contact limits. Each is optional (nil: the policy's ceiling applies unchanged) and can
/// only tighten: validation rejects a value above the ceiling in `DunPolicy`'s house limits, naming the rule.
public struct CampaignLimits: Hashable, Sendable {
    public var callsPerDay: Int?
    public var callsPer7Days: Int?
    public var smsPerDay: Int?
    public var smsPer7Days: Int?
    public var emailsPerDay: Int?
    public var emailsPer7Days: Int?
    /// All channels together.
    public var contactsPerDay: Int?
    /// All channels together.
    public var contactsPer7Days: Int?
    /// The minimum gap between any two attempts to the account, in seconds.
    public var minimumGapSeconds: Int64?

    public init(
        callsPerDay: Int? = nil,
        callsPer7Days: Int? = nil,
        smsPerDay: Int? = nil,
        smsPer7Days: Int? = nil,
        emailsPerDay: Int? = nil,
        emailsPer7Days: Int? = nil,
        contactsPerDay: Int? = nil,
        contactsPer7Days: Int? = nil,
        minimumGapSeconds: Int64? = nil
    ) {
        self.callsPerDay = callsPerDay
        self.callsPer7Days = callsPer7Days
        self.smsPerDay = smsPerDay
        self.smsPer7Days = smsPer7Days
        self.emailsPerDay = emailsPerDay
        self.emailsPer7Days = emailsPer7Days
        self.contactsPerDay = contactsPerDay
        self.contactsPer7Days = contactsPer7Days
        self.minimumGapSeconds = minimumGapSeconds
    }
}
