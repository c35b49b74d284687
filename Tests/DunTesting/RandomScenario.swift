public import DunCore

/// Random campaigns and account profiles for property tests: every value comes from a seeded `SoakRandom`.
public enum RandomScenario {
    /// States with their area codes, covering every U.S. zone shape dun must handle (DST, Arizona, Hawaii,
    /// Alaska, split states).
    static let states: [(state: String, zip: String, areaCodes: [String])] = [
        ("NY", "10001", ["212", "718", "917"]),
        ("CA", "94103", ["415", "213", "619"]),
        ("TX", "73301", ["512", "915", "214"]),
        ("AZ", "85001", ["602", "520"]),
        ("HI", "96813", ["808"]),
        ("AK", "99501", ["907"]),
        ("IL", "60601", ["312", "773"]),
        ("FL", "33101", ["305", "850"]),
        ("OH", "43215", ["614", "216"]),
        ("IN", "46201", ["317", "219"]),
        ("WA", "98101", ["206", "509"]),
        ("CO", "80202", ["303"]),
        ("GA", "30303", ["404"]),
    ]

    /// A random account: home state, phones (possibly from other states), emails, debts, occasional flags.
    public static func account(_ id: String, using random: inout SoakRandom) -> Account {
        let home = random.pick(Self.states)
        var phones: [PhoneContact] = []
        for index in 0..<Int.random(in: 1...3, using: &random) {
            let area = random.chance(75) ? random.pick(home.areaCodes) : random.pick(random.pick(Self.states).areaCodes)
            let kind: PhoneContact.Kind = index == 0 ? .mobile : random.pick([.mobile, .landline, .work])
            let number = "+1\(area)555\(String(Int.random(in: 1_000...9_999, using: &random)))"
            let consent: UTCInstant? =
                kind == .mobile && random.chance(70) ? UTCInstant(date: CivilDate(year: 2026, month: 1, day: 5)) : nil
            phones.append(
                PhoneContact(number: number, kind: kind, smsConsentAt: consent, autodialConsent: random.chance(80))
            )
        }
        var emails: [EmailContact] = []
        if random.chance(80) {
            let provenance: EmailContact.Provenance = random.pick([
                .consumerUsed, .consumerConsented, .unknown, .consumerUsed,
            ])
            emails.append(EmailContact(address: "\(id)@example.com", provenance: provenance))
        }
        var debts: [Debt] = []
        for index in 0..<(random.chance(20) ? 2 : 1) {
            debts.append(
                Debt(
                    id: "\(id)-D\(index)",
                    balance: Money(cents: Int64.random(in: 5_000...900_000, using: &random)),
                    daysPastDue: Int.random(in: 30...400, using: &random)
                )
            )
        }
        var zones: [String] = []
        if random.chance(5) { zones.append(random.pick(["America/Chicago", "Pacific/Honolulu", "America/Phoenix"])) }
        let flags = AccountFlags(employerProhibitsWorkContact: random.chance(10))
        var inconvenient: [InconvenientTime] = []
        if random.chance(10) {
            inconvenient.append(InconvenientTime(days: [], from: LocalTime(hour: 18), to: LocalTime(hour: 21)))
        }
        return Account(
            id: id,
            firstName: "Pat",
            lastName: "Doe",
            address: PostalAddress(country: "US", state: home.state, postalCode: home.zip, city: ""),
            timeZones: zones,
            phones: phones,
            emails: emails,
            debts: debts,
            flags: flags,
            inconvenientTimes: inconvenient,
            segments: random.chance(30) ? ["hardship"] : []
        )
    }

    static func window(using random: inout SoakRandom) -> SendWindow {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return .lawful
        case 1:
            return SendWindow(
                weekdays: LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 17)),
                saturday: nil,
                sunday: nil
            )
        case 2:
            return SendWindow(
                weekdays: LocalTimeRange(start: LocalTime(hour: 8), end: LocalTime(hour: 21)),
                saturday: LocalTimeRange(start: LocalTime(hour: 10), end: LocalTime(hour: 14)),
                sunday: nil
            )
        default:
            // Wider than the law on purpose: the policy must still hold 08:00-21:00.
            let wide = LocalTimeRange(start: LocalTime(hour: 6), end: LocalTime(hour: 23))
            return SendWindow(weekdays: wide, saturday: wide, sunday: wide)
        }
    }

    /// A random campaign: 2-8 steps over every channel, timing kind, retry, completion, route, branch, stop rule
    /// and limit the model has.
    public static func campaign(_ name: String, using random: inout SoakRandom) -> Campaign {
        let count = Int.random(in: 2...8, using: &random)
        let ids = (0..<count).map { "s\($0)" }
        var steps: [Step] = []
        var day = 0
        for index in 0..<count {
            let timing: StepTiming
            switch Int.random(in: 0..<3, using: &random) {
            case 0: timing = .immediately
            case 1: timing = .after(seconds: Int64.random(in: 600...(3 * 86_400), using: &random))
            default:
                day += Int.random(in: 0...4, using: &random)
                timing = .day(day)
            }
            func target() -> StepTarget {
                random.chance(15) ? .stop : .step(random.pick(ids))
            }
            let action: StepAction
            if index > 0 && random.chance(15) {
                let conditions: [Condition] = [
                    random.pick([
                        .lastOutcome(.noResponse), .lastOutcome(.delivered), .balanceAtLeast(Money(cents: 100_000)),
                        .hasChannel(.sms), .segment("hardship"), .daysPastDueAtLeast(120),
                    ])
                ]
                action = .branch([BranchRule(conditions: conditions, target: target())], otherwise: target())
            } else if index == count - 1 && random.chance(30) {
                action = .end(reason: "cadence finished")
            } else {
                let channel = random.pick([Channel.sms, .email, .call, .call, .agentCall])
                action = .contact(channel, template: "tpl-\(index)")
            }
            var routes: [OutcomeRoute] = []
            if random.chance(30) {
                let outcome = random.pick(StepOutcome.allCases)
                routes.append(OutcomeRoute(outcome: outcome, target: target()))
            }
            let completions = Completion.allCases.filter { _ in random.chance(40) }
            steps.append(
                Step(
                    id: ids[index],
                    action: action,
                    timing: timing,
                    window: random.chance(25) ? Self.window(using: &random) : nil,
                    retry: RetryPolicy(
                        count: Int.random(in: 0...3, using: &random),
                        spacingSeconds: Int64.random(in: 300...(2 * 86_400), using: &random)
                    ),
                    completeOn: completions,
                    routes: routes,
                    next: random.chance(20) ? target() : nil
                )
            )
        }
        var stopRules: [StopRule] = []
        if random.chance(30) { stopRules.append(.reply) }
        if random.chance(30) { stopRules.append(.openPromise) }
        if random.chance(20) { stopRules.append(.anyPayment) }
        if random.chance(20) { stopRules.append(.afterAttempts(Int.random(in: 3...20, using: &random))) }
        if random.chance(20) { stopRules.append(.afterDays(Int.random(in: 10...60, using: &random))) }
        let limits = CampaignLimits(
            callsPerDay: random.chance(30) ? Int.random(in: 1...2, using: &random) : nil,
            callsPer7Days: random.chance(30) ? Int.random(in: 2...7, using: &random) : nil,
            smsPer7Days: random.chance(20) ? Int.random(in: 1...3, using: &random) : nil,
            contactsPerDay: random.chance(20) ? Int.random(in: 1...4, using: &random) : nil,
            minimumGapSeconds: random.chance(20) ? Int64.random(in: 600...14_400, using: &random) : nil
        )
        var variants: [Variant] = []
        if random.chance(30) {
            variants = [
                Variant(name: "champion", weight: Int.random(in: 1...5, using: &random)),
                Variant(name: "challenger", weight: Int.random(in: 1...5, using: &random), entry: random.pick(ids)),
            ]
        }
        var blackout = Blackout()
        if random.chance(30) { blackout.holidays = [.usFederal] }
        return Campaign(
            name: name,
            window: Self.window(using: &random),
            blackout: blackout,
            limits: limits,
            priority: random.pick(Priority.allCases),
            stopRules: stopRules,
            steps: steps,
            variants: variants
        )
    }
}
