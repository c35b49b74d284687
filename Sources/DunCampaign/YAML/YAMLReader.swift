public import DunCore

/// dun's own reader for YAML-lite, the strict YAML subset of campaign and scenario files.
///
/// Accepted: block mappings, block sequences, plain, single- and double-quoted scalars, comments, `|` and
/// `>` block scalars, and short flow lists `[a, b]`. Everything else (anchors, aliases, tags, flow
/// mappings, multiple documents, duplicate keys, tabs in indentation, …) is rejected with a diagnostic
/// that names the construct, quotes the offending text and says what was expected.
///
/// Every scalar stays a string: `no`, `~`, `9:00` and `0123` are read as that text. Reading is linear in the
/// size of the text and never traps, whatever the input.
///
/// ```swift
/// let root = try YAMLReader.read("name: early\nsteps:\n  - sms\n", path: "early.yaml")
/// guard case .mapping(let mapping) = root, case .scalar(let name)? = mapping["name"] else { return }
/// print(name.value)  // early
/// ```
public enum YAMLReader {
    /// Reads one document.
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - path: The file's path, used in diagnostics.
    /// - Returns: The root node (an empty document is an empty mapping).
    /// - Throws: `DiagnosticError` with every problem found, each with a line and column (1-based, columns in
    ///   Unicode scalars). The first diagnostic is the first problem in reading order.
    public static func read(_ text: String, path: String) throws(DiagnosticError) -> YAMLNode {
        var problems: [Diagnostic] = []
        let source = YAMLSource(text: text, path: path, problems: &problems)
        guard problems.isEmpty else { throw DiagnosticError(problems) }
        var parser = YAMLParser(source: source, path: path)
        let root: YAMLNode
        do {
            root = try parser.parseDocument()
        } catch {
            throw DiagnosticError(parser.diagnostics)
        }
        guard parser.diagnostics.isEmpty else { throw DiagnosticError(parser.diagnostics) }
        return root
    }
}
