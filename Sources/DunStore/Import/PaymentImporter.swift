public import DunCore

/// `dun import payments`: reads a payments CSV, checks every row, and records the payments in one store
/// transaction. Idempotent on `reference`: a payment whose reference is already stored is skipped and counted in
/// `ImportSummary.alreadyRecorded`, so re-importing a file changes nothing. Columns: docs/import.md.
public struct PaymentImporter: Sendable {
    /// The most diagnostics an aborted import reports.
    public var maxDiagnostics = 100

    static let columns: Set<String> = ["account_id", "amount", "paid_at", "reference", "debt_id", "method"]

    /// Creates an importer.
    public init() {}

    /// Imports payments from `file` into `store`.
    ///
    /// - Parameters:
    ///   - file: The payments file's bytes and path.
    ///   - store: Where to write; every account must already be stored.
    ///   - invalidRows: Abort (default) or skip invalid rows.
    ///   - at: The instant recorded in the audit log.
    /// - Returns: How many payments were written, skipped as already recorded, or rejected.
    /// - Throws: `DiagnosticError` (nothing written) for a malformed file or, unless skipping, any invalid row.
    public func importPayments(
        _ file: (bytes: [UInt8], path: String),
        into store: some Store,
        invalidRows: InvalidRowPolicy = .abort,
        at: UTCInstant
    ) throws -> ImportSummary {
        try store.withImport(kind: "payments", at: at) { session throws -> (detail: String, result: ImportSummary) in
            var reader = CSVReader(bytes: file.bytes, path: file.path)
            var record = CSVRecord()
            guard try reader.next(into: &record) else {
                throw DiagnosticError([
                    Diagnostic(
                        path: file.path,
                        location: SourceLocation(line: 1, column: 1),
                        severity: .error,
                        message: "empty file: expected a header row"
                    )
                ])
            }
            let header = try ImportColumns(
                record: record,
                reader: reader,
                required: ["account_id", "amount", "paid_at", "reference"],
                isKnown: { Self.columns.contains($0) }
            )
            let accountColumn = header.column("account_id")
            let amountColumn = header.column("amount")
            let paidAtColumn = header.column("paid_at")
            let referenceColumn = header.column("reference")
            let debtColumn = header.column("debt_id")
            let methodColumn = header.column("method")
            var summary = ImportSummary()
            var errors: [Diagnostic] = []
            var references: [String: Int] = [:]
            while try reader.next(into: &record) {
                var row = RowContext(reader: reader, record: record, columns: header)
                if record.fields.count != header.names.count {
                    row.error(
                        Column(name: "", position: nil),
                        "expected \(header.names.count) fields as in the header, found \(record.fields.count)"
                    )
                }
                let accountID = row.value(accountColumn, required: true) { .success($0) }
                let amount = row.value(amountColumn, required: true) { text in
                    FieldParser.money(text).flatMap { money in
                        money.cents > 0
                            ? .success(money) : .failure(FieldError("expected an amount above zero", found: text))
                    }
                }
                let paidAt = row.value(paidAtColumn, required: true, FieldParser.instant)
                let reference = row.value(referenceColumn, required: true) { .success($0) }
                if let accountID, try !session.accountExists(accountID) {
                    row.error(
                        accountColumn,
                        "column 'account_id': no account '\(accountID)' in the store (import accounts first)"
                    )
                }
                if let reference {
                    if let first = references[reference] {
                        row.error(
                            referenceColumn,
                            "column 'reference': duplicate reference '\(reference)' (first at line \(first))"
                        )
                    } else {
                        references[reference] = record.line
                    }
                }
                if row.diagnostics.isEmpty, let accountID, let amount, let paidAt, let reference {
                    let debt = row.text(debtColumn)
                    let payment = PaymentRecord(
                        reference: reference,
                        accountID: accountID,
                        debtID: debt.isEmpty ? nil : debt,
                        amount: amount,
                        paidAt: paidAt,
                        method: row.text(methodColumn),
                        source: "import"
                    )
                    if errors.isEmpty || invalidRows == .skip {
                        if try session.insertPayment(payment) {
                            summary.imported += 1
                        } else {
                            summary.alreadyRecorded += 1
                        }
                    }
                } else if invalidRows == .skip {
                    summary.rejected.append(
                        RejectedRow(
                            path: file.path,
                            line: record.line,
                            fields: record.fields,
                            diagnostics: row.diagnostics
                        )
                    )
                } else if errors.count < AccountImporter.errorCap {
                    errors += row.diagnostics
                }
            }
            if !errors.isEmpty {
                var importer = AccountImporter()
                importer.maxDiagnostics = self.maxDiagnostics
                throw importer.limited(errors)
            }
            let detail =
                "\(file.path): \(summary.imported) payments, \(summary.alreadyRecorded) already recorded, \(summary.rejected.count) rejected"
            return (detail, summary)
        }
    }
}
