/// A message template or call script.
public struct Template: Hashable, Sendable {
    public var id: String
    public var channel: Channel
    /// BCP-47 primary language tag.
    public var language: String
    /// Email subject line (email only).
    public var subject: String?
    /// The text, with `{placeholder}` fields.
    public var body: String
    public var location: SourceLocation

    public init(
        id: String,
        channel: Channel,
        language: String = "en",
        subject: String? = nil,
        body: String,
        location: SourceLocation = SourceLocation(line: 0, column: 0)
    ) {
        self.id = id
        self.channel = channel
        self.language = language
        self.subject = subject
        self.body = body
        self.location = location
    }
}
