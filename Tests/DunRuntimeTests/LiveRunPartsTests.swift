import DunCore
import DunEngine
import DunPolicy
import DunReport
import DunStore
import Testing

@testable import DunRuntime

/// The runner's small parts: journal codec, keys, redaction, the gateway file, the live report.
struct LiveRunPartsTests {
    @Test(arguments: [
        EngineInput.enrol(AccountIndex(3), campaign: 1),
        .timerFired,
        .result(AttemptID(account: AccountIndex(7), serial: 4), .noAnswer),
        .reply(AccountIndex(2), channel: .sms, destination: 1),
        .payment(AccountIndex(5), amount: Money(cents: 12_345)),
        .promise(AccountIndex(5), amount: Money(cents: 500), due: UTCInstant(secondsSinceEpoch: 1_772_000_000)),
        .consumerEvent(AccountIndex(1), .optOut(.sms, destination: 0)),
        .consumerEvent(AccountIndex(1), .optIn(.sms, destination: 9)),
        .consumerEvent(AccountIndex(1), .ceaseDebt(debtBucket: "card 12% off")),
        .consumerEvent(AccountIndex(1), .inbound(.email, destination: 2, debtBucket: "b", conversation: true)),
        .consumerEvent(AccountIndex(1), .callConsent(debtBucket: "b", until: UTCInstant(secondsSinceEpoch: 9))),
        .withdraw(AccountIndex(4), reason: "operator: sold to another agency"),
        .gatewayRetry(AttemptID(account: AccountIndex(9), serial: 2), due: UTCInstant(secondsSinceEpoch: 77)),
    ])
    func journalEntriesRoundTrip(input: EngineInput) throws {
        let (kind, payload) = JournalCodec.encode(input)
        #expect(!payload.contains("\n"))
        #expect(try JournalCodec.decode(kind: kind, payload: payload) == input)
    }

    @Test func unreadableJournalEntriesAreErrorsNotCrashes() {
        #expect(throws: JournalCodec.DecodeError.self) { try JournalCodec.decode(kind: "result", payload: "x y") }
        #expect(throws: JournalCodec.DecodeError.self) { try JournalCodec.decode(kind: "teleport", payload: "") }
    }

    @Test func accountSnapshotsRoundTrip() throws {
        let account = LiveHarness.account(42)
        let text = try AccountSnapshot(account).encoded()
        #expect(try AccountSnapshot.decode(text).account == account)
    }

    @Test func idempotencyKeysArePlainDeterministicAndBounded() {
        let key = AttemptKeys.key(
            runID: "main",
            campaign: "Digital first (early stage)",
            variant: "A",
            step: "welcome-sms",
            accountID: "A/1 2",
            serial: 3
        )
        #expect(key.rawValue == "main.Digital_20first_20_28early_20stage_29.A.welcome-sms.A_2F1_202.3")
        #expect(key.rawValue.utf8.allSatisfy { $0 < 0x7F && $0 > 0x20 })
        let long = AttemptKeys.key(
            runID: String(repeating: "r", count: 90),
            campaign: String(repeating: "c", count: 90),
            variant: "v",
            step: "s",
            accountID: "a",
            serial: 1
        )
        #expect(long.rawValue.utf8.count == 117)
    }

    @Test(arguments: [
        ("sent to +14155550123 ok", "sent to +1415•••0123 ok"),
        ("mail jane.doe@example.com now", "mail j•••@example.com now"),
        ("+1 not a number, +123 short", "+1 not a number, +123 short"),
    ])
    func logsMaskPhoneNumbersAndAddresses(text: String, redacted: String) {
        #expect(Redaction.redact(text) == redacted)
    }

    @Test func gatewayFileReadsCredentialsOnlyFromTheEnvironment() throws {
        let text = """
            twilio:
              base_url: http://127.0.0.1:8090/
              account_sid: ACx
              auth_token_env: TOKEN_VAR
              from: "+15005550006"
              sms_per_second: 50
            webhooks:
              port: 9000
            """
        let file = try GatewayFile.load(text: text, path: "g.yaml") { $0 == "TOKEN_VAR" ? "s3cret" : nil }
        #expect(file.twilio?.authToken == "s3cret")
        #expect(file.twilio?.baseURL == "http://127.0.0.1:8090")
        #expect(file.twilio?.smsPerSecond == 50)
        #expect(file.webhooks?.port == 9000)
        #expect(throws: DiagnosticError.self) {
            try GatewayFile.load(text: text, path: "g.yaml") { _ in nil }
        }
        do {
            _ = try GatewayFile.load(text: text + "\nsmtp:\n  ur: x\n", path: "g.yaml") { _ in "t" }
            Issue.record("expected diagnostics")
        } catch {
            #expect(
                error.description == """
                    g.yaml:10:3: error: smtp needs 'from'
                    g.yaml:10:3: error: smtp needs 'url'
                    g.yaml:10:3: error: unknown key 'ur' in smtp; expected one of from, password_env, timeout_ms, url, user_env
                    """
            )
        }
    }

    @Test func liveReportComparesArmsWithTheSimulatorsStatistics() throws {
        var rows: [ArmOutcomeRow] = []
        for index in 0..<200 {
            let challenger = index % 5 == 0
            let pays = challenger ? index % 3 == 0 : index % 4 == 0
            rows.append(
                ArmOutcomeRow(
                    accountID: "A\(index)",
                    campaign: challenger ? "B" : "A",
                    variant: "main",
                    placedCents: 100_000,
                    paidCents: pays ? 25_000 : 0,
                    attempts: 3,
                    reached: 2,
                    promises: 0,
                    optOuts: 0
                )
            )
        }
        rows.sort { ($0.campaign, $0.accountID) < ($1.campaign, $1.accountID) }
        let report = LiveReport(rows: rows)
        #expect(report.arms.map(\.campaign) == ["A", "B"])
        #expect(report.arms[0].accounts == 160 && report.arms[1].accounts == 40)
        #expect(report.arms[0].payingShare.mean == 40.0 / 160.0)
        let difference = try #require(report.arms[1].payingShareVersusChampion)
        #expect(abs(difference.mean - (14.0 / 40.0 - 40.0 / 160.0)) < 1e-12)
        #expect(difference.ci95.map { $0.lower < difference.mean && difference.mean < $0.upper } == true)
        #expect(report.json().hasPrefix("{\"arms\":[{\"campaign\":\"A\""))
        #expect(report.table().contains("champion: A/main"))
    }
}
