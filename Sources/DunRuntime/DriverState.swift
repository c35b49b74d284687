import DunCore
import DunEngine
import DunGateways
import DunStore

/// The live driver's private state: owned by its loop task alone, never shared.
struct DriverState {
    /// An attempt the engine dispatched that has no final answer yet.
    struct OpenAttempt {
        var attempt: Attempt
        var planned: PlannedAttempt
        /// The gateway's id once it accepted the attempt.
        var gatewayMessageID: String?
    }

    /// A result webhook for a message id the driver does not know yet (it can overtake the send's answer).
    struct ParkedResult {
        var result: AttemptResult
        var reply: WebhookReply
        var expiresAtMilliseconds: Int64
    }

    /// A number's owner: the account and the phone's position in it.
    struct PhoneOwner {
        var account: AccountIndex
        var position: Int
    }

    var engine: SchedulerEngine
    var sequence: Int64 = 0
    var now: UTCInstant
    var actions: [EngineAction] = []
    var accounts: [Account] = []
    var indexByID: [String: AccountIndex] = [:]
    var phoneOwners: [String: [PhoneOwner]] = [:]
    var smsSuppressed: Set<String> = []
    var open: [AttemptID: OpenAttempt] = [:]
    var idByMessageID: [String: AttemptID] = [:]
    var keyByMessageID: [String: AttemptKey] = [:]
    var gatewayFailures: [AccountIndex: Int] = [:]
    var parked: [String: [ParkedResult]] = [:]
    var seenInbound: Set<String> = []
    /// Inputs to hand the engine in the next turn (enrolments of new accounts at start).
    var startInputs: [EngineInput] = []
    /// Account snapshots to journal in the next turn (new accounts at start), in index order.
    var newAccounts: [Account] = []
    /// Lookups to start in the next turn (attempts in doubt found at restart).
    var startLookups: [AttemptID] = []
    /// The audit-log sequence up to which other processes' writes have been turned into inputs.
    var auditHighWater: Int64 = 0
    var lastFeedSecond: Int64 = .min
    var sendsInFlight = 0
    /// Committed attempts waiting for a free send slot (at most `maxSendsInFlight` are with the gateway at once),
    /// in dispatch order; `waitingHead` is the next to start.
    var waitingSends: [(attempt: Attempt, planned: PlannedAttempt)] = []
    var waitingHead = 0
    /// Sends started or waiting that have no answer yet.
    var unanswered: Int { self.sendsInFlight + self.waitingSends.count - self.waitingHead }
    var shuttingDown = false
    var shutdownDeadlineMilliseconds: Int64 = .max
    var lastHeartbeatSecond: Int64 = .min
    var timer: Task<Void, Never>?
    var timerDeadline: UTCInstant?
    /// Counters for the turn report.
    var dispatchedTotal = 0

    init(engine: SchedulerEngine, now: UTCInstant) {
        self.engine = engine
        self.now = now
        self.actions.reserveCapacity(256)
    }

    /// Registers an account with the engine and the driver's indexes.
    mutating func add(_ account: Account) -> AccountIndex {
        let index = self.engine.addAccount(account)
        self.accounts.append(account)
        self.indexByID[account.id] = index
        for (position, phone) in account.phones.enumerated() {
            self.phoneOwners[phone.number, default: []].append(PhoneOwner(account: index, position: position))
        }
        return index
    }
}
