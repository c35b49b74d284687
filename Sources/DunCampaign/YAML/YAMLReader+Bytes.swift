public import DunCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension YAMLReader {
    /// Reads one document from raw bytes, which must be UTF-8.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - path: The file's path, used in diagnostics.
    /// - Returns: The root node (an empty document is an empty mapping).
    /// - Throws: `DiagnosticError`; invalid UTF-8 is reported at the line and column of the first bad byte.
    public static func read(bytes: [UInt8], path: String) throws(DiagnosticError) -> YAMLNode {
        if let text = String(validating: bytes, as: UTF8.self) {
            return try self.read(text, path: path)
        }
        throw DiagnosticError([self.invalidUTF8Diagnostic(bytes: bytes, path: path)])
    }

    /// Locates the first invalid UTF-8 sequence in `bytes`.
    private static func invalidUTF8Diagnostic(bytes: [UInt8], path: String) -> Diagnostic {
        var iterator = bytes.makeIterator()
        var decoder = Unicode.UTF8.ForwardParser()
        var offset = 0
        var line = 1
        var column = 1
        while true {
            switch decoder.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == 0x0A {
                    line += 1
                    column = 1
                } else if !(encoded.count == 1 && encoded.first == 0x0D) {
                    column += 1
                }
                offset += encoded.count
            case .error:
                return Diagnostic(
                    path: path,
                    location: SourceLocation(line: line, column: column),
                    severity: .error,
                    message: YAMLMessage.invalidUTF8(bytes[offset])
                )
            case .emptyInput:
                // Unreachable when `String(validating:)` failed; answer something positioned anyway.
                return Diagnostic(
                    path: path,
                    location: SourceLocation(line: line, column: column),
                    severity: .error,
                    message: YAMLMessage.invalidUTF8(bytes.last ?? 0)
                )
            }
        }
    }

    /// Reads the file at `path`.
    ///
    /// - Parameter path: The file's path, also used in diagnostics.
    /// - Returns: The root node (an empty document is an empty mapping).
    /// - Throws: `DiagnosticError`, also when the file cannot be read.
    public static func read(fileAt path: String) throws(DiagnosticError) -> YAMLNode {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DiagnosticError([
                Diagnostic(
                    path: path,
                    location: SourceLocation(line: 1, column: 1),
                    severity: .error,
                    message: "cannot read the file: \(error)"
                )
            ])
        }
        return try self.read(bytes: [UInt8](data), path: path)
    }
}
