public import DunCore

/// The library side of `dun import` and `dun record`: each command's `run()` is one call here.
public enum StoreCommands {
    /// `dun import accounts`: imports, writes the rejects file when skipping, and returns the summary line.
    ///
    /// - Throws: `DiagnosticError` (nothing imported), `FileBytes.Failure`, or a store error.
    public static func importAccounts(
        file: String,
        debts: String?,
        database: String,
        rejectsPath: String?,
        at: UTCInstant
    ) throws -> String {
        let accounts = (bytes: try FileBytes.read(file), path: file)
        let debtFile = try debts.map { (bytes: try FileBytes.read($0), path: $0) }
        let store = try SQLiteStore(path: database)
        var importer = AccountImporter()
        let summary = try importer.importAccounts(
            accounts: accounts,
            debts: debtFile,
            into: store,
            invalidRows: rejectsPath == nil ? .abort : .skip,
            at: at
        )
        var line = "imported \(summary.imported) accounts"
        if debts != nil { line += " and \(summary.debts) extra debts" }
        line += " into \(database)"
        if let rejectsPath {
            try Self.writeRejects(summary, files: [accounts, debtFile].compactMap { $0 }, to: rejectsPath)
            line += "; \(summary.rejected.count) rows rejected, written to \(rejectsPath)"
        }
        return line
    }

    /// `dun import payments`.
    public static func importPayments(
        file: String,
        database: String,
        rejectsPath: String?,
        at: UTCInstant
    ) throws
        -> String
    {
        let payments = (bytes: try FileBytes.read(file), path: file)
        let store = try SQLiteStore(path: database)
        let summary = try PaymentImporter().importPayments(
            payments,
            into: store,
            invalidRows: rejectsPath == nil ? .abort : .skip,
            at: at
        )
        var line =
            "imported \(summary.imported) payments into \(database) (\(summary.alreadyRecorded) already recorded)"
        if let rejectsPath {
            try Self.writeRejects(summary, files: [payments], to: rejectsPath)
            line += "; \(summary.rejected.count) rows rejected, written to \(rejectsPath)"
        }
        return line
    }

    /// One rejects file per input file: the first at `path`, a debts file's at `path` with `.debts` before the
    /// extension (`rejects.csv` → `rejects.debts.csv`).
    private static func writeRejects(
        _ summary: ImportSummary,
        files: [(bytes: [UInt8], path: String)],
        to path: String
    ) throws {
        for (position, file) in files.enumerated() {
            var reader = CSVReader(bytes: file.bytes, path: file.path)
            var header = CSVRecord()
            _ = try reader.next(into: &header)
            let rows = summary.rejected.filter { $0.path == file.path }
            let target: String
            if position == 0 {
                target = path
            } else if let dot = path.lastIndex(of: "."), !path[dot...].contains("/") {
                target = path[..<dot] + ".debts" + path[dot...]
            } else {
                target = path + ".debts"
            }
            if position == 0 || !rows.isEmpty {
                try FileBytes.write(CSVWriter.rejects(header: header.fields, rows: rows), to: target)
            }
        }
    }
}
