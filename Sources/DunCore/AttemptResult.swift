/// What a gateway or an agent reports about one attempt.
///
/// Call results follow Reg F's "connected" test (RF-14-CALL): `answered`, `conversation`, `noAnswer`,
/// `voicemail` and `limitedContentMessage` connected and count; `busy` and `notInService` did not connect
/// and never count.
public enum AttemptResult: String, CaseIterable, Hashable, Sendable, Codable {
    /// An electronic message was accepted by the recipient's provider.
    case delivered
    /// The attempt failed before reaching anyone (a bounce, an invalid number, a gateway refusal).
    case failed
    /// A call was answered (by someone) but no conversation about the debt followed; it may have dropped.
    case answered
    /// A call got a busy signal.
    case busy
    /// The dialed number is not in service (SIT tone).
    case notInService = "not_in_service"
    /// A call rang with nobody answering.
    case noAnswer = "no_answer"
    /// A call reached voicemail or a recording, whether or not a message was left.
    case voicemail
    /// A limited-content message (12 CFR 1006.2(j)) was left.
    case limitedContentMessage = "limited_content_message"
    /// A telephone conversation with the debtor about the debt took place.
    case conversation
    /// The number or address turned out to belong to someone else.
    case wrongNumber = "wrong_number"

    /// Whether a telephone call with this result connected (12 CFR 1006.14(b)(3)(ii), comment 14(b)(3)(ii)-1).
    public var connected: Bool {
        switch self {
        case .busy, .notInService, .failed: false
        default: true
        }
    }
}
