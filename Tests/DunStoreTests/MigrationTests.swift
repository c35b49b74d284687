import DunStore
import Testing

struct MigrationTests {
    @Test func migratesFromEmptyAndReopensIdempotently() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let names = ["v1-accounts", "v1-events", "v1-runs", "v1-audit", "v2-engine-inputs", "v3-run-pools"]
        do {
            let store = try temporary.open()
            #expect(try store.appliedMigrations() == names)
            #expect(try store.pragma("journal_mode") == "wal")
            #expect(try store.pragma("synchronous") == "2")  // FULL
            #expect(try store.pragma("foreign_keys") == "1")
        }
        let again = try temporary.open()
        #expect(try again.appliedMigrations() == names)
        #expect(try again.totals().accounts == 0)
    }

    @Test func auditLogIsAppendOnly() throws {
        let temporary = try TemporaryStore()
        defer { temporary.cleanUp() }
        let store = try StoreFixtures.seeded(temporary)
        let entries = try store.auditLog(after: 0, limit: 10)
        #expect(entries.map(\.action) == ["import.accounts"])
        #expect(throws: (any Error).self) { try store.executeForTesting("DELETE FROM audit_log") }
        #expect(throws: (any Error).self) { try store.executeForTesting("UPDATE audit_log SET detail = 'x'") }
        #expect(try store.auditLog(after: 0, limit: 10) == entries)
    }
}
