import CDunPrefetch
public import DunCore
public import DunPolicy

/// The scheduler as a sans-I/O state machine: it never reads a clock and never performs I/O.
///
/// The engine runs campaigns over accounts. Every input arrives through ``handle(_:at:into:)`` with the instant
/// it happened; the engine appends the actions the driver must perform (dispatch an attempt, record a deferral
/// or an ending, arm a wake-up) to a caller-owned buffer, so the hot path allocates nothing per event.
/// The simulator (virtual clock, simulated gateways) and the live runner (wall clock, real gateways) drive the
/// same engine.
///
/// Contract:
/// - Instants passed to `handle` never decrease.
/// - Due work is taken in (instant, priority, sequence) order; ties break by insertion sequence, never by
///   hash order. Priority is the campaign's `Priority` (default: highest balance first).
/// - Every candidate contact passes the campaign's window and blackout dates (in the debtor's home zone), then
///   `ContactPolicy.evaluate`, then the channel's capacity pool. A blocked contact is deferred to the next
///   permitted instant (never dropped) and re-evaluated then; a terminal block on every destination ends the
///   enrolment with the rule as reason.
/// - `.wake(at:)` is emitted whenever the earliest pending instant changes; `.timerFired` is idempotent.
///
/// ```swift
/// var engine = SchedulerEngine(campaigns: [campaign], configuration: EngineConfiguration(seed: 42))
/// let account = engine.addAccount(sampleAccount)
/// var actions: [EngineAction] = []
/// engine.handle(.enrol(account, campaign: 0), at: start, into: &actions)
/// // perform actions: .dispatch → send, later handle(.result(id, .delivered), at: …);
/// //                  .wake(at: t) → handle(.timerFired, at: t)
/// actions.removeAll(keepingCapacity: true)
/// ```
public struct SchedulerEngine: Sendable {
    /// The campaigns this engine runs, as given to `init`; `EngineInput.enrol` names one by index.
    public let campaigns: [Campaign]
    /// The configuration the engine was built with.
    public let configuration: EngineConfiguration

    let compiled: [CompiledCampaign]
    /// Per account: the cursor and the hot account fields, side by side (one place in memory per account).
    var states: [AccountState] = []
    var policyAccounts: [PolicyAccount] = []
    /// Per account: the debt bucket attempts are about (the first debt's; the account id when it has none).
    var debtBuckets: [String] = []
    /// Per account: the debt bucket as an `Attempt` holds it. Read only for a bucket longer than 15 bytes: a
    /// short one is packed from `debtBuckets[account]`, which the decision has already read (another
    /// per-account array would cost a cache miss per dispatch at a million accounts).
    var debtBucketTexts: [PackedText] = []
    var ledgers: [ContactLedger] = []
    /// Per account: the cursor's `generation`, while the engine has at most `generationMirrorLimit` accounts.
    /// Telling a stale timer from a live one then reads four bytes of a small array (a megabyte at the limit,
    /// which stays in the core's cache) instead of the account's state: when a timer comes first, its account's
    /// state is usually not in cache yet. Beyond the limit the copy would not stay in cache and its random
    /// writes cost more than they save (the engine benchmark at a million accounts lost a third of its decision
    /// rate with it), so it is dropped and the cursor is read.
    var timerGenerations: [UInt32] = []
    var mirrorsGenerations = true
    /// Resolved account shapes (zones and profiles), so that accounts of one shape are resolved once.
    var shapes = PolicyAccount.Shapes()
    var queue = DueQueue()
    var pools: [PoolState]
    /// Each pool's waiting line (same indices as `pools`).
    var lines: [PoolLine]
    /// Which pool serves each channel (index by `Channel` position), -1 for none.
    var poolOfChannel: [Int] = [-1, -1, -1, -1]
    var armedWake: UTCInstant?
    var sequence: UInt64 = 0
    var lastNow = UTCInstant.distantPast
    /// Counters about the engine's work.
    public internal(set) var statistics = EngineStatistics()

    /// Creates an engine for `campaigns`.
    ///
    /// - Parameters:
    ///   - campaigns: Validated campaigns (every step id resolves). `EngineInput.enrol` refers to them by index.
    ///   - configuration: Seed, contact policy and capacity pools.
    public init(campaigns: [Campaign], configuration: EngineConfiguration = EngineConfiguration()) {
        self.campaigns = campaigns
        self.configuration = configuration
        self.compiled = campaigns.map(CompiledCampaign.init)
        self.pools = configuration.pools.map(PoolState.init)
        self.lines = configuration.pools.map { _ in PoolLine() }
        for (index, pool) in configuration.pools.enumerated() {
            self.poolOfChannel[pool.channel.position] = index
        }
    }

    // MARK: - Accounts

    /// Reserves room for `count` accounts, so that adding them does not reallocate.
    ///
    /// The per-account arrays are read at random (in priority order), so large ones ask the kernel for huge
    /// pages: fewer TLB misses per decision (and fewer page faults as the queue's batch buffers fill). A hint
    /// only; nothing observable changes.
    public mutating func reserveAccounts(_ count: Int) {
        if count > Self.generationMirrorLimit { self.dropGenerationMirror() }
        if self.mirrorsGenerations { self.timerGenerations.reserveCapacity(count) }
        self.states.reserveCapacity(count)
        self.policyAccounts.reserveCapacity(count)
        self.debtBuckets.reserveCapacity(count)
        self.debtBucketTexts.reserveCapacity(count)
        self.ledgers.reserveCapacity(count)
        Self.adviseHugePages(&self.states)
        Self.adviseHugePages(&self.policyAccounts)
        Self.adviseHugePages(&self.debtBuckets)
        Self.adviseHugePages(&self.debtBucketTexts)
        Self.adviseHugePages(&self.ledgers)
        // Every account may fall due at the same instant (an 08:00 window opening), so the queue's batch buffers
        // are reserved for all of them too; pages are only touched as far as batches reach.
        self.queue.reserveCapacity(count)
        Self.adviseHugePages(&self.queue.batch)
        Self.adviseHugePages(&self.queue.sortScratch)
    }

    /// Asks for huge pages under the unused capacity of an array that was just reserved (see `reserveAccounts`).
    private static func adviseHugePages<Element>(_ array: inout [Element]) {
        let bytes = (array.capacity - array.count) * MemoryLayout<Element>.stride
        guard bytes >= 4 << 20 else { return }
        array.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            dun_advise_huge_pages(UnsafeMutableRawPointer(base + buffer.count), bytes)
        }
    }

    /// Registers an account and returns its dense index (0, 1, 2, … in call order).
    ///
    /// - Parameter account: The account; the engine resolves its zones and policy view once, here.
    /// - Returns: The index that inputs and actions use for this account.
    /// - Complexity: Amortized O(1) plus the account's size.
    @discardableResult
    public mutating func addAccount(_ account: consuming Account) -> AccountIndex {
        let index = AccountIndex(self.states.count)
        let bucket = account.debts.first?.bucket ?? account.id
        var record = AccountRecord(account, debtBucket: bucket)
        // The account's last use: it moves into the policy's view instead of being copied (a retain of each of
        // its strings and arrays, and a release of each when the parameter ends).
        let policyAccount = PolicyAccount(account, shapes: &self.shapes)
        record.zone = LocalZone.home(of: policyAccount)
        self.states.append(AccountState(cursor: EnrolmentCursor(), record: record))
        self.policyAccounts.append(policyAccount)
        self.debtBuckets.append(bucket)
        self.debtBucketTexts.append(PackedText(bucket))
        self.ledgers.append(ContactLedger(for: policyAccount))
        if self.mirrorsGenerations {
            if self.timerGenerations.count < Self.generationMirrorLimit {
                self.timerGenerations.append(EnrolmentCursor().generation)
            } else {
                self.dropGenerationMirror()
            }
        }
        return index
    }

    /// The most accounts for which `timerGenerations` is kept (a megabyte of generations).
    static let generationMirrorLimit = 1 << 18

    private mutating func dropGenerationMirror() {
        self.mirrorsGenerations = false
        self.timerGenerations = []
    }

    /// Records the account's new cursor generation in `timerGenerations` (when it is kept).
    @inline(__always)
    mutating func mirrorGeneration(_ account: Int, _ generation: UInt32) {
        if self.mirrorsGenerations { self.timerGenerations[account] = generation }
    }

    /// The number of registered accounts.
    public var accountCount: Int { self.states.count }

    /// The account stored at `index`.
    public func account(_ index: AccountIndex) -> Account {
        self.policyAccounts[index.position].account
    }

    /// The contact ledger the policy keeps for the account (what has been sent, results, consumer events).
    public func ledger(_ index: AccountIndex) -> ContactLedger {
        self.ledgers[index.position]
    }

    /// The account's enrolment, or nil when it was never enrolled.
    public func enrolment(of index: AccountIndex) -> Enrolment? {
        self.states[index.position].cursor.snapshot
    }

    /// The instant of the earliest pending work (the wake-up the driver should have armed), if any.
    public var nextWake: UTCInstant? { self.armedWake }

    // MARK: - Inputs

    /// Handles one input at `now` and appends the resulting actions to `actions`.
    ///
    /// The engine first applies the input, then takes every queued item due at or before `now` in
    /// (instant, priority, sequence) order, and finally appends `.wake(at:)` if the earliest pending instant
    /// changed. `actions` is not cleared: the driver owns the buffer and reuses it.
    ///
    /// - Parameters:
    ///   - input: What happened.
    ///   - now: When it happened. Must not be earlier than the instant of the previous call.
    ///   - actions: The driver's buffer; actions are appended in the order they must be performed.
    public mutating func handle(_ input: EngineInput, at now: UTCInstant, into actions: inout [EngineAction]) {
        precondition(now >= self.lastNow, "engine time went backwards: \(now) < \(self.lastNow)")
        self.lastNow = now
        self.apply(input, at: now, into: &actions)
        let front = self.runDue(at: now, into: &actions)
        self.rearm(from: front, into: &actions)
        #if DUN_INTERNAL_CHECKS
        self.checkInvariants()
        #endif
    }

    /// Asks the cache for the memory that handling `input` will read first (the account's cursor, hot fields and
    /// contact ledger). A hint only: it changes no state and no output. A driver that holds several inputs (a
    /// batch of results, a simulator's event queue) calls it a few inputs ahead of `handle`, so that the cache
    /// misses of consecutive inputs overlap.
    public func prefetch(_ input: EngineInput) {
        let account: Int
        var bucket = true
        switch input {
        case .result(let id, _), .gatewayRetry(let id, _):
            // Recording a result does not read the bucket string (see `receiveResult`).
            account = id.account.position
            bucket = false
        case .enrol(let index, _), .reply(let index, _, _), .payment(let index, _), .promise(let index, _, _),
            .consumerEvent(let index, _), .withdraw(let index, _):
            account = index.position
        case .timerFired: return
        }
        guard account >= 0, account < self.states.count else { return }
        self.prefetch(account, bucket: bucket)
    }

    /// The enrolment first in the waiting line of the capacity pool for `channel`, if any: usually the next one
    /// that pool serves, when its next seat frees. A hint for a driver that prefetches its own memory for the
    /// account (the line may hold an enrolment that has since ended or moved on; nothing is promised).
    public func firstInLine(for channel: Channel) -> AccountIndex? {
        let pool = self.poolOfChannel[channel.position]
        guard pool >= 0, let top = self.lines[pool].waiters.min else { return nil }
        return AccountIndex(Int(top.owner))
    }

    /// Handles one input at `now` and returns the actions (allocates; for tests and tools).
    ///
    /// - Parameters:
    ///   - input: What happened.
    ///   - now: When it happened.
    /// - Returns: The actions, in the order they must be performed.
    public mutating func handle(_ input: EngineInput, at now: UTCInstant) -> [EngineAction] {
        var actions: [EngineAction] = []
        self.handle(input, at: now, into: &actions)
        return actions
    }

    /// Bytes of per-account engine state: the campaign cursor plus the policy's contact ledger (inline sizes;
    /// heap storage the ledger may own is not included).
    public static var stateBytesPerAccount: Int {
        MemoryLayout<EnrolmentCursor>.stride + MemoryLayout<ContactLedger>.stride
    }

    /// Bytes of the campaign cursor alone (`MemoryLayout.stride`).
    public static var cursorBytes: Int { MemoryLayout<EnrolmentCursor>.stride }

    /// Bytes of the hot account fields kept next to the cursor (zone, balance, hash; not per-account *state*,
    /// but memory the engine holds per account besides the `Account` itself).
    public static var accountRecordBytes: Int { MemoryLayout<AccountRecord>.stride }

    /// Bytes of the policy's contact ledger (`MemoryLayout.stride`).
    public static var ledgerBytes: Int { MemoryLayout<ContactLedger>.stride }
}

extension Channel {
    /// The channel at `position` in `Channel.allCases` (the inverse of `position`).
    init(position: Int) {
        switch position {
        case 0: self = .sms
        case 1: self = .email
        case 2: self = .call
        default: self = .agentCall
        }
    }

    /// The channel's position in `Channel.allCases`, for dense per-channel tables.
    var position: Int {
        switch self {
        case .sms: 0
        case .email: 1
        case .call: 2
        case .agentCall: 3
        }
    }
}
