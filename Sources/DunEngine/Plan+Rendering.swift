import DunCore

extension Plan {
    /// The timeline as text: a header, then one line per event with the instant in UTC and in the debtor's
    /// local time. Deterministic: the same plan renders to the same bytes.
    public func rendered() -> String {
        var lines: [String] = []
        let days = self.start.seconds(to: self.end) / 86_400
        lines.append("plan: campaign \"\(self.campaign.name)\" for account \(self.account.id)")
        if let variant = self.variant { lines.append("variant: \(variant)") }
        lines.append("home zone: \(self.homeZone)")
        lines.append("from \(self.start) for \(days) days; every call unanswered, every message delivered")
        lines.append("")
        lines.append(Self.row("utc", "local", "step", "event"))
        for entry in self.entries {
            let utc = entry.at.description
            let local = ISO8601.format(entry.at, offsetSeconds: entry.localOffsetSeconds)
            switch entry.event {
            case .dispatch(let attempt, let result):
                let step = self.stepLabel(attempt.step, channel: attempt.channel)
                let destination = self.destinationLabel(attempt.channel, attempt.destination)
                lines.append(
                    Self.row(
                        utc,
                        local,
                        step,
                        "attempt \(attempt.attemptNumber) to \(destination), template \(attempt.template): "
                            + result.rawValue
                    )
                )
            case .deferral(let deferral):
                let step = self.stepLabel(deferral.step, channel: deferral.channel)
                let until =
                    deferral.until.map {
                        "until \($0) (\(ISO8601.format($0, offsetSeconds: entry.untilOffsetSeconds ?? entry.localOffsetSeconds)))"
                    }
                    ?? "until capacity frees"
                lines.append(Self.row(utc, local, step, "deferred by \(deferral.rule) \(until): \(deferral.reason)"))
            case .end(let ending):
                let step = ending.step.map {
                    self.campaign.steps.indices.contains($0) ? self.campaign.steps[$0].id : "-"
                }
                let rule = ending.rule.map { " [\($0)]" } ?? ""
                lines.append(Self.row(utc, local, step ?? "-", "end: \(ending.reason)\(rule)"))
            }
        }
        if !self.entries.contains(where: { if case .end = $0.event { true } else { false } }) {
            lines.append("(still enrolled at \(self.end))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func stepLabel(_ index: Int, channel: Channel) -> String {
        let id = self.campaign.steps.indices.contains(index) ? self.campaign.steps[index].id : "#\(index)"
        return "\(id) (\(channel.rawValue))"
    }

    private func destinationLabel(_ channel: Channel, _ index: Int) -> String {
        switch channel.destinationKind {
        case .phone:
            self.account.phones.indices.contains(index) ? self.account.phones[index].number : "phone \(index)"
        case .email:
            self.account.emails.indices.contains(index) ? self.account.emails[index].address : "email \(index)"
        }
    }

    private static func row(_ utc: String, _ local: String, _ step: String, _ event: String) -> String {
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
        }
        return pad(utc, 22) + pad(local, 27) + pad(step, 26) + event
    }
}
