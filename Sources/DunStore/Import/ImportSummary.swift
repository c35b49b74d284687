public import DunCore

/// What an import did.
public struct ImportSummary: Hashable, Sendable {
    /// Rows written (accounts, debts or payments).
    public var imported: Int
    /// Extra debts written from a debts file.
    public var debts: Int
    /// Payments skipped because their reference was already stored.
    public var alreadyRecorded: Int
    /// Rows rejected (only with `skipInvalid`).
    public var rejected: [RejectedRow]

    /// Creates a summary.
    public init(imported: Int = 0, debts: Int = 0, alreadyRecorded: Int = 0, rejected: [RejectedRow] = []) {
        self.imported = imported
        self.debts = debts
        self.alreadyRecorded = alreadyRecorded
        self.rejected = rejected
    }
}

/// A row left out by `--skip-invalid`, with why.
public struct RejectedRow: Hashable, Sendable {
    /// The file it came from.
    public var path: String
    /// The line the row starts on.
    public var line: Int
    /// The row's fields as read.
    public var fields: [String]
    /// Every problem found in the row.
    public var diagnostics: [Diagnostic]

    /// Creates a rejected row.
    public init(path: String, line: Int, fields: [String], diagnostics: [Diagnostic]) {
        self.path = path
        self.line = line
        self.fields = fields
        self.diagnostics = diagnostics
    }
}

/// How an import treats invalid rows.
public enum InvalidRowPolicy: Hashable, Sendable {
    /// Any invalid row aborts the import; nothing is written (the default).
    case abort
    /// Valid rows are imported, invalid ones returned in `ImportSummary.rejected`.
    case skip
}
