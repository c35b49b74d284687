extension ComparisonReport {
    /// One row per strategy and day: `strategy,is_baseline,day,liquidation`, then one summary row per strategy
    /// under a second header. RFC 4180 quoting; fixed decimals; ends with a newline.
    public func csv() -> String {
        var out = "strategy,is_baseline,day,liquidation\n"
        for strategy in self.strategies {
            for (day, value) in strategy.curve.enumerated() {
                out += "\(Self.csvField(strategy.name)),\(strategy.isBaseline),\(day),\(Fixed.format(value, 6))\n"
            }
        }
        out += "\nstrategy,is_baseline,paying_share,liquidation_d30,liquidation_d90,liquidation_d180,"
        out += "net_recovered_cents,attempts_per_account,rpc_per_attempt,opt_outs,complaints,disputes,"
        out += "liquidation_d180_diff,diff_ci95_lower,diff_ci95_upper,verdict\n"
        for strategy in self.strategies {
            let difference = strategy.liquidation180VersusBaseline
            let fields: [String] = [
                Self.csvField(strategy.name), "\(strategy.isBaseline)",
                Fixed.format(strategy.payingShare.mean, 6), Fixed.format(strategy.liquidation30.mean, 6),
                Fixed.format(strategy.liquidation90.mean, 6), Fixed.format(strategy.liquidation180.mean, 6),
                "\(strategy.netRecoveredCents)", Fixed.format(strategy.attemptsPerAccount, 4),
                Fixed.format(strategy.rightPartyContactsPerAttempt, 6), Fixed.format(strategy.optOuts, 2),
                Fixed.format(strategy.complaints, 2), Fixed.format(strategy.disputes, 2),
                difference.map { Fixed.format($0.mean, 6) } ?? "",
                difference?.ci95.map { Fixed.format($0.lower, 6) } ?? "",
                difference?.ci95.map { Fixed.format($0.upper, 6) } ?? "",
                strategy.verdict?.rawValue ?? "",
            ]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
