import DunCore
import DunStore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `dun status` end to end in a real terminal (tmux) attached to a live `dun run` on `dun gateway-sim`: the
/// numbers on screen against the store, `/` and an account id showing the deferral reason, `q` restoring the
/// terminal (primary screen back, shell prompt back, cooked mode back).
@Suite(.serialized)
struct StatusTmuxTests {
    static let tmuxAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")

    /// A tmux server of its own (`-L`), so the test never touches another session; killed on every exit.
    final class Tmux {
        let socket = "dun-status-\(UUID().uuidString.prefix(8))"

        /// Runs a tmux command with posix_spawn and waits for it. Not `Process`: the server that `new-session`
        /// starts inherits descriptors, and Foundation's bookkeeping of the client then never completes.
        @discardableResult
        func run(_ arguments: [String], output wanted: Bool = false) throws -> String {
            let outputPath = FileManager.default.temporaryDirectory
                .appendingPathComponent("\(self.socket)-\(UUID().uuidString.prefix(8)).out").path
            defer { try? FileManager.default.removeItem(atPath: outputPath) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(
                &actions,
                1,
                wanted ? outputPath : "/dev/null",
                O_WRONLY | O_CREAT | O_TRUNC,
                0o600
            )
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            let argv = ["/usr/bin/tmux", "-L", self.socket] + arguments
            var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
            defer { for argument in cArguments { free(argument) } }
            // The test runner's threads block signals, and a spawned process inherits the mask: give tmux (and
            // the shell and `dun status` under it) a clean one, as a real terminal would.
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var empty = sigset_t()
            sigemptyset(&empty)
            var defaults = sigset_t()
            sigfillset(&defaults)
            sigdelset(&defaults, SIGKILL)
            sigdelset(&defaults, SIGSTOP)
            posix_spawnattr_setsigmask(&attributes, &empty)
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            var pid: pid_t = 0
            guard posix_spawn(&pid, "/usr/bin/tmux", &actions, &attributes, &cArguments, environ) == 0 else {
                throw SandboxError("cannot start tmux")
            }
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
            return wanted ? ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "") : ""
        }

        func screen() throws -> String { try self.run(["capture-pane", "-p", "-t", "status"], output: true) }

        func alternateScreenOn() throws -> Bool {
            try self.run(["display-message", "-p", "-t", "status", "#{alternate_on}"], output: true).hasPrefix("1")
        }

        /// Polls the screen until `condition` holds or `seconds` pass; returns the last screen.
        func waitFor(seconds: Double, _ condition: (String) throws -> Bool) throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            var screen = ""
            repeat {
                screen = try self.screen()
                if try condition(screen) { return screen }
                usleep(150_000)
            } while Date() < deadline
            return screen
        }

        /// The server's process id, read once the session exists, so `kill()` can make sure it is gone.
        var serverPID: pid_t = 0

        func kill() {
            _ = try? self.run(["kill-server"])
            if self.serverPID > 0 { Glibc.kill(self.serverPID, SIGKILL) }
            try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(self.socket)")
        }
    }

    /// `dun run` on the demo campaign starting at 14:30Z, when the Los Angeles accounts (06:30 local) must be
    /// deferred to 08:00: a deferral with a rule and reason is certain.
    static func startRunner(_ sandbox: LiveSandbox) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LiveSandbox.binary)
        process.arguments = [
            "run", LiveSandbox.repository.appendingPathComponent("examples/live-demo.yaml").path,
            "--gateway", sandbox.path("gateway.yaml"), "--db", sandbox.database, "--run-id", "status-e2e",
            "--seed", "11", "--clock-start", "2026-03-02T14:30:00Z",
            "--clock-origin-ms", String(LiveSandbox.nowMilliseconds()), "--clock-speed", "60",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["DUN_TEST_TWILIO_TOKEN"] = sandbox.token
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Numbers of one channel row on screen: queued, due, sent today, delivered, failed, deferred.
    static func channelRow(_ screen: String, _ channel: Channel) -> [Int]? {
        for line in screen.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.first.map(String.init) == channel.rawValue, words.count >= 7 else { continue }
            let numbers = words[1...6].compactMap { Int($0) }
            if numbers.count == 6 { return numbers }
        }
        return nil
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test(.enabled(if: tmuxAvailable), .timeLimit(.minutes(2)))
    func statusFollowsALiveRunFindsTheDeferralAndRestoresTheTerminal() throws {
        let sandbox = try LiveSandbox()
        let tmux = Tmux()
        var runner: Process?
        defer {
            tmux.kill()
            if let runner, runner.isRunning {
                kill(runner.processIdentifier, SIGTERM)
                runner.waitUntilExit()
            }
            sandbox.cleanUp()
        }
        try sandbox.importAccounts(12)
        try sandbox.startGatewaySim(seed: 5)
        runner = try Self.startRunner(sandbox)

        // Wait until the run has sent something and deferred something.
        let deadline = Date().addingTimeInterval(30)
        var deferred: (account: String, summary: String)?
        while Date() < deadline, deferred == nil {
            usleep(300_000)
            let store = try SQLiteStore(path: sandbox.database, readOnly: true)
            guard try store.attempts(accountID: nil).contains(where: { $0.state == .result }) else { continue }
            for account in try store.loadAccounts() {
                if let entry = try store.timeline(accountID: account.id).first(where: { $0.kind == .deferral }) {
                    deferred = (account.id, entry.summary)
                    break
                }
            }
        }
        let (accountID, summary) = try #require(deferred, "the run deferred nothing within 30 s")

        // A shell in a 100×30 terminal with a recognisable prompt; dun status started from it.
        try tmux.run(["new-session", "-d", "-s", "status", "-x", "100", "-y", "30", "env PS1='READY$ ' sh"])
        tmux.serverPID =
            pid_t(
                try tmux.run(["display-message", "-p", "-t", "status", "#{pid}"], output: true)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            ) ?? 0
        _ = try tmux.waitFor(seconds: 5) { $0.contains("READY$") }
        try tmux.run(["send-keys", "-t", "status", "\(LiveSandbox.binary) status --db \(sandbox.database)", "Enter"])
        let live = try tmux.waitFor(seconds: 15) { $0.contains("dun · live") && $0.contains("Channels") }
        #expect(live.contains("dun · live"), "dashboard not shown:\n\(live)")
        #expect(try tmux.alternateScreenOn())

        // Freeze the store (stop the run), let the dashboard refresh, then compare the screen with the store.
        if let process = runner {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        let store = try SQLiteStore(path: sandbox.database, readOnly: true)
        let run = try #require(try store.run(id: "status-e2e"))
        let dayStart = UTCInstant(date: run.clockAt.utcDate)
        let attempts = try store.attempts(accountID: nil)
        func expected(_ channel: Channel) -> (sent: Int, delivered: Int, failed: Int, due: Int) {
            let mine = attempts.filter { $0.attempt.channel == channel }
            let today = mine.filter { $0.createdAt >= dayStart && $0.createdAt <= run.clockAt }
            return (
                today.filter { $0.state == .sent || $0.state == .result }.count,
                today.filter {
                    $0.result == .delivered || $0.result == .answered || $0.result == .conversation
                        || $0.result == .voicemail || $0.result == .limitedContentMessage
                }.count,
                today.filter { $0.state == .failed || $0.result == .failed }.count,
                mine.filter { $0.state == .dispatching || $0.state == .inDoubt }.count
            )
        }
        let sms = expected(.sms)
        let settled = try tmux.waitFor(seconds: 10) { screen in
            guard let row = Self.channelRow(screen, .sms) else { return false }
            return screen.contains(ISO8601.format(run.clockAt, offsetSeconds: 0)) && row[2] == sms.sent
                && row[3] == sms.delivered && row[4] == sms.failed && row[1] == sms.due
        }
        let row = Self.channelRow(settled, .sms)
        #expect(row != nil, "no sms row on screen:\n\(settled)")
        #expect(row?[2] == sms.sent, "sent today on screen vs store \(sms.sent):\n\(settled)")
        #expect(row?[3] == sms.delivered)
        #expect(row?[4] == sms.failed)
        #expect(row?[1] == sms.due)
        #expect(sms.sent > 0)
        #expect(settled.contains(ISO8601.format(run.clockAt, offsetSeconds: 0)), "the run's clock in the header")

        // "/", the account id, enter: the timeline with the deferral's rule and reason.
        try tmux.run(["send-keys", "-t", "status", "/"])
        try tmux.run(["send-keys", "-t", "status", "-l", accountID])
        try tmux.run(["send-keys", "-t", "status", "Enter"])
        // `deferred sms by RULE until 2026-03-02T16:00:00Z: reason` (the instant has colons, but no ": ").
        let reason = Self.collapsed(summary.range(of: ": ").map { String(summary[$0.upperBound...]) } ?? summary)
        let words = reason.split(separator: " ").prefix(6).joined(separator: " ")
        let timeline = try tmux.waitFor(seconds: 10) { screen in
            Self.collapsed(screen).contains(words) && screen.contains("Account \(accountID)")
        }
        #expect(timeline.contains("Account \(accountID)"), "timeline not shown:\n\(timeline)")
        #expect(Self.collapsed(timeline).contains(words), "deferral reason '\(words)' not on screen:\n\(timeline)")
        #expect(timeline.contains("deferral"))

        // esc back to the panels, q out: primary screen, prompt and cooked mode are back.
        try tmux.run(["send-keys", "-t", "status", "Escape"])
        _ = try tmux.waitFor(seconds: 5) { $0.contains("Channels") }
        try tmux.run(["send-keys", "-t", "status", "q"])
        let after = try tmux.waitFor(seconds: 5) { screen in
            screen.split(separator: "\n").last.map { $0.hasPrefix("READY$") } ?? false
        }
        #expect(!(try tmux.alternateScreenOn()), "still on the alternate screen")
        #expect(!after.contains("dun · live"), "dashboard still visible:\n\(after)")
        try tmux.run(["send-keys", "-t", "status", "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo", "Enter"])
        let modes = try tmux.waitFor(seconds: 5) { $0.contains("\nicanon") || $0.contains("icanon\n") }
        let lines = modes.split(separator: "\n").map(String.init)
        #expect(lines.contains("icanon"), "terminal left in raw mode:\n\(modes)")
        #expect(lines.contains("echo"), "echo not restored:\n\(modes)")

        // Scripts: output that is not a terminal gets one plain frame.
        let once = try LiveSandbox.runToEnd(["status", "--db", sandbox.database, "--width", "80", "--height", "24"])
        #expect(once.status == 0)
        #expect(once.stdout.contains("dun · live"))
        #expect(!once.stdout.contains("\u{1B}"))
        #expect(once.stdout.split(separator: "\n", omittingEmptySubsequences: false).count >= 24)
    }
}
