import DunCore

/// The header of an import file: which known column sits at which index.
struct ImportColumns {
    /// Columns written by `--skip-invalid` that an import ignores.
    static let rejectColumns: Set<String> = ["reject_line", "reject_reason"]

    let names: [String]
    private var index: [String: Int] = [:]

    /// Reads the header record; every column must be known (`isKnown`) and appear once.
    init(
        record: CSVRecord,
        reader: CSVReader,
        required: [String],
        isKnown: (String) -> Bool
    ) throws(DiagnosticError) {
        self.names = record.fields
        var diagnostics: [Diagnostic] = []
        for (position, name) in record.fields.enumerated() {
            let location = reader.location(of: record, field: position)
            if Self.rejectColumns.contains(name) { continue }
            if !isKnown(name) {
                diagnostics.append(
                    Diagnostic(
                        path: reader.path,
                        location: location,
                        severity: .error,
                        message: "unknown column '\(name)' (see docs/import.md for the columns)"
                    )
                )
            } else if self.index[name] != nil {
                diagnostics.append(
                    Diagnostic(
                        path: reader.path,
                        location: location,
                        severity: .error,
                        message: "column '\(name)' appears twice"
                    )
                )
            } else {
                self.index[name] = position
            }
        }
        for name in required where self.index[name] == nil {
            diagnostics.append(
                Diagnostic(
                    path: reader.path,
                    location: SourceLocation(line: record.line, column: 1),
                    severity: .error,
                    message: "missing required column '\(name)'"
                )
            )
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
    }

    /// Column `name`, with its position when present in the file.
    func column(_ name: String) -> Column {
        Column(name: name, position: self.index[name])
    }
}

/// A known column and where it is in this file.
struct Column {
    let name: String
    let position: Int?
}

/// Field access and diagnostics for one data row.
struct RowContext {
    let reader: CSVReader
    let record: CSVRecord
    let columns: ImportColumns
    var diagnostics: [Diagnostic] = []

    init(reader: CSVReader, record: CSVRecord, columns: ImportColumns) {
        self.reader = reader
        self.record = record
        self.columns = columns
    }

    /// The trimmed text of `column` (empty when absent).
    func text(_ column: Column) -> String {
        guard let position = column.position, position < self.record.fields.count else { return "" }
        let raw = self.record.fields[position]
        guard let first = raw.utf8.first, let last = raw.utf8.last,
            first == 0x20 || last == 0x20 || first == 0x09 || last == 0x09
        else { return raw }
        return raw.trimmingASCIIWhitespace()
    }

    /// Adds an error located at the start of `column` (or the row start when absent).
    mutating func error(_ column: Column, _ message: String) {
        let location =
            if let position = column.position, position < self.record.fields.count {
                self.reader.location(of: self.record, field: position)
            } else {
                SourceLocation(line: self.record.line, column: 1)
            }
        self.diagnostics.append(
            Diagnostic(path: self.reader.path, location: location, severity: .error, message: message)
        )
    }

    /// Checks `column` with `parse`: nil with an error recorded on failure; nil without error when empty and not
    /// `required`.
    mutating func value<T>(
        _ column: Column,
        required: Bool = false,
        _ parse: (String) -> Result<T, FieldError>
    ) -> T? {
        let text = self.text(column)
        if text.isEmpty {
            if required { self.error(column, "column '\(column.name)': a value is required") }
            return nil
        }
        switch parse(text) {
        case .success(let value):
            return value
        case .failure(let failure):
            self.error(column, "column '\(column.name)': \(failure.message)")
            return nil
        }
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
