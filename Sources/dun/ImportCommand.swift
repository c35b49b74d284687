import ArgumentParser
import DunStore

/// `dun import accounts|payments`: load CSV files into the store (docs/import.md).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load accounts or payments from CSV into the store (columns: docs/import.md).",
        subcommands: [ImportAccountsCommand.self, ImportPaymentsCommand.self]
    )
}

/// `dun import accounts FILE.csv [--debts DEBTS.csv] [--skip-invalid REJECTS.csv] [--db PATH]`.
struct ImportAccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Import accounts: all or nothing, unless --skip-invalid.",
        discussion: """
            Every row is checked (E.164 phones, email syntax, money, instants, US state codes, IANA zones, enum \
            columns, duplicate ids). On any error nothing is imported and each problem is printed as \
            FILE:line:col: error: …. Re-importing an account replaces its details, contact points and debts and \
            keeps its history.
            """
    )

    @Argument(help: "The accounts CSV file.") var file: String
    @Option(help: ArgumentHelp("Extra debts, one row per debt (account_id,debt_id,balance,…).", valueName: "file"))
    var debts: String?
    @Option(
        name: .customLong("skip-invalid"),
        help: ArgumentHelp("Import the valid rows; write rejected rows with reasons to this file.", valueName: "file")
    )
    var rejects: String?
    @Option(help: ArgumentHelp("Instant recorded in the audit log (default: now).", valueName: "iso-8601"))
    var at: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        try runReportingErrors {
            try StoreCommands.importAccounts(
                file: self.file,
                debts: self.debts,
                database: self.store.database,
                rejectsPath: self.rejects,
                at: try CommandClock.instant(self.at)
            )
        }
    }
}

/// `dun import payments FILE.csv [--skip-invalid REJECTS.csv] [--db PATH]`.
struct ImportPaymentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payments",
        abstract: "Import payments (idempotent on reference): all or nothing, unless --skip-invalid."
    )

    @Argument(help: "The payments CSV file.") var file: String
    @Option(
        name: .customLong("skip-invalid"),
        help: ArgumentHelp("Import the valid rows; write rejected rows with reasons to this file.", valueName: "file")
    )
    var rejects: String?
    @Option(help: ArgumentHelp("Instant recorded in the audit log (default: now).", valueName: "iso-8601"))
    var at: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        try runReportingErrors {
            try StoreCommands.importPayments(
                file: self.file,
                database: self.store.database,
                rejectsPath: self.rejects,
                at: try CommandClock.instant(self.at)
            )
        }
    }
}
