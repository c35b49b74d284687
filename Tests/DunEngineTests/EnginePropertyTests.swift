import DunCore
import DunEngine
import DunPolicy
import DunTesting
import Testing

/// Random campaigns, accounts and result histories through the real engine and policy; every dispatched
/// attempt is checked by the independent run checker.
struct EnginePropertyTests {
    @Test func randomRunsBreakNoRule() {
        var attempts = 0
        var runs = 0
        var seed: UInt64 = 1
        while attempts < 100_000 {
            let report = EngineSoak(seed: seed, accounts: 250, days: 45).run()
            #expect(report.violations.isEmpty, "seed \(seed): \(report.violations.prefix(5))")
            if !report.violations.isEmpty { break }
            attempts += report.attempts
            runs += 1
            seed += 1
        }
        #expect(attempts >= 100_000)
    }

    @Test func aSoakRunIsDeterministic() {
        let first = EngineSoak(seed: 42, accounts: 100, days: 30).run()
        let second = EngineSoak(seed: 42, accounts: 100, days: 30).run()
        #expect(first.attempts == second.attempts)
        #expect(first.sortedDeferrals.map(\.rule) == second.sortedDeferrals.map(\.rule))
        #expect(first.sortedDeferrals.map(\.count) == second.sortedDeferrals.map(\.count))
    }
}
