import ArgumentParser
import DunStore

/// `dun attempts --in-doubt` and `dun attempts resolve`: attempts the runner could not settle with the gateway.
struct AttemptsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attempts",
        abstract: "List attempts in doubt, or record an operator's finding on one.",
        discussion: """
            An attempt is in doubt when the gateway may or may not have taken it and cannot say (a timeout \
            on a gateway without lookup, a crash mid-send the gateway cannot vouch for). The runner never \
            resends it. Check with the gateway (its console or logs), then record what you found with \
            `dun attempts resolve`.
            """,
        subcommands: [AttemptsListCommand.self, AttemptsResolveCommand.self],
        defaultSubcommand: AttemptsListCommand.self
    )
}

struct AttemptsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List attempts in doubt: key, state, channel, masked destination, account, age and why."
    )
    @Flag(name: .customLong("in-doubt"), help: "Attempts in doubt (the only listing so far; the default).")
    var inDoubt = false
    @Option(help: ArgumentHelp("Age relative to this instant (default: now).", valueName: "iso-8601")) var at: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        try runReportingErrors {
            try StoreCommands.listInDoubt(database: self.store.database, now: try CommandClock.instant(self.at))
        }
    }
}

struct AttemptsResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Record what the gateway says about an attempt in doubt (durable, in the audit log).",
        discussion: """
            --sent: the gateway took it (state sent). --not-sent: it never left (state failed). Either way the \
            key is never sent again; the engine already treated the attempt as failed when it went in doubt.
            """
    )
    @Argument(help: "The attempt's idempotency key (from `dun attempts --in-doubt`).") var key: String
    @Flag(help: "The gateway has the message or call.") var sent = false
    @Flag(name: .customLong("not-sent"), help: "The gateway never received it.") var notSent = false
    @Option(help: ArgumentHelp("What you checked and found.", valueName: "text")) var note: String
    @Option(help: ArgumentHelp("Who resolves it (default operator).", valueName: "name")) var by = "operator"
    @Option(help: ArgumentHelp("When (default: now).", valueName: "iso-8601")) var at: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard self.sent != self.notSent else { throw ValidationError("give exactly one of --sent and --not-sent") }
        guard self.note.contains(where: { !$0.isWhitespace }) else {
            throw ValidationError("--note must say what was checked")
        }
    }

    func run() throws {
        try runReportingErrors {
            try StoreCommands.resolveInDoubt(
                database: self.store.database,
                key: self.key,
                sent: self.sent,
                note: self.note,
                by: self.by,
                at: try CommandClock.instant(self.at)
            )
        }
    }
}
