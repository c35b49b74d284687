public import DunCore
public import DunPolicy

/// Runs one account through a campaign on the real engine and policy with a simulated gateway that never
/// gets a response: every call is unanswered (`no_answer`), every message is delivered. `dun plan` prints the
/// result.
public struct Planner: Sendable {
    /// The policy the plan is judged by.
    public var policy: ContactPolicy
    /// The seed for variant assignment.
    public var seed: UInt64

    public init(policy: ContactPolicy = ContactPolicy(), seed: UInt64 = 0) {
        self.policy = policy
        self.seed = seed
    }

    /// The timeline `account` would get from `campaign` between `start` and `days` days later.
    ///
    /// - Parameters:
    ///   - campaign: The campaign (validated).
    ///   - account: The account; its audience match is not required (a plan shows what would happen).
    ///   - start: The enrolment instant.
    ///   - days: How many days to follow.
    /// - Returns: Every dispatch, deferral and ending in order.
    public func plan(_ campaign: Campaign, account: Account, start: UTCInstant, days: Int) -> Plan {
        var planned = campaign
        planned.audience = Audience()
        var engine = SchedulerEngine(
            campaigns: [planned],
            configuration: EngineConfiguration(seed: self.seed, policy: self.policy)
        )
        let index = engine.addAccount(account)
        let zone = engine.states[index.position].record.zone
        let end = start.adding(seconds: Int64(max(0, days)) * 86_400)
        var entries: [Plan.Entry] = []
        var pending: [(AttemptID, AttemptResult)] = []
        var actions: [EngineAction] = []
        var now = start
        var input: EngineInput? = .enrol(index, campaign: 0)
        while let next = input {
            actions.removeAll(keepingCapacity: true)
            engine.handle(next, at: now, into: &actions)
            let offset = zone.offset(at: now.secondsSinceEpoch)
            for action in actions {
                switch action {
                case .dispatch(let attempt):
                    let result: AttemptResult = attempt.channel.isTelephoneCall ? .noAnswer : .delivered
                    pending.append((attempt.id, result))
                    entries.append(
                        Plan.Entry(at: now, localOffsetSeconds: offset, event: .dispatch(attempt, result: result))
                    )
                case .deferred(let deferral):
                    entries.append(
                        Plan.Entry(
                            at: now,
                            localOffsetSeconds: offset,
                            event: .deferral(deferral),
                            untilOffsetSeconds: deferral.until.map { zone.offset(at: $0.secondsSinceEpoch) }
                        )
                    )
                case .end(let ending):
                    entries.append(Plan.Entry(at: now, localOffsetSeconds: offset, event: .end(ending)))
                case .wake:
                    break
                }
            }
            if !pending.isEmpty {
                let (id, result) = pending.removeFirst()
                input = .result(id, result)
            } else if let wake = engine.nextWake, wake <= end {
                now = max(now, wake)
                input = .timerFired
            } else {
                input = nil
            }
        }
        let variant =
            campaign.variants.isEmpty ? nil : engine.enrolment(of: index).map { campaign.variants[$0.variant].name }
        return Plan(
            campaign: campaign,
            account: account,
            variant: variant,
            homeZone: zone.name,
            start: start,
            end: end,
            entries: entries
        )
    }
}
