import DunCore
import DunEngine
public import DunPolicy

/// Drives the real engine and policy over random campaigns, accounts and result histories, logs everything
/// that happened, and checks the log with `EngineRunChecker`. Used by the property tests (debug, ~100k
/// attempts) and by `dun-soak` (release, 1,000,000 attempts and more).
public struct EngineSoak: Sendable {
    /// The outcome of one soak run.
    public struct Report: Sendable {
        public var seed: UInt64
        public var accounts: Int
        public var attempts = 0
        public var deferrals = 0
        public var endings = 0
        public var decisions = 0
        public var deferralsByRule: [String: Int] = [:]
        public var violations: [EngineRunChecker.Violation] = []

        /// The deferral counts sorted by rule (stable output).
        public var sortedDeferrals: [(rule: String, count: Int)] {
            self.deferralsByRule.keys.sorted().map { ($0, self.deferralsByRule[$0]!) }
        }
    }

    public var seed: UInt64
    public var accounts: Int
    public var campaigns: Int
    public var days: Int
    public var policy: ContactPolicy
    /// Adds an agent-call pool (few seats, working hours) and an SMS rate pool.
    public var withPools: Bool

    public init(
        seed: UInt64,
        accounts: Int = 300,
        campaigns: Int = 3,
        days: Int = 45,
        policy: ContactPolicy = ContactPolicy(),
        withPools: Bool = true
    ) {
        self.seed = seed
        self.accounts = accounts
        self.campaigns = campaigns
        self.days = days
        self.policy = policy
        self.withPools = withPools
    }

    /// Runs the soak and checks it.
    public func run() -> Report {
        var random = SoakRandom(seed: self.seed)
        let campaigns = (0..<self.campaigns).map { RandomScenario.campaign("random-\($0)", using: &random) }
        var pools: [CapacityPool] = []
        if self.withPools {
            let shift = SendWindow(
                weekdays: LocalTimeRange(start: LocalTime(hour: 13), end: LocalTime(hour: 23)),
                saturday: LocalTimeRange(start: LocalTime(hour: 14), end: LocalTime(hour: 18)),
                sunday: nil
            )
            pools.append(CapacityPool(channel: .agentCall, seats: max(1, self.accounts / 50), workingHours: shift))
            pools.append(CapacityPool(channel: .sms, rate: CapacityPool.Rate(attempts: 5, intervalSeconds: 60)))
        }
        var engine = SchedulerEngine(
            campaigns: campaigns,
            configuration: EngineConfiguration(seed: self.seed, policy: self.policy, pools: pools)
        )
        let start = UTCInstant(date: CivilDate(year: 2026, month: 3, day: 2)).adding(
            seconds: Int64.random(in: 0..<(300 * 86_400), using: &random)
        )
        let end = start.adding(seconds: Int64(self.days) * 86_400)
        var queue = InputQueue()
        var references: [ReferenceChecker] = []
        var candidateZones: [[ZoneID]] = []
        var homeZones: [ZoneID?] = []
        for index in 0..<self.accounts {
            let generated = RandomScenario.account("S\(self.seed)-\(index)", using: &random)
            references.append(ReferenceChecker(account: generated))
            let zones = ZoneResolver.candidateZones(for: generated)
            candidateZones.append(zones)
            homeZones.append(ZoneResolver.homeZone(for: generated) ?? zones.first)
            let account = engine.addAccount(generated)
            queue.push(
                .enrol(account, campaign: Int.random(in: 0..<campaigns.count, using: &random)),
                at: start.adding(seconds: Int64.random(in: 0..<(2 * 86_400), using: &random))
            )
        }
        var log = EngineRunLog()
        var logIndexOfAttempt: [AttemptID: Int] = [:]
        var candidateOfAttempt: [AttemptID: ContactCandidate] = [:]
        var referenceViolations: [EngineRunChecker.Violation] = []
        var report = Report(seed: self.seed, accounts: self.accounts)
        var actions: [EngineAction] = []
        while true {
            let wake = engine.nextWake
            let nextInput = queue.nextInstant
            let input: EngineInput
            let now: UTCInstant
            if let nextInput, wake.map({ nextInput <= $0 }) ?? true {
                guard nextInput <= end else { break }
                (input, now) = queue.pop()
            } else if let wake, wake <= end {
                input = .timerFired
                now = wake
            } else {
                break
            }
            switch input {
            case .consumerEvent(let account, let event):
                log.entries.append(
                    EngineRunLog.Entry(account: account.position, at: now, event: .consumer(Self.kind(of: event)))
                )
                references[account.position].record(event, at: now)
            case .reply(let account, let channel, let destination):
                let bucket = engine.account(account).debts.first?.bucket ?? engine.account(account).id
                references[account.position].record(
                    .inbound(channel, destination: destination, debtBucket: bucket, conversation: false),
                    at: now
                )
            case .enrol(let account, let campaign):
                references[account.position].limits = campaigns[campaign].limits
            case .result(let id, let result):
                if let candidate = candidateOfAttempt.removeValue(forKey: id) {
                    references[id.account.position].setResult(result, of: candidate)
                }
            default:
                break
            }
            if case .result(let id, let result) = input, let index = logIndexOfAttempt.removeValue(forKey: id),
                case .attempt(let channel, let destination, let bucket, let campaign, _) = log.entries[index].event
            {
                log.entries[index].event = .attempt(
                    channel: channel,
                    destination: destination,
                    bucket: bucket,
                    campaign: campaign,
                    result: result
                )
            }
            actions.removeAll(keepingCapacity: true)
            engine.handle(input, at: now, into: &actions)
            for action in actions {
                switch action {
                case .dispatch(let attempt):
                    report.attempts += 1
                    let candidate = ContactCandidate(
                        channel: attempt.channel,
                        destination: attempt.destination,
                        debtBucket: attempt.debtBucket,
                        at: now
                    )
                    let broken = references[attempt.account.position].violations(of: candidate)
                    if !broken.isEmpty {
                        referenceViolations.append(
                            EngineRunChecker.Violation(
                                account: attempt.account.position,
                                at: now,
                                rule: broken.joined(separator: ","),
                                message:
                                    "ReferenceChecker: \(attempt.channel.rawValue) to destination \(attempt.destination)"
                            )
                        )
                    }
                    references[attempt.account.position].record(candidate, result: nil)
                    candidateOfAttempt[attempt.id] = candidate
                    logIndexOfAttempt[attempt.id] = log.entries.count
                    log.entries.append(
                        EngineRunLog.Entry(
                            account: attempt.account.position,
                            at: now,
                            event: .attempt(
                                channel: attempt.channel,
                                destination: attempt.destination,
                                bucket: attempt.debtBucket,
                                campaign: attempt.campaign,
                                result: nil
                            )
                        )
                    )
                    Self.respond(to: attempt, at: now, queue: &queue, random: &random)
                case .deferred(let deferral):
                    report.deferrals += 1
                    report.deferralsByRule[deferral.rule, default: 0] += 1
                    log.entries.append(
                        EngineRunLog.Entry(
                            account: deferral.account.position,
                            at: now,
                            event: .deferral(rule: deferral.rule, until: deferral.until)
                        )
                    )
                case .end:
                    report.endings += 1
                case .wake:
                    break
                }
            }
        }
        report.decisions = engine.statistics.decisions
        let zonesOfAccount = candidateZones
        let homeOfAccount = homeZones
        let checker = EngineRunChecker(
            localSecondsOfDay: { account, at in
                let zones = zonesOfAccount[account]
                guard !zones.isEmpty else { return [at.utcSecondOfDay] }
                return zones.map { TimeZoneTable.local(at, in: $0).secondOfDay }
            },
            homeDay: { account, at in
                guard let zone = homeOfAccount[account] else { return at.utcDate.daysSinceEpoch }
                return TimeZoneTable.local(at, in: zone).date.daysSinceEpoch
            }
        )
        report.violations = referenceViolations + checker.check(log, campaigns: campaigns)
        return report
    }

    static func kind(of event: ConsumerEvent) -> EngineRunLog.ConsumerEventKind {
        switch event {
        case .cease: .cease
        case .attorney: .attorney
        case .optOut(let channel, let destination): .optOut(channel, destination: destination)
        case .wrongNumber(let destination): .wrongNumber(destination: destination)
        default: .other
        }
    }

    /// The simulated debtor and gateway: a result after a latency, sometimes followed by consumer events.
    static func respond(to attempt: Attempt, at now: UTCInstant, queue: inout InputQueue, random: inout SoakRandom) {
        let account = attempt.account
        let destination = attempt.destination
        if attempt.channel.isTelephoneCall {
            let roll = Int.random(in: 0..<100, using: &random)
            let result: AttemptResult =
                switch roll {
                case 0..<45: .noAnswer
                case 45..<63: .voicemail
                case 63..<71: .busy
                case 71..<79: .answered
                case 79..<91: .conversation
                case 91..<94: .notInService
                case 94..<97: .wrongNumber
                default: .limitedContentMessage
                }
            let done = now.adding(seconds: Int64.random(in: 20...600, using: &random))
            queue.push(.result(attempt.id, result), at: done)
            if result == .wrongNumber {
                queue.push(.consumerEvent(account, .wrongNumber(destination: destination)), at: done.adding(seconds: 1))
            }
            guard result == .conversation else { return }
            let after = done.adding(seconds: 1)
            let follow = Int.random(in: 0..<100, using: &random)
            switch follow {
            case 0..<25:
                let due = after.adding(seconds: Int64.random(in: 3...14, using: &random) * 86_400)
                queue.push(
                    .promise(account, amount: Money(cents: Int64.random(in: 2_000...50_000, using: &random)), due: due),
                    at: after
                )
            case 25..<35:
                queue.push(
                    .payment(account, amount: Money(cents: Int64.random(in: 1_000...20_000, using: &random))),
                    at: after
                )
            case 35..<38:
                queue.push(.payment(account, amount: Money(cents: 10_000_000)), at: after)
            case 38..<41:
                queue.push(.consumerEvent(account, .cease), at: after)
            case 41..<43:
                queue.push(.consumerEvent(account, .attorney), at: after)
            case 43..<47:
                queue.push(.consumerEvent(account, .dispute), at: after)
                let verified = after.adding(seconds: Int64.random(in: 5...30, using: &random) * 86_400)
                queue.push(.consumerEvent(account, .verificationSent), at: verified)
            case 47..<51:
                queue.push(.consumerEvent(account, .optOut(.call, destination: destination)), at: after)
            default:
                break
            }
        } else {
            let failed = random.chance(5)
            let done = now.adding(seconds: Int64.random(in: 1...120, using: &random))
            queue.push(.result(attempt.id, failed ? .failed : .delivered), at: done)
            guard !failed else { return }
            let later = done.adding(seconds: Int64.random(in: 60...7_200, using: &random))
            if attempt.channel == .sms && random.chance(3) {
                queue.push(.consumerEvent(account, .optOut(.sms, destination: destination)), at: later)
            } else if attempt.channel == .email && random.chance(1) {
                queue.push(.consumerEvent(account, .optOut(.email, destination: destination)), at: later)
            } else if random.chance(4) {
                queue.push(.reply(account, channel: attempt.channel, destination: destination), at: later)
            }
        }
    }
}

/// The soak's virtual-time input queue: (instant, insertion sequence) order on the engine's own `DueQueue`.
struct InputQueue {
    private var heap = DueQueue()
    private var inputs: [EngineInput?] = []
    private var free: [Int32] = []
    private var sequence: UInt64 = 0

    var nextInstant: UTCInstant? { self.heap.min.map { UTCInstant(secondsSinceEpoch: $0.instant) } }

    mutating func push(_ input: EngineInput, at instant: UTCInstant) {
        let slot: Int32
        if let reused = self.free.popLast() {
            slot = reused
            self.inputs[Int(slot)] = input
        } else {
            slot = Int32(self.inputs.count)
            self.inputs.append(input)
        }
        self.sequence += 1
        self.heap.insert(
            DueQueue.Entry(
                instant: instant.secondsSinceEpoch,
                priority: 0,
                sequence: self.sequence,
                owner: slot,
                generation: 0
            )
        )
    }

    mutating func pop() -> (EngineInput, UTCInstant) {
        let entry = self.heap.popMin()!
        let input = self.inputs[Int(entry.owner)]!
        self.inputs[Int(entry.owner)] = nil
        self.free.append(entry.owner)
        return (input, UTCInstant(secondsSinceEpoch: entry.instant))
    }
}
