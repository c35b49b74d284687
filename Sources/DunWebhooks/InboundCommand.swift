/// What an inbound text asks for, by keyword (TCPA-REVOKE, CTIA-STOP, CTIA-HELP).
public enum InboundCommand: Sendable, Hashable, Codable {
    /// A revocation keyword: suppress the number at once and confirm once (RF-14-MEDIA, TCPA-CONF).
    case optOut(keyword: String)
    /// HELP or INFO: answer with the help reply (no debt content; any hour, OQ-11).
    case help(keyword: String)
    /// START or UNSTOP: the person opts back in; record new consent.
    case optIn(keyword: String)
    /// Anything else: free text for a person (or a classifier) to read.
    case other

    /// The revocation keywords: the TCPA list, the CTIA list, STOPALL and REMOVE (CTIA-STOP).
    public static let optOutKeywords: [String] = [
        "STOP", "QUIT", "END", "REVOKE", "OPT OUT", "CANCEL", "UNSUBSCRIBE", "STOPALL", "REMOVE",
    ]
    /// The help keywords (CTIA-HELP).
    public static let helpKeywords: [String] = ["HELP", "INFO"]
    /// The opt-in keywords (CTIA-STOP).
    public static let optInKeywords: [String] = ["START", "UNSTOP"]

    /// Classifies a whole inbound message: case-insensitive, after trimming white space (and a trailing
    /// period or exclamation mark); inner runs of white space count as one space, so "opt   out" matches.
    ///
    /// A keyword must be the whole message: "please stop texting" is `.other` and goes to review
    /// (TCPA-REVOKE asks to classify free text too; that is a later, non-keyword step).
    public static func classify(_ text: String) -> InboundCommand {
        let words = text.uppercased().split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        var normalized = words.joined(separator: " ")
        while let last = normalized.last, last == "." || last == "!" {
            normalized.removeLast()
        }
        if self.optOutKeywords.contains(normalized) { return .optOut(keyword: normalized) }
        if self.helpKeywords.contains(normalized) { return .help(keyword: normalized) }
        if self.optInKeywords.contains(normalized) { return .optIn(keyword: normalized) }
        return .other
    }
}
