import ArgumentParser
import DunRuntime
import DunStore

/// `dun report`: live outcomes per campaign arm, with the simulator's statistics.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Outcomes per campaign and variant from the store, with confidence intervals."
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "The champion arm (CAMPAIGN or CAMPAIGN/VARIANT); default: the arm with most accounts.")
    var champion: String?

    func run() throws {
        try runReportingErrors {
            let store = try SQLiteStore(path: self.store.database, readOnly: true)
            let report = LiveReport(rows: try store.armOutcomeRows(), champion: self.champion)
            let text = self.json ? report.json() : report.table()
            return String(text.dropLast())
        }
    }
}
