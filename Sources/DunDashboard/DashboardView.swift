import DunCore

/// Renders a dashboard frame: a pure function of the snapshot, the screen size and the view state.
///
/// Every returned line is at most `width` columns wide (escape sequences excluded) and there are exactly
/// `height` lines, so a terminal writer can diff frames line by line. Without color the output is plain text,
/// suitable for `--once`, `NO_COLOR` and golden files.
public struct DashboardView: Sendable {
    public var width: Int
    public var height: Int
    /// Whether to emit ANSI color and emphasis.
    public var color: Bool

    public init(width: Int, height: Int, color: Bool) {
        self.width = max(40, width)
        self.height = max(10, height)
        self.color = color
    }

    /// The frame for `snapshot`, with `focus` marked and, when searching, the search prompt shown.
    public func render(_ snapshot: DashboardSnapshot, state: DashboardState = DashboardState()) -> [String] {
        var lines: [String] = []
        lines.append(self.header(snapshot))
        let footer = self.footer(state)
        let bodyHeight = self.height - 2
        var body: [String]
        if let timeline = snapshot.account {
            body = self.timelinePanel(timeline, height: bodyHeight)
        } else if self.width >= 120 {
            body = self.twoColumns(snapshot, focus: state.focus, height: bodyHeight)
        } else {
            body = self.oneColumn(snapshot, focus: state.focus, height: bodyHeight)
        }
        body = Array(body.prefix(bodyHeight))
        while body.count < bodyHeight { body.append("") }
        lines.append(contentsOf: body)
        lines.append(footer)
        return lines.map { self.fit($0, self.width) }
    }

    // MARK: - Layout

    private func oneColumn(_ snapshot: DashboardSnapshot, focus: DashboardPanel, height: Int) -> [String] {
        self.stack(DashboardPanel.allCases, snapshot, width: self.width, focus: focus, height: height)
    }

    /// Stacks panels in a column of `height` rows. Each panel first gets its title and one row (the focused one
    /// gets all it needs); the rows left over go to panels in order, so on a small screen the later panels shrink
    /// to a summary line with a "… more" marker instead of disappearing.
    private func stack(
        _ panels: [DashboardPanel],
        _ snapshot: DashboardSnapshot,
        width: Int,
        focus: DashboardPanel,
        height: Int
    ) -> [String] {
        let natural = panels.map { self.panel($0, snapshot, width: width, focus: focus, rows: Int.max).count }
        var rows = zip(panels, natural).map { panel, size in panel == focus ? size : min(size, 2) }
        var spare = height - rows.reduce(0, +)
        for index in panels.indices where spare > 0 {
            let extra = min(spare, natural[index] - rows[index])
            rows[index] += extra
            spare -= extra
        }
        return zip(panels, rows).flatMap { panel, size in
            self.panel(panel, snapshot, width: width, focus: focus, rows: max(1, size - 1))
        }
    }

    private func twoColumns(_ snapshot: DashboardSnapshot, focus: DashboardPanel, height: Int) -> [String] {
        let gap = 2
        // The outcomes table needs 78 columns to show its confidence intervals whole.
        let leftWidth = min(max(78, (self.width - gap) / 2), self.width - gap - 40)
        let rightWidth = self.width - gap - leftWidth
        var left = self.stack(
            [.channels, .outcomes, .capacity],
            snapshot,
            width: leftWidth,
            focus: focus,
            height: height
        )
        var right = self.stack(
            [.compliance, .gateways, .events],
            snapshot,
            width: rightWidth,
            focus: focus,
            height: height
        )
        left = Array(left.prefix(height))
        right = Array(right.prefix(height))
        let rows = max(left.count, right.count)
        return (0..<rows).map { index in
            let l = index < left.count ? left[index] : ""
            let r = index < right.count ? right[index] : ""
            return self.pad(l, leftWidth) + String(repeating: " ", count: gap) + r
        }
    }

    // MARK: - Panels

    private func panel(
        _ panel: DashboardPanel,
        _ snapshot: DashboardSnapshot,
        width: Int,
        focus: DashboardPanel,
        rows: Int
    ) -> [String] {
        var content: [String]
        switch panel {
        case .channels: content = self.channelRows(snapshot.channels, width: width)
        case .capacity: content = self.capacityRows(snapshot.capacity)
        case .outcomes: content = self.outcomeRows(snapshot.arms, width: width)
        case .gateways: content = self.gatewayRows(snapshot.gateways)
        case .compliance: content = self.complianceRows(snapshot.compliance, width: width)
        case .events: content = snapshot.events.map { self.eventRow($0) }
        }
        if content.isEmpty { content = ["  (nothing yet)"] }
        if content.count > rows, rows <= 1 {
            // One row: the first line (the newest event, the first channel) says more than a count.
            content = Array(content.prefix(1))
        } else if content.count > rows {
            let kept = max(0, rows - 1)
            content = Array(content.prefix(kept)) + ["  … \(content.count - kept) more"]
        }
        return [self.title(panel.title, width: width, focused: panel == focus)] + content.map { self.fit($0, width) }
    }

    private func channelRows(_ channels: [DashboardSnapshot.ChannelActivity], width: Int) -> [String] {
        guard !channels.isEmpty else { return [] }
        let columns = ["channel", "queued", "due", "sent today", "delivered", "failed", "deferred"]
        let widths = [11, 8, 6, 11, 10, 7, 9]
        var rows = [self.columns(columns, widths)]
        for activity in channels {
            var cells = [activity.channel.rawValue, "\(activity.queued)", "\(activity.dueNow)"]
            cells += ["\(activity.sentToday)", "\(activity.delivered)", "\(activity.failed)", "\(activity.deferred)"]
            var row = self.columns(cells, widths)
            if let top = activity.topRules.first, width - row.count > 12 {
                row += "  \(top.rule) \(top.count)"
            }
            rows.append(row)
        }
        return rows
    }

    private func capacityRows(_ pools: [DashboardSnapshot.CapacityUse]) -> [String] {
        pools.map { pool in
            guard pool.capacity > 0 else {
                return "  \(self.pad(pool.pool, 16)) \(pool.used) \(pool.unit) (no limit recorded)"
            }
            let share = pool.capacity > 0 ? Double(pool.used) / Double(pool.capacity) : 0
            let bar = self.bar(share, width: 20)
            return "  \(self.pad(pool.pool, 16)) \(bar) \(pool.used)/\(pool.capacity) \(pool.unit)"
        }
    }

    private func outcomeRows(_ arms: [DashboardSnapshot.ArmOutcome], width: Int) -> [String] {
        guard !arms.isEmpty else { return [] }
        // Narrow screens drop the contact and payment counts; the money and the paying share always show.
        let wide = width >= 100
        let columns =
            wide
            ? ["arm", "accounts", "contacts", "promises", "paid", "collected", "liq.", "paying share"]
            : ["arm", "accounts", "promises", "collected", "liq.", "paying share"]
        let widths = wide ? [14, 9, 9, 9, 6, 13, 7, 24] : [12, 9, 9, 13, 7, 24]
        var rows = [self.columns(columns, widths)]
        for arm in arms {
            let liquidation =
                arm.placed.cents > 0 ? Self.percent(Double(arm.collected.cents) / Double(arm.placed.cents)) : "-"
            let share = arm.accounts > 0 ? Double(arm.payingAccounts) / Double(arm.accounts) : 0
            var shareText = arm.accounts > 0 ? Self.percent(share) : "-"
            if let interval = arm.payingShareInterval {
                shareText += " [\(Self.percent(interval.lowerBound))–\(Self.percent(interval.upperBound))]"
            } else if arm.accounts > 0 {
                shareText += " (too few)"
            }
            let cells =
                wide
                ? [
                    arm.arm, "\(arm.accounts)", "\(arm.contacts)", "\(arm.promises)", "\(arm.payments)",
                    arm.collected.description, liquidation, shareText,
                ]
                : [arm.arm, "\(arm.accounts)", "\(arm.promises)", arm.collected.description, liquidation, shareText]
            rows.append(self.columns(cells, widths))
        }
        return rows
    }

    private func gatewayRows(_ gateways: [DashboardSnapshot.GatewayHealth]) -> [String] {
        gateways.map { gateway in
            let rate = gateway.requests > 0 ? Double(gateway.errors) / Double(gateway.requests) : 0
            var row = "  \(self.pad(gateway.gateway, 12)) \(gateway.requests) req  \(gateway.errors) err"
            row += " (\(Self.percent(rate)))"
            if let last = gateway.lastError { row += "  last: \(last)" }
            return row
        }
    }

    private func complianceRows(_ rules: [DashboardSnapshot.RuleCount], width: Int) -> [String] {
        let peak = rules.map(\.count).max() ?? 0
        return rules.map { rule in
            let share = peak > 0 ? Double(rule.count) / Double(peak) : 0
            return "  \(self.pad(rule.rule, 18)) \(self.padLeft("\(rule.count)", 8)) \(self.bar(share, width: 16))"
        }
    }

    private func eventRow(_ event: DashboardSnapshot.EventLine) -> String {
        "  \(Self.time(event.at))  \(self.pad(event.kind, 10)) \(event.detail)"
    }

    private func timelinePanel(_ timeline: DashboardSnapshot.AccountTimeline, height: Int) -> [String] {
        guard let id = timeline.accountID else {
            return [
                self.title("Account search", width: self.width, focused: true),
                "  No account matches '\(timeline.query)'.",
            ]
        }
        var lines = [self.title("Account \(id): every attempt, outcome and deferral", width: self.width, focused: true)]
        if timeline.entries.isEmpty { lines.append("  (no activity yet)") }
        // Reasons are the point of this view ("why was this account not called?"), so long ones wrap
        // instead of being cut.
        let entries = timeline.entries.flatMap { entry -> [String] in
            let lead = "  \(ISO8601.format(entry.at, offsetSeconds: 0))  \(self.pad(entry.kind, 10)) "
            return self.wrap(entry.detail, first: lead, width: self.width)
        }
        // The newest entries matter most: when the list is too long, keep its end.
        let room = height - lines.count
        if entries.count > room {
            lines.append("  … \(entries.count - room + 1) earlier lines")
            lines += entries.suffix(room - 1)
        } else {
            lines += entries
        }
        return lines
    }

    private func wrap(_ text: String, first lead: String, width: Int) -> [String] {
        let room = max(10, width - lead.count)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.count + 1 + word.count > room {
                lines.append(current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        lines.append(current)
        let indent = String(repeating: " ", count: lead.count)
        return lines.enumerated().map { index, line in (index == 0 ? lead : indent) + line }
    }

    // MARK: - Header and footer

    private func header(_ snapshot: DashboardSnapshot) -> String {
        let mode: String
        switch snapshot.mode {
        case .live: mode = "live"
        case .simulated(let speed):
            mode = speed.map { "simulated ×\(Self.compact($0))" } ?? "simulated"
        }
        let campaigns = snapshot.campaigns.map { campaign in
            campaign.arms.isEmpty
                ? campaign.campaign
                : "\(campaign.campaign) (\(campaign.arms.map { "\($0.name) \($0.weight)" }.joined(separator: " / ")))"
        }
        let uptime = Self.duration(snapshot.startedAt.seconds(to: snapshot.clock))
        let text =
            "dun · \(mode) · \(ISO8601.format(snapshot.clock, offsetSeconds: 0)) · up \(uptime) · "
            + campaigns.joined(separator: ", ")
        return self.emphasize(text)
    }

    private func footer(_ state: DashboardState) -> String {
        if state.searching {
            return "find account: \(state.query)▏  (enter to search, esc to cancel)"
        }
        return "q quit · tab next panel · / find an account" + (state.showingAccount ? " · esc back" : "")
    }

    // MARK: - Text helpers

    private func title(_ text: String, width: Int, focused: Bool) -> String {
        let marker = focused ? "▶ " : "─ "
        let label = "\(marker)\(text) "
        let line = label + String(repeating: "─", count: max(0, width - label.count))
        guard self.color else { return line }
        return focused ? "\u{1B}[7m\(line)\u{1B}[0m" : "\u{1B}[1m\(line)\u{1B}[0m"
    }

    private func emphasize(_ text: String) -> String {
        self.color ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    private func columns(_ cells: [String], _ widths: [Int]) -> String {
        var row = " "
        for (index, cell) in cells.enumerated() {
            let width = index < widths.count ? widths[index] : cell.count
            row += index == 0 ? " " + self.pad(cell, width - 1) : self.padLeft(cell, width)
        }
        return row
    }

    private func bar(_ share: Double, width: Int) -> String {
        let filled = Int((min(max(share, 0), 1) * Double(width)).rounded())
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }

    func pad(_ text: String, _ width: Int) -> String {
        let visible = Self.visibleWidth(text)
        if visible >= width { return self.fit(text, width) }
        return text + String(repeating: " ", count: width - visible)
    }

    private func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }

    /// Cuts `text` to `width` visible columns (marking the cut with `…`) and drops trailing spaces.
    func fit(_ text: String, _ width: Int) -> String {
        guard Self.visibleWidth(text) > width else {
            var trimmed = Substring(text)
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }
        var result = ""
        var visible = 0
        var inEscape = false
        for character in text {
            if character == "\u{1B}" { inEscape = true }
            if inEscape {
                result.append(character)
                if character.isLetter { inEscape = false }
                continue
            }
            if visible == width - 1 {
                result.append("…")
                break
            }
            result.append(character)
            visible += 1
        }
        return self.color ? result + "\u{1B}[0m" : result
    }

    static func visibleWidth(_ text: String) -> Int {
        var count = 0
        var inEscape = false
        for character in text {
            if character == "\u{1B}" {
                inEscape = true
                continue
            }
            if inEscape {
                if character.isLetter { inEscape = false }
                continue
            }
            count += 1
        }
        return count
    }

    static func percent(_ value: Double) -> String {
        let tenths = Int((value * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static func compact(_ value: Double) -> String {
        value >= 100 ? "\(Int(value.rounded()))" : "\(Double(Int(value * 10)) / 10)"
    }

    static func time(_ instant: UTCInstant) -> String {
        let second = instant.utcSecondOfDay
        return "\(Self.two(second / 3600)):\(Self.two(second / 60 % 60)):\(Self.two(second % 60))"
    }

    static func duration(_ seconds: Int64) -> String {
        let total = max(0, seconds)
        let days = total / 86_400
        let rest = Int(total % 86_400)
        let clock = "\(Self.two(rest / 3600)):\(Self.two(rest / 60 % 60)):\(Self.two(rest % 60))"
        return days > 0 ? "\(days)d \(clock)" : clock
    }

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
