public import DunCore
import GRDB

extension SQLiteStore {
    public func account(id: String) throws -> Account? {
        try self.pool.read { db in try Self.fetchAccounts(db, id: id).first }
    }

    public func loadAccounts() throws -> [Account] {
        try self.pool.read { db in try Self.fetchAccounts(db, id: nil) }
    }

    public func withImport<R>(
        kind: String,
        at: UTCInstant,
        _ body: (inout any ImportSession) throws -> (detail: String, result: R)
    ) throws -> R {
        // A large page cache for the one big transaction; the pool's writer connection keeps its default otherwise.
        // The importer only writes children of accounts it has written or checked, so foreign-key checks (a lookup per
        // row) are switched off for the one import transaction; they cannot change inside a transaction.
        try self.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -262144; PRAGMA foreign_keys = OFF")
        }
        defer {
            try? self.pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = -2000; PRAGMA foreign_keys = ON")
            }
        }
        return try self.pool.write { db in
            let startedEmpty = try Int.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM accounts)") == 0
            if startedEmpty {
                try db.execute(sql: "DROP INDEX phones_by_number; DROP INDEX emails_by_address")
            }
            var session: any ImportSession = try SQLiteImportSession(db: db, startedEmpty: startedEmpty)
            let (detail, result) = try body(&session)
            if startedEmpty {
                try db.execute(sql: "\(Self.phonesByNumber); \(Self.emailsByAddress)")
            }
            try Self.audit(db, at: at, actor: "import", action: "import.\(kind)", detail: detail)
            return result
        }
    }

    /// Accounts (one, or all ordered by id) with their debts, phones and emails, merged from ordered cursors.
    static func fetchAccounts(_ db: Database, id: String?) throws -> [Account] {
        let filter = id == nil ? "" : "WHERE account_id = ?"
        let arguments: StatementArguments = id.map { [$0] } ?? []
        var accounts: [Account] = []
        let accountRows = try Row.fetchCursor(
            db,
            sql: "SELECT * FROM accounts \(id == nil ? "" : "WHERE id = ?") ORDER BY id",
            arguments: arguments
        )
        while let row = try accountRows.next() {
            accounts.append(Self.account(row))
        }
        guard !accounts.isEmpty else { return [] }
        var index: [String: Int] = [:]
        index.reserveCapacity(accounts.count)
        for (position, account) in accounts.enumerated() { index[account.id] = position }

        let debts = try Row.fetchCursor(
            db,
            sql: "SELECT * FROM debts \(filter) ORDER BY account_id, id",
            arguments: arguments
        )
        while let row = try debts.next() {
            guard let position = index[row["account_id"]] else { continue }
            let cents: Int64 = row["balance_cents"]
            accounts[position].debts.append(
                Debt(
                    id: row["id"],
                    balance: Money(cents: cents),
                    daysPastDue: row["days_past_due"],
                    bucket: row["bucket"],
                    creditor: row["creditor"]
                )
            )
        }
        let phones = try Row.fetchCursor(
            db,
            sql: "SELECT * FROM phones \(filter) ORDER BY account_id, position",
            arguments: arguments
        )
        while let row = try phones.next() {
            guard let position = index[row["account_id"]] else { continue }
            accounts[position].phones.append(Self.phone(row))
        }
        let emails = try Row.fetchCursor(
            db,
            sql: "SELECT * FROM emails \(filter) ORDER BY account_id, position",
            arguments: arguments
        )
        while let row = try emails.next() {
            guard let position = index[row["account_id"]] else { continue }
            accounts[position].emails.append(Self.email(row))
        }
        return accounts
    }

    static func account(_ row: Row) -> Account {
        Account(
            id: row["id"],
            firstName: row["first_name"],
            lastName: row["last_name"],
            language: row["language"],
            address: PostalAddress(
                country: row["country"],
                state: row["state"],
                postalCode: row["postal_code"],
                city: row["city"]
            ),
            timeZones: Self.list(row["time_zones"]),
            flags: AccountFlags(
                cease: row["cease"],
                dispute: row["dispute"],
                attorney: row["attorney"],
                bankruptcy: row["bankruptcy"],
                deceased: row["deceased"],
                employerProhibitsWorkContact: row["employer_prohibits"]
            ),
            inconvenientTimes: (try? FieldParser.inconvenientTimes(row["inconvenient_times"]).get()) ?? [],
            segments: Self.list(row["segments"])
        )
    }

    static func phone(_ row: Row) -> PhoneContact {
        PhoneContact(
            number: row["number"],
            kind: PhoneContact.Kind(rawValue: row["kind"]) ?? .landline,
            smsConsentAt: UTCInstant(optionalSeconds: row["sms_consent_at"]),
            lastConsumerTextAt: UTCInstant(optionalSeconds: row["last_consumer_text_at"]),
            reassignmentCheckedAt: UTCInstant(optionalSeconds: row["reassignment_checked_at"]),
            autodialConsent: row["autodial_consent"]
        )
    }

    static func email(_ row: Row) -> EmailContact {
        EmailContact(
            address: row["address"],
            provenance: EmailContact.Provenance(rawValue: row["provenance"]) ?? .unknown,
            optOutDeadline: UTCInstant(optionalSeconds: row["optout_deadline"]),
            employerProvided: row["employer_provided"]
        )
    }

    static func list(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: ";").map(String.init)
    }
}

/// The bulk-import writer: cached prepared statements inside the one import transaction.
struct SQLiteImportSession: ImportSession {
    let db: Database
    /// True when the store had no accounts at the start: no existing rows to merge, the fast path.
    let startedEmpty: Bool
    private let insertAccount: BulkStatement
    private let insertDebt: BulkStatement
    private let insertPhone: BulkStatement
    private let insertEmail: BulkStatement
    private let accountExistsStatement: Statement

    init(db: Database, startedEmpty: Bool) throws {
        self.db = db
        self.startedEmpty = startedEmpty
        self.insertAccount = BulkStatement(
            try db.makeStatement(
                sql: """
                    INSERT INTO accounts (id, first_name, last_name, language, country, state, postal_code, city,
                        time_zones, segments, inconvenient_times, cease, dispute, attorney, bankruptcy, deceased,
                        employer_prohibits)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
                        language = excluded.language, country = excluded.country, state = excluded.state,
                        postal_code = excluded.postal_code, city = excluded.city, time_zones = excluded.time_zones,
                        segments = excluded.segments, inconvenient_times = excluded.inconvenient_times,
                        cease = max(cease, excluded.cease), dispute = max(dispute, excluded.dispute),
                        attorney = max(attorney, excluded.attorney), bankruptcy = max(bankruptcy, excluded.bankruptcy),
                        deceased = max(deceased, excluded.deceased),
                        employer_prohibits = max(employer_prohibits, excluded.employer_prohibits)
                    """
            )
        )
        self.insertDebt = BulkStatement(
            try db.makeStatement(
                sql: """
                    INSERT OR REPLACE INTO debts (account_id, id, bucket, creditor, balance_cents, days_past_due)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """
            )
        )
        self.insertPhone = BulkStatement(
            try db.makeStatement(
                sql: """
                    INSERT INTO phones (account_id, position, number, kind, sms_consent_at, last_consumer_text_at,
                        reassignment_checked_at, autodial_consent)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """
            )
        )
        self.insertEmail = BulkStatement(
            try db.makeStatement(
                sql: """
                    INSERT INTO emails (account_id, position, address, provenance, optout_deadline, employer_provided)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """
            )
        )
        self.accountExistsStatement = try db.makeStatement(sql: "SELECT EXISTS (SELECT 1 FROM accounts WHERE id = ?)")
    }

    func accountExists(_ id: String) throws -> Bool {
        try Bool.fetchOne(self.accountExistsStatement, arguments: [id]) ?? false
    }

    mutating func upsert(_ account: Account) throws {
        var phones = account.phones
        if !self.startedEmpty, try self.accountExists(account.id) {
            // Keep what the runner learned since the last import: the later instant wins.
            let stored = try Row.fetchAll(
                self.db,
                sql: "SELECT * FROM phones WHERE account_id = ?",
                arguments: [account.id]
            ).map(SQLiteStore.phone)
            for index in phones.indices {
                guard let old = stored.first(where: { $0.number == phones[index].number }) else { continue }
                phones[index].smsConsentAt = Self.later(phones[index].smsConsentAt, old.smsConsentAt)
                phones[index].lastConsumerTextAt = Self.later(phones[index].lastConsumerTextAt, old.lastConsumerTextAt)
                phones[index].reassignmentCheckedAt = Self.later(
                    phones[index].reassignmentCheckedAt,
                    old.reassignmentCheckedAt
                )
            }
            for table in ["phones", "emails", "debts"] {
                try self.db.execute(sql: "DELETE FROM \(table) WHERE account_id = ?", arguments: [account.id])
            }
        }
        let flags = account.flags
        let insert = self.insertAccount
        insert.bind(1, account.id)
        insert.bind(2, account.firstName)
        insert.bind(3, account.lastName)
        insert.bind(4, account.language)
        insert.bind(5, account.address.country)
        insert.bind(6, account.address.state)
        insert.bind(7, account.address.postalCode)
        insert.bind(8, account.address.city)
        insert.bind(9, account.timeZones.count == 1 ? account.timeZones[0] : account.timeZones.joined(separator: ";"))
        insert.bind(10, account.segments.joined(separator: ";"))
        insert.bind(11, account.inconvenientTimes.isEmpty ? "" : FieldParser.format(account.inconvenientTimes))
        insert.bind(12, flags.cease)
        insert.bind(13, flags.dispute)
        insert.bind(14, flags.attorney)
        insert.bind(15, flags.bankruptcy)
        insert.bind(16, flags.deceased)
        insert.bind(17, flags.employerProhibitsWorkContact)
        try insert.execute()
        for debt in account.debts {
            try self.upsertDebt(debt, accountID: account.id)
        }
        for (position, phone) in phones.enumerated() {
            let statement = self.insertPhone
            statement.bind(1, account.id)
            statement.bind(2, position)
            statement.bind(3, phone.number)
            statement.bind(4, phone.kind.rawValue)
            statement.bind(5, phone.smsConsentAt?.secondsSinceEpoch)
            statement.bind(6, phone.lastConsumerTextAt?.secondsSinceEpoch)
            statement.bind(7, phone.reassignmentCheckedAt?.secondsSinceEpoch)
            statement.bind(8, phone.autodialConsent)
            try statement.execute()
        }
        for (position, email) in account.emails.enumerated() {
            let statement = self.insertEmail
            statement.bind(1, account.id)
            statement.bind(2, position)
            statement.bind(3, email.address)
            statement.bind(4, email.provenance.rawValue)
            statement.bind(5, email.optOutDeadline?.secondsSinceEpoch)
            statement.bind(6, email.employerProvided)
            try statement.execute()
        }
    }

    mutating func upsertDebt(_ debt: Debt, accountID: String) throws {
        let statement = self.insertDebt
        statement.bind(1, accountID)
        statement.bind(2, debt.id)
        statement.bind(3, debt.bucket)
        statement.bind(4, debt.creditor)
        statement.bind(5, debt.balance.cents)
        statement.bind(6, debt.daysPastDue)
        try statement.execute()
    }

    func paymentExists(reference: String) throws -> Bool {
        try Bool.fetchOne(
            self.db,
            sql: "SELECT EXISTS (SELECT 1 FROM payments WHERE reference = ?)",
            arguments: [reference]
        ) ?? false
    }

    mutating func insertPayment(_ payment: PaymentRecord) throws -> Bool {
        try SQLiteStore.insertPayment(self.db, payment)
    }

    private static func later(_ lhs: UTCInstant?, _ rhs: UTCInstant?) -> UTCInstant? {
        switch (lhs, rhs) {
        case (nil, let value), (let value, nil): value
        case (let left?, let right?): max(left, right)
        }
    }
}
