import Dispatch
public import DunCore

/// `dun import accounts`: reads an accounts CSV (and optionally a debts CSV), checks every row, and writes the
/// accounts in one store transaction. Columns: docs/import.md.
///
/// All-or-nothing by default: any invalid row makes the import throw a `DiagnosticError` listing every problem
/// (up to `maxDiagnostics`), and the store is left unchanged. With `.skip`, valid rows are imported and invalid
/// ones returned in `ImportSummary.rejected`.
public struct AccountImporter: Sendable {
    /// The most diagnostics an aborted import reports.
    public var maxDiagnostics = 100
    /// Checks field values (and IANA zone names).
    public var parser: FieldParser

    /// Creates an importer.
    public init(parser: FieldParser = FieldParser()) {
        self.parser = parser
    }

    /// The most phone and email column groups (`phone1`…`phone9`, `email1`…`email9`).
    static let maxContactGroups = 9

    static let accountColumns: Set<String> = [
        "account_id", "first_name", "last_name", "language", "country", "state", "postal_code", "city", "time_zones",
        "segments", "inconvenient_times", "cease", "dispute", "attorney", "bankruptcy", "deceased",
        "employer_prohibits", "debt_id", "balance", "days_past_due", "debt_bucket", "creditor",
    ]
    static let phoneSuffixes = [
        "", "_kind", "_sms_consent_at", "_last_text_at", "_reassignment_checked_at", "_autodial_consent",
    ]
    static let emailSuffixes = ["", "_provenance", "_optout_deadline", "_employer_provided"]
    static let debtColumns: Set<String> = [
        "account_id", "debt_id", "balance", "days_past_due", "debt_bucket", "creditor",
    ]

    static func isAccountColumn(_ name: String) -> Bool {
        if Self.accountColumns.contains(name) { return true }
        for (prefix, suffixes) in [("phone", Self.phoneSuffixes), ("email", Self.emailSuffixes)] {
            for group in 1...Self.maxContactGroups where suffixes.contains(where: { name == "\(prefix)\(group)\($0)" })
            {
                return true
            }
        }
        return false
    }

    /// Imports accounts from `accounts` (and extra debts from `debts`) into `store`.
    ///
    /// - Parameters:
    ///   - accounts: The accounts file's bytes and path.
    ///   - debts: An optional debts file: one row per extra debt of an account in the accounts file or the store.
    ///   - store: Where to write.
    ///   - invalidRows: Abort (default) or skip invalid rows.
    ///   - at: The instant recorded in the audit log.
    /// - Returns: How many accounts and debts were written, and the rejected rows when skipping.
    /// - Throws: `DiagnosticError` (nothing written) for a malformed file or, unless skipping, any invalid row.
    public mutating func importAccounts(
        accounts: (bytes: [UInt8], path: String),
        debts: (bytes: [UInt8], path: String)? = nil,
        into store: some Store,
        invalidRows: InvalidRowPolicy = .abort,
        at: UTCInstant
    ) throws -> ImportSummary {
        var importer = self
        let summary = try store.withImport(kind: "accounts", at: at) {
            session throws -> (detail: String, result: ImportSummary) in
            var summary = ImportSummary()
            var errors: [Diagnostic] = []
            var seen: [String: Int] = [:]
            try importer.readAccounts(
                accounts,
                session: &session,
                policy: invalidRows,
                firstLine: &seen,
                summary: &summary,
                errors: &errors
            )
            if let debts {
                try importer.readDebts(
                    debts,
                    session: &session,
                    policy: invalidRows,
                    seen: seen,
                    summary: &summary,
                    errors: &errors
                )
            }
            if !errors.isEmpty {
                throw importer.limited(errors)
            }
            let detail =
                "\(accounts.path): \(summary.imported) accounts, \(summary.debts) extra debts, \(summary.rejected.count) rejected"
            return (detail, summary)
        }
        self = importer
        return summary
    }

    /// Errors kept while aborting; bounds memory when every row of a huge file is bad.
    static let errorCap = 10_000

    func limited(_ errors: [Diagnostic]) -> DiagnosticError {
        var shown = Array(errors.prefix(self.maxDiagnostics))
        if errors.count > self.maxDiagnostics, let last = shown.last {
            shown.append(
                Diagnostic(
                    path: last.path,
                    location: last.location,
                    severity: .note,
                    message: errors.count >= Self.errorCap
                        ? "many more errors not shown; nothing was imported"
                        : "\(errors.count - self.maxDiagnostics) more errors not shown; nothing was imported"
                )
            )
        }
        return DiagnosticError(shown)
    }

    // MARK: - Accounts file

    private mutating func readAccounts(
        _ file: (bytes: [UInt8], path: String),
        session: inout any ImportSession,
        policy: InvalidRowPolicy,
        firstLine: inout [String: Int],
        summary: inout ImportSummary,
        errors: inout [Diagnostic]
    ) throws {
        var reader = CSVReader(bytes: file.bytes, path: file.path)
        var record = CSVRecord()
        guard try reader.next(into: &record) else {
            throw DiagnosticError([
                Diagnostic(
                    path: file.path,
                    location: SourceLocation(line: 1, column: 1),
                    severity: .error,
                    message: "empty file: expected a header row"
                )
            ])
        }
        let header = try ImportColumns(
            record: record,
            reader: reader,
            required: ["account_id"],
            isKnown: Self.isAccountColumn
        )
        let layout = AccountLayout(header)
        // Rows are parsed and checked on a second thread while this one writes: the two halves cost about the
        // same at a million rows, so the import takes the longer one rather than the sum.
        let channel = BatchChannel<ParsedBatch>(capacity: 4)
        let producer = self
        let path = file.path
        let rowReader = reader
        DispatchQueue.global().async {
            var producer = producer
            producer.parseAccounts(reader: rowReader, header: header, layout: layout, path: path, channel: channel)
        }
        defer { channel.close() }
        while true {
            switch channel.receive() {
            case .rows(let rows):
                for row in rows {
                    switch row {
                    case .account(let account):
                        if errors.isEmpty || policy == .skip {
                            try session.upsert(account)
                        }
                        summary.imported += 1
                    case .invalid(let rejected):
                        if policy == .skip {
                            summary.rejected.append(rejected)
                        } else if errors.count < Self.errorCap {
                            errors += rejected.diagnostics
                        }
                    }
                }
            case .failed(let error):
                throw error
            case .finished(let ids, let parser):
                firstLine = ids
                self.parser = parser
                return
            }
        }
    }

    /// The parsing half of `readAccounts`: reads and checks every row after the header and sends them in batches.
    private mutating func parseAccounts(
        reader: CSVReader,
        header: ImportColumns,
        layout: AccountLayout,
        path: String,
        channel: BatchChannel<ParsedBatch>
    ) {
        var reader = reader
        var record = CSVRecord()
        var firstLine: [String: Int] = [:]
        var batch: [ParsedRow] = []
        batch.reserveCapacity(Self.batchSize)
        do {
            while try reader.next(into: &record) {
                var row = RowContext(reader: reader, record: record, columns: header)
                if record.fields.count != header.names.count {
                    row.error(
                        Column(name: "", position: nil),
                        "expected \(header.names.count) fields as in the header, found \(record.fields.count)"
                    )
                }
                let account = row.diagnostics.isEmpty ? self.account(&row, layout) : nil
                if let account, let first = firstLine[account.id] {
                    row.error(
                        layout.accountID,
                        "column 'account_id': duplicate account id '\(account.id)' (first at line \(first))"
                    )
                }
                if row.diagnostics.isEmpty, let account {
                    firstLine[account.id] = record.line
                    batch.append(.account(account))
                } else {
                    batch.append(
                        .invalid(
                            RejectedRow(
                                path: path,
                                line: record.line,
                                fields: record.fields,
                                diagnostics: row.diagnostics
                            )
                        )
                    )
                }
                if batch.count == Self.batchSize {
                    guard channel.send(.rows(batch)) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty {
                guard channel.send(.rows(batch)) else { return }
            }
            _ = channel.send(.finished(firstLine, self.parser))
        } catch {
            _ = channel.send(.failed(error))
        }
    }

    static let batchSize = 2_048

    /// The account in one row, or nil with diagnostics in `row`.
    private mutating func account(_ row: inout RowContext, _ layout: AccountLayout) -> Account? {
        let id = row.text(layout.accountID)
        if id.isEmpty { row.error(layout.accountID, "column 'account_id': a value is required") }
        let country = row.value(layout.country, FieldParser.country) ?? "US"
        let state = row.value(layout.state) { FieldParser.state($0, country: country) } ?? ""
        var zones: [String] = []
        for zone in row.text(layout.timeZones).split(separator: ";") where !zone.isEmpty {
            switch self.parser.timeZone(String(zone)) {
            case .success(let name): zones.append(name)
            case .failure(let failure): row.error(layout.timeZones, "column 'time_zones': \(failure.message)")
            }
        }
        let inconvenient = row.value(layout.inconvenientTimes, FieldParser.inconvenientTimes) ?? []
        let flags = AccountFlags(
            cease: row.value(layout.cease, FieldParser.bool) ?? false,
            dispute: row.value(layout.dispute, FieldParser.bool) ?? false,
            attorney: row.value(layout.attorney, FieldParser.bool) ?? false,
            bankruptcy: row.value(layout.bankruptcy, FieldParser.bool) ?? false,
            deceased: row.value(layout.deceased, FieldParser.bool) ?? false,
            employerProhibitsWorkContact: row.value(layout.employerProhibits, FieldParser.bool) ?? false
        )
        var phones: [PhoneContact] = []
        for group in layout.phones {
            guard let number = row.value(group.number, FieldParser.e164) else {
                for column in [group.kind, group.smsConsentAt, group.lastTextAt, group.reassignmentCheckedAt]
                where !row.text(column).isEmpty && row.text(group.number).isEmpty {
                    row.error(column, "column '\(column.name)': set, but '\(group.number.name)' is empty")
                }
                continue
            }
            let kind = row.value(group.kind, required: true) { FieldParser.oneOf($0, PhoneContact.Kind.self) }
            let phone = PhoneContact(
                number: number,
                kind: kind ?? .mobile,
                smsConsentAt: row.value(group.smsConsentAt, FieldParser.instant),
                lastConsumerTextAt: row.value(group.lastTextAt, FieldParser.instant),
                reassignmentCheckedAt: row.value(group.reassignmentCheckedAt, FieldParser.instant),
                autodialConsent: row.value(group.autodialConsent, FieldParser.bool) ?? false
            )
            if phones.contains(where: { $0.number == number }) {
                row.error(group.number, "column '\(group.number.name)': \(number) is listed twice for this account")
            }
            phones.append(phone)
        }
        var emails: [EmailContact] = []
        for group in layout.emails {
            guard let address = row.value(group.address, FieldParser.email) else { continue }
            let provenance = row.value(group.provenance, required: true) {
                FieldParser.oneOf($0, EmailContact.Provenance.self)
            }
            let deadline = row.value(group.optOutDeadline, required: provenance == .creditorNotice, FieldParser.instant)
            emails.append(
                EmailContact(
                    address: address,
                    provenance: provenance ?? .unknown,
                    optOutDeadline: deadline,
                    employerProvided: row.value(group.employerProvided, FieldParser.bool) ?? false
                )
            )
        }
        var debts: [Debt] = []
        let debtID = row.text(layout.debtID)
        let hasDebt = !row.text(layout.balance).isEmpty || !debtID.isEmpty
        let balance = row.value(layout.balance, required: hasDebt, FieldParser.money)
        let daysPastDue = row.value(layout.daysPastDue, FieldParser.count) ?? 0
        if let balance {
            let bucket = row.text(layout.debtBucket)
            debts.append(
                Debt(
                    id: debtID.isEmpty ? id : debtID,
                    balance: balance,
                    daysPastDue: daysPastDue,
                    bucket: bucket.isEmpty ? nil : bucket,
                    creditor: row.text(layout.creditor)
                )
            )
        }
        guard row.diagnostics.isEmpty else { return nil }
        return Account(
            id: id,
            firstName: row.text(layout.firstName),
            lastName: row.text(layout.lastName),
            language: row.text(layout.language).isEmpty ? "en" : row.text(layout.language),
            address: PostalAddress(
                country: country,
                state: state,
                postalCode: row.text(layout.postalCode),
                city: row.text(layout.city)
            ),
            timeZones: zones,
            phones: phones,
            emails: emails,
            debts: debts,
            flags: flags,
            inconvenientTimes: inconvenient,
            segments: row.text(layout.segments).split(separator: ";").map(String.init)
        )
    }

    // MARK: - Debts file

    private mutating func readDebts(
        _ file: (bytes: [UInt8], path: String),
        session: inout any ImportSession,
        policy: InvalidRowPolicy,
        seen: [String: Int],
        summary: inout ImportSummary,
        errors: inout [Diagnostic]
    ) throws {
        var reader = CSVReader(bytes: file.bytes, path: file.path)
        var record = CSVRecord()
        guard try reader.next(into: &record) else { return }
        let header = try ImportColumns(
            record: record,
            reader: reader,
            required: ["account_id", "debt_id", "balance"],
            isKnown: { Self.debtColumns.contains($0) }
        )
        let accountID = header.column("account_id")
        let debtID = header.column("debt_id")
        let balanceColumn = header.column("balance")
        let daysColumn = header.column("days_past_due")
        let bucketColumn = header.column("debt_bucket")
        let creditorColumn = header.column("creditor")
        var seenDebts = Set<String>()
        while try reader.next(into: &record) {
            var row = RowContext(reader: reader, record: record, columns: header)
            if record.fields.count != header.names.count {
                row.error(
                    Column(name: "", position: nil),
                    "expected \(header.names.count) fields as in the header, found \(record.fields.count)"
                )
            }
            let account = row.value(accountID, required: true) { .success($0) }
            let id = row.value(debtID, required: true) { .success($0) }
            let balance = row.value(balanceColumn, required: true, FieldParser.money)
            let days = row.value(daysColumn, FieldParser.count) ?? 0
            if let account, seen[account] == nil, try !session.accountExists(account) {
                row.error(accountID, "column 'account_id': no account '\(account)' in the accounts file or the store")
            }
            if let account, let id, !seenDebts.insert("\(account)\u{1F}\(id)").inserted {
                row.error(debtID, "column 'debt_id': debt '\(id)' of account '\(account)' is listed twice")
            }
            if row.diagnostics.isEmpty, let account, let id, let balance {
                let bucket = row.text(bucketColumn)
                let debt = Debt(
                    id: id,
                    balance: balance,
                    daysPastDue: days,
                    bucket: bucket.isEmpty ? nil : bucket,
                    creditor: row.text(creditorColumn)
                )
                if errors.isEmpty || policy == .skip {
                    try session.upsertDebt(debt, accountID: account)
                }
                summary.debts += 1
            } else if policy == .skip {
                summary.rejected.append(
                    RejectedRow(path: file.path, line: record.line, fields: record.fields, diagnostics: row.diagnostics)
                )
            } else if errors.count < Self.errorCap {
                errors += row.diagnostics
            }
        }
    }
}

/// One checked row of an accounts file.
enum ParsedRow: Sendable {
    case account(Account)
    case invalid(RejectedRow)
}

/// What the parsing thread sends to the writing one.
enum ParsedBatch: Sendable {
    case rows([ParsedRow])
    case failed(DiagnosticError)
    /// The end: the ids seen (with their first line) and the parser with its zone cache.
    case finished([String: Int], FieldParser)
}

/// The accounts file's columns, resolved once per file.
struct AccountLayout {
    struct PhoneGroup {
        let number, kind, smsConsentAt, lastTextAt, reassignmentCheckedAt, autodialConsent: Column
    }

    struct EmailGroup {
        let address, provenance, optOutDeadline, employerProvided: Column
    }

    let accountID, firstName, lastName, language, country, state, postalCode, city, timeZones, segments: Column
    let inconvenientTimes, cease, dispute, attorney, bankruptcy, deceased, employerProhibits: Column
    let debtID, balance, daysPastDue, debtBucket, creditor: Column
    let phones: [PhoneGroup]
    let emails: [EmailGroup]

    init(_ header: ImportColumns) {
        self.accountID = header.column("account_id")
        self.firstName = header.column("first_name")
        self.lastName = header.column("last_name")
        self.language = header.column("language")
        self.country = header.column("country")
        self.state = header.column("state")
        self.postalCode = header.column("postal_code")
        self.city = header.column("city")
        self.timeZones = header.column("time_zones")
        self.segments = header.column("segments")
        self.inconvenientTimes = header.column("inconvenient_times")
        self.cease = header.column("cease")
        self.dispute = header.column("dispute")
        self.attorney = header.column("attorney")
        self.bankruptcy = header.column("bankruptcy")
        self.deceased = header.column("deceased")
        self.employerProhibits = header.column("employer_prohibits")
        self.debtID = header.column("debt_id")
        self.balance = header.column("balance")
        self.daysPastDue = header.column("days_past_due")
        self.debtBucket = header.column("debt_bucket")
        self.creditor = header.column("creditor")
        // Only groups whose main column is present; in group order.
        self.phones = (1...AccountImporter.maxContactGroups).compactMap { group in
            let number = header.column("phone\(group)")
            guard number.position != nil else { return nil }
            return PhoneGroup(
                number: number,
                kind: header.column("phone\(group)_kind"),
                smsConsentAt: header.column("phone\(group)_sms_consent_at"),
                lastTextAt: header.column("phone\(group)_last_text_at"),
                reassignmentCheckedAt: header.column("phone\(group)_reassignment_checked_at"),
                autodialConsent: header.column("phone\(group)_autodial_consent")
            )
        }
        self.emails = (1...AccountImporter.maxContactGroups).compactMap { group in
            let address = header.column("email\(group)")
            guard address.position != nil else { return nil }
            return EmailGroup(
                address: address,
                provenance: header.column("email\(group)_provenance"),
                optOutDeadline: header.column("email\(group)_optout_deadline"),
                employerProvided: header.column("email\(group)_employer_provided")
            )
        }
    }
}
