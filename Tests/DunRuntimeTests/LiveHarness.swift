import DunCampaign
import DunCore
import DunGateways
import DunRuntime
import DunStore
import DunWebhooks
import Foundation
import Logging
import Synchronization

/// A temporary store with imported accounts, the demo campaign, and a driver on a manual clock.
struct LiveHarness {
    static let t0 = ISO8601.parse("2026-03-02T16:00:00Z")!
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    let directory: URL
    let store: SQLiteStore
    let campaign: Campaign

    init(accounts: Int) throws {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("dun-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        self.store = try SQLiteStore(path: self.directory.appendingPathComponent("dun.sqlite").path)
        self.campaign = try CampaignLoader.campaign(
            file: Self.repository.appendingPathComponent("examples/live-demo.yaml").path
        )
        let list = (1...accounts).map(Self.account)
        try self.store.withImport(kind: "accounts", at: Self.t0) { session in
            for account in list { try session.upsert(account) }
            return ("test accounts", ())
        }
    }

    static func account(_ number: Int) -> Account {
        let id = "T" + String(format: "%03d", number)
        return Account(
            id: id,
            firstName: "Pat",
            lastName: "Doe",
            address: PostalAddress(country: "US", state: "NY"),
            timeZones: ["America/New_York"],
            phones: [
                PhoneContact(
                    number: "+1212555" + String(format: "%04d", number),
                    kind: .mobile,
                    smsConsentAt: ISO8601.parse("2026-01-15T12:00:00Z"),
                    autodialConsent: true
                )
            ],
            emails: [EmailContact(address: "pat\(number)@example.com", provenance: .consumerUsed)],
            debts: [Debt(id: "D\(id)", balance: Money(cents: 100_000 + Int64(number) * 1_000), daysPastDue: 30)]
        )
    }

    func configuration(runID: String = "test") -> LiveRunConfiguration {
        LiveRunConfiguration(runID: runID, campaigns: [self.campaign], seed: 7)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: self.directory)
    }
}

/// Collects a driver's turn reports so a test can wait for the driver to settle.
final class TurnLog: Sendable {
    private struct State {
        var reports: [TurnReport] = []
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    var observer: @Sendable (TurnReport) -> Void {
        { report in
            let waiters = self.state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.reports.append(report)
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
    }

    var reports: [TurnReport] { self.state.withLock { $0.reports } }

    /// Waits until a turn at or after `instant` left no send in flight.
    func settled(at instant: UTCInstant) async {
        while true {
            let done = self.state.withLock { state in
                state.reports.last.map { $0.at >= instant && $0.sendsInFlight == 0 } ?? false
            }
            if done { return }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = self.state.withLock { state -> Bool in
                    if let last = state.reports.last, last.at >= instant, last.sendsInFlight == 0 { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
    }
}

extension Logger {
    static let quiet = Logger(label: "dun.test", factory: { _ in SwiftLogNoOpLogHandler() })
}
