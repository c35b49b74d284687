extension ComparisonReport {
    /// The comparison as a fixed-width text table, then one plain sentence per strategy on its difference from
    /// the baseline, then deferrals per rule. Lines end with a newline; no line is wider than 120 columns
    /// unless a strategy name is.
    public func table() -> String {
        var out = "scenario \(self.scenario): \(self.accounts) accounts, \(self.days) days, "
        out += "\(self.replications) replication\(self.replications == 1 ? "" : "s"), seed \(self.seed)\n\n"
        let nameWidth = max(8, self.strategies.map(\.name.count).max() ?? 8)
        let headers = [
            "paying", "liq d30", "liq d90", "liq d180", "net recovered", "att/acct", "rpc/acct", "rpc/att",
            "opt-outs", "complaints", "disputes",
        ]
        let widths = [7, 7, 7, 8, 14, 8, 8, 7, 8, 10, 8]
        var header = Self.pad("strategy", nameWidth, left: true)
        for (title, width) in zip(headers, widths) { header += " " + Self.pad(title, width) }
        out += header + "\n"
        out += String(repeating: "-", count: header.count) + "\n"
        for strategy in self.strategies {
            let cells = [
                Fixed.percent(strategy.payingShare.mean), Fixed.percent(strategy.liquidation30.mean),
                Fixed.percent(strategy.liquidation90.mean), Fixed.percent(strategy.liquidation180.mean),
                Fixed.dollars(cents: strategy.netRecoveredCents), Fixed.format(strategy.attemptsPerAccount, 2),
                Fixed.format(strategy.rightPartyContactsPerAccount, 3),
                Fixed.percent(strategy.rightPartyContactsPerAttempt), Fixed.format(strategy.optOuts, 1),
                Fixed.format(strategy.complaints, 1), Fixed.format(strategy.disputes, 1),
            ]
            var line = Self.pad(strategy.name + (strategy.isBaseline ? "*" : ""), nameWidth, left: true)
            for (cell, width) in zip(cells, widths) { line += " " + Self.pad(cell, width) }
            out += line + "\n"
        }
        out += "* baseline. liq = collected / placed; net = collected - message costs - agent wages - commission.\n"
        out += "\n180-day liquidation vs the baseline (paired, 95% interval):\n"
        for strategy in self.strategies where !strategy.isBaseline {
            guard let difference = strategy.liquidation180VersusBaseline else { continue }
            let interval =
                difference.ci95.map {
                    "[\(Self.signedPoints($0.lower)), \(Self.signedPoints($0.upper))]"
                } ?? "[no interval]"
            out += "  \(strategy.name): \(Self.signedPoints(difference.mean)) pp \(interval)"
            out += " - \((strategy.verdict ?? .tooSmall).sentence)\n"
        }
        let withDeferrals = self.strategies.filter { !$0.deferredByRule.isEmpty }
        if !withDeferrals.isEmpty {
            out += "\ncontacts deferred per rule (mean per replication):\n"
            for strategy in withDeferrals {
                let rules = strategy.deferredByRule.map { "\($0.rule) \(Fixed.format($0.count, 0))" }
                out += "  \(strategy.name): \(rules.joined(separator: ", "))\n"
            }
        }
        let withEndings = self.strategies.filter { !$0.endedBy.isEmpty }
        if !withEndings.isEmpty {
            out += "\nenrolments ended per reason (mean per replication; rule ids are the law's):\n"
            for strategy in withEndings {
                let reasons = strategy.endedBy.map { "\($0.rule) \(Fixed.format($0.count, 0))" }
                out += "  \(strategy.name): \(reasons.joined(separator: ", "))\n"
            }
        }
        if !self.notes.isEmpty {
            out += "\n"
            for note in self.notes { out += "note: \(note)\n" }
        }
        return out
    }

    static func signedPoints(_ share: Double) -> String {
        let text = Fixed.format(share * 100, 2)
        return text.hasPrefix("-") ? text : "+" + text
    }

    static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return left ? text + padding : padding + text
    }
}
