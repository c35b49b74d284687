import DunCore
public import DunDashboard
import DunReport
public import DunStore

/// Builds dashboard snapshots of a live run from the store, so `dun status` can attach to a `dun run` in
/// another process (WAL: reading never blocks the runner).
///
/// Every number comes from one read transaction (`DashboardReader.dashboardData`), so a frame is consistent
/// with itself. The clock is the run's clock as of its last heartbeat: "today" and "due" never depend on the
/// machine the dashboard runs on. Phone numbers and email addresses are masked everywhere on screen.
///
/// What the numbers mean:
/// - channels: *queued* is contacts the policy deferred to a later instant (waiting for it), *due* is attempts
///   handed to the gateway with no answer yet; *sent today*, *delivered*, *failed* and *deferred* count
///   attempts created and decisions taken on the run clock's UTC day.
/// - capacity: the dispatch rate over the last `rateWindowSeconds` against the run's gateway rate, and calls
///   awaiting their result against the agent seats, as the runner recorded its pools.
/// - gateway health: per channel, today's requests (attempts) and errors (failed or in doubt), with the newest
///   error's note.
public struct StatusSource: Sendable {
    let store: any DashboardReader & Store
    /// How many audit entries the event panel gets.
    public var eventLimit: Int
    /// The window of the dispatch-rate measurement.
    public var rateWindowSeconds: Int64
    /// Arms with fewer accounts show "too few" instead of a confidence interval.
    public var minimumAccountsForInterval: Int

    /// Creates a source over `store`.
    public init(
        store: any DashboardReader & Store,
        eventLimit: Int = 30,
        rateWindowSeconds: Int64 = 60,
        minimumAccountsForInterval: Int = 30
    ) {
        self.store = store
        self.eventLimit = eventLimit
        self.rateWindowSeconds = rateWindowSeconds
        self.minimumAccountsForInterval = minimumAccountsForInterval
    }

    /// The snapshot now, with the timeline of `account` when the operator searched for one.
    public func snapshot(account query: String? = nil) throws -> DashboardSnapshot {
        let run = try self.store.latestRun()
        let latestEvent = try self.store.latestAuditEntries(limit: 1).first?.at
        // Without a run (only imports so far) the newest audit entry stands in for the clock.
        let clock = run?.clockAt ?? latestEvent ?? UTCInstant(secondsSinceEpoch: 0)
        let data = try self.store.dashboardData(
            now: clock,
            rateWindowSeconds: self.rateWindowSeconds,
            eventLimit: self.eventLimit
        )
        var snapshot = DashboardSnapshot(
            mode: .live,
            campaigns: Self.campaigns(run: run, data: data),
            clock: clock,
            startedAt: run.map { Swift.min($0.startedAt, clock) } ?? clock,
            channels: data.channels.map(Self.activity),
            capacity: self.capacity(run: run, data: data),
            arms: Self.ordered(data.arms, run: run).map { self.outcome($0, arms: data.arms) },
            gateways: data.channels.compactMap(Self.health),
            compliance: data.rules.map { .init(rule: $0.rule, count: $0.count) },
            events: data.events.map(Self.event)
        )
        if let query = query.map(Self.trimmed), !query.isEmpty {
            snapshot.account = try self.timeline(query)
        }
        return snapshot
    }

    /// The account's timeline: every attempt, outcome, deferral with its rule and reason, consumer event,
    /// payment and promise, oldest first.
    public func timeline(_ query: String) throws -> DashboardSnapshot.AccountTimeline {
        guard try self.store.account(id: query) != nil else {
            return .init(query: query, accountID: nil, entries: [])
        }
        let entries = try self.store.timeline(accountID: query).map { entry in
            DashboardSnapshot.EventLine(
                at: entry.at,
                kind: entry.kind.rawValue,
                detail: Redaction.redact(entry.summary)
            )
        }
        return .init(query: query, accountID: query, entries: entries)
    }

    // MARK: - Panels

    static func campaigns(run: RunRecord?, data: DashboardData) -> [DashboardSnapshot.CampaignArms] {
        var order: [String] = []
        var arms: [String: [DashboardSnapshot.CampaignArms.Arm]] = [:]
        if let run {
            for arm in run.arms {
                if arms[arm.campaign] == nil { order.append(arm.campaign) }
                arms[arm.campaign, default: []].append(.init(name: arm.variant, weight: arm.share))
            }
        } else {
            for arm in data.arms {
                if arms[arm.campaign] == nil { order.append(arm.campaign) }
                arms[arm.campaign, default: []].append(.init(name: arm.variant, weight: arm.accounts))
            }
        }
        return order.map { campaign in
            // A campaign without variants runs as one arm named `main`; its weight says nothing.
            let list = arms[campaign] ?? []
            let shown = list.count == 1 && list[0].name == "main" ? [] : list
            return .init(campaign: campaign, arms: shown)
        }
    }

    /// Arms in the run's order (champion before challenger, as the operator wrote them), others after.
    static func ordered(_ arms: [ArmDashboardCounts], run: RunRecord?) -> [ArmDashboardCounts] {
        let order = run?.arms.map { "\($0.campaign)/\($0.variant)" } ?? []
        func rank(_ arm: ArmDashboardCounts) -> Int {
            order.firstIndex(of: "\(arm.campaign)/\(arm.variant)") ?? order.count
        }
        return arms.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
            .map(\.element)
    }

    static func activity(_ counts: ChannelDashboardCounts) -> DashboardSnapshot.ChannelActivity {
        .init(
            channel: counts.channel,
            queued: counts.waiting,
            dueNow: counts.open,
            sentToday: counts.sentToday,
            delivered: counts.deliveredToday,
            failed: counts.failedToday,
            deferred: counts.deferredToday,
            topRules: counts.rulesToday.map { .init(rule: $0.rule, count: $0.count) }
        )
    }

    func capacity(run: RunRecord?, data: DashboardData) -> [DashboardSnapshot.CapacityUse] {
        let byChannel = Dictionary(uniqueKeysWithValues: data.channels.map { ($0.channel, $0) })
        let minutes = Swift.max(1, self.rateWindowSeconds / 60)
        var pools: [DashboardSnapshot.CapacityUse] = []
        for pool in run?.pools ?? [] {
            let counts = byChannel[pool.channel] ?? ChannelDashboardCounts(channel: pool.channel)
            let unit = pool.channel.isTelephoneCall ? "calls/min" : "msg/min"
            if let rate = pool.rateAttempts {
                let perMinute = Int((Int64(rate) * 60) / pool.rateIntervalSeconds)
                pools.append(
                    .init(
                        pool: "\(pool.channel.rawValue) rate",
                        used: Int(Int64(counts.dispatchedInWindow) / minutes),
                        capacity: perMinute,
                        unit: unit
                    )
                )
            }
            if let seats = pool.seats {
                pools.append(
                    .init(
                        pool: "\(pool.channel.rawValue) seats",
                        used: counts.awaitingResult + counts.open,
                        capacity: seats,
                        unit: "seats"
                    )
                )
            }
        }
        if pools.isEmpty {
            // No pools recorded (no limits, or a runner that predates them): the measured rate alone.
            for counts in data.channels where counts.requestsToday > 0 || counts.dispatchedInWindow > 0 {
                let unit = counts.channel.isTelephoneCall ? "calls/min" : "msg/min"
                pools.append(
                    .init(
                        pool: "\(counts.channel.rawValue) rate",
                        used: Int(Int64(counts.dispatchedInWindow) / minutes),
                        capacity: 0,
                        unit: unit
                    )
                )
            }
        }
        return pools
    }

    func outcome(_ arm: ArmDashboardCounts, arms: [ArmDashboardCounts]) -> DashboardSnapshot.ArmOutcome {
        let campaigns = Set(arms.map(\.campaign))
        let name = campaigns.count > 1 ? "\(arm.campaign)/\(arm.variant)" : arm.variant
        var interval: ClosedRange<Double>?
        if arm.accounts >= self.minimumAccountsForInterval,
            let ci = Statistics.wilson(successes: arm.payingAccounts, trials: arm.accounts).ci95
        {
            interval = ci.lower...ci.upper
        }
        return .init(
            arm: name,
            accounts: arm.accounts,
            contacts: arm.contacts,
            promises: arm.promises,
            payments: arm.payments,
            collected: arm.collected,
            placed: arm.placed,
            payingAccounts: arm.payingAccounts,
            payingShareInterval: interval
        )
    }

    static func health(_ counts: ChannelDashboardCounts) -> DashboardSnapshot.GatewayHealth? {
        guard counts.requestsToday > 0 || counts.lastError != nil else { return nil }
        return .init(
            gateway: counts.channel.rawValue,
            requests: counts.requestsToday,
            errors: counts.errorsToday,
            lastError: counts.lastError.map(Redaction.redact)
        )
    }

    static func event(_ entry: AuditEntry) -> DashboardSnapshot.EventLine {
        var kind = Substring(entry.action)
        for prefix in ["attempt.", "event."] where kind.hasPrefix(prefix) {
            kind = kind.dropFirst(prefix.count)
        }
        var detail = entry.detail
        if !entry.accountID.isEmpty, !detail.contains(entry.accountID) {
            detail = "\(entry.accountID) \(detail)"
        }
        return .init(at: entry.at, kind: String(kind), detail: Redaction.redact(detail))
    }

    static func trimmed(_ text: String) -> String {
        var slice = Substring(text)
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
