/// A medium through which dun contacts a debtor.
public enum Channel: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    /// A text message.
    case sms
    /// An email.
    case email
    /// An automated voice call (prerecorded or AI voice); a telephone call under Reg F.
    case call
    /// A call placed by a human agent; a telephone call under Reg F, bound by agent seats.
    case agentCall = "agent_call"

    /// Whether Reg F counts this medium as "placing a telephone call" (comment 14(b)-1).
    public var isTelephoneCall: Bool {
        self == .call || self == .agentCall
    }

    /// Whether this is an electronic message that needs an opt-out statement (12 CFR 1006.6(e)).
    public var isElectronicMessage: Bool {
        self == .sms || self == .email
    }

    /// The kind of destination the channel needs.
    public var destinationKind: DestinationKind {
        switch self {
        case .sms, .call, .agentCall: .phone
        case .email: .email
        }
    }

    public static func < (lhs: Channel, rhs: Channel) -> Bool {
        Channel.allCases.firstIndex(of: lhs)! < Channel.allCases.firstIndex(of: rhs)!
    }
}

/// Whether a destination is a phone number or an email address.
public enum DestinationKind: String, Hashable, Sendable, Codable {
    case phone
    case email
}
