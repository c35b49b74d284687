import DunCore
import DunEngine
import DunGateways
import DunStore
import Logging

extension LiveDriver {
    /// Builds the engine and replays the run's journal; plans the first turn (new accounts to add and enrol,
    /// attempts in doubt to reconcile).
    func restore() throws -> DriverState {
        let configuration = self.configuration
        let engine = SchedulerEngine(
            campaigns: configuration.campaigns,
            configuration: EngineConfiguration(
                seed: configuration.seed,
                policy: configuration.policy,
                pools: configuration.pools
            )
        )
        let journal = try self.store.journal(runID: configuration.runID)
        var state = DriverState(engine: engine, now: journal.last?.at ?? self.clock.now())
        for suppression in try self.store.suppressions() where suppression.medium != .email {
            state.smsSuppressed.insert(suppression.destination)
        }
        if let first = journal.first {
            guard first.kind == "run" else {
                throw LiveRunError("run \(configuration.runID): the journal does not start with a run entry")
            }
            guard first.payload == configuration.fingerprint else {
                throw LiveRunError(
                    "run \(configuration.runID) was started with other campaigns, split or seed; "
                        + "use another --run-id (started: \(first.payload); now: \(configuration.fingerprint))"
                )
            }
        }
        // Replay: the engine is deterministic, so the same inputs at the same instants rebuild the same state.
        var dispatched: [AttemptID: PlannedAttempt] = [:]
        for entry in journal {
            state.sequence = entry.sequence
            switch entry.kind {
            case "run":
                continue
            case "audit":
                state.auditHighWater = Int64(entry.payload) ?? state.auditHighWater
            case "account":
                let snapshot: AccountSnapshot
                do {
                    snapshot = try AccountSnapshot.decode(entry.payload)
                } catch {
                    throw LiveRunError("journal entry \(entry.sequence): unreadable account snapshot: \(error)")
                }
                _ = state.add(snapshot.account)
            case "facts":
                // New contact facts of an account (inconvenient times, consent) from `LiveDriver.updateFacts`.
                guard let space = entry.payload.firstIndex(of: " "),
                    let position = Int32(entry.payload[..<space]), position >= 0, Int(position) < state.accounts.count
                else {
                    throw LiveRunError("journal entry \(entry.sequence): unreadable facts entry")
                }
                let snapshot: AccountSnapshot
                do {
                    snapshot = try AccountSnapshot.decode(String(entry.payload[entry.payload.index(after: space)...]))
                } catch {
                    throw LiveRunError("journal entry \(entry.sequence): unreadable account facts: \(error)")
                }
                state.accounts[Int(position)] = snapshot.account
                state.engine.updateContactFacts(AccountIndex(position), from: snapshot.account)
            default:
                let input: EngineInput
                do {
                    input = try JournalCodec.decode(kind: entry.kind, payload: entry.payload)
                } catch {
                    throw LiveRunError("journal entry \(entry.sequence): \(error)")
                }
                state.actions.removeAll(keepingCapacity: true)
                state.engine.handle(input, at: entry.at, into: &state.actions)
                switch input {
                case .result(let id, _):
                    state.open[id] = nil
                    state.gatewayFailures[id.account] = nil
                case .gatewayRetry(let id, _):
                    state.open[id] = nil
                    let fields = entry.payload.split(separator: " ")
                    state.gatewayFailures[id.account] = fields.count > 2 ? Int(fields[2]) ?? 1 : 1
                default:
                    break
                }
                for action in state.actions {
                    guard case .dispatch(let attempt) = action else { continue }
                    let planned = self.plan(attempt, state: state)
                    dispatched[attempt.id] = planned
                    state.open[attempt.id] = DriverState.OpenAttempt(attempt: attempt, planned: planned)
                }
            }
        }
        state.actions.removeAll(keepingCapacity: true)
        if journal.isEmpty {
            state.sequence = 0
        }
        // Attempts still open after replay: what does the store say about them?
        let openIDs = state.open.keys.sorted()
        for id in openIDs {
            guard var open = state.open[id] else { continue }
            guard let record = try self.store.attempt(open.planned.key) else {
                throw LiveRunError("journal and store disagree: attempt \(open.planned.key) was never written")
            }
            switch record.state {
            case .sent:
                open.gatewayMessageID = record.gatewayMessageID
                state.open[id] = open
                if let messageID = record.gatewayMessageID {
                    state.idByMessageID[messageID] = id
                    state.keyByMessageID[messageID] = open.planned.key
                }
            case .dispatching, .inDoubt, .planned:
                state.startLookups.append(id)
            case .result, .failed:
                // Cannot happen (result and journal entry commit together); answer the engine from the store.
                state.startInputs.append(.result(id, record.result ?? .failed))
            }
        }
        // Attempts already answered keep their message ids, so late duplicate webhooks are recognised.
        for (id, planned) in dispatched where state.open[id] == nil {
            if let record = try self.store.attempt(planned.key), let messageID = record.gatewayMessageID {
                state.keyByMessageID[messageID] = planned.key
            }
        }
        // Accounts imported since the run started (or all of them on a fresh run) join now.
        for account in try self.store.loadAccounts() where state.indexByID[account.id] == nil {
            state.newAccounts.append(account)
        }
        return state
    }

    /// The stored form of an engine attempt: names instead of indices and a deterministic idempotency key.
    func plan(_ attempt: Attempt, state: DriverState) -> PlannedAttempt {
        let account = state.accounts[attempt.account.position]
        let campaign = self.configuration.campaigns[attempt.campaign]
        let variant = self.configuration.variantName(campaign: attempt.campaign, variant: attempt.variant)
        let step =
            campaign.steps.indices.contains(attempt.step) ? campaign.steps[attempt.step].id : "step\(attempt.step)"
        let destination: String
        if attempt.channel == .email {
            destination =
                account.emails.indices.contains(attempt.destination) ? account.emails[attempt.destination].address : ""
        } else {
            destination =
                account.phones.indices.contains(attempt.destination) ? account.phones[attempt.destination].number : ""
        }
        return PlannedAttempt(
            key: AttemptKeys.key(
                runID: self.configuration.runID,
                campaign: campaign.name,
                variant: variant,
                step: step,
                accountID: account.id,
                serial: attempt.id.serial
            ),
            accountID: account.id,
            campaign: campaign.name,
            variant: variant,
            step: step,
            channel: attempt.channel,
            destination: destination,
            debtBucket: attempt.debtBucket,
            template: attempt.template,
            dueAt: attempt.at
        )
    }
}
