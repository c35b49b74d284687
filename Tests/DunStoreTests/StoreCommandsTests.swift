import DunCore
import DunStore
import Testing

struct StoreCommandsTests {
    private let at = StoreFixtures.t0

    @Test func recordCommandsWriteDurablyAndRepeatSafely() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        _ = try StoreFixtures.seeded(temporary)
        let db = temporary.path
        #expect(
            try StoreCommands.recordPayment(
                database: db,
                account: "A1",
                amount: "12.50",
                reference: "P1",
                debt: nil,
                method: "card",
                source: "cli",
                at: self.at
            ) == "recorded payment P1 of $12.50 for account A1"
        )
        #expect(
            try StoreCommands.recordPayment(
                database: db,
                account: "A1",
                amount: "12.50",
                reference: "P1",
                debt: nil,
                method: "card",
                source: "cli",
                at: self.at
            ) == "payment P1 was already recorded; nothing changed"
        )
        let first = try StoreCommands.recordDisposition(
            database: db,
            account: "A1",
            phone: "+14155550123",
            result: "no_answer",
            attempt: nil,
            debtBucket: nil,
            source: "agent:kim",
            at: self.at
        )
        #expect(first == "recorded agent call manual/A1/+14155550123/1772000000 with result no_answer")
        _ = try StoreCommands.recordDisposition(
            database: db,
            account: "A1",
            phone: "+14155550123",
            result: "no_answer",
            attempt: nil,
            debtBucket: nil,
            source: "agent:kim",
            at: self.at
        )
        _ = try StoreCommands.recordEvent(
            database: db,
            account: "A2",
            kind: "opt_out",
            channel: "sms",
            destination: "+14155550123",
            debtBucket: nil,
            until: nil,
            detail: "",
            source: "cli",
            at: self.at
        )
        let store = try temporary.open()
        let history = try store.attempts(accountID: "A1")
        #expect(history.map(\.attempt.debtBucket) == ["D-A1"])
        #expect(history.map(\.result) == [.noAnswer])
        #expect(try store.suppressions().map(\.medium) == [.sms])
    }

    @Test(arguments: [
        ("amount", "error: --amount: expected an amount like 1250.50 (at most two decimals, no sign), found '1.2.3'"),
        (
            "kind",
            "error: --kind: expected one of cease, dispute, verification_sent, attorney, bankruptcy, deceased, employer_prohibits, call_consent, inconvenient_time, opt_out, opt_in, inbound, wrong_number, found 'angry'"
        ),
        ("destination", "error: --destination: expected E.164 like +14155550123, found '+1-415'"),
    ])
    func badOptionValuesNameTheOption(option: String, expected: String) throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        _ = try StoreFixtures.seeded(temporary)
        let error = #expect(throws: OptionValueError.self) {
            switch option {
            case "amount":
                _ = try StoreCommands.recordPromise(
                    database: temporary.path,
                    account: "A1",
                    amount: "1.2.3",
                    due: "2026-04-01",
                    debt: nil,
                    source: "cli",
                    at: self.at
                )
            default:
                _ = try StoreCommands.recordEvent(
                    database: temporary.path,
                    account: "A1",
                    kind: option == "kind" ? "angry" : "opt_out",
                    channel: nil,
                    destination: option == "kind" ? nil : "+1-415",
                    debtBucket: nil,
                    until: nil,
                    detail: "",
                    source: "cli",
                    at: self.at
                )
            }
        }
        #expect(error.map { "error: \($0)" } == expected)
    }

    @Test func importCommandWritesRejectsFile() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let input = temporary.file("a.csv")
        let rejects = temporary.file("rejects.csv")
        try FileBytes.write(
            [StoreFixtures.header, StoreFixtures.row("A1"), StoreFixtures.row("A2", state: "Q")].joined(
                separator: "\r\n"
            ),
            to: input
        )
        let line = try StoreCommands.importAccounts(
            file: input,
            debts: nil,
            database: temporary.path,
            rejectsPath: rejects,
            at: self.at
        )
        #expect(line == "imported 1 accounts into \(temporary.path); 1 rows rejected, written to \(rejects)")
        let written = String(decoding: try FileBytes.read(rejects), as: UTF8.self)
        #expect(written.hasPrefix(StoreFixtures.header + ",reject_line,reject_reason\n"))
        #expect(written.contains(",3,\"3:17: column 'state': expected a US state code like CA or NY, found 'Q'\"\n"))
        #expect(throws: FileBytes.Failure.self) {
            try StoreCommands.importAccounts(
                file: temporary.file("missing.csv"),
                debts: nil,
                database: temporary.path,
                rejectsPath: nil,
                at: self.at
            )
        }
    }
}
