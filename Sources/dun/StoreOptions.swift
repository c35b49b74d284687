import ArgumentParser
import DunCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--db PATH`, shared by every command that uses the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("The store file.", valueName: "path"))
    var database = "dun.sqlite"
}

/// Runs a store command, printing its diagnostics (`path:line:col: error: …`) to stderr and exiting 1 on failure.
func runReportingErrors(_ body: () throws -> String) throws {
    do {
        print(try body())
    } catch let error as DiagnosticError {
        printError(error.description)
        throw ExitCode(1)
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("error: \(error)")
        throw ExitCode(1)
    }
}

/// Writes one line to standard error.
func printError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}
