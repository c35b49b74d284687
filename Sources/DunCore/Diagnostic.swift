/// A position in a source file: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(self.line):\(self.column)" }
}

/// One problem found in an input file, printed as `path:line:col: severity: message`.
public struct Diagnostic: Hashable, Sendable, Comparable, CustomStringConvertible, Error {
    /// How bad the problem is.
    public enum Severity: String, Hashable, Sendable, Comparable {
        case error
        case warning
        case note

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            let order: [Severity] = [.error, .warning, .note]
            return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
        }
    }

    public var path: String
    public var location: SourceLocation
    public var severity: Severity
    public var message: String

    public init(path: String, location: SourceLocation, severity: Severity, message: String) {
        self.path = path
        self.location = location
        self.severity = severity
        self.message = message
    }

    /// Orders by file, then position, then severity, then message, so output never depends on discovery order.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.path, lhs.location.line, lhs.location.column, lhs.severity, lhs.message)
            < (rhs.path, rhs.location.line, rhs.location.column, rhs.severity, rhs.message)
    }

    /// `path:line:col: severity: message`.
    public var description: String {
        "\(self.path):\(self.location.line):\(self.location.column): \(self.severity.rawValue): \(self.message)"
    }
}

/// One or more diagnostics raised together: the error type of every reader and validator.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        self.diagnostics.sorted().map(\.description).joined(separator: "\n")
    }
}
