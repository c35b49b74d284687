import DunCore
import DunStore
import Testing

struct ConcurrencyTests {
    /// A reader (its own connection pool, as another process has) reads the last committed snapshot while a writer
    /// holds an open transaction, without waiting; it sees the new rows once the writer commits.
    @Test(.timeLimit(.minutes(1))) func aReaderIsNotBlockedByAnOpenWriteTransaction() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let writer = try StoreFixtures.seeded(temporary, accounts: 1)
        let reader = try SQLiteStore(path: temporary.path, busyTimeoutSeconds: 0, readOnly: true)
        let seenDuringWrite = try writer.withImport(kind: "accounts", at: StoreFixtures.t0) { session in
            for index in 2...20 { try session.upsert(Account(id: "A\(index)")) }
            return (detail: "test", result: try reader.totals().accounts)
        }
        #expect(seenDuringWrite == 1)
        #expect(try reader.totals().accounts == 20)
    }

    /// Two writers in different connection pools take turns through the busy timeout instead of failing.
    @Test(.timeLimit(.minutes(1))) func writersFromTwoPoolsWaitForEachOther() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let first = try StoreFixtures.seeded(temporary, accounts: 2)
        let second = try temporary.open()
        try first.withImport(kind: "accounts", at: StoreFixtures.t0) { session in
            try session.upsert(Account(id: "B1"))
            return (detail: "", result: ())
        }
        #expect(
            try second.recordPayment(
                PaymentRecord(
                    reference: "x",
                    accountID: "B1",
                    amount: Money(cents: 1),
                    paidAt: StoreFixtures.t0,
                    source: "t"
                )
            )
        )
    }
}
