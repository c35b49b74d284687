import GRDB

extension SQLiteStore {
    /// The schema, as named, append-only migrations: never edit a shipped migration, add a new one.
    ///
    /// Instants are INTEGER seconds since the Unix epoch (`UTCInstant`), money INTEGER cents (`Money`).
    /// Secondary indexes a bulk import into an empty store drops and rebuilds (a sort beats random inserts).
    static let phonesByNumber = "CREATE INDEX phones_by_number ON phones(number)"
    static let emailsByAddress = "CREATE INDEX emails_by_address ON emails(address)"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-accounts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE accounts (
                        id TEXT PRIMARY KEY NOT NULL,
                        first_name TEXT NOT NULL DEFAULT '',
                        last_name TEXT NOT NULL DEFAULT '',
                        language TEXT NOT NULL DEFAULT 'en',
                        country TEXT NOT NULL DEFAULT 'US',
                        state TEXT NOT NULL DEFAULT '',
                        postal_code TEXT NOT NULL DEFAULT '',
                        city TEXT NOT NULL DEFAULT '',
                        time_zones TEXT NOT NULL DEFAULT '',        -- ';'-separated IANA names
                        segments TEXT NOT NULL DEFAULT '',          -- ';'-separated tags
                        inconvenient_times TEXT NOT NULL DEFAULT '', -- 'mon,tue 09:00-12:00;…'
                        cease INTEGER NOT NULL DEFAULT 0,
                        dispute INTEGER NOT NULL DEFAULT 0,
                        attorney INTEGER NOT NULL DEFAULT 0,
                        bankruptcy INTEGER NOT NULL DEFAULT 0,
                        deceased INTEGER NOT NULL DEFAULT 0,
                        employer_prohibits INTEGER NOT NULL DEFAULT 0
                    ) WITHOUT ROWID;
                    CREATE TABLE debts (
                        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                        id TEXT NOT NULL,
                        bucket TEXT NOT NULL,
                        creditor TEXT NOT NULL DEFAULT '',
                        balance_cents INTEGER NOT NULL,
                        days_past_due INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (account_id, id)
                    ) WITHOUT ROWID;
                    CREATE TABLE phones (
                        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        number TEXT NOT NULL,                       -- E.164
                        kind TEXT NOT NULL CHECK (kind IN ('mobile', 'landline', 'work')),
                        sms_consent_at INTEGER,                     -- consent given or renewed (RF-6-SMS)
                        last_consumer_text_at INTEGER,
                        reassignment_checked_at INTEGER,
                        autodial_consent INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (account_id, position)
                    ) WITHOUT ROWID;
                    \(Self.phonesByNumber);
                    CREATE TABLE emails (
                        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        address TEXT NOT NULL,
                        provenance TEXT NOT NULL CHECK (provenance IN
                            ('consumer_used', 'consumer_consented', 'creditor_notice', 'prior_collector_used', 'unknown')),
                        optout_deadline INTEGER,                    -- creditor notice opt-out period end (RF-6-EMAIL)
                        employer_provided INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (account_id, position)
                    ) WITHOUT ROWID;
                    \(Self.emailsByAddress);
                    """
            )
        }
        migrator.registerMigration("v1-events") { db in
            try db.execute(
                sql: """
                    CREATE TABLE suppressions (
                        destination TEXT NOT NULL,
                        medium TEXT NOT NULL CHECK (medium IN ('sms', 'email', 'call', 'all')),
                        source TEXT NOT NULL,
                        at INTEGER NOT NULL,
                        PRIMARY KEY (destination, medium)
                    ) WITHOUT ROWID;
                    CREATE TABLE consumer_events (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        account_id TEXT NOT NULL REFERENCES accounts(id),
                        kind TEXT NOT NULL,
                        at INTEGER NOT NULL,
                        channel TEXT,
                        destination TEXT,
                        debt_bucket TEXT,
                        until INTEGER,
                        detail TEXT NOT NULL DEFAULT '',
                        source TEXT NOT NULL
                    );
                    CREATE INDEX consumer_events_by_account ON consumer_events(account_id, at, seq);
                    """
            )
        }
        migrator.registerMigration("v1-runs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE enrolments (
                        account_id TEXT NOT NULL REFERENCES accounts(id),
                        campaign TEXT NOT NULL,
                        variant TEXT NOT NULL,
                        step TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('active', 'ended')),
                        next_due_at INTEGER,
                        cursor BLOB NOT NULL,
                        end_reason TEXT NOT NULL DEFAULT '',
                        updated_at INTEGER NOT NULL,
                        PRIMARY KEY (account_id, campaign)
                    ) WITHOUT ROWID;
                    CREATE TABLE attempts (
                        idempotency_key TEXT PRIMARY KEY NOT NULL,
                        account_id TEXT NOT NULL REFERENCES accounts(id),
                        campaign TEXT NOT NULL,
                        variant TEXT NOT NULL,
                        step TEXT NOT NULL,
                        channel TEXT NOT NULL,
                        destination TEXT NOT NULL,
                        debt_bucket TEXT NOT NULL,
                        template TEXT NOT NULL,
                        due_at INTEGER NOT NULL,
                        state TEXT NOT NULL CHECK (state IN
                            ('planned', 'dispatching', 'sent', 'result', 'in_doubt', 'failed')),
                        gateway_message_id TEXT UNIQUE,
                        created_at INTEGER NOT NULL,
                        sent_at INTEGER,
                        result_at INTEGER,
                        result TEXT,
                        note TEXT
                    );
                    CREATE INDEX attempts_by_account ON attempts(account_id, created_at);
                    CREATE INDEX attempts_by_created ON attempts(created_at);
                    CREATE INDEX attempts_open ON attempts(state) WHERE state IN ('dispatching', 'in_doubt');
                    CREATE TABLE outcomes (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        idempotency_key TEXT NOT NULL REFERENCES attempts(idempotency_key),
                        account_id TEXT NOT NULL,
                        result TEXT NOT NULL,
                        at INTEGER NOT NULL,
                        source TEXT NOT NULL,
                        UNIQUE (idempotency_key, result)
                    );
                    CREATE TABLE policy_decisions (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        account_id TEXT NOT NULL,
                        campaign TEXT NOT NULL,
                        variant TEXT NOT NULL,
                        step TEXT NOT NULL,
                        channel TEXT NOT NULL,
                        destination TEXT NOT NULL,
                        candidate_at INTEGER NOT NULL,
                        rule TEXT NOT NULL,
                        citation TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        next_allowed INTEGER,                       -- NULL: terminal block
                        decided_at INTEGER NOT NULL
                    );
                    CREATE INDEX policy_decisions_by_account ON policy_decisions(account_id, decided_at);
                    CREATE INDEX policy_decisions_by_time ON policy_decisions(decided_at);
                    CREATE TABLE payments (
                        reference TEXT PRIMARY KEY NOT NULL,
                        account_id TEXT NOT NULL REFERENCES accounts(id),
                        debt_id TEXT,
                        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                        paid_at INTEGER NOT NULL,
                        method TEXT NOT NULL DEFAULT '',
                        source TEXT NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX payments_by_account ON payments(account_id, paid_at);
                    CREATE TABLE promises (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        account_id TEXT NOT NULL REFERENCES accounts(id),
                        debt_id TEXT,
                        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                        due_date TEXT NOT NULL,                     -- YYYY-MM-DD in the consumer's zone
                        status TEXT NOT NULL CHECK (status IN ('pending', 'kept', 'broken')),
                        recorded_at INTEGER NOT NULL,
                        resolved_at INTEGER,
                        source TEXT NOT NULL
                    );
                    CREATE INDEX promises_by_account ON promises(account_id);
                    CREATE TABLE runs (
                        id TEXT PRIMARY KEY NOT NULL,
                        started_at INTEGER NOT NULL,
                        heartbeat_at INTEGER NOT NULL,
                        clock_at INTEGER NOT NULL,
                        status TEXT NOT NULL
                    );
                    CREATE TABLE run_arms (
                        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        campaign TEXT NOT NULL,
                        variant TEXT NOT NULL,
                        share INTEGER NOT NULL,
                        path TEXT NOT NULL,
                        PRIMARY KEY (run_id, position)
                    ) WITHOUT ROWID;
                    """
            )
        }
        migrator.registerMigration("v1-audit") { db in
            // RF-100: an append-only record. The triggers make UPDATE and DELETE fail.
            try db.execute(
                sql: """
                    CREATE TABLE audit_log (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        at INTEGER NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        account_id TEXT NOT NULL DEFAULT '',
                        detail TEXT NOT NULL DEFAULT ''
                    );
                    CREATE INDEX audit_by_account ON audit_log(account_id, seq);
                    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                    """
            )
        }
        Self.registerJournalMigrations(&migrator)
        Self.registerDashboardMigrations(&migrator)
        return migrator
    }
}
