public import DunCore

/// A destination that may not be used on a medium: an opt-out applies to every debt and every account that
/// shares the destination (comment 14(h)(1)-3.ii; RF-6-OPTOUT).
public struct Suppression: Hashable, Sendable {
    /// What the suppression covers.
    public enum Medium: String, CaseIterable, Hashable, Sendable, Codable {
        case sms
        case email
        case call
        /// Every medium on this destination.
        case all

        /// Whether the suppression blocks `channel`.
        public func covers(_ channel: Channel) -> Bool {
            switch self {
            case .all: true
            case .sms: channel == .sms
            case .email: channel == .email
            case .call: channel.isTelephoneCall
            }
        }
    }

    /// E.164 number or email address.
    public var destination: String
    public var medium: Medium
    /// `sms_stop`, `email_unsubscribe`, `agent`, `cli`, `import`, ….
    public var source: String
    public var at: UTCInstant

    /// Creates a suppression.
    public init(destination: String, medium: Medium, source: String, at: UTCInstant) {
        self.destination = destination
        self.medium = medium
        self.source = source
        self.at = at
    }
}
