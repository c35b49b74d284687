public import DunCore

/// Collects the diagnostics of one file as the decoder, validator and linter find them.
///
/// Order of discovery does not matter: `sorted()` orders by position, then severity, then message.
public struct DiagnosticSink: Sendable {
    /// The file's path, printed in every diagnostic.
    public let path: String
    /// Everything reported so far, in discovery order.
    public private(set) var diagnostics: [Diagnostic] = []
    /// The same diagnostics, for constant-time duplicate checks (never iterated).
    private var seen: Set<Diagnostic> = []

    /// Creates an empty sink for the file at `path`.
    public init(path: String) {
        self.path = path
    }

    /// Whether any error (not warning or note) has been reported.
    public var hasErrors: Bool {
        self.diagnostics.contains { $0.severity == .error }
    }

    /// Reports an error at `location`.
    public mutating func error(_ message: String, at location: SourceLocation) {
        self.report(.error, message, at: location)
    }

    /// Reports a warning at `location`.
    public mutating func warning(_ message: String, at location: SourceLocation) {
        self.report(.warning, message, at: location)
    }

    /// Reports a note at `location`.
    public mutating func note(_ message: String, at location: SourceLocation) {
        self.report(.note, message, at: location)
    }

    /// Reports a diagnostic of any severity; an identical diagnostic is kept once.
    public mutating func report(_ severity: Diagnostic.Severity, _ message: String, at location: SourceLocation) {
        let diagnostic = Diagnostic(path: self.path, location: location, severity: severity, message: message)
        if self.seen.insert(diagnostic).inserted {
            self.diagnostics.append(diagnostic)
        }
    }

    /// Adds diagnostics found elsewhere (for example by the YAML reader).
    public mutating func append(contentsOf diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics where self.seen.insert(diagnostic).inserted {
            self.diagnostics.append(diagnostic)
        }
    }
}
