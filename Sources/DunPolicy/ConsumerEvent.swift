public import DunCore

/// Something the consumer did or said that changes what the policy allows. Record it with
/// `ContactLedger.recordEvent(_:at:)` at the instant the collector received it.
public enum ConsumerEvent: Hashable, Sendable {
    /// The consumer opted out of a channel on one destination (STOP, unsubscribe). An SMS opt-out on a number
    /// also revokes TCPA consent for automated calls to it (T-01). Applies to every debt (comment 14(h)(1)-3).
    case optOut(Channel, destination: Int)
    /// The consumer opted back in on one destination (START or UNSTOP texted from that number: new consent,
    /// CTIA-STOP, recorded as consent for RF-6-SMS): lifts that destination's opt-out for the channel. A
    /// medium-wide opt-out (`optOutMedium`) stays, and so does the revocation of consent to automated calls
    /// that an SMS opt-out carried (T-01): START re-consents to texts only. A later `optOut` applies again.
    case optIn(Channel, destination: Int)
    /// The consumer asked the collector not to use a medium at all ("stop calling": every call and agent call;
    /// "no texts"; "no emails") (RF-14-MEDIA).
    case optOutMedium(Channel)
    /// Written cease or refusal to pay for every debt (RF-6-CEASE).
    case cease
    /// Written cease or refusal to pay for one debt (RF-6-CEASE: "with respect to such debt").
    case ceaseDebt(debtBucket: String)
    /// A written dispute (RF-38) — pauses every debt until `verificationSent`.
    case dispute
    case verificationSent
    /// A written dispute of one debt; pauses it until `verificationSentDebt`.
    case disputeDebt(debtBucket: String)
    case verificationSentDebt(debtBucket: String)
    /// An attorney with a known name and address represents the consumer for every debt (RF-6-ATTY).
    case attorney
    /// An attorney represents the consumer for one debt.
    case attorneyDebt(debtBucket: String)
    case bankruptcy
    case deceased
    /// A consumer-initiated contact (reply, inbound call); `conversation` when it was a call about a debt
    /// (starts RF-14-B). It allows one reply in the same medium despite an inconvenient-time designation,
    /// an attorney notice or a medium opt-out (comments 6(b)(1)-2, 6(b)(2)-1; 1006.14(h)(2)(ii)).
    case inbound(Channel, destination: Int, debtBucket: String, conversation: Bool)
    /// Consent to more calls about a debt, given directly (RF-14-EXCL), lasting until the given instant
    /// (and never beyond the seventh day counting the day of consent).
    case callConsent(debtBucket: String, until: UTCInstant)
    /// The consumer revoked a call consent (ends RF-14-EXCL early).
    case callConsentRevoked(debtBucket: String)
    /// The destination turned out to be someone else's: blocked for good (RF-6-3P), and calls already made to
    /// it stop counting toward the consumer's call frequency (comment 14(b)(2)(i)-3).
    case wrongNumber(destination: Int)
    /// The email address at `destination` turned out to be someone else's (RF-6-3P).
    case wrongAddress(destination: Int)
    /// The employer prohibits contact at work (RF-6-WORK).
    case employerProhibits
}
