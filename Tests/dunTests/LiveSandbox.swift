import DunCore
import DunStore
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A sandbox for end-to-end live runs: a temporary directory, the built `dun` binary, `dun gateway-sim` on
/// loopback, and helpers to start, kill and stop `dun run`.
final class LiveSandbox: @unchecked Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `dun` binary next to the test bundle (SwiftPM builds it: dunTests depends on the executable).
    static var binary: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dun"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("dun"),
            self.repository.appendingPathComponent(".build/debug/dun"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path ?? candidates[2].path
    }

    let directory: URL
    let webhookPort: Int
    /// The accounts as imported, before any run changed them (consent instants, suppressions).
    var importedAccounts: [String: Account] = [:]
    var httpPort = 0
    var smtpPort = 0
    private var sim: Process?
    let token = "sandbox-token"

    init() throws {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("dun-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        self.webhookPort = try Self.freePort()
    }

    func path(_ name: String) -> String { self.directory.appendingPathComponent(name).path }

    var database: String { self.path("dun.sqlite") }
    var simLog: String { self.path("gateway-sim.jsonl") }

    /// Writes `count` accounts (NY and CA mobiles with SMS consent and an email) and imports them.
    func importAccounts(_ count: Int) throws {
        var lines = [
            "account_id,first_name,last_name,country,state,time_zones,phone1,phone1_kind,phone1_sms_consent_at,"
                + "phone1_autodial_consent,email1,email1_provenance,debt_id,balance,days_past_due,creditor"
        ]
        for number in 1...count {
            let (state, zone, area) =
                number % 2 == 0 ? ("NY", "America/New_York", "212") : ("CA", "America/Los_Angeles", "415")
            let id = String(format: "E%04d", number)
            lines.append(
                "\(id),Pat,Doe,US,\(state),\(zone),+1\(area)555\(String(format: "%04d", number)),mobile,"
                    + "2026-01-15T12:00:00Z,true,pat\(number)@example.com,consumer_used,D\(id),"
                    + "\(200 + number * 13).50,30,Northwind Bank"
            )
        }
        try (lines.joined(separator: "\n") + "\n").write(
            toFile: self.path("accounts.csv"),
            atomically: true,
            encoding: .utf8
        )
        let result = try Self.runToEnd([
            "import", "accounts", self.path("accounts.csv"), "--db", self.database, "--at", "2026-03-02T12:00:00Z",
        ])
        guard result.status == 0 else { throw SandboxError("import failed: \(result.stderr)") }
        let store = try SQLiteStore(path: self.database, readOnly: true)
        self.importedAccounts = Dictionary(uniqueKeysWithValues: try store.loadAccounts().map { ($0.id, $0) })
    }

    /// Starts `dun gateway-sim` with faults; waits until it listens.
    func startGatewaySim(
        seed: Int,
        fault5xx: Double = 0,
        faultTimeout: Double = 0,
        fault429: Double = 0,
        answerDelayMilliseconds: Int = 0
    ) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = [
            "gateway-sim", "--port", "0", "--smtp-port", "0", "--webhook", "http://127.0.0.1:\(self.webhookPort)",
            "--auth-token", self.token, "--seed", String(seed), "--log", self.simLog,
            "--fault-5xx", String(fault5xx), "--fault-timeout", String(faultTimeout), "--fault-429", String(fault429),
            "--answer-delay-ms", String(answerDelayMilliseconds),
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        self.sim = process
        // "gateway-sim: http://127.0.0.1:PORT smtp://127.0.0.1:PORT"
        var text = ""
        let handle = errors.fileHandleForReading
        func portLine() -> Substring? {
            text.split(separator: "\n").first { $0.hasPrefix("gateway-sim: ") && $0.contains("smtp") }
        }
        while portLine() == nil {
            let data = handle.availableData
            guard !data.isEmpty else { throw SandboxError("gateway-sim exited: \(text)") }
            text += String(decoding: data, as: UTF8.self)
        }
        // Keep draining stderr so the sim never blocks on a full pipe.
        Thread.detachNewThread {
            while !handle.availableData.isEmpty {}
        }
        let words = (portLine() ?? "").split(separator: " ")
        for word in words {
            if word.hasPrefix("http://") { self.httpPort = Int(word.split(separator: ":").last ?? "") ?? 0 }
            if word.hasPrefix("smtp://") { self.smtpPort = Int(word.split(separator: ":").last ?? "") ?? 0 }
        }
        guard self.httpPort > 0, self.smtpPort > 0 else { throw SandboxError("cannot read ports from '\(text)'") }
        let gateway = """
            twilio:
              base_url: http://127.0.0.1:\(self.httpPort)
              account_sid: ACsandbox
              auth_token_env: DUN_TEST_TWILIO_TOKEN
              from: "+15005550006"
              timeout_ms: 1500
            smtp:
              url: smtp://127.0.0.1:\(self.smtpPort)
              from: billing@example.com
            webhooks:
              listen: 127.0.0.1
              port: \(self.webhookPort)
            values:
              company: Acme Recovery LLC
            """
        try gateway.write(toFile: self.path("gateway.yaml"), atomically: true, encoding: .utf8)
    }

    /// Starts `dun run` on the demo campaign with a sped-up clock shared by every restart.
    func startRunner(runID: String, originMilliseconds: Int64, speed: Int, campaigns: [String]? = nil) throws -> Process
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        let files = campaigns ?? [Self.repository.appendingPathComponent("examples/live-demo.yaml").path]
        process.arguments =
            ["run"] + files + [
                "--gateway", self.path("gateway.yaml"), "--db", self.database, "--run-id", runID, "--seed", "11",
                "--clock-start", "2026-03-02T17:00:00Z", "--clock-origin-ms", String(originMilliseconds),
                "--clock-speed", String(speed),
            ]
        var environment = ProcessInfo.processInfo.environment
        environment["DUN_TEST_TWILIO_TOKEN"] = self.token
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        let log =
            FileHandle(forWritingAtPath: self.path("runner.log"))
            ?? {
                _ = FileManager.default.createFile(atPath: self.path("runner.log"), contents: nil)
                return FileHandle(forWritingAtPath: self.path("runner.log"))!
            }()
        log.seekToEndOfFile()
        process.standardError = log
        try process.run()
        return process
    }

    func stop() {
        if let sim = self.sim, sim.isRunning {
            kill(sim.processIdentifier, SIGTERM)
            sim.waitUntilExit()
        }
        self.sim = nil
    }

    func cleanUp() {
        self.stop()
        if ProcessInfo.processInfo.environment["DUN_KEEP_SANDBOX"] == nil {
            try? FileManager.default.removeItem(at: self.directory)
        }
    }

    /// The gateway-sim log as JSON objects.
    func simLogLines() throws -> [[String: Any]] {
        let text = (try? String(contentsOfFile: self.simLog, encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }

    /// Runs `dun ARGS` to completion.
    static func runToEnd(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: self.binary)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// A port that was free a moment ago (bound to 0 and released).
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw SandboxError("socket failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw SandboxError("bind failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Wall-clock milliseconds (tests may read the clock; Sources may not).
    static func nowMilliseconds() -> Int64 {
        Int64(Date().timeIntervalSince1970 * 1000)
    }
}

struct SandboxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
