public import DunCore

/// A contact that a campaign, an operator or a test proposes.
public struct ContactCandidate: Hashable, Sendable {
    public var channel: Channel
    /// Index into the account's `phones` (sms, call, agent_call) or `emails` (email).
    public var destination: Int
    /// The Reg F debt bucket the contact is about (RF-14-DEBT).
    public var debtBucket: String
    public var at: UTCInstant

    /// Inlinable: the engine builds one per decision and per recorded attempt and result.
    @inlinable
    public init(channel: Channel, destination: Int, debtBucket: String, at: UTCInstant) {
        self.channel = channel
        self.destination = destination
        self.debtBucket = debtBucket
        self.at = at
    }
}
