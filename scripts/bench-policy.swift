// Micro-benchmark of the contact policy, compiled by scripts/bench-policy.sh into one optimised module with the
// DunCore and DunPolicy sources. Workload: 4,096 US accounts (NY, MA, WA, NYC, CA, AZ, HI addresses; 1-3 phones,
// 0-1 email, 1-2 debts) each with a realistic ledger (a week of history recorded through the policy itself),
// then decisions for random candidates (all channels) at random instants over the following week.

let clock = ContinuousClock()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

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
}

let states: [(String, String, String)] = [
    ("NY", "12207", "Albany"), ("NY", "11201", "Brooklyn"), ("MA", "02108", "Boston"), ("WA", "98101", "Seattle"),
    ("CA", "94103", "San Francisco"), ("AZ", "85001", "Phoenix"), ("HI", "96813", "Honolulu"), ("TX", "75201", "Dallas"),
]
let areaCodes = ["212", "617", "206", "415", "602", "808", "214", "312"]
var rng = SplitMix64(state: 7)
let start = UTCInstant(date: CivilDate(year: 2026, month: 3, day: 2), secondOfDay: 13 * 3600)
let policy = ContactPolicy()
let limits = CampaignLimits()
var accounts: [PolicyAccount] = []
var ledgers: [ContactLedger] = []
var recorded = 0
for index in 0..<4_096 {
    let (state, zip, city) = states[rng.below(states.count)]
    var phones: [PhoneContact] = []
    for _ in 0..<(1 + rng.below(3)) {
        phones.append(
            PhoneContact(
                number: "+1\(areaCodes[rng.below(areaCodes.count)])555\(1000 + rng.below(9000))",
                kind: rng.below(4) == 0 ? .landline : .mobile, smsConsentAt: start.adding(seconds: -86_400),
                autodialConsent: true))
    }
    let emails = rng.below(2) == 0 ? [EmailContact(address: "a\(index)@example.com", provenance: .consumerUsed)] : []
    let debts = (0..<(1 + rng.below(2))).map { Debt(id: "D-\(index)-\($0)", balance: Money(cents: 10_000)) }
    let account = PolicyAccount(
        Account(
            id: "A-\(index)", address: PostalAddress(country: "US", state: state, postalCode: zip, city: city),
            phones: phones, emails: emails, debts: debts))
    var ledger = ContactLedger(for: account)
    var t = start.adding(seconds: -7 * 86_400)
    for _ in 0..<12 {
        t = t.adding(seconds: Int64(3 * 3600 + rng.below(20 * 3600)))
        let channel: Channel = [.agentCall, .call, .sms, .email][rng.below(emails.isEmpty ? 3 : 4)]
        let candidate = ContactCandidate(
            channel: channel, destination: channel == .email ? 0 : rng.below(phones.count),
            debtBucket: debts[rng.below(debts.count)].bucket, at: t)
        if policy.evaluate(candidate, account: account, ledger: ledger, limits: limits).isAllowed {
            ledger.recordAttempt(candidate)
            ledger.recordResult([.noAnswer, .voicemail, .busy, .delivered][rng.below(4)], of: candidate)
            recorded += 1
        }
    }
    accounts.append(account)
    ledgers.append(ledger)
}
var candidates: [(Int, ContactCandidate)] = []
for _ in 0..<65_536 {
    let index = rng.below(accounts.count)
    let account = accounts[index].account
    let channel: Channel = [.agentCall, .call, .sms, .email][rng.below(account.emails.isEmpty ? 3 : 4)]
    candidates.append(
        (
            index,
            ContactCandidate(
                channel: channel, destination: channel == .email ? 0 : rng.below(account.phones.count),
                debtBucket: account.debts[rng.below(account.debts.count)].bucket,
                at: start.adding(seconds: Int64(rng.below(7 * 86_400))))
        ))
}

print("MemoryLayout<ContactLedger>.size = \(MemoryLayout<ContactLedger>.size) bytes (stride \(MemoryLayout<ContactLedger>.stride))")
print("MemoryLayout<PolicyAccount>.size = \(MemoryLayout<PolicyAccount>.size) bytes (the facts a decision reads, inline, plus one reference to the rest)")
print("history recorded through the policy: \(recorded) attempts over \(accounts.count) accounts")

/// CPU time of this thread in seconds: the machine is shared, so wall-clock time would count other processes.
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// The timed loop lives in a function over `let` arrays, as in an engine: accounts and ledgers are borrowed,
/// not copied, for each decision.
@inline(never)
func decide(
    _ selection: [(Int, ContactCandidate)],
    rounds: Int,
    accounts: [PolicyAccount],
    ledgers: [ContactLedger],
    policy: ContactPolicy,
    limits: CampaignLimits
) -> (allowed: Int, blocked: Int) {
    var allowed = 0
    var blocked = 0
    // Borrow ledgers through a buffer pointer: `ledgers[index]` as an argument would copy the 184-byte value.
    ledgers.withUnsafeBufferPointer { ledgers in
        accounts.withUnsafeBufferPointer { accounts in
            for _ in 0..<rounds {
                for (index, candidate) in selection {
                    switch policy.evaluate(candidate, account: accounts[index], ledger: ledgers[index], limits: limits) {
                    case .allowed: allowed += 1
                    case .blocked: blocked += 1
                    }
                }
            }
        }
    }
    return (allowed, blocked)
}

func run(_ label: String, rounds: Int, _ selection: [(Int, ContactCandidate)]) {
    let wallStart = clock.now
    let began = threadCPUSeconds()
    let (allowed, blocked) = decide(
        selection, rounds: rounds, accounts: accounts, ledgers: ledgers, policy: policy, limits: limits)
    let elapsed = threadCPUSeconds() - began
    let wall = seconds(clock.now - wallStart)
    let decisions = Double(rounds * selection.count)
    let perSecond = Int(decisions / elapsed)
    let nanos = elapsed / decisions * 1e9
    print(
        "\(label): \(perSecond) decisions/s of thread CPU time (\(String(format: "%.0f", nanos)) ns each; "
            + "wall \(String(format: "%.2f", wall)) s for \(String(format: "%.2f", elapsed)) s CPU; "
            + "\(allowed) allowed, \(blocked) blocked)")
}

run("evaluate, mixed (all candidates)", rounds: 3, candidates)
let allowedOnly = candidates.filter { policy.evaluate($0.1, account: accounts[$0.0], ledger: ledgers[$0.0], limits: limits).isAllowed }
run("evaluate, allowed path only", rounds: Int(ProcessInfo.processInfo.environment["BENCH_ROUNDS"] ?? "") ?? 10, allowedOnly)
let blockedOnly = candidates.filter { !policy.evaluate($0.1, account: accounts[$0.0], ledger: ledgers[$0.0], limits: limits).isAllowed }
run("evaluate, blocked path only (with nextAllowed)", rounds: 2, blockedOnly)

var copies = ledgers
let recordStart = threadCPUSeconds()
for (index, candidate) in allowedOnly {
    copies[index].recordAttempt(candidate)
    copies[index].recordResult(.noAnswer, of: candidate)
}
let recordElapsed = threadCPUSeconds() - recordStart
print("recordAttempt + recordResult: \(String(format: "%.0f", recordElapsed / Double(allowedOnly.count) * 1e9)) ns per attempt")
