/// A campaign's own reason to stop an enrolment, on top of the law's stops (cease, dispute, attorney,
/// opt-out, bankruptcy, deceased), which always apply.
public enum StopRule: Hashable, Sendable {
    /// Stop when the balance is paid in full (always implied).
    case paidInFull
    /// Stop on any payment.
    case anyPayment
    /// Pause contact while a promise to pay is open (resume if it is broken).
    case openPromise
    /// Stop when the debtor replies on any channel.
    case reply
    /// Stop this many days after enrolment.
    case afterDays(Int)
    /// Stop after this many attempts in total.
    case afterAttempts(Int)
    /// Stop when the balance falls below this amount.
    case balanceBelow(Money)
}
