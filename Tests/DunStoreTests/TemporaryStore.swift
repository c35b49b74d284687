import DunCore
import DunStore
import Foundation

/// A fresh directory and store path for one test; removed by `cleanUp()`.
struct TemporaryStore {
    let directory: URL

    init() throws {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("dun-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
    }

    var path: String { self.directory.appendingPathComponent("dun.sqlite").path }

    func open() throws -> SQLiteStore {
        try SQLiteStore(path: self.path)
    }

    func file(_ name: String) -> String {
        self.directory.appendingPathComponent(name).path
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: self.directory)
    }
}

enum StoreFixtures {
    static let t0 = UTCInstant(secondsSinceEpoch: 1_772_000_000)

    static let header =
        "account_id,first_name,last_name,country,state,time_zones,phone1,phone1_kind,phone1_sms_consent_at,"
        + "email1,email1_provenance,debt_id,balance,days_past_due,creditor"

    static func row(
        _ id: String,
        phone: String = "+14155550123",
        email: String = "ana@example.com",
        state: String = "CA"
    )
        -> String
    {
        "\(id),Ana,Lopez,US,\(state),America/Los_Angeles,\(phone),mobile,2026-02-01T10:00:00Z,\(email),consumer_used,"
            + "D-\(id),1250.50,45,Acme Bank"
    }

    static func csv(_ lines: [String]) -> [UInt8] {
        Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func planned(_ account: String, ordinal: Int = 0, channel: Channel = .sms) -> PlannedAttempt {
        PlannedAttempt(
            key: AttemptKey(
                accountID: account,
                campaign: "early",
                variant: "champion",
                step: "first",
                ordinal: ordinal
            ),
            accountID: account,
            campaign: "early",
            variant: "champion",
            step: "first",
            channel: channel,
            destination: "+14155550123",
            debtBucket: "D-\(account)",
            template: "reminder",
            dueAt: Self.t0
        )
    }

    /// A store with accounts `A1`…`An` imported.
    static func seeded(_ temporary: TemporaryStore, accounts: Int = 2) throws -> SQLiteStore {
        let store = try temporary.open()
        var importer = AccountImporter()
        _ = try importer.importAccounts(
            accounts: (Self.csv([Self.header] + (1...accounts).map { Self.row("A\($0)") }), "a.csv"),
            into: store,
            at: Self.t0
        )
        return store
    }
}
