import ArgumentParser

/// `dun policy …`: the contact policy on its own.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Ask the contact policy directly.",
        subcommands: [PolicyCheckCommand.self]
    )
}
