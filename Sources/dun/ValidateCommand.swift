import ArgumentParser
import DunCampaign
import DunSim

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `dun validate FILE…`: checks campaign (and scenario) files and prints every problem on stderr.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check campaign and scenario files.",
        discussion: """
            Prints every problem as 'path:line:col: severity: message' on stderr, sorted by position. \
            Exits 0 when no file has an error (warnings and notes alone pass), else 1.
            """
    )

    @Argument(help: "Campaign or scenario files (YAML-lite).")
    var files: [String]

    func run() throws {
        let report = FileValidator(scenarioCheck: ScenarioLoader.check).validate(files: self.files)
        let text = report.diagnostics.map { "\($0)\n" }.joined()
        var bytes = Array(text.utf8)
        var offset = 0
        // Write to file descriptor 2 directly: the C `stderr` global is not concurrency-safe in Swift 6.
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
            guard written > 0 else { break }
            offset += written
        }
        if report.hasErrors {
            throw ExitCode(report.exitCode)
        }
    }
}
