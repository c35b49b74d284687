public import DunCore

/// A number a campaign limit may not exceed, with the rule that sets it.
public struct LimitCeiling: Hashable, Sendable {
    public var value: Int
    public var rule: String
    public var citation: String

    public init(value: Int, rule: String, citation: String) {
        self.value = value
        self.rule = rule
        self.citation = citation
    }
}

/// The campaign limit fields that have a ceiling.
public enum LimitField: String, Hashable, Sendable, CaseIterable {
    case callsPerDay = "calls_per_day"
    case callsPer7Days = "calls_per_7_days"
    case smsPerDay = "sms_per_day"
    case smsPer7Days = "sms_per_7_days"
    case emailsPerDay = "emails_per_day"
    case emailsPer7Days = "emails_per_7_days"
    case contactsPerDay = "contacts_per_day"
    case contactsPer7Days = "contacts_per_7_days"

    /// The ceiling that the house limits and the law set for this field (COMPLIANCE.md, OQ-4 decisions and
    /// RF-14-A). A campaign may set any value at or below it.
    public var ceiling: LimitCeiling {
        switch self {
        case .callsPerDay:
            LimitCeiling(value: 2, rule: "HOUSE-CALL-DAY", citation: "house policy (COMPLIANCE.md OQ-4; RF-14-REBUT)")
        case .callsPer7Days:
            LimitCeiling(value: 7, rule: "RF-14-A", citation: "12 CFR 1006.14(b)(2)(i)(A)")
        case .smsPerDay:
            LimitCeiling(value: 1, rule: "HOUSE-SMS-DAY", citation: "house policy (COMPLIANCE.md OQ-4; RF-14-GEN)")
        case .smsPer7Days:
            LimitCeiling(value: 3, rule: "HOUSE-SMS-7D", citation: "house policy (COMPLIANCE.md OQ-4; RF-14-GEN)")
        case .emailsPerDay:
            LimitCeiling(value: 1, rule: "HOUSE-EMAIL-DAY", citation: "house policy (COMPLIANCE.md OQ-4; RF-14-GEN)")
        case .emailsPer7Days:
            LimitCeiling(value: 5, rule: "HOUSE-EMAIL-7D", citation: "house policy (COMPLIANCE.md OQ-4; RF-14-GEN)")
        case .contactsPerDay:
            // Calls 2 + SMS 1 + email 1: the per-channel daily ceilings together.
            LimitCeiling(value: 4, rule: "HOUSE-ALL-DAY", citation: "house policy (COMPLIANCE.md OQ-4; RF-14-GEN)")
        case .contactsPer7Days:
            LimitCeiling(value: 10, rule: "HOUSE-ALL-7D", citation: "house policy (COMPLIANCE.md OQ-4; RF-14-GEN)")
        }
    }

    /// The value a campaign set for this field, if any.
    public func value(in limits: CampaignLimits) -> Int? {
        switch self {
        case .callsPerDay: limits.callsPerDay
        case .callsPer7Days: limits.callsPer7Days
        case .smsPerDay: limits.smsPerDay
        case .smsPer7Days: limits.smsPer7Days
        case .emailsPerDay: limits.emailsPerDay
        case .emailsPer7Days: limits.emailsPer7Days
        case .contactsPerDay: limits.contactsPerDay
        case .contactsPer7Days: limits.contactsPer7Days
        }
    }

    /// The minimum gap between two calls to the same person that the house requires, in seconds (OQ-4).
    public static let minimumCallGapSeconds: Int64 = 7_200
}
