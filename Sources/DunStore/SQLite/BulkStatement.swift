import GRDB
import GRDBSQLite

/// A prepared statement driven through the SQLite C API for bulk import: binding a value costs no boxing or
/// allocation (GRDB's `StatementArguments` boxes every value), which matters at millions of rows.
///
/// Use only inside the `DatabasePool.write` that prepared the statement; each `execute()` steps and resets it.
struct BulkStatement {
    /// Kept alive here: GRDB finalizes the SQLite statement when its `Statement` goes away.
    private let statement: Statement
    private let handle: OpaquePointer

    init(_ statement: Statement) {
        self.statement = statement
        self.handle = statement.sqliteStatement
    }

    /// Binds text to the 1-based parameter `index` (SQLite copies it).
    func bind(_ index: Int32, _ text: String) {
        var text = text
        text.withUTF8 { buffer in
            if let base = buffer.baseAddress, buffer.count > 0 {
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                    _ = sqlite3_bind_text(self.handle, index, pointer, Int32(buffer.count), Self.transient)
                }
            } else {
                _ = sqlite3_bind_text(self.handle, index, "", 0, nil)
            }
        }
    }

    func bind(_ index: Int32, _ value: Int64) {
        _ = sqlite3_bind_int64(self.handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int) {
        _ = sqlite3_bind_int64(self.handle, index, Int64(value))
    }

    func bind(_ index: Int32, _ value: Bool) {
        _ = sqlite3_bind_int64(self.handle, index, value ? 1 : 0)
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value {
            _ = sqlite3_bind_int64(self.handle, index, value)
        } else {
            _ = sqlite3_bind_null(self.handle, index)
        }
    }

    /// Runs the statement once and resets it for the next row.
    func execute() throws {
        let code = sqlite3_step(self.handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(self.handle)))
            sqlite3_reset(self.handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: self.statement.sql)
        }
        sqlite3_reset(self.handle)
    }

    /// SQLITE_TRANSIENT: SQLite makes its own copy of bound text.
    private static var transient: sqlite3_destructor_type {
        unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    }
}
