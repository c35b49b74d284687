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
        try self.pool.write { db in
            var session: any ImportSession = try SQLiteImportSession(db: db)
            let (detail, result) = try body(&session)
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
    private let insertAccount: Statement
    private let insertDebt: Statement
    private let insertPhone: Statement
    private let insertEmail: Statement
    private let accountExistsStatement: Statement

    init(db: Database) throws {
        self.db = db
        self.startedEmpty = try Int.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM accounts)") == 0
        self.insertAccount = try db.makeStatement(
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
        self.insertDebt = try db.makeStatement(
            sql: """
                INSERT OR REPLACE INTO debts (account_id, id, bucket, creditor, balance_cents, days_past_due)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        )
        self.insertPhone = try db.makeStatement(
            sql: """
                INSERT INTO phones (account_id, position, number, kind, sms_consent_at, last_consumer_text_at,
                    reassignment_checked_at, autodial_consent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        self.insertEmail = try db.makeStatement(
            sql: """
                INSERT INTO emails (account_id, position, address, provenance, optout_deadline, employer_provided)
                VALUES (?, ?, ?, ?, ?, ?)
                """
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
        self.insertAccount.setUncheckedArguments([
            account.id, account.firstName, account.lastName, account.language, account.address.country,
            account.address.state, account.address.postalCode, account.address.city,
            account.timeZones.joined(separator: ";"), account.segments.joined(separator: ";"),
            FieldParser.format(account.inconvenientTimes), flags.cease, flags.dispute, flags.attorney,
            flags.bankruptcy, flags.deceased, flags.employerProhibitsWorkContact,
        ])
        try self.insertAccount.execute()
        for debt in account.debts {
            try self.upsertDebt(debt, accountID: account.id)
        }
        for (position, phone) in phones.enumerated() {
            self.insertPhone.setUncheckedArguments([
                account.id, position, phone.number, phone.kind.rawValue, phone.smsConsentAt?.secondsSinceEpoch,
                phone.lastConsumerTextAt?.secondsSinceEpoch, phone.reassignmentCheckedAt?.secondsSinceEpoch,
                phone.autodialConsent,
            ])
            try self.insertPhone.execute()
        }
        for (position, email) in account.emails.enumerated() {
            self.insertEmail.setUncheckedArguments([
                account.id, position, email.address, email.provenance.rawValue,
                email.optOutDeadline?.secondsSinceEpoch, email.employerProvided,
            ])
            try self.insertEmail.execute()
        }
    }

    mutating func upsertDebt(_ debt: Debt, accountID: String) throws {
        self.insertDebt.setUncheckedArguments([
            accountID, debt.id, debt.bucket, debt.creditor, debt.balance.cents, debt.daysPastDue,
        ])
        try self.insertDebt.execute()
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
