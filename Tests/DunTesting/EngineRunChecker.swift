public import DunCore

/// A deliberately simple, independent check of an engine run: it re-derives every rule it checks from the
/// log alone (no ledger, no policy code) and reports each violation.
///
/// Checked: no eighth counted call in any 7 consecutive days per account and debt (UTC and home-zone days);
/// no call within a conversation's 7-day period; no contact outside 08:00-21:00 in any candidate zone; nothing
/// after cease or attorney; nothing on a medium and destination after an opt-out (no SMS after STOP); the house
/// limits of COMPLIANCE.md OQ-4 and each campaign's own limits; every deferral names a rule.
/// Not checked: jurisdiction profiles (MA, WA, NYC, CA, UK, CN), consent exclusions, inconvenient times.
public struct EngineRunChecker: Sendable {
    /// One broken rule.
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        public var account: Int
        public var at: UTCInstant
        public var rule: String
        public var message: String

        public var description: String { "account \(self.account) at \(self.at): \(self.rule): \(self.message)" }
    }

    /// Seconds of the local day at an instant in each of the account's candidate zones.
    public var localSecondsOfDay: @Sendable (Int, UTCInstant) -> [Int]
    /// The account's home-zone calendar day (days since the epoch) of an instant.
    public var homeDay: @Sendable (Int, UTCInstant) -> Int

    /// A checker that treats every zone as UTC (until the zone table is available to the caller).
    public init(
        localSecondsOfDay: @escaping @Sendable (Int, UTCInstant) -> [Int] = { _, at in [at.utcSecondOfDay] },
        homeDay: @escaping @Sendable (Int, UTCInstant) -> Int = { _, at in at.utcDate.daysSinceEpoch }
    ) {
        self.localSecondsOfDay = localSecondsOfDay
        self.homeDay = homeDay
    }

    // House limits (COMPLIANCE.md OQ-4), written out here rather than read from DunPolicy on purpose.
    static let callsPerDay = 2
    static let smsPerDay = 1
    static let smsPer7Days = 3
    static let emailsPerDay = 1
    static let emailsPer7Days = 5
    static let contactsPerDay = 4
    static let contactsPer7Days = 10
    static let minimumCallGap: Int64 = 7_200

    private struct Sent {
        var at: UTCInstant
        var channel: Channel
        var destination: Int
        var bucket: String
        var campaign: Int
        var result: AttemptResult?
    }

    /// Every violation in `log`.
    ///
    /// - Parameters:
    ///   - log: The run, in processing order.
    ///   - campaigns: The engine's campaigns (for their limits).
    /// - Returns: The violations, in account then log order.
    public func check(_ log: EngineRunLog, campaigns: [Campaign]) -> [Violation] {
        var violations: [Violation] = []
        var byAccount: [Int: [EngineRunLog.Entry]] = [:]
        for entry in log.entries {
            if case .deferral(let rule, _) = entry.event, rule.isEmpty {
                violations.append(Violation(account: entry.account, at: entry.at, rule: "DEFERRAL", message: "no rule"))
            }
            byAccount[entry.account, default: []].append(entry)
        }
        for account in byAccount.keys.sorted() {
            violations += self.checkAccount(account, byAccount[account]!, campaigns: campaigns)
        }
        return violations
    }

    private func checkAccount(_ account: Int, _ entries: [EngineRunLog.Entry], campaigns: [Campaign]) -> [Violation] {
        var violations: [Violation] = []
        func flag(_ at: UTCInstant, _ rule: String, _ message: String) {
            violations.append(Violation(account: account, at: at, rule: rule, message: message))
        }
        var stopped: String?
        var optedOut: [(Channel, Int)] = []
        var wrong: [Int] = []
        var sent: [Sent] = []
        for entry in entries {
            switch entry.event {
            case .consumer(let kind):
                switch kind {
                case .cease: stopped = stopped ?? "cease"
                case .attorney: stopped = stopped ?? "attorney"
                case .optOut(let channel, let destination): optedOut.append((channel, destination))
                case .wrongNumber(let destination): wrong.append(destination)
                case .other: break
                }
            case .deferral:
                break
            case .attempt(let channel, let destination, let bucket, let campaign, let result):
                if let stopped { flag(entry.at, "STOP", "contact after \(stopped)") }
                let sameMedium: (Channel, Channel) -> Bool = { $0 == $1 || ($0.isTelephoneCall && $1.isTelephoneCall) }
                if optedOut.contains(where: { sameMedium($0.0, channel) && $0.1 == destination }) {
                    flag(entry.at, "OPT-OUT", "\(channel.rawValue) to destination \(destination) after an opt-out")
                }
                for second in self.localSecondsOfDay(account, entry.at) where second < 8 * 3_600 || second >= 21 * 3_600
                {
                    flag(entry.at, "RF-6-TIME", "contact at local second \(second)")
                }
                let call = Sent(
                    at: entry.at,
                    channel: channel,
                    destination: destination,
                    bucket: bucket,
                    campaign: campaign,
                    result: result
                )
                self.checkConversation(call, before: sent, wrong: wrong, account: account, flag: flag)
                sent.append(call)
            }
        }
        self.checkCounts(sent, wrong: wrong, account: account, campaigns: campaigns, flag: flag)
        return violations
    }

    private func checkConversation(
        _ next: Sent,
        before: [Sent],
        wrong: [Int],
        account: Int,
        flag: (UTCInstant, String, String) -> Void
    ) {
        guard next.channel.isTelephoneCall else { return }
        for earlier in before
        where earlier.channel.isTelephoneCall && earlier.result == .conversation && earlier.bucket == next.bucket
            && !wrong.contains(earlier.destination)
        {
            let utcGap = next.at.utcDate.daysSinceEpoch - earlier.at.utcDate.daysSinceEpoch
            let homeGap = self.homeDay(account, next.at) - self.homeDay(account, earlier.at)
            if (0...6).contains(utcGap) && (0...6).contains(homeGap) {
                flag(next.at, "RF-14-B", "call within 7 days of a conversation at \(earlier.at)")
            }
        }
    }

    private func checkCounts(
        _ sent: [Sent],
        wrong: [Int],
        account: Int,
        campaigns: [Campaign],
        flag: (UTCInstant, String, String) -> Void
    ) {
        // Per-day totals over the whole run: a window over a limit at the end was over it when its last
        // attempt was made, so checking every window holding an attempt against final totals is exact.
        let days = sent.map { self.homeDay(account, $0.at) }
        var perDay: [Int: [Int]] = [:]  // day -> [calls, sms, emails, all]
        var countedHome: [String: [Int: Int]] = [:]
        var countedUTC: [String: [Int: Int]] = [:]
        for (index, item) in sent.enumerated() {
            var totals = perDay[days[index]] ?? [0, 0, 0, 0]
            totals[Self.kind(item.channel)] += 1
            totals[3] += 1
            perDay[days[index]] = totals
            let counted =
                item.channel.isTelephoneCall && !wrong.contains(item.destination)
                && (item.result.map { $0.connected && $0 != .wrongNumber } ?? true)
            if counted {
                countedHome[item.bucket, default: [:]][days[index], default: 0] += 1
                countedUTC[item.bucket, default: [:]][item.at.utcDate.daysSinceEpoch, default: 0] += 1
            }
        }
        func window(_ map: [Int: Int]?, from start: Int) -> Int {
            (start..<(start + 7)).reduce(0) { $0 + (map?[$1] ?? 0) }
        }
        func weekly(_ kind: Int, from start: Int) -> Int {
            (start..<(start + 7)).reduce(0) { $0 + (perDay[$1]?[kind] ?? 0) }
        }
        var lastCall: UTCInstant?
        for (index, item) in sent.enumerated() {
            let day = days[index]
            let kind = Self.kind(item.channel)
            if item.channel.isTelephoneCall {
                let utcDay = item.at.utcDate.daysSinceEpoch
                for start in (day - 6)...day where window(countedHome[item.bucket], from: start) > 7 {
                    flag(item.at, "RF-14-A", "more than 7 counted calls in the home-zone days from \(start)")
                }
                for start in (utcDay - 6)...utcDay where window(countedUTC[item.bucket], from: start) > 7 {
                    flag(item.at, "RF-14-A", "more than 7 counted calls in the UTC days from \(start)")
                }
                if let lastCall, lastCall.seconds(to: item.at) < Self.minimumCallGap {
                    flag(item.at, "HOUSE-CALL-GAP", "calls \(lastCall.seconds(to: item.at)) s apart")
                }
                lastCall = item.at
            }
            let limits = campaigns.indices.contains(item.campaign) ? campaigns[item.campaign].limits : CampaignLimits()
            let daily = [
                min(Self.callsPerDay, limits.callsPerDay ?? .max),
                min(Self.smsPerDay, limits.smsPerDay ?? .max),
                min(Self.emailsPerDay, limits.emailsPerDay ?? .max),
                min(Self.contactsPerDay, limits.contactsPerDay ?? .max),
            ]
            let sevenDay = [
                limits.callsPer7Days ?? .max,
                min(Self.smsPer7Days, limits.smsPer7Days ?? .max),
                min(Self.emailsPer7Days, limits.emailsPer7Days ?? .max),
                min(Self.contactsPer7Days, limits.contactsPer7Days ?? .max),
            ]
            let totals = perDay[day] ?? [0, 0, 0, 0]
            for checked in [kind, 3] {
                if totals[checked] > daily[checked] {
                    flag(item.at, "LIMIT", "\(totals[checked]) \(Self.names[checked]) on day \(day)")
                }
                for start in (day - 6)...day where weekly(checked, from: start) > sevenDay[checked] {
                    flag(
                        item.at,
                        "LIMIT",
                        "\(weekly(checked, from: start)) \(Self.names[checked]) in 7 days from \(start)"
                    )
                }
            }
            if let gap = limits.minimumGapSeconds, index > 0, sent[index - 1].at.seconds(to: item.at) < gap {
                flag(item.at, "CAMPAIGN-MIN-GAP", "attempts \(sent[index - 1].at.seconds(to: item.at)) s apart")
            }
        }
    }

    private static let names = ["calls", "sms", "emails", "contacts"]

    private static func kind(_ channel: Channel) -> Int {
        switch channel {
        case .call, .agentCall: 0
        case .sms: 1
        case .email: 2
        }
    }
}
