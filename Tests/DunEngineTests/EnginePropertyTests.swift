import DunCore
import DunEngine
import DunPolicy
import DunTesting
import Testing

/// Random campaigns, accounts and result histories through the real engine and policy; every dispatched
/// attempt is checked by the policy's ReferenceChecker and by EngineRunChecker. The debug run checks 50,000
/// attempts (about 15 s of CPU); `dun-soak` checks 1,000,000 in release mode in scripts/test.sh.
struct EnginePropertyTests {
    @Test func randomRunsBreakNoRule() {
        var attempts = 0
        var runs = 0
        var seed: UInt64 = 1
        while attempts < 50_000 {
            let report = EngineSoak(seed: seed, accounts: 250, days: 45).run()
            #expect(report.violations.isEmpty, "seed \(seed): \(report.violations.prefix(5))")
            if !report.violations.isEmpty { break }
            attempts += report.attempts
            runs += 1
            seed += 1
        }
        #expect(attempts >= 50_000)
    }

    @Test func aSoakRunIsDeterministic() {
        let first = EngineSoak(seed: 42, accounts: 100, days: 30).run()
        let second = EngineSoak(seed: 42, accounts: 100, days: 30).run()
        #expect(first.attempts == second.attempts)
        #expect(first.sortedDeferrals.map(\.rule) == second.sortedDeferrals.map(\.rule))
        #expect(first.sortedDeferrals.map(\.count) == second.sortedDeferrals.map(\.count))
    }
}
