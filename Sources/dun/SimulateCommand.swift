import ArgumentParser
import DunCore
import DunDashboard
import DunReport
import DunSim

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `dun simulate`: strategies against the agency baseline on a synthetic portfolio.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Compare strategies against a simulated human collection agency.",
        discussion: """
            With no arguments: simulators/default.yaml, every bundled campaign (campaigns/*.yaml, run through \
            the scheduler engine and the contact policy) and the agency baseline. Prints the comparison table \
            and a chart of liquidation curves. --set section.key=value overrides one scenario parameter.
            """
    )

    @Argument(help: "A scenario file (simulators/*.yaml); the built-in default when omitted.")
    var scenario: String?

    @Option(name: .customLong("campaign"), help: "A campaign file to compare (repeatable).")
    var campaigns: [String] = []

    @Option(help: "A campaign file for the baseline instead of campaigns/agency-baseline.yaml.")
    var baseline: String?

    @Option(help: "Accounts in the synthetic portfolio.")
    var accounts: Int?

    @Option(help: "Days in the placement window.")
    var days: Int?

    @Option(help: "Seeded replications (run in parallel on all cores).")
    var replications: Int = 2

    @Option(help: "The master seed.")
    var seed: UInt64 = 1

    @Option(help: "Write the report as JSON to this file.")
    var json: String?

    @Option(help: "Write the curves and summary as CSV to this file.")
    var csv: String?

    @Option(help: "Write the liquidation chart as SVG to this file.")
    var chart: String?

    @Option(name: .customLong("set"), help: "Override a scenario parameter: section.key=value (repeatable).")
    var overrides: [String] = []

    @Flag(help: "Run replications one after another (the result is identical).")
    var serial = false

    @Flag(help: "Show the status dashboard while simulating (on a terminal), then the results.")
    var dashboard = false

    func validate() throws {
        if let accounts, accounts < 1 { throw ValidationError("--accounts must be at least 1") }
        if let days, !(1...3_650).contains(days) { throw ValidationError("--days must be 1...3650") }
        if self.replications < 1 { throw ValidationError("--replications must be at least 1") }
    }

    func run() async throws {
        var scenario = try SimulationInputs.scenario(path: self.scenario)
        for assignment in self.overrides {
            do {
                try ScenarioLoader.override(&scenario, assignment)
            } catch {
                throw InputError(error.description)
            }
        }
        if let accounts { scenario.portfolio.accounts = accounts }
        if let days { scenario.portfolio.horizonDays = days }
        let strategies = try SimulationInputs.strategies(campaigns: self.campaigns, baseline: self.baseline)
        let comparison = Comparison(
            scenario: scenario,
            strategies: strategies,
            replications: self.replications,
            seed: self.seed
        )
        let outcomes: [[RunOutcome]]
        let progress = self.dashboard ? nil : ProgressBar.onTerminal(label: "simulating")
        if self.dashboard && TerminalSession.outputIsTerminal {
            let color = TerminalSession.colorAllowed(environment: ProcessInfo.processInfo.environment)
            outcomes = SimulationDashboardRunner.run(comparison, color: color)
        } else if self.serial {
            outcomes = comparison.runSerial(progress: progress?.update)
        } else {
            outcomes = await comparison.run(progress: progress?.update)
        }
        progress?.finish()
        let report = comparison.report(from: outcomes)
        print(report.table())
        print(report.liquidationChart.text(), terminator: "")
        let violations = outcomes.joined().reduce(0) { $0 + $1.conservationViolations }
        if violations > 0 {
            throw InputError("internal error: money not conserved on \(violations) accounts")
        }
        if let json { try Self.write(report.json(), to: json) }
        if let csv { try Self.write(report.csv(), to: csv) }
        if let chart { try Self.write(report.liquidationChart.svg(), to: chart) }
    }

    static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw InputError("\(path): error: cannot write the file (\(error))")
        }
    }
}
