import ArgumentParser

/// The `dun` command: one subcommand per file, each a thin wrapper over a library call.
@main
struct Dun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dun",
        abstract: "Outbound contact campaigns for debt collection: validate, plan, simulate, run.",
        subcommands: [
            VersionCommand.self,
            ValidateCommand.self,
            GatewaySimCommand.self,
            ImportCommand.self,
            RecordCommand.self,
            PolicyCommand.self,
            PlanCommand.self,
            SimulateCommand.self,
            RunCommand.self,
            ReportCommand.self,
            StatusCommand.self,
            AttemptsCommand.self,
        ]
    )
}
