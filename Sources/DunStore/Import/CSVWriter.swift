import DunCore

/// Writes RFC 4180 CSV: fields quoted when they hold a comma, quote, CR or LF; CRLF-free (LF) record ends.
public enum CSVWriter {
    /// One field, quoted when needed.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// One record and its line break.
    public static func record(_ fields: [String]) -> String {
        fields.map(Self.field).joined(separator: ",") + "\n"
    }

    /// The rejects file of `--skip-invalid`: the input header plus `reject_line` and `reject_reason`, then each
    /// rejected row with its line and every reason (`;`-separated). The importer ignores the two extra columns,
    /// so a fixed rejects file can be imported as it is.
    public static func rejects(header: [String], rows: [RejectedRow]) -> String {
        var text = Self.record(
            header.filter { !ImportColumns.rejectColumns.contains($0) } + ["reject_line", "reject_reason"]
        )
        for row in rows {
            var fields = Array(row.fields.prefix(header.count))
            fields += Array(repeating: "", count: header.count - fields.count)
            let kept = zip(header, fields).filter { !ImportColumns.rejectColumns.contains($0.0) }.map(\.1)
            let reasons = row.diagnostics.sorted().map { "\($0.location): \($0.message)" }.joined(separator: "; ")
            text += Self.record(kept + [String(row.line), reasons])
        }
        return text
    }
}
