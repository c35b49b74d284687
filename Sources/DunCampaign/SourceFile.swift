public import DunCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads input files as UTF-8 text, turning every failure into a diagnostic rather than a trap.
public enum SourceFile {
    /// The text of the file at `path`, or a `DiagnosticError` at 1:1 saying why it cannot be read.
    public static func read(_ path: String) -> Result<String, DiagnosticError> {
        let start = SourceLocation(line: 1, column: 1)
        func failure(_ message: String) -> Result<String, DiagnosticError> {
            .failure(DiagnosticError([Diagnostic(path: path, location: start, severity: .error, message: message)]))
        }
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return failure("cannot read file: no such file")
        }
        guard !isDirectory else { return failure("cannot read file: it is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            return failure("cannot read file: permission denied or not a regular file")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return failure("cannot read file: it is not UTF-8 text")
        }
        return .success(text)
    }
}
