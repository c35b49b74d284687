import DunTesting

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// dun-soak: the engine property check at scale. Random campaigns, accounts and result histories run through the
// real engine and policy; every dispatched attempt is checked by the policy's ReferenceChecker and by the
// engine's EngineRunChecker. Exits 1 on the first violation.
//
//   dun-soak [--attempts N] [--seed S] [--accounts-per-run N] [--days N]
//
// scripts/test.sh runs it with 1,000,000 attempts in release mode; for a longer soak, e.g.
//   swift run -c release dun-soak --attempts 20000000 --seed 7

var attemptsWanted = 1_000_000
var seed: UInt64 = 1
var accountsPerRun = 1_000
var days = 60
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let flag = arguments.next() {
    guard let value = arguments.next(), let number = UInt64(value) else {
        print("usage: dun-soak [--attempts N] [--seed S] [--accounts-per-run N] [--days N]")
        exit(2)
    }
    switch flag {
    case "--attempts": attemptsWanted = Int(number)
    case "--seed": seed = number
    case "--accounts-per-run": accountsPerRun = Int(number)
    case "--days": days = Int(number)
    default:
        print("dun-soak: unknown option \(flag)")
        exit(2)
    }
}

var attempts = 0
var deferrals = 0
var decisions = 0
var runs = 0
var byRule: [String: Int] = [:]
while attempts < attemptsWanted {
    let report = EngineSoak(seed: seed &+ UInt64(runs), accounts: accountsPerRun, days: days).run()
    runs += 1
    attempts += report.attempts
    deferrals += report.deferrals
    decisions += report.decisions
    for (rule, count) in report.deferralsByRule { byRule[rule, default: 0] += count }
    if !report.violations.isEmpty {
        print("dun-soak: \(report.violations.count) violations in run seed \(report.seed):")
        for violation in report.violations.prefix(20) { print("  \(violation)") }
        exit(1)
    }
}
print(
    "dun-soak: \(attempts) attempts checked, 0 violations (\(runs) runs of \(accountsPerRun) accounts x \(days) days, seed \(seed))"
)
print("  decisions \(decisions), deferrals \(deferrals)")
for rule in byRule.keys.sorted() { print("  deferred by \(rule): \(byRule[rule]!)") }
