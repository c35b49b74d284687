import DunCore
import DunDashboard

/// A realistic frame's worth of data, fixed so golden files are stable.
enum SampleSnapshot {
    static let start = UTCInstant(secondsSinceEpoch: 1_795_000_000)

    static var live: DashboardSnapshot {
        DashboardSnapshot(
            mode: .live,
            campaigns: [
                DashboardSnapshot.CampaignArms(
                    campaign: "hybrid",
                    arms: [.init(name: "champion", weight: 80), .init(name: "challenger", weight: 20)]
                )
            ],
            clock: start.adding(seconds: 3 * 3600 + 25 * 60 + 7),
            startedAt: start,
            channels: [
                .init(
                    channel: .sms,
                    queued: 1_204,
                    dueNow: 3,
                    sentToday: 4_410,
                    delivered: 4_302,
                    failed: 61,
                    deferred: 388,
                    topRules: [.init(rule: "RF-6-TIME", count: 301)]
                ),
                .init(
                    channel: .email,
                    queued: 960,
                    dueNow: 0,
                    sentToday: 2_020,
                    delivered: 1_987,
                    failed: 33,
                    deferred: 97,
                    topRules: [.init(rule: "HOUSE-EMAIL-DAY", count: 90)]
                ),
                .init(
                    channel: .call,
                    queued: 310,
                    dueNow: 12,
                    sentToday: 640,
                    delivered: 0,
                    failed: 18,
                    deferred: 140,
                    topRules: [.init(rule: "RF-14-A", count: 77)]
                ),
                .init(
                    channel: .agentCall,
                    queued: 88,
                    dueNow: 9,
                    sentToday: 120,
                    delivered: 0,
                    failed: 2,
                    deferred: 31
                ),
            ],
            capacity: [
                .init(pool: "sms gateway", used: 7, capacity: 10, unit: "msg/s"),
                .init(pool: "agent seats", used: 11, capacity: 12, unit: "seats"),
            ],
            arms: [
                .init(
                    arm: "champion",
                    accounts: 8_000,
                    contacts: 1_320,
                    promises: 410,
                    payments: 233,
                    collected: Money(cents: 9_874_250),
                    placed: Money(cents: 1_320_000_000),
                    payingAccounts: 233,
                    payingShareInterval: 0.0257...0.0331
                ),
                .init(
                    arm: "challenger",
                    accounts: 2_000,
                    contacts: 301,
                    promises: 97,
                    payments: 49,
                    collected: Money(cents: 2_010_000),
                    placed: Money(cents: 330_000_000),
                    payingAccounts: 49,
                    payingShareInterval: nil
                ),
            ],
            gateways: [
                .init(gateway: "twilio-sms", requests: 4_471, errors: 61, lastError: "503 Service Unavailable"),
                .init(gateway: "smtp", requests: 2_020, errors: 33, lastError: "550 mailbox unavailable"),
                .init(gateway: "twilio-voice", requests: 760, errors: 0),
            ],
            compliance: [
                .init(rule: "RF-6-TIME", count: 301),
                .init(rule: "HOUSE-EMAIL-DAY", count: 90),
                .init(rule: "RF-14-A", count: 77),
                .init(rule: "RF-6-SMS", count: 52),
                .init(rule: "RF-14-MEDIA", count: 12),
            ],
            events: (0..<12).map { index in
                .init(
                    at: start.adding(seconds: 3 * 3600 + 25 * 60 - Int64(index) * 17),
                    kind: ["sent", "delivered", "deferred", "payment"][index % 4],
                    detail: [
                        "A-10\(index) sms step remind-1 to +1415•••0123",
                        "A-20\(index) email step notice",
                        "A-30\(index) call step first-call: RF-14-A until 2026-11-28T14:00:00Z",
                        "A-40\(index) $125.00",
                    ][index % 4]
                )
            }
        )
    }

    static var searched: DashboardSnapshot {
        var snapshot = Self.live
        snapshot.account = DashboardSnapshot.AccountTimeline(
            query: "A-1042",
            accountID: "A-1042",
            entries: [
                .init(at: start, kind: "enrolled", detail: "hybrid / champion"),
                .init(at: start.adding(seconds: 60), kind: "sent", detail: "sms welcome to +1415•••0123"),
                .init(at: start.adding(seconds: 90), kind: "delivered", detail: "sms welcome"),
                .init(
                    at: start.adding(seconds: 86_400),
                    kind: "deferred",
                    detail:
                        "call first-call: RF-6-TIME — 07:10 in America/Los_Angeles is before 08:00; next 2026-11-19T16:00:00Z"
                ),
                .init(at: start.adding(seconds: 90_000), kind: "sent", detail: "call first-call"),
                .init(
                    at: start.adding(seconds: 90_040),
                    kind: "result",
                    detail: "call first-call: no_answer (counts, RF-14-CALL)"
                ),
            ]
        )
        return snapshot
    }
}
