/// The fixed texts dun answers inbound keywords with.
///
/// - The opt-out confirmation says only that the request was received and will be honoured
///   (Reg F 1006.14(h)(2)(i), OQ-10): no program name, no debt content, no opt-back-in instructions,
///   no question about scope.
/// - The help reply names the program, a help contact, the message frequency, "Msg&data rates may apply"
///   and "Text STOP to cancel" (CTIA-HELP), and nothing about any debt (OQ-11).
public struct InboundReplies: Sendable, Hashable {
    /// The program or business name in the help reply.
    public var programName: String
    /// A toll-free number or website for help.
    public var helpContact: String
    /// The message-frequency statement, e.g. "up to 3 msgs/week".
    public var frequency: String

    /// Creates the replies for one program.
    public init(programName: String, helpContact: String, frequency: String) {
        self.programName = programName
        self.helpContact = helpContact
        self.frequency = frequency
    }

    /// The one opt-out confirmation.
    public static let optOutConfirmation = "We received your request to stop text messages and will honor it."

    /// The HELP/INFO reply.
    public var helpReply: String {
        "\(self.programName): for help contact \(self.helpContact). Msg frequency: \(self.frequency). "
            + "Msg&data rates may apply. Text STOP to cancel."
    }

    /// The reply for a command, before the sink's say-so; `nil` for none.
    public func reply(to command: InboundCommand) -> String? {
        switch command {
        case .optOut: Self.optOutConfirmation
        case .help: self.helpReply
        case .optIn, .other: nil
        }
    }
}
