import DunStore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `dun run` stops within its grace under load, and the README's live demo script works end to end.
///
/// In the serialized `LiveRunTests` suite on purpose: these tests block their thread (child processes, polling),
/// and two such suites side by side would hold both of a 2-core machine's cooperative threads and starve every
/// other test of `swift test --parallel`.
extension LiveRunTests {
    /// SIGTERM while a burst's status callbacks are still arriving: the runner must exit 0 within its grace
    /// (10 s for sends in flight, 3 s for the webhook server), not hang on webhook handlers waiting for a
    /// driver loop that has ended.
    @Test(.timeLimit(.minutes(2)))
    func sigtermDuringABurstOfCallbacksExitsWithinTheGrace() async throws {
        let sandbox = try LiveSandbox()
        defer { sandbox.cleanUp() }
        let accounts = Int(ProcessInfo.processInfo.environment["DUN_BURST_ACCOUNTS"] ?? "") ?? 600
        try sandbox.importAccounts(accounts)
        try sandbox.startGatewaySim(seed: 4)
        let runner = try sandbox.startRunner(
            runID: "burst",
            originMilliseconds: LiveSandbox.nowMilliseconds(),
            speed: 1,
            campaigns: [LiveSandbox.repository.appendingPathComponent("scripts/bench-live.yaml").path]
        )
        // Wait until the burst is out and callbacks are streaming back (some answered, many still to come).
        let deadline = Date().addingTimeInterval(60)
        var callbacks = 0
        while Date() < deadline {
            let lines = try sandbox.simLogLines()
            callbacks = lines.filter { $0["event"] as? String == "callback" }.count
            if callbacks >= accounts / 10 { break }
            #expect(runner.isRunning, "the runner exited early")
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(callbacks >= accounts / 10)
        let stopped = Date()
        kill(runner.processIdentifier, SIGTERM)
        let bound = Date().addingTimeInterval(15)
        while runner.isRunning && Date() < bound { try await Task.sleep(for: .milliseconds(50)) }
        let seconds = Date().timeIntervalSince(stopped)
        if runner.isRunning {
            kill(runner.processIdentifier, SIGKILL)
            runner.waitUntilExit()
            Issue.record("dun run did not exit within 15 s of SIGTERM")
            return
        }
        runner.waitUntilExit()
        #expect(runner.terminationReason == .exit && runner.terminationStatus == 0)
        let store = try SQLiteStore(path: sandbox.database, readOnly: true)
        #expect(try store.run(id: "burst")?.status == "stopped")
        print("burst shutdown: \(accounts) accounts, \(callbacks) callbacks before SIGTERM, exit after \(seconds) s")
    }

    /// `scripts/demo-live.sh` (the README's live demo): import, gateway-sim, a split run on a demo clock, a
    /// payment recorded while it runs, `dun report`, clean shutdown; exit status 0 only when all of that held.
    @Test(.timeLimit(.minutes(2)))
    func theReadmeLiveDemoScriptRunsToTheEnd() async throws {
        let sandbox = try LiveSandbox()
        defer { sandbox.cleanUp() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [LiveSandbox.repository.appendingPathComponent("scripts/demo-live.sh").path]
        var environment = ProcessInfo.processInfo.environment
        environment["DUN"] = LiveSandbox.binary
        process.environment = environment
        // Output to files and the exit awaited without holding a thread (the suite shares a small pool).
        for name in ["demo.out", "demo.err"] {
            _ = FileManager.default.createFile(atPath: sandbox.path(name), contents: nil)
        }
        process.standardOutput = FileHandle(forWritingAtPath: sandbox.path("demo.out"))
        process.standardError = FileHandle(forWritingAtPath: sandbox.path("demo.err"))
        let started = Date()
        var launchError: (any Error)?
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                launchError = error
                process.terminationHandler = nil
                continuation.resume()
            }
        }
        if let launchError {
            Issue.record("cannot start demo-live.sh: \(launchError)")
            return
        }
        let seconds = Date().timeIntervalSince(started)
        let stderr = (try? String(contentsOfFile: sandbox.path("demo.err"), encoding: .utf8)) ?? ""
        let stdout = (try? String(contentsOfFile: sandbox.path("demo.out"), encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "demo-live.sh failed:\n\(stderr)")
        #expect(stderr.contains("demo-live: ok"))
        #expect(stdout.contains("Live demo"))
        #expect(seconds < 60, "the demo took \(seconds) s")
        print("demo-live.sh: \(Int(seconds)) s")
    }
}
