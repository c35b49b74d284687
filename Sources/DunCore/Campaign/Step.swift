/// One step of a campaign: a contact on a channel, a branch, or the end.
public struct Step: Hashable, Sendable {
    public var id: String
    public var action: StepAction
    /// When the step falls due.
    public var timing: StepTiming
    /// The step's own preferred window; nil uses the campaign's.
    public var window: SendWindow?
    public var retry: RetryPolicy
    /// Which results complete a contact step; other results are retried while retries remain.
    public var completeOn: [Completion]
    /// Where each outcome leads; an outcome without a route continues at `next`.
    public var routes: [OutcomeRoute]
    /// Where the step leads when no route applies; nil means the following step in the file (or the end).
    public var next: StepTarget?
    /// Where the step was written, for diagnostics and traces.
    public var location: SourceLocation

    public init(
        id: String,
        action: StepAction,
        timing: StepTiming = .immediately,
        window: SendWindow? = nil,
        retry: RetryPolicy = RetryPolicy(),
        completeOn: [Completion] = [],
        routes: [OutcomeRoute] = [],
        next: StepTarget? = nil,
        location: SourceLocation = SourceLocation(line: 0, column: 0)
    ) {
        self.id = id
        self.action = action
        self.timing = timing
        self.window = window
        self.retry = retry
        self.completeOn = completeOn
        self.routes = routes
        self.next = next
        self.location = location
    }

    /// The channel of a contact step.
    public var channel: Channel? {
        if case .contact(let channel, _) = self.action { return channel }
        return nil
    }
}

/// What a step does.
public enum StepAction: Hashable, Sendable {
    /// Contact the debtor on `channel` with a template (SMS, email, voice message) or call script (agent).
    case contact(Channel, template: String)
    /// Choose the next step from account attributes and outcomes; the first rule that holds wins.
    case branch([BranchRule], otherwise: StepTarget)
    /// End the enrolment with a reason.
    case end(reason: String)
}

/// When a step falls due.
public enum StepTiming: Hashable, Sendable {
    /// As soon as the previous step is done (the send window still applies).
    case immediately
    /// On day N after enrolment (day 0 is the enrolment day), at the window's opening.
    case day(Int)
    /// A wait of this many seconds after the previous step is done.
    case after(seconds: Int64)
}

/// Retries of a contact step whose result did not complete it.
public struct RetryPolicy: Hashable, Sendable {
    /// How many more attempts after the first (0: no retry).
    public var count: Int
    /// The wait between attempts, in seconds.
    public var spacingSeconds: Int64

    public init(count: Int = 0, spacingSeconds: Int64 = 86_400) {
        self.count = count
        self.spacingSeconds = spacingSeconds
    }
}

/// A result that completes a contact step.
public enum Completion: String, Hashable, Sendable, CaseIterable {
    /// An electronic message was delivered.
    case delivered
    /// A call was answered (anyone) or reached voicemail.
    case answered
    /// A right-party conversation took place.
    case conversation
    /// The destination failed permanently (bounce, not in service, wrong number): retrying is pointless.
    case permanentFailure = "permanent_failure"
}

/// An outcome that a step can route on.
public enum StepOutcome: String, Hashable, Sendable, CaseIterable {
    /// The step's attempts ended with no reply, promise or payment.
    case noResponse = "no_response"
    case delivered
    case answered
    case conversation
    case replied
    case promised
    case brokePromise = "broke_promise"
    case paidPartial = "paid_partial"
    case paidInFull = "paid_in_full"
    case bounced
    case wrongNumber = "wrong_number"
}

/// Where an outcome leads.
public struct OutcomeRoute: Hashable, Sendable {
    public var outcome: StepOutcome
    public var target: StepTarget

    public init(outcome: StepOutcome, target: StepTarget) {
        self.outcome = outcome
        self.target = target
    }
}

/// A destination in the step graph.
public enum StepTarget: Hashable, Sendable {
    /// The step with this id.
    case step(String)
    /// End the enrolment (the campaign's work for this account is done).
    case stop
}

/// One rule of a branch step: when every condition holds, go to `target`.
public struct BranchRule: Hashable, Sendable {
    public var conditions: [Condition]
    public var target: StepTarget

    public init(conditions: [Condition], target: StepTarget) {
        self.conditions = conditions
        self.target = target
    }
}

/// A test on the account or its history, for branches.
public enum Condition: Hashable, Sendable {
    case balanceAtLeast(Money)
    case balanceBelow(Money)
    case daysPastDueAtLeast(Int)
    case daysPastDueBelow(Int)
    case hasChannel(Channel)
    case lacksChannel(Channel)
    case segment(String)
    case language(String)
    case state(String)
    /// The most recent outcome of the enrolment is this one.
    case lastOutcome(StepOutcome)
}
