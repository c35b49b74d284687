import DunCore
import DunTesting
import Testing

@testable import DunPolicy

/// The ledger's spill paths (more than 16 records, 4 buckets, 8 destinations) and its value semantics.
struct ContactLedgerTests {
    @Test func spillKeepsEverythingAndCopiesOnWrite() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        // 21 counted calls in three days about debt D-1, beyond the 16 inline slots.
        for day in 1...3 {
            for hour in 13...19 { scenario.attempt("2020-04-0\(day)T\(hour):00:00Z") }
        }
        #expect(scenario.ledger.recordTotal == 21)
        #expect(scenario.ledger.spill != nil)
        #expect(scenario.rule("2020-04-09T15:00:00Z") == "RF-14-A")  // window 04-03..04-09 holds 7
        #expect(scenario.rule("2020-04-10T15:00:00Z") == nil)
        // Copy, then change the copy: the original is untouched.
        var copy = scenario.ledger
        copy.recordEvent(.wrongNumber(destination: 0), at: Fixtures.instant("2020-04-04T00:00:00Z"))
        var changed = scenario
        changed.ledger = copy
        #expect(changed.rule("2020-04-09T15:00:00Z", to: 1) == nil)  // calls to a wrong number stop counting
        #expect(scenario.rule("2020-04-09T15:00:00Z", to: 1) == "RF-14-A")
    }

    @Test func manyBucketsAndDestinations() {
        var phones = (0..<10).map { PhoneContact(number: "+1212555\(1000 + $0)", kind: .landline) }
        phones[9].kind = .mobile
        var scenario = PolicyScenario(
            Account(
                id: "M",
                address: PostalAddress(country: "US", state: "NY"),
                phones: phones,
                debts: (0..<6).map { Debt(id: "D-\($0)", balance: Money(cents: 1)) }
            ),
            lawOnly: true
        )
        for day in 1...7 { scenario.attempt("2020-04-0\(day)T15:00:00Z", to: 9, debt: "D-5") }
        #expect(scenario.rule("2020-04-07T20:00:00Z", to: 9, debt: "D-5") == "RF-14-A")
        #expect(scenario.rule("2020-04-07T20:00:00Z", to: 9, debt: "D-4") == nil)
        scenario.event(.optOut(.agentCall, destination: 9), "2020-04-07T19:00:00Z")
        #expect(scenario.rule("2020-04-07T20:00:00Z", to: 9, debt: "D-4") == "RF-14-MEDIA")
        #expect(scenario.rule("2020-04-07T20:00:00Z", to: 8, debt: "D-4") == nil)
        scenario.event(.ceaseDebt(debtBucket: "D-5"), "2020-04-07T19:00:00Z")
        #expect(scenario.rule("2020-04-08T20:00:00Z", to: 8, debt: "D-5") == "RF-6-CEASE")
        #expect(scenario.rule("2020-04-08T20:00:00Z", to: 8, debt: "D-0") == nil)
    }

    /// Old records are forgotten only when no window reaching the newest record needs them.
    @Test func pruningKeepsTheWindowsThatMatter() {
        var scenario = PolicyScenario.newYorker(lawOnly: true)
        for day in 1...30 {
            let date = CivilDate(year: 2020, month: 4, day: day)
            scenario.attempt("\(date)T15:00:00Z")
        }
        #expect(scenario.ledger.recordTotal <= 16)
        #expect(scenario.rule("2020-04-30T20:00:00Z") == "RF-14-A")
        #expect(scenario.next("2020-04-30T20:00:00Z") == Fixtures.instant("2020-05-01T08:00:01-04:00"))
    }

    /// A count skips records too old to reach any window (on their time alone); the verdicts must be those of
    /// a scan of every record.
    @Test func skippingOldRecordsKeepsTheVerdicts() {
        var rng = PolicyPropertyTests.SplitMix64(state: 20_261_121)
        let policy = ContactPolicy()
        var compared = 0
        var blocked = 0
        for _ in 0..<60 {
            let start = UTCInstant(
                date: CivilDate(year: 2021 + rng.below(5), month: 1 + rng.below(12), day: 1 + rng.below(28))
            )
            let account = PolicyPropertyTests.randomAccount(&rng, start: start)
            let policyAccount = PolicyAccount(account)
            var ledger = ContactLedger(for: policyAccount)
            var t = start
            // Mostly in time order, sometimes not (a ledger is not required to be).
            for _ in 0..<(4 + rng.below(20)) {
                t = t.adding(seconds: Int64(rng.below(3 * 86_400)))
                let candidate = ContactCandidate(
                    channel: rng.pick([Channel.call, .agentCall, .sms]),
                    destination: rng.below(account.phones.count),
                    debtBucket: rng.pick(account.debts).bucket,
                    at: rng.chance(10) ? t.adding(seconds: -Int64(rng.below(20 * 86_400))) : t
                )
                ledger.recordAttempt(candidate)
                ledger.recordResult(rng.pick([.noAnswer, .answered, .busy, .conversation, .delivered]), of: candidate)
            }
            let limits =
                rng.chance(40)
                ? CampaignLimits(callsPer7Days: 2, minimumGapSeconds: Int64(rng.below(20 * 86_400)))
                : CampaignLimits()
            for _ in 0..<40 {
                let channel = rng.pick(Channel.allCases)
                let count = channel == .email ? account.emails.count : account.phones.count
                guard count > 0 else { continue }
                let candidate = ContactCandidate(
                    channel: channel,
                    destination: rng.below(count),
                    debtBucket: rng.pick(account.debts).bucket,
                    at: start.adding(seconds: Int64(rng.below(70 * 86_400)) - 5 * 86_400)
                )
                let skipping = policy.evaluate(candidate, account: policyAccount, ledger: ledger, limits: limits)
                var everyRecord = ledger
                everyRecord.countsEveryRecord = true
                let scanning = policy.evaluate(
                    candidate,
                    account: policyAccount,
                    ledger: everyRecord,
                    limits: limits
                )
                #expect(Self.summary(skipping) == Self.summary(scanning), "\(candidate)")
                compared += 1
                if !skipping.isAllowed { blocked += 1 }
            }
        }
        #expect(compared > 1_000)
        #expect(blocked > 100)
    }

    /// Without a state profile, the counts are first taken in a lean pass that keeps only today's counts; it
    /// must answer exactly as the full count (which `countsEveryRecord` forces) whenever it answers, and give way
    /// to it otherwise. Busy ledgers (several contacts a day) and every kind of campaign limit, small ones
    /// included, make both outcomes common; half the policies check the law alone.
    @Test func leanCountsKeepTheVerdicts() {
        var rng = PolicyPropertyTests.SplitMix64(state: 20_261_122)
        var compared = 0
        var blocked = 0
        var counts: [String: Int] = [:]
        for round in 0..<80 {
            var policy = ContactPolicy()
            policy.enforcesHouseLimits = round % 2 == 0
            let start = UTCInstant(
                date: CivilDate(year: 2021 + rng.below(5), month: 1 + rng.below(12), day: 1 + rng.below(28))
            )
            let account = PolicyPropertyTests.randomAccount(&rng, start: start)
            let policyAccount = PolicyAccount(account)
            // Some ledgers fix no home dates (the policy recomputes them from the home zone).
            var ledger = round % 4 < 3 ? ContactLedger(for: policyAccount) : ContactLedger()
            var t = start
            for _ in 0..<(1 + rng.below(24)) {
                t = t.adding(seconds: Int64(rng.below(86_400)))
                let channel = rng.pick(Channel.allCases)
                let count = channel == .email ? account.emails.count : account.phones.count
                guard count > 0 else { continue }
                let candidate = ContactCandidate(
                    channel: channel,
                    destination: rng.below(count),
                    debtBucket: rng.pick(account.debts).bucket,
                    at: t
                )
                ledger.recordAttempt(candidate)
                ledger.recordResult(rng.pick(AttemptResult.allCases), of: candidate)
                if rng.chance(5) {
                    ledger.recordEvent(
                        .inbound(.call, destination: 0, debtBucket: account.debts[0].bucket, conversation: true),
                        at: t.adding(seconds: 600)
                    )
                }
            }
            func limit(_ upTo: Int) -> Int? { rng.chance(30) ? rng.below(upTo) : nil }
            let limits = CampaignLimits(
                callsPerDay: limit(4),
                callsPer7Days: limit(12),
                smsPerDay: limit(3),
                smsPer7Days: limit(6),
                emailsPerDay: limit(3),
                emailsPer7Days: limit(8),
                contactsPerDay: limit(6),
                contactsPer7Days: limit(14),
                minimumGapSeconds: rng.chance(20) ? Int64(rng.below(5 * 86_400)) : nil
            )
            for _ in 0..<30 {
                let channel = rng.pick(Channel.allCases)
                let count = channel == .email ? account.emails.count : account.phones.count
                guard count > 0 else { continue }
                let candidate = ContactCandidate(
                    channel: channel,
                    destination: rng.below(count),
                    debtBucket: rng.pick(account.debts).bucket,
                    at: t.adding(seconds: Int64(rng.below(4 * 86_400)) - 2 * 86_400)
                )
                let lean = policy.evaluate(candidate, account: policyAccount, ledger: ledger, limits: limits)
                var everyRecord = ledger
                everyRecord.countsEveryRecord = true
                let full = policy.evaluate(candidate, account: policyAccount, ledger: everyRecord, limits: limits)
                #expect(Self.summary(lean) == Self.summary(full), "\(candidate) \(limits)")
                compared += 1
                if case .blocked(let block) = full {
                    blocked += 1
                    counts[block.rule, default: 0] += 1
                }
            }
        }
        #expect(compared > 1_500)
        #expect(blocked > 300)
        // The count rules themselves were reached, not only the time of day.
        for rule in ["RF-14-B", "HOUSE-CALL-DAY", "HOUSE-SMS-DAY", "HOUSE-ALL-7D", "CAMPAIGN-CONTACTS-PER-7-DAYS"] {
            #expect(counts[rule, default: 0] > 0, "\(rule)")
        }
    }

    static func summary(_ decision: PolicyDecision) -> String {
        switch decision {
        case .allowed: "allowed"
        case .blocked(let block): "\(block.rule) \(String(describing: block.nextAllowed)) \(block.reason)"
        }
    }

    @Test func ledgerIsSmall() {
        #expect(MemoryLayout<ContactLedger>.size <= 192)
        // The facts a decision reads, inline (one cache line at most), plus one reference to the rest.
        #expect(MemoryLayout<PolicyAccount>.size <= 64)
    }
}
