import DunCore
import DunEngine
import DunPolicy
import DunStore
import Logging

extension LiveDriver {
    /// What other processes recorded in the store since the driver last looked (`dun record`, `dun import`):
    /// consumer events and payments become engine inputs, newly imported accounts join the run. The audit
    /// log's sequence is the cursor; it is journaled (`audit` entries) in the same commit as the inputs it
    /// produced, so a restart neither misses nor repeats one.
    func feedFromStore(state: inout DriverState, work: inout TurnWork) {
        let entries: [AuditEntry]
        do {
            entries = try self.store.auditLog(after: state.auditHighWater, limit: 1_000)
        } catch {
            self.logger.warning("cannot read the audit log: \(error)")
            return
        }
        guard let last = entries.last else { return }
        var importSeen = false
        for entry in entries {
            // The runner's own writes (and the webhook events it already turned into inputs) are skipped.
            if entry.actor == "runner" || entry.actor == "webhook" || entry.actor == "smtp" { continue }
            if entry.action.hasPrefix("import.accounts") {
                importSeen = true
                continue
            }
            guard let index = state.indexByID[entry.accountID] else { continue }
            let account = state.accounts[index.position]
            let words = entry.detail.split(separator: " ").map(String.init)
            var event: ConsumerEvent?
            switch entry.action {
            case "event.cease": event = .cease
            case "event.dispute": event = .dispute
            case "event.verification_sent": event = .verificationSent
            case "event.attorney": event = .attorney
            case "event.bankruptcy": event = .bankruptcy
            case "event.deceased": event = .deceased
            case "event.employer_prohibits": event = .employerProhibits
            case "event.opt_out":
                if words.count >= 3, let channel = Channel(rawValue: words[1]) {
                    let position =
                        channel == .email
                        ? account.emails.firstIndex { $0.address == words[2] }
                        : account.phones.firstIndex { $0.number == words[2] }
                    if let position { event = .optOut(channel, destination: position) }
                } else if words.count >= 2, let channel = Channel(rawValue: words[1]) {
                    event = .optOutMedium(channel)
                }
            case "event.wrong_number":
                if let number = words.last, let position = account.phones.firstIndex(where: { $0.number == number }) {
                    event = .wrongNumber(destination: position)
                }
            case "event.opt_in":
                // `opt_in [CHANNEL] NUMBER`: an operator's record of new consent to texts (the store lifts the
                // number's SMS suppression whatever the channel word says, and so does the engine).
                let destination = words.count >= 3 ? words[2] : words.count == 2 ? words[1] : ""
                if let position = account.phones.firstIndex(where: { $0.number == destination }) {
                    event = .optIn(.sms, destination: position)
                    var updated = account
                    updated.phones[position].smsConsentAt = Swift.max(
                        updated.phones[position].smsConsentAt ?? entry.at,
                        entry.at
                    )
                    self.updateFacts(index, to: updated, state: &state, work: &work)
                }
            case "event.call_consent":
                if let bucket = Self.value("debt", in: words), let until = Self.value("until", in: words),
                    let instant = ISO8601.parse(until)
                {
                    event = .callConsent(debtBucket: bucket, until: instant)
                }
            case "event.inconvenient_time":
                // The store merged the new spans into the account; the engine's policy view takes them over.
                do {
                    if let stored = try self.store.account(id: account.id) {
                        var updated = account
                        updated.inconvenientTimes = stored.inconvenientTimes
                        self.updateFacts(index, to: updated, state: &state, work: &work)
                    }
                } catch {
                    self.logger.warning("cannot read account \(account.id) for its inconvenient times: \(error)")
                }
            case "promise":
                // `#ID AMOUNT due YYYY-MM-DD`: due at the end of that day in the consumer's home zone.
                if words.count >= 4, let amount = Money(decimal: words[1]), let date = CivilDate(iso: words[3]) {
                    let next = date.adding(days: 1)
                    let due =
                        PolicyAccount(account).homeZone.map {
                            TimeZoneTable.instant(localDate: next, secondOfDay: 0, in: $0)
                        } ?? UTCInstant(secondsSinceEpoch: Int64(next.daysSinceEpoch) * 86_400)
                    work.inputs.append((.promise(index, amount: amount, due: due.adding(seconds: -1)), ""))
                }
            case "payment":
                if words.count >= 2, let amount = Money(decimal: words[1]) {
                    work.inputs.append((.payment(index, amount: amount), ""))
                }
            default:
                break
            }
            if let event {
                work.inputs.append((.consumerEvent(index, event), ""))
            }
        }
        if importSeen {
            do {
                for account in try self.store.loadAccounts() where state.indexByID[account.id] == nil {
                    state.newAccounts.append(account)
                }
            } catch {
                self.logger.warning("cannot read newly imported accounts: \(error)")
            }
        }
        state.auditHighWater = last.sequence
        self.journal("audit", String(last.sequence), at: state.now, state: &state, work: &work)
    }

    /// Replaces what the engine knows of an account's contact facts (inconvenient times, consent instants) and
    /// journals the new snapshot (`facts` entries), so a replay applies it at the same point.
    func updateFacts(_ index: AccountIndex, to account: Account, state: inout DriverState, work: inout TurnWork) {
        let payload: String
        do {
            payload = "\(index.rawValue) " + (try AccountSnapshot(account).encoded())
        } catch {
            self.logger.warning("cannot journal the new facts of account \(account.id): \(error)")
            return
        }
        state.accounts[index.position] = account
        state.engine.updateContactFacts(index, from: account)
        self.journal("facts", payload, at: state.now, state: &state, work: &work)
    }

    /// The value of a `key=value` word of an audit entry's detail.
    static func value(_ key: String, in words: [String]) -> String? {
        words.last { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
    }

    /// At a run's first start: the opt-outs already in the store, as engine inputs (account snapshots carry
    /// flags such as cease, but suppressions live in their own table).
    func existingOptOuts(state: DriverState) throws -> [EngineInput] {
        var inputs: [EngineInput] = []
        for suppression in try self.store.suppressions() {
            let channels: [Channel] =
                switch suppression.medium {
                case .sms: [.sms]
                case .call: [.call, .agentCall]
                case .email: [.email]
                case .all: [.sms, .call, .agentCall, .email]
                }
            for channel in channels where channel != .email {
                for owner in state.phoneOwners[suppression.destination] ?? [] {
                    inputs.append(.consumerEvent(owner.account, .optOut(channel, destination: owner.position)))
                }
            }
            if channels.contains(.email) {
                for (index, account) in state.accounts.enumerated() {
                    if let position = account.emails.firstIndex(where: { $0.address == suppression.destination }) {
                        inputs.append(.consumerEvent(AccountIndex(index), .optOut(.email, destination: position)))
                    }
                }
            }
        }
        return inputs
    }

    /// Appends the next journal entry of this turn (the sequence grows by one), committed with the turn.
    func journal(_ kind: String, _ payload: String, at: UTCInstant, state: inout DriverState, work: inout TurnWork) {
        state.sequence += 1
        work.batch.inputs.append(
            JournalEntry(
                runID: self.configuration.runID,
                sequence: state.sequence,
                at: at,
                kind: kind,
                payload: payload
            )
        )
    }
}
