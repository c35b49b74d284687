/// The contact rules the simulator enforces, with the ids of COMPLIANCE.md, in report order.
public enum DeferralRule: Int, CaseIterable, Sendable {
    /// More than 7 calls in 7 consecutive days (12 CFR 1006.14(b)(2)(i)(A)).
    case callFrequency
    /// Within 7 days after a telephone conversation (12 CFR 1006.14(b)(2)(i)(B)).
    case conversationQuiet
    /// Outside 08:00-21:00 at the consumer's location (12 CFR 1006.6(b)(1)(i)).
    case inconvenientTime
    /// Massachusetts: more than 2 calls or texts in 7 days (940 CMR 7.04(1)(f)).
    case massachusetts
    /// House ceiling: 3 SMS per 7 days.
    case houseSMS
    /// House ceiling: 5 emails per 7 days.
    case houseEmail

    /// The rule id of COMPLIANCE.md.
    public var id: String {
        switch self {
        case .callFrequency: "RF-14-A"
        case .conversationQuiet: "RF-14-B"
        case .inconvenientTime: "RF-6-TIME"
        case .massachusetts: "MA-940-7.04f"
        case .houseSMS: "HOUSE-SMS-7D"
        case .houseEmail: "HOUSE-EMAIL-7D"
        }
    }
}
