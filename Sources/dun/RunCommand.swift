import ArgumentParser
import DunCore
import DunRuntime
import Logging

/// `dun run CAMPAIGN…`: the live runner (wiring only; the work is `LiveRunner.run`).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run campaigns live on the wall clock through real gateways, crash-safe.",
        discussion: """
            Accounts come from the store (dun import accounts). Each account joins its split arm \
            (--split, sticky and seeded) or the first campaign whose audience matches. SIGINT/SIGTERM \
            finish in-flight sends and exit; a restart with the same --run-id resumes the run from its \
            journal without sending anything twice. Credentials come only from environment variables \
            named in the gateway file.
            """
    )

    @Argument(help: "Campaign files (YAML-lite).")
    var campaigns: [String] = []

    @Option(help: "Champion/challenger split, e.g. champion.yaml:80,challenger.yaml:20.")
    var split: String?

    @Option(help: "The gateway file (YAML-lite): endpoints and the names of credential variables.")
    var gateway: String?

    @OptionGroup var store: StoreOptions

    @Option(help: "Seed of the split and the variant draws.")
    var seed: UInt64 = 0

    @Option(name: .customLong("webhook-port"), help: "Port of the webhook server (default: the gateway file's).")
    var webhookPort: Int?

    @Option(name: .customLong("run-id"), help: "The run's id; restarting with the same id resumes it.")
    var runID = "main"

    @Option(
        name: .customLong("clock-start"),
        help: "Demo and test clock: the run's clock starts at this ISO-8601 instant (default: the wall clock)."
    )
    var clockStart: String?

    @Option(
        name: .customLong("clock-origin-ms"),
        help:
            "With --clock-start: the wall-clock milliseconds it corresponds to (default: now), so restarts share one clock."
    )
    var clockOrigin: Int64?

    @Option(name: .customLong("clock-speed"), help: "With --clock-start: how many times faster than the wall clock.")
    var clockSpeed: Int = 1

    func run() async throws {
        var arms: [(path: String, weight: Int)] = []
        if let split = self.split {
            for part in split.split(separator: ",") {
                guard let colon = part.lastIndex(of: ":"), let weight = Int(part[part.index(after: colon)...]),
                    weight >= 0
                else {
                    printError("error: --split: expected FILE:WEIGHT[,FILE:WEIGHT…], found '\(part)'")
                    throw ExitCode(1)
                }
                arms.append((String(part[..<colon]), weight))
            }
        }
        var start: UTCInstant?
        if let clockStart = self.clockStart {
            guard let instant = ISO8601.parse(clockStart) else {
                printError("error: --clock-start: expected an ISO-8601 instant, found '\(clockStart)'")
                throw ExitCode(1)
            }
            start = instant
        }
        let options = LiveRunner.Options(
            campaignPaths: self.campaigns,
            split: arms,
            gatewayPath: self.gateway,
            databasePath: self.store.database,
            seed: self.seed,
            webhookPort: self.webhookPort,
            runID: self.runID,
            clockStart: start,
            clockOriginMilliseconds: self.clockOrigin,
            clockSpeed: self.clockSpeed
        )
        let logger = Logger(label: "dun.run") { label in StreamLogHandler.standardError(label: label) }
        do {
            try await LiveRunner.run(options, logger: logger)
        } catch let error as DiagnosticError {
            printError(error.description)
            throw ExitCode(1)
        } catch let error as LiveRunError {
            printError("error: \(error.description)")
            throw ExitCode(1)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
