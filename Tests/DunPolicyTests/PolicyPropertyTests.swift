import DunCore
import DunTesting
import Testing

@testable import DunPolicy

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Random accounts, histories and candidates: the policy and the independent `ReferenceChecker` must agree.
/// Allowed ⇒ no violation; blocked ⇒ a violation now, none at `nextAllowed`, and one a second before it
/// (so `nextAllowed` is the earliest instant).
struct PolicyPropertyTests {
    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            self.state &+= 0x9E37_79B9_7F4A_7C15
            var z = self.state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(self.next() % UInt64(bound)) }
        mutating func chance(_ percent: Int) -> Bool { self.below(100) < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[self.below(items.count)] }
    }

    static let areaCodes = ["212", "617", "312", "303", "602", "415", "206", "808", "907", "413", "999"]
    static let addresses: [PostalAddress] = [
        PostalAddress(country: "US", state: "NY", postalCode: "12207", city: "Albany"),
        PostalAddress(country: "US", state: "NY", postalCode: "11201", city: "Brooklyn"),
        PostalAddress(country: "US", state: "MA", postalCode: "02108", city: "Boston"),
        PostalAddress(country: "US", state: "WA", postalCode: "98101", city: "Seattle"),
        PostalAddress(country: "US", state: "CA", postalCode: "94103", city: "San Francisco"),
        PostalAddress(country: "US", state: "AZ", postalCode: "85001", city: "Phoenix"),
        PostalAddress(country: "US", state: "HI", postalCode: "96813", city: "Honolulu"),
        PostalAddress(country: "US", state: "", postalCode: "", city: ""),
        PostalAddress(country: "CN", state: "", postalCode: "", city: "Shanghai"),
    ]

    static func randomAccount(_ rng: inout SplitMix64, start: UTCInstant) -> Account {
        var phones: [PhoneContact] = []
        for _ in 0..<(1 + rng.below(3)) {
            let area = rng.pick(Self.areaCodes)
            let consent: UTCInstant? =
                rng.chance(60) ? start.adding(seconds: Int64(rng.below(90 * 86_400)) - 60 * 86_400) : nil
            phones.append(
                PhoneContact(
                    number: "+1\(area)555\(1_000 + rng.below(9_000))",
                    kind: rng.pick([.mobile, .mobile, .landline, .work]),
                    smsConsentAt: consent,
                    autodialConsent: rng.chance(60)
                )
            )
        }
        var emails: [EmailContact] = []
        for index in 0..<rng.below(3) {
            emails.append(
                EmailContact(
                    address: "p\(index)@example.com",
                    provenance: rng.pick(EmailContact.Provenance.allCases),
                    optOutDeadline: rng.chance(70) ? start.adding(seconds: Int64(rng.below(20 * 86_400))) : nil,
                    employerProvided: rng.chance(20)
                )
            )
        }
        var inconvenient: [InconvenientTime] = []
        if rng.chance(15) {
            inconvenient.append(
                InconvenientTime(
                    days: rng.chance(50) ? [] : [rng.pick(Weekday.allCases)],
                    from: LocalTime(hour: 8 + rng.below(12)),
                    to: LocalTime(hour: rng.below(24))
                )
            )
        }
        let debts = (0..<(1 + rng.below(3))).map { Debt(id: "D-\($0)", balance: Money(cents: 100)) }
        return Account(
            id: "P",
            address: rng.pick(Self.addresses),
            timeZones: rng.chance(10) ? ["America/Chicago"] : [],
            phones: phones,
            emails: emails,
            debts: debts,
            flags: AccountFlags(employerProhibitsWorkContact: rng.chance(20)),
            inconvenientTimes: inconvenient
        )
    }

    static func randomEvent(_ rng: inout SplitMix64, _ account: Account) -> ConsumerEvent {
        let bucket = rng.pick(account.debts).bucket
        let phone = rng.below(account.phones.count)
        switch rng.below(12) {
        case 0: return .optOut(rng.pick([.sms, .call, .agentCall]), destination: phone)
        case 1:
            return account.emails.isEmpty
                ? .employerProhibits : .optOut(.email, destination: rng.below(account.emails.count))
        case 2: return .optOutMedium(rng.pick(Channel.allCases))
        case 3, 4: return .callConsent(debtBucket: bucket, until: UTCInstant(secondsSinceEpoch: 0))
        case 5: return .callConsentRevoked(debtBucket: bucket)
        case 6, 7:
            return .inbound(
                rng.pick(Channel.allCases),
                destination: 0,
                debtBucket: bucket,
                conversation: rng.chance(60)
            )
        case 8: return .wrongNumber(destination: phone)
        case 9: return .attorneyDebt(debtBucket: bucket)
        case 10: return rng.chance(50) ? .dispute : .verificationSent
        default: return .ceaseDebt(debtBucket: bucket)
        }
    }

    @Test func policyAgreesWithReferenceChecker() {
        var rng = SplitMix64(state: UInt64(ProcessInfo.processInfo.environment["POLICY_SOAK_SEED"] ?? "") ?? 20_260_401)
        let policy = ContactPolicy()
        var decisions = 0
        var blocked = 0
        var rules: [String: Int] = [:]
        // POLICY_SOAK_SCENARIOS=N (and POLICY_SOAK_SEED=S) runs more (a soak); CI runs 250.
        let scenarios = Int(ProcessInfo.processInfo.environment["POLICY_SOAK_SCENARIOS"] ?? "") ?? 250
        for _ in 0..<scenarios {
            let start = UTCInstant(
                date: CivilDate(year: 2020 + rng.below(8), month: 1 + rng.below(12), day: 1 + rng.below(28))
            )
            let account = Self.randomAccount(&rng, start: start)
            let policyAccount = PolicyAccount(account)
            var ledger = ContactLedger(for: policyAccount)
            var checker = ReferenceChecker(account: account)
            let limits =
                rng.chance(20)
                ? CampaignLimits(callsPerDay: 1, smsPer7Days: 2, minimumGapSeconds: 3 * 3_600) : CampaignLimits()
            checker.limits = limits
            var t = start.adding(seconds: Int64(rng.below(86_400)))
            var pending: ContactCandidate? = nil
            for _ in 0..<60 {
                t = t.adding(seconds: Int64(rng.chance(30) ? rng.below(3 * 3_600) : rng.below(30 * 3_600)))
                if let open = pending, rng.chance(70) {
                    let result = rng.pick([AttemptResult.noAnswer, .busy, .voicemail, .conversation, .answered])
                    ledger.recordResult(result, of: open)
                    checker.setResult(result, of: open)
                    pending = nil
                }
                if rng.chance(6) {
                    var event = Self.randomEvent(&rng, account)
                    if case .callConsent(let bucket, _) = event {
                        event = .callConsent(debtBucket: bucket, until: t.adding(seconds: Int64(rng.below(9 * 86_400))))
                    }
                    ledger.recordEvent(event, at: t)
                    checker.record(event, at: t)
                }
                let channel = rng.pick(Channel.allCases)
                let count = channel == .email ? account.emails.count : account.phones.count
                guard count > 0 else { continue }
                let candidate = ContactCandidate(
                    channel: channel,
                    destination: rng.below(count),
                    debtBucket: rng.pick(account.debts).bucket,
                    at: t
                )
                let decision = policy.evaluate(candidate, account: policyAccount, ledger: ledger, limits: limits)
                let violations = checker.violations(of: candidate)
                decisions += 1
                switch decision {
                case .allowed:
                    #expect(violations.isEmpty, "allowed but the checker finds \(violations) for \(candidate)")
                    ledger.recordAttempt(candidate)
                    if pending == nil && channel.isTelephoneCall && rng.chance(40) {
                        checker.record(candidate, result: nil)
                        pending = candidate
                    } else {
                        let result: AttemptResult =
                            channel.isTelephoneCall
                            ? rng.pick([.noAnswer, .busy, .voicemail, .conversation, .answered, .notInService])
                            : rng.pick([.delivered, .delivered, .failed])
                        ledger.recordResult(result, of: candidate)
                        checker.record(candidate, result: result)
                    }
                case .blocked(let block):
                    blocked += 1
                    rules[block.rule, default: 0] += 1
                    #expect(
                        !violations.isEmpty,
                        "blocked by \(block.rule) but the checker finds nothing: \(candidate) events \(checker.events.map { "\($0.event)@\($0.at)" }) \(checker.attempts.suffix(6).map { "\($0.candidate.channel)/\($0.candidate.destination)/\($0.candidate.debtBucket)@\($0.candidate.at)=\(String(describing: $0.result))" })"
                    )
                    if let next = block.nextAllowed {
                        var later = candidate
                        later.at = next
                        #expect(
                            checker.violations(of: later).isEmpty,
                            "\(block.rule) says \(next) but the checker finds \(checker.violations(of: later))"
                        )
                        #expect(
                            policy.evaluate(later, account: policyAccount, ledger: ledger, limits: limits).isAllowed
                        )
                        if next > candidate.at {
                            var before = candidate
                            before.at = next.adding(seconds: -1)
                            #expect(
                                !checker.violations(of: before).isEmpty,
                                "\(block.rule): \(next) is not the earliest"
                            )
                        }
                    }
                }
            }
        }
        // Most rule families must actually be exercised.
        #expect(rules.keys.filter { $0.hasPrefix("RF-14") }.count >= 2, "\(rules.sorted { $0.key < $1.key })")
        #expect(rules.count >= 15, "\(rules.sorted { $0.key < $1.key })")
        #expect(decisions > 5_000)
        #expect(blocked > 500)
    }
}
