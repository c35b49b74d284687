import DunCampaign
import DunCore
import DunStore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `dun run` end to end against `dun gateway-sim` on loopback: delivery, webhooks, STOP, SIGKILL at random
/// moments with restarts, injected faults. Every check is made after the fact from the gateway-sim log and the
/// store (LiveRunChecks).
@Suite(.serialized)
struct LiveRunTests {
    static let campaign = Result {
        try CampaignLoader.campaign(file: LiveSandbox.repository.appendingPathComponent("examples/live-demo.yaml").path)
    }

    /// SplitMix64, for the kill moments.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            self.state &+= 0x9E37_79B9_7F4A_7C15
            var z = self.state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Waits until the run is quiet: every enrolment ended, or waits on a recorded deferral (a send the
    /// gateway did not take still counts toward the house SMS-per-day limit, so its retry can wait for the
    /// next day) with no attempt open. Returns the ended, deferred and total counts.
    static func waitForQuiet(
        _ sandbox: LiveSandbox,
        seconds: Double
    ) async throws
        -> (ended: Int, deferred: Int, total: Int)
    {
        let deadline = Date().addingTimeInterval(seconds)
        var counts = (ended: 0, deferred: 0, total: 0)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: sandbox.database) {
                let store = try SQLiteStore(path: sandbox.database, readOnly: true)
                let enrolments = try store.enrolments()
                counts = (enrolments.filter { $0.status == .ended }.count, 0, enrolments.count)
                for enrolment in enrolments where enrolment.status == .active {
                    let attempts = try store.attempts(accountID: enrolment.accountID)
                    guard attempts.allSatisfy({ $0.state == .result || $0.state == .failed }),
                        let last = attempts.last?.resultAt ?? attempts.last?.createdAt
                    else { continue }
                    if try store.timeline(accountID: enrolment.accountID).contains(where: {
                        $0.kind == .deferral && $0.at >= last
                    }) {
                        counts.deferred += 1
                    }
                }
                if counts.total > 0, counts.ended + counts.deferred == counts.total { return counts }
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        return counts
    }

    /// How many sends the gateway-sim has accepted so far.
    static func acceptedCount(_ sandbox: LiveSandbox) -> Int {
        let text = (try? String(contentsOfFile: sandbox.simLog, encoding: .utf8)) ?? ""
        return text.components(separatedBy: "\"event\":\"accepted\"").count - 1
    }

    static func terminate(_ process: Process) -> Int32 {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(.timeLimit(.minutes(2)))
    func aRunDeliversReceivesWebhooksAndHonoursStop() async throws {
        let campaign = try Self.campaign.get()
        let sandbox = try LiveSandbox()
        defer { sandbox.cleanUp() }
        try sandbox.importAccounts(30)
        try sandbox.startGatewaySim(seed: 3)
        let runner = try sandbox.startRunner(
            runID: "e2e",
            originMilliseconds: LiveSandbox.nowMilliseconds(),
            speed: 120
        )
        let counts = try await Self.waitForQuiet(sandbox, seconds: 60)
        #expect(Self.terminate(runner) == 0)
        #expect(counts.total == 30 && counts.ended == 30)
        let checks = try LiveRunChecks(sandbox: sandbox, campaign: campaign)
        #expect(checks.acceptedMessages >= 60)
        #expect(checks.duplicateKeys.isEmpty)
        #expect(checks.unknownToStore.isEmpty)
        #expect(checks.lostResults.isEmpty)
        #expect(checks.lostOptOuts.isEmpty)
        #expect(checks.violations.isEmpty)
        #expect(checks.acknowledgedResults > 0)
        let report = try LiveSandbox.runToEnd(["report", "--db", sandbox.database, "--json"])
        #expect(report.status == 0)
        #expect(report.stdout.contains("\"campaign\":\"Live demo\""))
    }

    @Test(.timeLimit(.minutes(3)))
    func sigkillAtRandomMomentsLosesNothingAndSendsNothingTwice() async throws {
        let campaign = try Self.campaign.get()
        let sandbox = try LiveSandbox()
        defer { sandbox.cleanUp() }
        try sandbox.importAccounts(40)
        // Each accepted send is answered 800 ms late, so kills land between `dispatching` and `sent`: the restart
        // must reconcile those attempts with the gateway by lookup (found: sent; never sent again).
        try sandbox.startGatewaySim(seed: 5, fault5xx: 0.05, faultTimeout: 0.03, answerDelayMilliseconds: 800)
        let kills = Int(ProcessInfo.processInfo.environment["DUN_CRASH_KILLS"] ?? "") ?? 20
        var random = Random(state: UInt64(ProcessInfo.processInfo.environment["DUN_CRASH_SEED"] ?? "") ?? 20_260_302)
        let origin = LiveSandbox.nowMilliseconds()
        // Speed 30: the 40-minute campaign takes 80 s of wall time; the kills land throughout it.
        for round in 0..<kills {
            let accepted = Self.acceptedCount(sandbox)
            let runner = try sandbox.startRunner(runID: "crash", originMilliseconds: origin, speed: 30)
            if round % 5 == 0 {
                // Inside the dispatch window: right after the gateway accepted a send, before it answers.
                let deadline = Date().addingTimeInterval(round == 0 ? 10 : 2.8)
                while Self.acceptedCount(sandbox) == accepted && Date() < deadline {
                    try await Task.sleep(for: .milliseconds(10))
                }
                try await Task.sleep(for: .microseconds(random.next() % 200_000))
            } else {
                try await Task.sleep(for: .microseconds(200_000 + random.next() % 2_600_000))
            }
            kill(runner.processIdentifier, SIGKILL)
            runner.waitUntilExit()
            #expect(runner.terminationReason == .uncaughtSignal)
        }
        let runner = try sandbox.startRunner(runID: "crash", originMilliseconds: origin, speed: 30)
        let counts = try await Self.waitForQuiet(sandbox, seconds: 100)
        #expect(Self.terminate(runner) == 0)
        #expect(counts.total == 40 && counts.ended + counts.deferred == 40)
        let checks = try LiveRunChecks(sandbox: sandbox, campaign: campaign)
        #expect(checks.acceptedMessages >= 80)
        #expect(checks.duplicateKeys.isEmpty, "sent twice: \(checks.duplicateKeys)")
        #expect(checks.unknownToStore.isEmpty, "accepted but not sent in the store: \(checks.unknownToStore)")
        #expect(checks.lostResults.isEmpty, "acknowledged results missing: \(checks.lostResults)")
        #expect(checks.lostOptOuts.isEmpty)
        #expect(checks.violations.isEmpty, "rules broken: \(checks.violations)")
        let store = try SQLiteStore(path: sandbox.database, readOnly: true)
        // An attempt may end in doubt only where the gateway could not say whether it got it (SMTP has no lookup;
        // a lookup can itself time out under the injected faults): the runner never resends those, a person
        // resolves them. None may be left `dispatching` (written before dispatch and never tried or reconciled),
        // and none was accepted twice (the duplicate-key check above covers every key).
        let inDoubt = try store.attemptsInDoubt()
        #expect(
            inDoubt.allSatisfy { $0.state == .inDoubt && $0.note != nil },
            "left dispatching, or in doubt without a reason: \(inDoubt.map { "\($0.key) \($0.state.rawValue)" })"
        )
        let runnerLog = (try? String(contentsOfFile: sandbox.path("runner.log"), encoding: .utf8)) ?? ""
        let reconciled = runnerLog.split(separator: "\n").filter { $0.contains("attempts in doubt with the gateway") }
            .count
        // At least the first kill lands while the first texts are accepted but unanswered: a restart found them
        // `dispatching` and reconciled them by lookup (the checks above prove none was sent twice).
        #expect(reconciled >= 1, "no kill landed between dispatching and sent")
        print(
            "crash test: \(kills) kills, \(reconciled) restarts reconciled attempts in doubt, \(counts.ended) enrolments ended, \(counts.deferred) deferred to a later day, \(checks.acceptedMessages) messages accepted, \(checks.repeats) repeated keys deduplicated, \(checks.acknowledgedResults) results acknowledged, attempts by state \(checks.attemptsByState.map { "\($0.key.rawValue)=\($0.value)" }.sorted())"
        )
    }

    @Test(.timeLimit(.minutes(2)))
    func twentyPercentFaultsEndDeliveredOrFailedNeverTwice() async throws {
        let campaign = try Self.campaign.get()
        let sandbox = try LiveSandbox()
        defer { sandbox.cleanUp() }
        try sandbox.importAccounts(30)
        try sandbox.startGatewaySim(seed: 9, fault5xx: 0.10, faultTimeout: 0.05, fault429: 0.05)
        let runner = try sandbox.startRunner(
            runID: "faults",
            originMilliseconds: LiveSandbox.nowMilliseconds(),
            speed: 60
        )
        let counts = try await Self.waitForQuiet(sandbox, seconds: 90)
        #expect(Self.terminate(runner) == 0)
        #expect(counts.total == 30 && counts.ended + counts.deferred == 30)
        let checks = try LiveRunChecks(sandbox: sandbox, campaign: campaign)
        #expect(checks.duplicateKeys.isEmpty)
        #expect(checks.unknownToStore.isEmpty)
        #expect(checks.lostResults.isEmpty)
        #expect(checks.violations.isEmpty)
        let store = try SQLiteStore(path: sandbox.database, readOnly: true)
        let attempts = try store.attempts(accountID: nil)
        // Everything ends delivered (a result) or marked failed; nothing is left dispatching or in doubt.
        #expect(attempts.allSatisfy { $0.state == .result || $0.state == .failed })
        #expect(attempts.contains { $0.state == .failed })
        print(
            "fault test: \(counts.ended) enrolments ended, \(counts.deferred) deferred to a later day, \(attempts.count) attempts, \(checks.acceptedMessages) accepted, by state \(checks.attemptsByState.map { "\($0.key.rawValue)=\($0.value)" }.sorted())"
        )
    }
}
