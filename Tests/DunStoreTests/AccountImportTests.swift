import DunCore
import DunStore
import DunTesting
import Testing

struct AccountImportTests {
    private static let columns = StoreFixtures.header.split(separator: ",").map(String.init)

    /// Row `A2` of the fixture with one column replaced.
    private static func row(replacing column: String, with value: String) -> String {
        var fields = StoreFixtures.row("A2").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if let index = Self.columns.firstIndex(of: column) { fields[index] = value }
        return fields.joined(separator: ",")
    }

    private func importing(_ lines: [String], into store: SQLiteStore) throws -> ImportSummary {
        var importer = AccountImporter()
        return try importer.importAccounts(
            accounts: (StoreFixtures.csv(lines), "a.csv"),
            into: store,
            at: StoreFixtures.t0
        )
    }

    @Test func importsAccountsWithContactPointsAndDebts() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try temporary.open()
        let csv = [
            "account_id,first_name,state,time_zones,phone1,phone1_kind,phone1_sms_consent_at,phone1_autodial_consent,"
                + "phone2,phone2_kind,email1,email1_provenance,email1_optout_deadline,inconvenient_times,balance,creditor,"
                + "segments,dispute",
            "B7,\"Lee, Jr.\",ny,America/New_York;America/Chicago,+12125550100,mobile,2026-02-01T10:00:00-05:00,yes,"
                + "+12125550199,landline,Lee@Example.COM,creditor_notice,2026-03-10T00:00:00Z,\"mon,tue 09:00-12:00\","
                + "\"1,250.50\",Acme,prime;hardship,true",
        ]
        let summary = try self.importing(csv, into: store)
        #expect(summary.imported == 1)
        let account = try #require(try store.account(id: "B7"))
        #expect(account.firstName == "Lee, Jr.")
        #expect(account.address == PostalAddress(country: "US", state: "NY"))
        #expect(account.timeZones == ["America/New_York", "America/Chicago"])
        #expect(
            account.phones == [
                PhoneContact(
                    number: "+12125550100",
                    kind: .mobile,
                    smsConsentAt: Fixtures.instant("2026-02-01T15:00:00Z"),
                    autodialConsent: true
                ),
                PhoneContact(number: "+12125550199", kind: .landline),
            ]
        )
        #expect(
            account.emails == [
                EmailContact(
                    address: "Lee@example.com",
                    provenance: .creditorNotice,
                    optOutDeadline: Fixtures.instant("2026-03-10T00:00:00Z")
                )
            ]
        )
        #expect(account.debts == [Debt(id: "B7", balance: Money(cents: 125_050), creditor: "Acme")])
        #expect(account.flags == AccountFlags(dispute: true))
        #expect(account.segments == ["prime", "hardship"])
        #expect(
            account.inconvenientTimes == [
                InconvenientTime(days: [.monday, .tuesday], from: LocalTime(hour: 9), to: LocalTime(hour: 12))
            ]
        )
        #expect(
            try store.auditLog(after: 0, limit: 5).map(\.detail) == ["a.csv: 1 accounts, 0 extra debts, 0 rejected"]
        )
    }

    @Test(arguments: [
        (
            "phone1", "415-555-0123",
            "a.csv:3:40: error: column 'phone1': expected E.164 like +14155550123, found '415-555-0123'"
        ),
        (
            "email1", "ana@@example",
            "a.csv:3:81: error: column 'email1': expected an email address like ana@example.com, found 'ana@@example'"
        ),
        ("state", "ZZ", "a.csv:3:17: error: column 'state': expected a US state code like CA or NY, found 'ZZ'"),
        (
            "time_zones", "Mars/Olympus",
            "a.csv:3:20: error: column 'time_zones': expected an IANA time zone like America/New_York, found 'Mars/Olympus'"
        ),
        (
            "balance", "12.345",
            "a.csv:3:116: error: column 'balance': expected an amount like 1250.50 (at most two decimals, no sign), found '12.345'"
        ),
        (
            "phone1_sms_consent_at", "2026-02-01",
            "a.csv:3:60: error: column 'phone1_sms_consent_at': expected an ISO-8601 instant with offset like 2026-03-01T14:30:00Z, found '2026-02-01'"
        ),
        (
            "phone1_kind", "pager",
            "a.csv:3:53: error: column 'phone1_kind': expected one of mobile, landline, work, found 'pager'"
        ),
        (
            "email1_provenance", "bought",
            "a.csv:3:97: error: column 'email1_provenance': expected one of consumer_used, consumer_consented, creditor_notice, prior_collector_used, unknown, found 'bought'"
        ),
        (
            "days_past_due", "x",
            "a.csv:3:124: error: column 'days_past_due': expected a whole number like 45, found 'x'"
        ),
        ("account_id", "A1", "a.csv:3:1: error: column 'account_id': duplicate account id 'A1' (first at line 2)"),
        ("phone1_kind", "", "a.csv:3:53: error: column 'phone1_kind': a value is required"),
    ])
    func reportsEachInvalidFieldAtItsLineAndColumn(column: String, value: String, expected: String) throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try temporary.open()
        let lines = [StoreFixtures.header, StoreFixtures.row("A1"), Self.row(replacing: column, with: value)]
        let error = #expect(throws: DiagnosticError.self) { try self.importing(lines, into: store) }
        #expect(error?.description == expected)
    }

    @Test func headerProblemsAreReported() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try temporary.open()
        let error = #expect(throws: DiagnosticError.self) {
            try self.importing(["first_name,phone,first_name", "Ana,+1,Ana"], into: store)
        }
        #expect(
            error?.description == """
                a.csv:1:1: error: missing required column 'account_id'
                a.csv:1:12: error: unknown column 'phone' (see docs/import.md for the columns)
                a.csv:1:18: error: column 'first_name' appears twice
                """
        )
    }

    @Test func aBadRowInTheMiddleLeavesTheStoreUnchanged() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try StoreFixtures.seeded(temporary, accounts: 1)
        let before = try store.loadRestoreState().accounts
        let audit = try store.auditLog(after: 0, limit: 100)
        let lines =
            [StoreFixtures.header] + (2...50).map { StoreFixtures.row("A\($0)") }
            + [Self.row(replacing: "state", with: "XX")] + (60...99).map { StoreFixtures.row("A\($0)") }
        #expect(throws: DiagnosticError.self) { try self.importing(lines, into: store) }
        #expect(try store.loadRestoreState().accounts == before)
        #expect(try store.auditLog(after: 0, limit: 100) == audit)
        #expect(try store.totals().accounts == 1)
    }

    @Test func skipInvalidImportsValidRowsAndReturnsRejectsWithReasons() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try temporary.open()
        let lines = [
            StoreFixtures.header, StoreFixtures.row("A1"), Self.row(replacing: "phone1", with: "555"),
            StoreFixtures.row("A3"), StoreFixtures.row("A1"),
        ]
        var importer = AccountImporter()
        let summary = try importer.importAccounts(
            accounts: (StoreFixtures.csv(lines), "a.csv"),
            into: store,
            invalidRows: .skip,
            at: StoreFixtures.t0
        )
        #expect(summary.imported == 2)
        #expect(try store.loadAccounts().map(\.id) == ["A1", "A3"])
        #expect(summary.rejected.map(\.line) == [3, 5])
        let header = Self.columns
        let rejects = CSVWriter.rejects(header: header, rows: summary.rejected)
        let expected = [
            StoreFixtures.header + ",reject_line,reject_reason",
            Self.row(replacing: "phone1", with: "555")
                + ",3,\"3:40: column 'phone1': expected E.164 like +14155550123, found '555'\"",
            StoreFixtures.row("A1") + ",5,5:1: column 'account_id': duplicate account id 'A1' (first at line 2)",
        ]
        #expect(rejects == expected.joined(separator: "\n") + "\n")
    }

    @Test func debtsFileAddsDebtsAndChecksAccounts() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try temporary.open()
        var importer = AccountImporter()
        let debts = StoreFixtures.csv([
            "account_id,debt_id,balance,debt_bucket", "A1,S1,100,student-1", "A1,S2,200.5,student-1", "A9,X,1,",
        ])
        let error = #expect(throws: DiagnosticError.self) {
            try importer.importAccounts(
                accounts: (StoreFixtures.csv([StoreFixtures.header, StoreFixtures.row("A1")]), "a.csv"),
                debts: (debts, "d.csv"),
                into: store,
                at: StoreFixtures.t0
            )
        }
        #expect(
            error?.description
                == "d.csv:4:1: error: column 'account_id': no account 'A9' in the accounts file or the store"
        )
        #expect(try store.totals().accounts == 0)
        let summary = try importer.importAccounts(
            accounts: (StoreFixtures.csv([StoreFixtures.header, StoreFixtures.row("A1")]), "a.csv"),
            debts: (
                StoreFixtures.csv([
                    "account_id,debt_id,balance,debt_bucket", "A1,S1,100,student-1", "A1,S2,200.5,student-1",
                ]), "d.csv"
            ),
            into: store,
            at: StoreFixtures.t0
        )
        #expect(summary.debts == 2)
        let account = try #require(try store.account(id: "A1"))
        #expect(account.debts.map(\.id) == ["D-A1", "S1", "S2"])
        #expect(account.debts.map(\.bucket) == ["D-A1", "student-1", "student-1"])
        #expect(account.balance == Money(cents: 125_050 + 10_000 + 20_050))
    }

    @Test func reimportKeepsLaterConsentInstantsAndRecordedFlags() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try StoreFixtures.seeded(temporary, accounts: 1)
        let texted = Fixtures.instant("2026-03-01T12:00:00Z")
        try store.recordConsumerEvent(
            StoredConsumerEvent(
                accountID: "A1",
                kind: .inbound,
                at: texted,
                channel: .sms,
                destination: "+14155550123",
                source: "webhook"
            )
        )
        try store.recordConsumerEvent(StoredConsumerEvent(accountID: "A1", kind: .cease, at: texted, source: "cli"))
        _ = try self.importing([StoreFixtures.header, StoreFixtures.row("A1", email: "new@example.com")], into: store)
        let account = try #require(try store.account(id: "A1"))
        #expect(account.phones.first?.lastConsumerTextAt == texted)
        #expect(account.phones.first?.smsConsentAt == Fixtures.instant("2026-02-01T10:00:00Z"))
        #expect(account.emails.map(\.address) == ["new@example.com"])
        #expect(account.flags.cease)
        #expect(try store.consumerEvents(accountID: "A1").count == 2)
    }
}
