import DunCore
public import DunReport
public import DunStore

/// `dun report`: live outcomes per campaign arm with the simulator's statistics (DunReport): paying share
/// with a Wilson interval, liquidation (collected ÷ placed) with a delta-method interval, and each
/// challenger's difference from the champion with an interval, plus sample-size warnings.
///
/// The arms of a live split hold *different* accounts, so differences are two-sample, not paired: the paying
/// share difference uses Newcombe's hybrid score interval (method 10, from the two Wilson intervals), the
/// liquidation difference the sum of the two delta-method variances.
public struct LiveReport: Sendable, Hashable {
    /// One arm's outcomes.
    public struct Arm: Sendable, Hashable {
        public var campaign: String
        public var variant: String
        public var accounts: Int
        public var payingAccounts: Int
        public var placedCents: Int64
        public var collectedCents: Int64
        public var attempts: Int
        public var reached: Int
        public var promises: Int
        public var optOuts: Int
        public var payingShare: Estimate
        public var liquidation: Estimate
        /// Paying share minus the champion's (nil for the champion).
        public var payingShareVersusChampion: Estimate?
        /// Liquidation minus the champion's (nil for the champion).
        public var liquidationVersusChampion: Estimate?
        /// Why the numbers should be read with care.
        public var warnings: [String]
    }

    /// The arms; the first is the champion.
    public var arms: [Arm]

    /// Fewer accounts than this in an arm earns a warning.
    public static let minimumAccounts = 30
    /// Fewer paying accounts than this earns a warning (the normal approximations behind the intervals).
    public static let minimumEvents = 5

    /// Builds the report from the store's rows. `champion` names the champion arm as `campaign/variant` or
    /// `campaign`; by default the arm with the most accounts (ties: first in name order).
    public init(rows: [ArmOutcomeRow], champion: String? = nil) {
        var groups: [(key: String, rows: [ArmOutcomeRow])] = []
        for row in rows {
            let key = "\(row.campaign)/\(row.variant)"
            if let last = groups.last, last.key == key {
                groups[groups.count - 1].rows.append(row)
            } else {
                groups.append((key, [row]))
            }
        }
        var arms = groups.map { Self.arm($0.rows) }
        let championIndex: Int
        if let champion,
            let index = arms.firstIndex(where: { "\($0.campaign)/\($0.variant)" == champion || $0.campaign == champion }
            )
        {
            championIndex = index
        } else {
            championIndex = arms.indices.max { (arms[$0].accounts, -$0) < (arms[$1].accounts, -$1) } ?? 0
        }
        if !arms.isEmpty {
            arms.insert(arms.remove(at: championIndex), at: 0)
            for index in arms.indices.dropFirst() {
                arms[index].payingShareVersusChampion = Self.proportionDifference(arms[index], arms[0])
                arms[index].liquidationVersusChampion = Self.ratioDifference(
                    arms[index].liquidation,
                    arms[0].liquidation
                )
            }
        }
        self.arms = arms
    }

    static func arm(_ rows: [ArmOutcomeRow]) -> Arm {
        var sums = RatioSums()
        var paying = 0
        var placed: Int64 = 0
        var collected: Int64 = 0
        var attempts = 0
        var reached = 0
        var promises = 0
        var optOuts = 0
        for row in rows {
            let paid = min(row.paidCents, row.placedCents)
            sums.add(numerator: Double(paid), denominator: Double(row.placedCents))
            if row.paidCents > 0 { paying += 1 }
            placed += row.placedCents
            collected += row.paidCents
            attempts += row.attempts
            reached += row.reached
            promises += row.promises
            optOuts += row.optOuts
        }
        var warnings: [String] = []
        if rows.count < Self.minimumAccounts {
            warnings.append("only \(rows.count) accounts (fewer than \(Self.minimumAccounts)): intervals are wide")
        }
        if paying < Self.minimumEvents {
            warnings.append(
                "only \(paying) paying accounts (fewer than \(Self.minimumEvents)): intervals are unreliable"
            )
        }
        return Arm(
            campaign: rows[0].campaign,
            variant: rows[0].variant,
            accounts: rows.count,
            payingAccounts: paying,
            placedCents: placed,
            collectedCents: collected,
            attempts: attempts,
            reached: reached,
            promises: promises,
            optOuts: optOuts,
            payingShare: Statistics.wilson(successes: paying, trials: rows.count),
            liquidation: Statistics.ratioInterval(sums),
            payingShareVersusChampion: nil,
            liquidationVersusChampion: nil,
            warnings: warnings
        )
    }

    /// Newcombe (1998) method 10: the difference of two independent proportions from their Wilson intervals.
    static func proportionDifference(_ treatment: Arm, _ control: Arm) -> Estimate {
        let p1 = treatment.payingShare.mean
        let p2 = control.payingShare.mean
        let difference = p1 - p2
        guard let one = treatment.payingShare.ci95, let two = control.payingShare.ci95 else {
            return Estimate(mean: difference, ci95: nil, sampleSize: treatment.accounts + control.accounts)
        }
        let lower =
            difference - ((p1 - one.lower) * (p1 - one.lower) + (two.upper - p2) * (two.upper - p2)).squareRoot()
        let upper =
            difference + ((one.upper - p1) * (one.upper - p1) + (p2 - two.lower) * (p2 - two.lower)).squareRoot()
        return Estimate(
            mean: difference,
            ci95: Interval(lower: lower, upper: upper),
            sampleSize: treatment.accounts + control.accounts
        )
    }

    /// The difference of two independent ratio estimates; standard errors recovered from their intervals.
    static func ratioDifference(_ treatment: Estimate, _ control: Estimate) -> Estimate {
        let difference = treatment.mean - control.mean
        guard let one = treatment.ci95, let two = control.ci95 else {
            return Estimate(mean: difference, ci95: nil, sampleSize: treatment.sampleSize + control.sampleSize)
        }
        let se1 = (one.upper - one.lower) / (2 * Statistics.z975)
        let se2 = (two.upper - two.lower) / (2 * Statistics.z975)
        let half = Statistics.z975 * (se1 * se1 + se2 * se2).squareRoot()
        return Estimate(
            mean: difference,
            ci95: Interval(lower: difference - half, upper: difference + half),
            sampleSize: treatment.sampleSize + control.sampleSize
        )
    }

    // MARK: - Rendering

    /// A plain-text table, one line per arm, then the differences and warnings.
    public func table() -> String {
        guard !self.arms.isEmpty else { return "no enrolments in the store yet\n" }
        func interval(_ estimate: Estimate, percent: Bool) -> String {
            let format: (Double) -> String = { percent ? Fixed.percent($0, 1) : Fixed.format($0, 3) }
            guard let ci = estimate.ci95 else { return format(estimate.mean) }
            return "\(format(estimate.mean)) [\(format(ci.lower)), \(format(ci.upper))]"
        }
        var rows: [[String]] = [
            ["arm", "accounts", "attempts", "reached", "paying share (95% CI)", "liquidation (95% CI)", "collected"]
        ]
        for arm in self.arms {
            rows.append([
                "\(arm.campaign)/\(arm.variant)", String(arm.accounts), String(arm.attempts), String(arm.reached),
                interval(arm.payingShare, percent: true), interval(arm.liquidation, percent: true),
                Fixed.dollars(cents: arm.collectedCents),
            ])
        }
        var widths = Array(repeating: 0, count: rows[0].count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        var text = ""
        for row in rows {
            let cells = row.enumerated().map { index, cell in
                index == 0
                    ? cell + String(repeating: " ", count: widths[index] - cell.count)
                    : String(repeating: " ", count: widths[index] - cell.count) + cell
            }
            text += cells.joined(separator: "  ") + "\n"
        }
        let champion = self.arms[0]
        text += "\nchampion: \(champion.campaign)/\(champion.variant)\n"
        for arm in self.arms.dropFirst() {
            if let share = arm.payingShareVersusChampion, let liquidation = arm.liquidationVersusChampion {
                text +=
                    "\(arm.campaign)/\(arm.variant) vs champion: paying share \(interval(share, percent: true)), "
                    + "liquidation \(interval(liquidation, percent: true))\n"
            }
        }
        for arm in self.arms {
            for warning in arm.warnings {
                text += "warning: \(arm.campaign)/\(arm.variant): \(warning)\n"
            }
        }
        return text
    }

    /// The report as JSON with a fixed key order.
    public func json() -> String {
        func estimate(_ value: Estimate?) -> String {
            guard let value else { return "null" }
            let ci = value.ci95.map { "[\(Fixed.format($0.lower, 6)),\(Fixed.format($0.upper, 6))]" } ?? "null"
            return "{\"mean\":\(Fixed.format(value.mean, 6)),\"ci95\":\(ci),\"n\":\(value.sampleSize)}"
        }
        let arms = self.arms.map { arm in
            "{\"campaign\":\(JSONText.quoted(arm.campaign)),\"variant\":\(JSONText.quoted(arm.variant)),\"accounts\":\(arm.accounts),"
                + "\"paying_accounts\":\(arm.payingAccounts),\"placed_cents\":\(arm.placedCents),"
                + "\"collected_cents\":\(arm.collectedCents),\"attempts\":\(arm.attempts),\"reached\":\(arm.reached),"
                + "\"promises\":\(arm.promises),\"opt_outs\":\(arm.optOuts),"
                + "\"paying_share\":\(estimate(arm.payingShare)),\"liquidation\":\(estimate(arm.liquidation)),"
                + "\"paying_share_vs_champion\":\(estimate(arm.payingShareVersusChampion)),"
                + "\"liquidation_vs_champion\":\(estimate(arm.liquidationVersusChampion)),"
                + "\"warnings\":[\(arm.warnings.map(JSONText.quoted).joined(separator: ","))]}"
        }
        return "{\"arms\":[\(arms.joined(separator: ","))]}\n"
    }
}
