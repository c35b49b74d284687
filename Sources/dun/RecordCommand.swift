import ArgumentParser
import DunStore

/// `dun record …`: what agents and payment systems report. Each writes durably with an audit entry; consumer events
/// (cease, dispute, opt-out, …) take effect for the policy as soon as a run loads or is told of them.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record payments, promises, disputes, cease requests, opt-outs and call dispositions.",
        subcommands: [
            RecordPaymentCommand.self, RecordPromiseCommand.self, RecordPromiseStatusCommand.self,
            RecordDisputeCommand.self, RecordCeaseCommand.self, RecordOptOutCommand.self, RecordEventCommand.self,
            RecordDispositionCommand.self,
        ]
    )
}

/// Options every `dun record` subcommand takes.
struct RecordOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The account id.", valueName: "id")) var account: String
    @Option(help: ArgumentHelp("When it happened (default: now).", valueName: "iso-8601")) var at: String?
    @Option(help: ArgumentHelp("Who reports it (cli, agent:NAME, payments, …).", valueName: "name"))
    var source = "cli"
    @OptionGroup var store: StoreOptions
}

struct RecordPaymentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment",
        abstract: "Record a payment (idempotent on --reference)."
    )
    @OptionGroup var options: RecordOptions
    @Option(help: ArgumentHelp("Amount such as 125.50.", valueName: "amount")) var amount: String
    @Option(help: ArgumentHelp("The payment system's unique reference.", valueName: "ref")) var reference: String
    @Option(help: ArgumentHelp("The debt paid, when known.", valueName: "id")) var debt: String?
    @Option(help: ArgumentHelp("card, ach, check, …", valueName: "method")) var method = ""

    func run() throws {
        try runReportingErrors {
            try StoreCommands.recordPayment(
                database: self.options.store.database,
                account: self.options.account,
                amount: self.amount,
                reference: self.reference,
                debt: self.debt,
                method: self.method,
                source: self.options.source,
                at: try CommandClock.instant(self.options.at)
            )
        }
    }
}

struct RecordPromiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "promise", abstract: "Record a promise to pay.")
    @OptionGroup var options: RecordOptions
    @Option(help: ArgumentHelp("Promised amount such as 200.", valueName: "amount")) var amount: String
    @Option(help: ArgumentHelp("Due date YYYY-MM-DD.", valueName: "date")) var due: String
    @Option(help: ArgumentHelp("The debt, when known.", valueName: "id")) var debt: String?

    func run() throws {
        try runReportingErrors {
            try StoreCommands.recordPromise(
                database: self.options.store.database,
                account: self.options.account,
                amount: self.amount,
                due: self.due,
                debt: self.debt,
                source: self.options.source,
                at: try CommandClock.instant(self.options.at)
            )
        }
    }
}

struct RecordPromiseStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promise-status",
        abstract: "Mark a promise kept or broken."
    )
    @Argument(help: "The promise id printed by `dun record promise`.") var id: Int64
    @Argument(help: "kept or broken.") var status: String
    @Option(help: ArgumentHelp("When (default: now).", valueName: "iso-8601")) var at: String?
    @Option(help: ArgumentHelp("Who reports it.", valueName: "name")) var source = "cli"
    @OptionGroup var store: StoreOptions

    func run() throws {
        try runReportingErrors {
            try StoreCommands.recordPromiseStatus(
                database: self.store.database,
                id: self.id,
                status: self.status,
                source: self.source,
                at: try CommandClock.instant(self.at)
            )
        }
    }
}

struct RecordDisputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispute",
        abstract: "Record a written dispute (contact pauses), or with --verification-sent its verification."
    )
    @OptionGroup var options: RecordOptions
    @Flag(help: "Record that verification was sent (contact may resume).") var verificationSent = false

    func run() throws {
        try recordEvent(self.options, kind: self.verificationSent ? "verification_sent" : "dispute")
    }
}

struct RecordCeaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cease",
        abstract: "Record a written cease-communication request or refusal to pay (contact ends)."
    )
    @OptionGroup var options: RecordOptions

    func run() throws {
        try recordEvent(self.options, kind: "cease")
    }
}

struct RecordOptOutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opt-out",
        abstract: "Suppress a phone number or email address for one medium, or all (for every debt)."
    )
    @OptionGroup var options: RecordOptions
    @Option(help: ArgumentHelp("E.164 number or email address.", valueName: "destination")) var destination: String
    @Option(help: ArgumentHelp("sms, email, call or agent_call; all media when omitted.", valueName: "channel"))
    var channel: String?

    func run() throws {
        try recordEvent(self.options, kind: "opt_out", channel: self.channel, destination: self.destination)
    }
}

struct RecordEventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Record any consumer event (attorney, bankruptcy, deceased, employer_prohibits, call_consent, …).",
        discussion: """
            Kinds: cease, dispute, verification_sent, attorney, bankruptcy, deceased, employer_prohibits, \
            call_consent (--debt-bucket, --until), inconvenient_time (--detail 'mon,tue 09:00-12:00'), opt_out, \
            opt_in, inbound, wrong_number (--destination).
            """
    )
    @OptionGroup var options: RecordOptions
    @Option(help: ArgumentHelp("The event kind.", valueName: "kind")) var kind: String
    @Option(help: ArgumentHelp("E.164 number or email address.", valueName: "destination")) var destination: String?
    @Option(help: ArgumentHelp("sms, email, call, agent_call.", valueName: "channel")) var channel: String?
    @Option(help: ArgumentHelp("Debt bucket (call_consent).", valueName: "bucket")) var debtBucket: String?
    @Option(help: ArgumentHelp("End of a consent (call_consent).", valueName: "iso-8601")) var until: String?
    @Option(help: ArgumentHelp("Free text, or the inconvenient-time spans.", valueName: "text")) var detail = ""

    func run() throws {
        try recordEvent(
            self.options,
            kind: self.kind,
            channel: self.channel,
            destination: self.destination,
            debtBucket: self.debtBucket,
            until: self.until,
            detail: self.detail
        )
    }
}

struct RecordDispositionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disposition",
        abstract: "Record a call's result: of a dun attempt (--attempt KEY), or of an agent's manual call (--phone)."
    )
    @OptionGroup var options: RecordOptions
    @Option(help: ArgumentHelp("conversation, answered, no_answer, voicemail, busy, …", valueName: "result"))
    var result: String
    @Option(help: ArgumentHelp("The attempt's idempotency key.", valueName: "key")) var attempt: String?
    @Option(help: ArgumentHelp("The number called (manual calls).", valueName: "e164")) var phone: String?
    @Option(help: ArgumentHelp("Debt bucket discussed (default: the account's first).", valueName: "bucket"))
    var debtBucket: String?

    func run() throws {
        try runReportingErrors {
            try StoreCommands.recordDisposition(
                database: self.options.store.database,
                account: self.options.account,
                phone: self.phone,
                result: self.result,
                attempt: self.attempt,
                debtBucket: self.debtBucket,
                source: self.options.source,
                at: try CommandClock.instant(self.options.at)
            )
        }
    }
}

private func recordEvent(
    _ options: RecordOptions,
    kind: String,
    channel: String? = nil,
    destination: String? = nil,
    debtBucket: String? = nil,
    until: String? = nil,
    detail: String = ""
) throws {
    try runReportingErrors {
        try StoreCommands.recordEvent(
            database: options.store.database,
            account: options.account,
            kind: kind,
            channel: channel,
            destination: destination,
            debtBucket: debtBucket,
            until: until,
            detail: detail,
            source: options.source,
            at: try CommandClock.instant(options.at)
        )
    }
}
