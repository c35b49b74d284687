public import DunCore

/// dun's own reader for YAML-lite, the strict YAML subset of campaign and scenario files.
///
/// Accepted: block mappings, block sequences, plain, single- and double-quoted scalars, comments, `|` and
/// `>` block scalars, and short flow lists `[a, b]`. Everything else (anchors, aliases, tags, flow
/// mappings, multiple documents, duplicate keys, tabs in indentation, …) is rejected with a diagnostic
/// that names the construct, quotes the offending text and says what was expected.
public enum YAMLReader {
    /// Reads one document.
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - path: The file's path, used in diagnostics.
    /// - Returns: The root node (an empty document is an empty mapping).
    /// - Throws: `DiagnosticError` with every problem found, each with a line and column.
    public static func read(_ text: String, path: String) throws(DiagnosticError) -> YAMLNode {
        // Placeholder until the reader lands; see issue "Campaign files".
        throw DiagnosticError([
            Diagnostic(
                path: path,
                location: SourceLocation(line: 1, column: 1),
                severity: .error,
                message: "the YAML-lite reader is not implemented yet"
            )
        ])
    }
}
