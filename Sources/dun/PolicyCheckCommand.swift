import ArgumentParser
import DunCore
import DunPolicy
// FileHandle (standard error) lives in Foundation proper, not FoundationEssentials.
import Foundation

/// `dun policy check FILE [--json]`: verdicts for proposed contacts given an account and its history.
struct PolicyCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Judge proposed contacts for one account (JSON in; a table or JSON out). See docs/policy-check.md."
    )

    @Argument(help: "The JSON document: account, history and proposed contacts.")
    var file: String

    @Flag(help: "Print {\"verdicts\":[…]} instead of a table.")
    var json = false

    func run() throws {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: self.file))
            text = String(decoding: data, as: UTF8.self)
        } catch {
            Self.printError("\(self.file):1:1: error: cannot read the file")
            throw ExitCode(1)
        }
        do {
            let check = try PolicyCheck.run(json: text, path: self.file)
            print(self.json ? check.json : check.table, terminator: "")
        } catch {
            Self.printError(error.description)
            throw ExitCode(1)
        }
    }

    static func printError(_ message: String) {
        var standardError = StandardError()
        print(message, to: &standardError)
    }
}

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
