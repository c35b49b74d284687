import DunCampaign
import DunCore
import DunPolicy
import DunStore
import DunTesting
import Foundation

/// What a live run must prove after the fact, from the gateway-sim log and the store.
struct LiveRunChecks {
    var acceptedMessages = 0
    var duplicateKeys: [String] = []
    var repeats = 0
    var acknowledgedResults = 0
    var lostResults: [String] = []
    var acknowledgedOptOuts = 0
    var lostOptOuts: [String] = []
    var unknownToStore: [String] = []
    var violations: [String] = []
    var attemptsByState: [AttemptState: Int] = [:]

    init(sandbox: LiveSandbox, campaign: Campaign) throws {
        let lines = try sandbox.simLogLines()
        let store = try SQLiteStore(path: sandbox.database, readOnly: true)
        let attempts = try store.attempts(accountID: nil)
        var byKey: [String: AttemptRecord] = [:]
        var byMessageID: [String: AttemptRecord] = [:]
        for attempt in attempts {
            byKey[attempt.key.rawValue] = attempt
            if let id = attempt.gatewayMessageID { byMessageID[id] = attempt }
            self.attemptsByState[attempt.state, default: 0] += 1
        }
        // 1. Nothing sent twice: every idempotency key accepted at most once, and known to the store.
        var seen: Set<String> = []
        for line in lines where line["event"] as? String == "accepted" {
            self.acceptedMessages += 1
            let kind = line["kind"] as? String ?? ""
            var key = line["idempotency_key"] as? String ?? ""
            if !seen.insert("\(kind):\(key)").inserted { self.duplicateKeys.append(key) }
            if kind == "email", key.hasPrefix("<"), let at = key.firstIndex(of: "@") {
                key = String(key[key.index(after: key.startIndex)..<at])
            }
            // `in_doubt`: the gateway took it but could not vouch for it afterwards (a kill mid-send to SMTP, which
            // has no lookup); the store knows it and the runner never sends it again.
            guard let record = byKey[key], [.sent, .result, .inDoubt].contains(record.state) else {
                self.unknownToStore.append("\(key) (\(byKey[key]?.state.rawValue ?? "missing"))")
                continue
            }
        }
        self.repeats = lines.filter { $0["event"] as? String == "repeat" }.count
        // 2. No outcome lost: every callback the runner acknowledged is in the store.
        let suppressed = Set(try store.suppressions().map(\.destination))
        for line in lines where line["event"] as? String == "callback" && line["http_status"] as? String == "200" {
            if let sid = line["MessageSid"] as? String, let status = line["MessageStatus"] as? String,
                ["delivered", "undelivered", "failed"].contains(status)
            {
                self.acknowledgedResults += 1
                if byMessageID[sid]?.state != .result { self.lostResults.append("\(sid) \(status)") }
            }
            if let body = line["Body"] as? String, body == "STOP", let url = line["url"] as? String,
                url.hasSuffix("/twilio/inbound")
            {
                self.acknowledgedOptOuts += 1
                let number = attempts.first {
                    "SMin" + ($0.gatewayMessageID ?? "").dropFirst(2) == line["MessageSid"] as? String
                }?
                .attempt.destination
                if let number, !suppressed.contains(number) { self.lostOptOuts.append(number) }
            }
        }
        // 3. No rule broken across restarts: replay the audit log through the reference checker.
        let accounts = sandbox.importedAccounts
        var checkers: [String: ReferenceChecker] = [:]
        func checker(_ id: String) -> ReferenceChecker? {
            if let existing = checkers[id] { return existing }
            guard let account = accounts[id] else { return nil }
            return ReferenceChecker(account: account, limits: campaign.limits)
        }
        func candidate(_ record: AttemptRecord, account: Account) -> ContactCandidate? {
            let destination: Int? =
                record.attempt.channel == .email
                ? account.emails.firstIndex { $0.address == record.attempt.destination }
                : account.phones.firstIndex { $0.number == record.attempt.destination }
            guard let destination else { return nil }
            return ContactCandidate(
                channel: record.attempt.channel,
                destination: destination,
                debtBucket: record.attempt.debtBucket,
                at: record.attempt.dueAt
            )
        }
        var audit: [AuditEntry] = []
        while true {
            let page = try store.auditLog(after: audit.last?.sequence ?? 0, limit: 10_000)
            if page.isEmpty { break }
            audit += page
        }
        for entry in audit {
            let words = entry.detail.split(separator: " ").map(String.init)
            switch entry.action {
            case "attempt.begin":
                guard let key = words.first, let record = byKey[key], var check = checker(record.attempt.accountID),
                    let account = accounts[record.attempt.accountID], let proposed = candidate(record, account: account)
                else { continue }
                let broken = check.violations(of: proposed)
                if !broken.isEmpty { self.violations.append("\(key): \(broken.joined(separator: ","))") }
                check.record(proposed, result: nil)
                checkers[record.attempt.accountID] = check
            case "attempt.result", "attempt.failed":
                guard let key = words.first, let record = byKey[key], var check = checker(record.attempt.accountID),
                    let account = accounts[record.attempt.accountID], let proposed = candidate(record, account: account)
                else { continue }
                let result =
                    entry.action == "attempt.failed"
                    ? AttemptResult.failed : AttemptResult(rawValue: words.count > 1 ? words[1] : "") ?? .failed
                check.setResult(result, of: proposed)
                checkers[record.attempt.accountID] = check
            case "event.opt_out":
                guard words.count >= 3, var check = checker(entry.accountID), let account = accounts[entry.accountID],
                    let position = account.phones.firstIndex(where: { $0.number == words[2] })
                else { continue }
                check.record(.optOut(.sms, destination: position), at: entry.at)
                checkers[entry.accountID] = check
            case "event.opt_in":
                guard words.count >= 3, var check = checker(entry.accountID), let account = accounts[entry.accountID],
                    let position = account.phones.firstIndex(where: { $0.number == words[2] })
                else { continue }
                check.record(.optIn(.sms, destination: position), at: entry.at)
                checkers[entry.accountID] = check
            case "event.inbound":
                guard words.count >= 3, var check = checker(entry.accountID), let account = accounts[entry.accountID],
                    let position = account.phones.firstIndex(where: { $0.number == words[2] })
                else { continue }
                check.record(
                    .inbound(
                        .sms,
                        destination: position,
                        debtBucket: account.debts.first?.bucket ?? account.id,
                        conversation: false
                    ),
                    at: entry.at
                )
                checkers[entry.accountID] = check
            default:
                continue
            }
        }
    }
}
