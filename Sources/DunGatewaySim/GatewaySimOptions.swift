/// How `dun gateway-sim` runs: ports, callbacks, credentials, seed, faults and the behaviour model.
public struct GatewaySimOptions: Sendable {
    /// The address to bind; loopback only by default.
    public var host: String
    /// The HTTP port (Twilio-compatible API); 0 picks a free one.
    public var httpPort: Int
    /// The SMTP port; 0 picks a free one; `nil` runs no SMTP server.
    public var smtpPort: Int?
    /// The webhook server's base URL (`http://127.0.0.1:8081`); callbacks go to its `/twilio/...` routes
    /// unless a send named its own `StatusCallback`. `nil` sends no callbacks.
    public var webhookBaseURL: String?
    /// The auth token: the basic-auth password clients must present, and the key callbacks are signed with.
    public var authToken: String
    /// The seed of every random draw (faults, outcomes, replies).
    public var seed: UInt64
    /// The share of API requests answered 500 without accepting anything.
    public var fault5xx: Double
    /// The share of API requests that stall past the client's time limit; half of them accept the message
    /// before stalling (an attempt in doubt), half do not.
    public var faultTimeout: Double
    /// The share of API requests answered 429 with `Retry-After`.
    public var fault429: Double
    /// The `Retry-After` seconds on a 429.
    public var retryAfterSeconds: Int
    /// How long a stalled request waits before answering, in milliseconds.
    public var stallMilliseconds: Int64
    /// How long the API waits after accepting a message or call before it answers, in milliseconds (0: at
    /// once). Keeps sends in flight, so a crash test's SIGKILL can land between `dispatching` and `sent`.
    public var answerDelayMilliseconds: Int64
    /// The delay before a status callback, in milliseconds.
    public var callbackDelayMilliseconds: Int64
    /// How many times a callback is tried when the webhook server refuses the connection, times out or
    /// answers 5xx (1: no retry).
    public var callbackTries: Int
    /// The pause between callback tries, in milliseconds.
    public var callbackRetryMilliseconds: Int64
    /// Where to append the JSON-lines log of accepted messages; `nil` keeps it in memory only.
    public var logPath: String?
    /// The debtor behaviour behind callbacks.
    public var behaviour: GatewaySimBehaviour

    /// Creates options; the defaults run a well-behaved gateway with no faults.
    public init(
        host: String = "127.0.0.1",
        httpPort: Int = 8090,
        smtpPort: Int? = 2525,
        webhookBaseURL: String? = nil,
        authToken: String = "sandbox-token",
        seed: UInt64 = 1,
        fault5xx: Double = 0,
        faultTimeout: Double = 0,
        fault429: Double = 0,
        retryAfterSeconds: Int = 1,
        stallMilliseconds: Int64 = 3_000,
        answerDelayMilliseconds: Int64 = 0,
        callbackDelayMilliseconds: Int64 = 200,
        callbackTries: Int = 30,
        callbackRetryMilliseconds: Int64 = 500,
        logPath: String? = nil,
        behaviour: GatewaySimBehaviour = GatewaySimBehaviour()
    ) {
        self.host = host
        self.httpPort = httpPort
        self.smtpPort = smtpPort
        self.webhookBaseURL = webhookBaseURL
        self.authToken = authToken
        self.seed = seed
        self.fault5xx = fault5xx
        self.faultTimeout = faultTimeout
        self.fault429 = fault429
        self.retryAfterSeconds = retryAfterSeconds
        self.stallMilliseconds = stallMilliseconds
        self.answerDelayMilliseconds = answerDelayMilliseconds
        self.callbackDelayMilliseconds = callbackDelayMilliseconds
        self.callbackTries = callbackTries
        self.callbackRetryMilliseconds = callbackRetryMilliseconds
        self.logPath = logPath
        self.behaviour = behaviour
    }
}

/// The sim's stand-in for debtors: simple shares drawn per accepted message or call.
///
/// Every number here is an **assumption** (round figures to exercise the code paths), not calibrated data;
/// the simulator's behaviour model (SIMULATION.md) is meant to replace it.
public struct GatewaySimBehaviour: Sendable, Hashable {
    /// Share of SMS reported `delivered` (the rest `undelivered`). Assumption: 0.95.
    public var smsDelivered: Double
    /// Share of delivered SMS the debtor answers at all. Assumption: 0.10.
    public var smsReply: Double
    /// Of the answers: share that is STOP (the rest splits between HELP and free text). Assumption: 0.30.
    public var replyStop: Double
    /// Of the answers: share that is HELP. Assumption: 0.10.
    public var replyHelp: Double
    /// Call outcome shares, in order human answer, machine, no answer, busy, failed; they sum to 1.
    /// Assumption: 0.25, 0.35, 0.25, 0.10, 0.05.
    public var callOutcomes: [Double]

    /// Creates a behaviour with the assumed defaults.
    public init(
        smsDelivered: Double = 0.95,
        smsReply: Double = 0.10,
        replyStop: Double = 0.30,
        replyHelp: Double = 0.10,
        callOutcomes: [Double] = [0.25, 0.35, 0.25, 0.10, 0.05]
    ) {
        self.smsDelivered = smsDelivered
        self.smsReply = smsReply
        self.replyStop = replyStop
        self.replyHelp = replyHelp
        self.callOutcomes = callOutcomes
    }
}
