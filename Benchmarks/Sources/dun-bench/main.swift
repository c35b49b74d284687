import DunCore
import DunEngine
import DunPolicy
import HeapModule

#if canImport(Glibc)
import Glibc
#endif

// dun-bench: the engine's performance figures for BENCHMARKS.md. Every figure is the median of several runs,
// measured here; nothing is extrapolated.
//
//   dun-bench [--accounts N] [--days N] [--runs N] [--queue-size N] [--queue-ops N]

#if DUN_INTERNAL_CHECKS
fatalError("dun-bench refuses to run with DUN_INTERNAL_CHECKS: the checks are O(accounts) per input")
#endif

struct Options {
    var accounts = 1_000_000
    var days = 14
    var runs = 5
    var queueSize = 1_000_000
    var queueOperations = 5_000_000

    static let usage = "usage: dun-bench [--accounts N] [--days N] [--runs N] [--queue-size N] [--queue-ops N]"

    /// Bad arguments: say what was expected on standard error and exit with status 2 (no stack trace).
    static func fail(_ message: String) -> Never {
        let text = "dun-bench: error: \(message)\n\(Self.usage)\n"
        _ = text.withCString { write(2, $0, strlen($0)) }
        exit(2)
    }

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            if flag == "--help" || flag == "-h" {
                print(Options.usage)
                exit(0)
            }
            let known = ["--accounts", "--days", "--runs", "--queue-size", "--queue-ops"]
            guard known.contains(flag) else { Options.fail("unknown option \(flag)") }
            let minimum = flag == "--runs" ? 1 : 0
            guard let text = iterator.next(), let value = Int(text), value >= minimum else {
                Options.fail("\(flag) needs a whole number of at least \(minimum)")
            }
            switch flag {
            case "--accounts": self.accounts = value
            case "--days": self.days = value
            case "--runs": self.runs = value
            case "--queue-size": self.queueSize = value
            case "--queue-ops": self.queueOperations = value
            default: Options.fail("unknown option \(flag)")
            }
        }
    }
}

let options = Options(CommandLine.arguments)
let clock = ContinuousClock()

func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// CPU time of this thread in seconds: the honest "one core" figure on a shared machine, where wall time
/// also counts time the scheduler gave to other processes.
func cpuSeconds() -> Double {
    #if canImport(Glibc)
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    #else
    return 0
    #endif
}

/// Minor page faults of this thread so far (fresh memory the kernel zeroed on first touch).
func minorFaults() -> Int {
    #if canImport(Glibc)
    var usage = rusage()
    getrusage(__rusage_who_t(1), &usage)  // RUSAGE_THREAD
    return Int(usage.ru_minflt)
    #else
    return 0
    #endif
}

/// Resident set size of this process, from /proc/self/statm (Linux).
func residentBytes() -> Int {
    #if canImport(Glibc)
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 256)
    guard fgets(&buffer, 256, file) != nil else { return 0 }
    let fields = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(
        separator: " "
    )
    guard fields.count >= 2, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    #else
    return 0
    #endif
}

/// `value` with `digits` decimals (no Foundation).
func fixed(_ value: Double, _ digits: Int = 3) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    let whole = scaled / Int(scale)
    let fraction = String(abs(scaled) % Int(scale))
    return "\(whole).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
}

// MARK: - Workload

/// A realistic multichannel cadence: SMS, email, calls with retries, a branch, an agent call.
let campaign = Campaign(
    name: "bench-hybrid",
    window: SendWindow(
        weekdays: LocalTimeRange(start: LocalTime(hour: 8), end: LocalTime(hour: 21)),
        saturday: LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 17)),
        sunday: nil
    ),
    steps: [
        Step(id: "sms", action: .contact(.sms, template: "intro"), timing: .day(0)),
        Step(id: "email", action: .contact(.email, template: "intro-email"), timing: .day(1)),
        Step(
            id: "call",
            action: .contact(.call, template: "voice"),
            timing: .day(2),
            retry: RetryPolicy(count: 3, spacingSeconds: 3 * 3_600),
            completeOn: [.answered, .conversation]
        ),
        Step(
            id: "check",
            action: .branch(
                [BranchRule(conditions: [.lastOutcome(.noResponse)], target: .step("call2"))],
                otherwise: .stop
            ),
            timing: .day(5)
        ),
        Step(
            id: "call2",
            action: .contact(.call, template: "voice2"),
            retry: RetryPolicy(count: 4, spacingSeconds: 5 * 3_600),
            completeOn: [.answered, .conversation]
        ),
        Step(id: "sms2", action: .contact(.sms, template: "final"), timing: .after(seconds: 86_400)),
    ]
)

let states: [(String, String, String)] = [
    ("NY", "10001", "212"), ("CA", "94103", "415"), ("TX", "73301", "512"), ("AZ", "85001", "602"),
    ("HI", "96813", "808"), ("IL", "60601", "312"), ("FL", "33101", "305"), ("OH", "43215", "614"),
]

func makeAccount(_ index: Int) -> Account {
    let (state, zip, area) = states[index % states.count]
    return Account(
        id: "B\(index)",
        address: PostalAddress(country: "US", state: state, postalCode: zip),
        phones: [
            PhoneContact(
                number: "+1\(area)555\(1_000 + index % 9_000)",
                kind: .mobile,
                smsConsentAt: UTCInstant(date: CivilDate(year: 2026, month: 1, day: 5)),
                autodialConsent: true
            )
        ],
        emails: [EmailContact(address: "b\(index)@example.com", provenance: .consumerUsed)],
        debts: [Debt(id: "D\(index)", balance: Money(cents: Int64(5_000 + (index * 7_919) % 500_000)), daysPastDue: 60)]
    )
}

/// Deterministic call results: mostly unanswered, some voicemail, a few conversations.
func result(for id: AttemptID, channel: Channel) -> AttemptResult {
    guard channel.isTelephoneCall else { return .delivered }
    switch (id.rawValue &* 0x9e37_79b9_7f4a_7c15) >> 60 {
    case 0...9: return .noAnswer
    case 10...13: return .voicemail
    default: return .conversation
    }
}

/// How many results ahead the driver hints the engine (`SchedulerEngine.prefetch`).
let resultLookahead = 4

/// One simulated run: every account enrolled at the start, results returned at the dispatch instant, the
/// engine woken at each requested instant. Returns (decisions, CPU seconds in the loop, wall seconds, dispatched,
/// minor page faults in the loop).
func runEngine(
    accounts prepared: [Account]
) -> (decisions: Int, seconds: Double, wall: Double, dispatched: Int, faults: Int) {
    var engine = SchedulerEngine(campaigns: [campaign], configuration: EngineConfiguration(seed: 1))
    engine.reserveAccounts(prepared.count)
    for account in prepared { engine.addAccount(account) }
    let start = UTCInstant(date: CivilDate(year: 2026, month: 3, day: 2), secondOfDay: 6 * 3_600)
    let end = start.adding(seconds: Int64(options.days) * 86_400)
    // A driver that knows its account count sizes its action buffer for one action per account: the largest
    // handle call (an 08:00 window opening for every account) then fills it without growing it step by step.
    var actions: [EngineAction] = []
    actions.reserveCapacity(prepared.count)
    var results: [(AttemptID, AttemptResult)] = []
    results.reserveCapacity(1_024)
    let began = clock.now
    let beganFaults = minorFaults()
    let beganCPU = cpuSeconds()
    for index in 0..<prepared.count {
        actions.removeAll(keepingCapacity: true)
        engine.handle(.enrol(AccountIndex(index), campaign: 0), at: start, into: &actions)
    }
    var now = start
    while let wake = engine.nextWake, wake <= end {
        now = wake
        actions.removeAll(keepingCapacity: true)
        engine.handle(.timerFired, at: now, into: &actions)
        var cursor = 0
        while cursor < actions.count {
            if let (id, channel) = actions[cursor].dispatched {
                results.append((id, result(for: id, channel: channel)))
            }
            cursor += 1
        }
        // Results come back at the same instant; each may dispatch again (then its result follows too). The
        // driver hints the engine a few results ahead (`prefetch` changes nothing but the cache).
        while let (id, outcome) = results.popLast() {
            if results.count > resultLookahead {
                let (ahead, aheadOutcome) = results[results.count - 1 - resultLookahead]
                engine.prefetch(.result(ahead, aheadOutcome))
            }
            actions.removeAll(keepingCapacity: true)
            engine.handle(.result(id, outcome), at: now, into: &actions)
            // By index, read in place: `for action in actions` would copy every action (and its strings).
            var index = 0
            while index < actions.count {
                if let (id, channel) = actions[index].dispatched {
                    results.append((id, result(for: id, channel: channel)))
                }
                index += 1
            }
        }
    }
    let elapsed = cpuSeconds() - beganCPU
    let faults = minorFaults() - beganFaults
    return (engine.statistics.decisions, elapsed, seconds(clock.now - began), engine.statistics.dispatched, faults)
}

// MARK: - Due queue vs swift-collections Heap

func queueWorkload<Q>(
    _ make: () -> Q,
    insert: (inout Q, DueQueue.Entry) -> Void,
    popMin: (inout Q) -> DueQueue.Entry?
) -> (seconds: Double, checksum: Int64) {
    var queue = make()
    let beganCPU = cpuSeconds()
    var state: UInt64 = 0x1234_5678
    func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    var sequence: UInt64 = 0
    let began = clock.now
    // The engine's shape: a large queue of timers; each pop re-queues the account a little later (hold model).
    for index in 0..<options.queueSize {
        sequence += 1
        insert(
            &queue,
            DueQueue.Entry(
                instant: Int64(next() % 86_400),
                priority: -Int64(next() % 100_000),
                sequence: sequence,
                owner: Int32(index),
                generation: 0
            )
        )
    }
    var checksum: Int64 = 0
    for _ in 0..<options.queueOperations {
        guard let top = popMin(&queue) else { break }
        checksum &+= top.instant
        sequence += 1
        insert(
            &queue,
            DueQueue.Entry(
                instant: top.instant + Int64(next() % 21_600),
                priority: top.priority,
                sequence: sequence,
                owner: top.owner,
                generation: top.generation
            )
        )
    }
    _ = began
    return (cpuSeconds() - beganCPU, checksum)
}

// MARK: - Main

print("dun-bench: accounts \(options.accounts), days \(options.days), runs \(options.runs)")
print("")

// Memory: the engine's per-account state, measured as resident-set growth for 1M cursors + ledgers.
let cursorBytes = SchedulerEngine.cursorBytes
let ledgerBytes = SchedulerEngine.ledgerBytes
print(
    "state per account (MemoryLayout stride): cursor \(cursorBytes) B + ledger \(ledgerBytes) B = \(cursorBytes + ledgerBytes) B"
)
print("  plus hot account fields next to the cursor: \(SchedulerEngine.accountRecordBytes) B (account data, not state)")
print(
    "engine action (MemoryLayout stride): \(MemoryLayout<EngineAction>.stride) B; attempt \(MemoryLayout<Attempt>.stride) B, "
        + "deferral \(MemoryLayout<Deferral>.stride) B, ending \(MemoryLayout<Ending>.stride) B"
)

// Ledger heap storage: resident growth for one ledger per account after a realistic two weeks of attempts.
do {
    let before = residentBytes()
    var ledgers = [ContactLedger](repeating: ContactLedger(), count: options.accounts)
    let start = UTCInstant(date: CivilDate(year: 2026, month: 3, day: 2), secondOfDay: 14 * 3_600)
    for index in ledgers.indices {
        for attempt in 0..<12 {
            let channel: Channel = attempt % 3 == 0 ? .sms : (attempt % 3 == 1 ? .email : .call)
            let candidate = ContactCandidate(
                channel: channel,
                destination: 0,
                debtBucket: "D\(index)",
                at: start.adding(seconds: Int64(attempt) * 97_200)
            )
            ledgers[index].recordAttempt(candidate)
            ledgers[index].recordResult(channel == .call ? .noAnswer : .delivered, of: candidate)
        }
    }
    let after = residentBytes()
    let perAccount = Double(after - before) / Double(max(1, options.accounts))
    print(
        "ledger resident growth after 12 attempts each: \(fixed(perAccount, 1)) B per account (\(ledgers.count) ledgers)"
    )
    print("cursor + ledger, measured: \(fixed(Double(cursorBytes) + perAccount, 1)) B per account (target <= 300)")
}

let prepared = (0..<options.accounts).map(makeAccount)
var decisionRates: [Double] = []
var decisionsPerRun = 0
var dispatchedPerRun = 0
for run in 0..<options.runs {
    let outcome = runEngine(accounts: prepared)
    decisionRates.append(Double(outcome.decisions) / outcome.seconds)
    decisionsPerRun = outcome.decisions
    dispatchedPerRun = outcome.dispatched
    print(
        "  engine run \(run + 1): \(outcome.decisions) decisions, \(outcome.dispatched) dispatched in \(fixed(outcome.seconds)) s CPU (\(fixed(outcome.wall)) s wall, \(outcome.faults) minor page faults)"
    )
}
print("scheduling decisions per CPU second, one thread (median of \(options.runs)): \(Int(median(decisionRates)))")
print("  decisions per run: \(decisionsPerRun), dispatched per run: \(dispatchedPerRun)")
print("")

var dueTimes: [Double] = []
var heapTimes: [Double] = []
for run in 0..<options.runs {
    let due = queueWorkload({ DueQueue() }, insert: { $0.insert($1) }, popMin: { $0.popMin() })
    let heap = queueWorkload({ Heap<DueQueue.Entry>() }, insert: { $0.insert($1) }, popMin: { $0.popMin() })
    precondition(due.checksum == heap.checksum, "the two queues disagree")
    dueTimes.append(due.seconds)
    heapTimes.append(heap.seconds)
    print("  queue run \(run + 1): DueQueue \(fixed(due.seconds)) s, Heap \(fixed(heap.seconds)) s")
}
let dueMedian = median(dueTimes)
let heapMedian = median(heapTimes)
print(
    "due queue: \(options.queueSize) entries, \(options.queueOperations) pop+insert: DueQueue \(fixed(dueMedian)) s, "
        + "Heap \(fixed(heapMedian)) s, ratio \(fixed(dueMedian / heapMedian, 2))"
)
