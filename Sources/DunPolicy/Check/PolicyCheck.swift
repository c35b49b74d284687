public import DunCore

/// `dun policy check`: judges proposed contacts for one account given its history, from a JSON document
/// (docs/policy-check.md). Proposed contacts are judged in order; each allowed one is then recorded with its
/// stated result (default `no_answer`), so later proposals see it.
public struct PolicyCheck: Sendable {
    /// The answer for one proposed contact.
    public struct Verdict: Hashable, Sendable {
        public var index: Int
        public var allowed: Bool
        public var rule: String?
        public var citation: String?
        public var reason: String
        public var nextAllowed: UTCInstant?
        /// The proposed instant, for the table.
        public var at: UTCInstant
        public var channel: Channel
        public var to: String
    }

    public var verdicts: [Verdict]
    /// The consumer's home zone, used to print instants with their local offset.
    public var homeZone: ZoneID?

    /// Reads and judges the document `text` (named `path` in diagnostics).
    public static func run(json text: String, path: String) throws(Diagnostic) -> PolicyCheck {
        let root = try JSONNode.parse(text, path: path)
        var input = try PolicyCheckInput(root, path: path)
        return input.judge()
    }

    /// An instant as ISO-8601 at the home zone's offset at that instant (UTC when no zone is known).
    public func format(_ instant: UTCInstant) -> String {
        let offset = self.homeZone.map { TimeZoneTable.offsetSeconds(of: $0, at: instant) } ?? 0
        return ISO8601.format(instant, offsetSeconds: offset)
    }

    /// `{"verdicts":[…]}` with keys in sorted order, one verdict per line.
    public var json: String {
        var lines: [String] = []
        for verdict in self.verdicts {
            let next = verdict.nextAllowed.map { JSONText.quoted(self.format($0)) } ?? "null"
            let rule = verdict.rule.map(JSONText.quoted) ?? "null"
            lines.append(
                "{\"allowed\":\(verdict.allowed),\"index\":\(verdict.index),\"next_allowed\":\(next),"
                    + "\"reason\":\(JSONText.quoted(verdict.reason)),\"rule\":\(rule)}"
            )
        }
        return "{\"verdicts\":[\n" + lines.map { "  " + $0 }.joined(separator: ",\n") + "\n]}\n"
    }

    /// A readable table: one line per proposed contact.
    public var table: String {
        var rows: [[String]] = [["#", "at", "channel", "to", "verdict", "rule", "next allowed"]]
        for verdict in self.verdicts {
            rows.append([
                "\(verdict.index)", self.format(verdict.at), verdict.channel.rawValue, verdict.to,
                verdict.allowed ? "allowed" : "blocked", verdict.rule ?? "-",
                verdict.allowed ? "-" : verdict.nextAllowed.map { self.format($0) } ?? "never",
            ])
        }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        var text = ""
        for (rowIndex, row) in rows.enumerated() {
            let cells = row.enumerated().map { index, cell in
                cell + String(repeating: " ", count: widths[index] - cell.count)
            }
            text += cells.joined(separator: "  ").trimmingTrailingSpaces + "\n"
            if rowIndex > 0 && !self.verdicts[rowIndex - 1].allowed {
                text += "    " + self.verdicts[rowIndex - 1].reason + "\n"
            }
        }
        return text
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
