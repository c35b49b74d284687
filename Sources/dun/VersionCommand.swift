import ArgumentParser

/// `dun version`: prints the version.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print dun's version.")

    func run() throws {
        print("dun 0.1.0")
    }
}
