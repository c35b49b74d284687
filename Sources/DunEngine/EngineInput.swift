public import DunCore
public import DunPolicy

/// Everything that can happen to the scheduler. The driver hands each input to
/// `SchedulerEngine.handle(_:at:into:)` together with the instant it happened.
public enum EngineInput: Sendable, Equatable {
    /// Enrols an account in a campaign (an index into `SchedulerEngine.campaigns`). The variant is drawn from
    /// `(seed, account id)`, so it is sticky per account and the same in every process. An account has at
    /// most one enrolment: enrolling again ends the current one first (reason `re-enrolled`). An account
    /// outside the campaign's audience is not enrolled (an `.end` with reason `not in audience`).
    case enrol(AccountIndex, campaign: Int)
    /// "Look at what is due now." Carries no payload and is idempotent: an early, stale or duplicate wake-up
    /// is harmless (the engine re-arms with `.wake(at:)` when something is still pending).
    case timerFired
    /// The result of a dispatched attempt. A result for an unknown or already-answered attempt is ignored.
    case result(AttemptID, AttemptResult)
    /// The consumer replied (an inbound message or call) on a channel and destination. Forwarded to the ledger
    /// as `ConsumerEvent.inbound`; the enrolment's last outcome becomes `.replied` (routes, branches and the
    /// `reply` stop rule see it).
    case reply(AccountIndex, channel: Channel, destination: Int)
    /// A payment was received. When the payments cover the balance the enrolment ends (`paid in full`);
    /// otherwise the last outcome becomes `.paidPartial`.
    case payment(AccountIndex, amount: Money)
    /// The consumer promised to pay `amount` by `due`. The last outcome becomes `.promised`; when `due` passes
    /// and less than `amount` has been paid since the promise, the promise is broken (`.brokePromise`).
    case promise(AccountIndex, amount: Money, due: UTCInstant)
    /// Something the consumer did or said that the law cares about (cease, dispute, attorney, opt-out, …).
    /// Forwarded to the ledger; cease, attorney, bankruptcy and deceased end the enrolment, a dispute pauses it
    /// until `verificationSent`.
    case consumerEvent(AccountIndex, ConsumerEvent)
    /// Ends the account's enrolment for an operator reason (no effect when it has none).
    case withdraw(AccountIndex, reason: String)
    /// The gateway did not take a dispatched attempt (5xx, 429, a timeout it never received): nothing reached
    /// the consumer. The attempt's result is recorded as `.failed` in the ledger (not connected) and the step
    /// becomes due again at `due`, where the window, the policy and capacity judge it like any other contact
    /// (a new attempt with a new id). It does not use up the step's own retries. Ignored for an unknown or
    /// answered attempt.
    case gatewayRetry(AttemptID, due: UTCInstant)
}
