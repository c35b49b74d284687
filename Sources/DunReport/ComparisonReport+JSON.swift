import DunCore

extension ComparisonReport {
    /// The report as JSON with stable keys in a fixed order and fixed decimals: the same report gives the same
    /// bytes in every process (no dictionary order, no locale). Ends with a newline.
    public func json() -> String {
        var out = "{\n"
        out += "  \"scenario\": \(JSONText.quoted(self.scenario)),\n"
        out += "  \"seed\": \(self.seed),\n"
        out += "  \"replications\": \(self.replications),\n"
        out += "  \"accounts\": \(self.accounts),\n"
        out += "  \"days\": \(self.days),\n"
        out += "  \"strategies\": ["
        for (index, strategy) in self.strategies.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += strategy.json(indent: "    ")
        }
        out += self.strategies.isEmpty ? "]" : "\n  ]"
        out += ",\n  \"notes\": [\(self.notes.map { JSONText.quoted($0) }.joined(separator: ", "))]\n"
        out += "}\n"
        return out
    }

    static func number(_ value: Double) -> String {
        Fixed.format(value, 6)
    }

    static func estimate(_ estimate: Estimate) -> String {
        let interval =
            estimate.ci95.map { "[\(Self.number($0.lower)), \(Self.number($0.upper))]" } ?? "null"
        return "{\"mean\": \(Self.number(estimate.mean)), \"ci95\": \(interval), \"n\": \(estimate.sampleSize)}"
    }
}

extension StrategyReport {
    func json(indent: String) -> String {
        let inner = indent + "  "
        var fields: [String] = []
        fields.append("\"name\": \(JSONText.quoted(self.name))")
        fields.append("\"is_baseline\": \(self.isBaseline)")
        fields.append("\"paying_share\": \(ComparisonReport.estimate(self.payingShare))")
        fields.append(
            "\"liquidation\": {\"d30\": \(ComparisonReport.estimate(self.liquidation30)), "
                + "\"d90\": \(ComparisonReport.estimate(self.liquidation90)), "
                + "\"d180\": \(ComparisonReport.estimate(self.liquidation180))}"
        )
        fields.append("\"placed_cents\": \(self.placedCents)")
        fields.append("\"collected_cents\": \(self.collectedCents)")
        fields.append("\"message_cost_cents\": \(self.messageCostCents)")
        fields.append("\"agent_wage_cents\": \(self.agentWageCents)")
        fields.append("\"commission_cents\": \(self.commissionCents)")
        fields.append("\"net_recovered_cents\": \(self.netRecoveredCents)")
        fields.append("\"attempts_per_account\": \(ComparisonReport.number(self.attemptsPerAccount))")
        fields.append("\"messages_per_account\": \(ComparisonReport.number(self.messagesPerAccount))")
        fields.append("\"rpc_per_account\": \(ComparisonReport.number(self.rightPartyContactsPerAccount))")
        fields.append("\"rpc_per_attempt\": \(ComparisonReport.number(self.rightPartyContactsPerAttempt))")
        fields.append("\"promises_per_rpc\": \(ComparisonReport.number(self.promisesPerContact))")
        fields.append("\"promises_kept_share\": \(ComparisonReport.number(self.promisesKeptShare))")
        fields.append("\"reached_by_day_90\": \(ComparisonReport.number(self.reachedByDay90))")
        fields.append("\"opt_outs\": \(ComparisonReport.number(self.optOuts))")
        fields.append("\"complaints\": \(ComparisonReport.number(self.complaints))")
        fields.append("\"disputes\": \(ComparisonReport.number(self.disputes))")
        let rules = self.deferredByRule.map {
            "\(JSONText.quoted($0.rule)): \(ComparisonReport.number($0.count))"
        }
        fields.append("\"deferred_by_rule\": {\(rules.joined(separator: ", "))}")
        let endings = self.endedBy.map {
            "\(JSONText.quoted($0.rule)): \(ComparisonReport.number($0.count))"
        }
        fields.append("\"ended_by\": {\(endings.joined(separator: ", "))}")
        if let difference = self.liquidation180VersusBaseline {
            let verdict = self.verdict.map { JSONText.quoted($0.rawValue) } ?? "null"
            fields.append(
                "\"vs_baseline\": {\"liquidation_d180_diff\": \(ComparisonReport.estimate(difference)), "
                    + "\"verdict\": \(verdict)}"
            )
        } else {
            fields.append("\"vs_baseline\": null")
        }
        fields.append("\"curve\": [\(self.curve.map { ComparisonReport.number($0) }.joined(separator: ", "))]")
        return indent + "{\n" + fields.map { inner + $0 }.joined(separator: ",\n") + "\n" + indent + "}"
    }
}
