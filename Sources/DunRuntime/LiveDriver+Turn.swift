import DunCampaign
import DunCore
import DunEngine
import DunGateways
import DunPolicy
import DunStore
import DunWebhooks
import Logging

extension LiveDriver {
    /// What a turn collects before it commits.
    struct TurnWork {
        var batch = RunBatch()
        var inputs: [(input: EngineInput, note: String)] = []
        var replies: [(WebhookReply, WebhookDisposition)] = []
        var lookups: [(AttemptID, GatewayFailure?)] = []
        var sends: [(Attempt, PlannedAttempt)] = []
        var tick = false
    }

    /// One turn: events → engine inputs → one commit → effects. See the type's documentation.
    func turn(_ events: [DriverEvent], state: inout DriverState) throws {
        let wall = self.clock.now()
        if wall > state.now { state.now = wall }
        let now = state.now
        var work = TurnWork()
        let freshRun = state.sequence == 0
        if freshRun {
            self.journal("run", self.configuration.fingerprint, at: now, state: &state, work: &work)
        }
        // New accounts first: snapshot, register, enrol.
        if !state.newAccounts.isEmpty {
            var enrolments: [(input: EngineInput, note: String)] = []
            for account in state.newAccounts where state.indexByID[account.id] == nil {
                let index = state.add(account)
                self.journal("account", try AccountSnapshot(account).encoded(), at: now, state: &state, work: &work)
                if let campaign = self.campaign(for: account) {
                    enrolments.append((.enrol(index, campaign: campaign), ""))
                }
            }
            state.newAccounts = []
            if freshRun {
                // Opt-outs recorded before the run started reach the engine before any enrolment.
                for input in try self.existingOptOuts(state: state) { work.inputs.append((input, "")) }
            }
            work.inputs += enrolments
        }
        if freshRun {
            // Everything recorded before this point is in the account snapshots and the opt-outs above.
            state.auditHighWater = try self.store.auditHighWater()
            self.journal("audit", String(state.auditHighWater), at: now, state: &state, work: &work)
        }
        for input in state.startInputs { work.inputs.append((input, "")) }
        state.startInputs = []
        for id in state.startLookups { work.lookups.append((id, nil)) }
        state.startLookups = []

        for event in events {
            switch event {
            case .tick:
                // The timer task is done: a wake-up that came early (clock jumps, rounding) must re-arm.
                work.tick = true
                state.timer = nil
                state.timerDeadline = nil
            case .shutdown:
                if !state.shuttingDown {
                    state.shuttingDown = true
                    state.shutdownDeadlineMilliseconds =
                        self.clock.nowMilliseconds() + self.configuration.shutdownGraceMilliseconds
                    self.logger.info("stopping: waiting for \(state.unanswered) sends in flight")
                }
            case .sent(let id, let result):
                state.sendsInFlight -= 1
                self.handleSent(id, result, state: &state, work: &work)
            case .lookedUp(let id, let result, let failure):
                state.sendsInFlight -= 1
                self.handleLookup(id, result, failure: failure, state: &state, work: &work)
            case .webhook(let event, let reply):
                self.handleWebhook(event, reply: reply, state: &state, work: &work)
            }
        }
        self.resolveParked(state: &state, work: &work)
        let second = self.clock.nowMilliseconds() / 1000
        if !freshRun, second > state.lastFeedSecond {
            state.lastFeedSecond = second
            self.feedFromStore(state: &state, work: &work)
        }
        if !state.shuttingDown, let wake = state.engine.nextWake, wake <= now {
            work.inputs.append((.timerFired, ""))
        }

        // The engine decides.
        for (input, note) in work.inputs {
            var (kind, payload) = JournalCodec.encode(input)
            if !note.isEmpty { payload += " " + note }
            self.journal(kind, payload, at: now, state: &state, work: &work)
            state.actions.removeAll(keepingCapacity: true)
            state.engine.handle(input, at: now, into: &state.actions)
            if case .enrol(let account, _) = input, let enrolment = state.engine.enrolment(of: account),
                enrolment.state != .ended
            {
                let campaign = self.configuration.campaigns[enrolment.campaign]
                work.batch.enrolments.append(
                    DunStore.Enrolment(
                        accountID: state.accounts[account.position].id,
                        campaign: campaign.name,
                        variant: self.configuration.variantName(
                            campaign: enrolment.campaign,
                            variant: enrolment.variant
                        ),
                        step: campaign.steps.indices.contains(enrolment.step) ? campaign.steps[enrolment.step].id : "",
                        status: .active,
                        updatedAt: now
                    )
                )
            }
            self.collect(state.actions, state: &state, work: &work)
        }

        // One commit; then the effects.
        let begun: [AttemptBegin]
        do {
            begun = try self.store.commit(work.batch, at: now)
        } catch {
            // Nothing of this turn is durable: refuse its webhooks (the gateway calls again) and stop.
            for (reply, _) in work.replies { reply.resume(.failure(error)) }
            self.logger.error("commit failed, stopping the run: \(error)")
            throw error
        }
        for (reply, disposition) in work.replies {
            reply.resume(.success(disposition))
        }
        var dispatched: [PlannedAttempt] = []
        for (index, (attempt, planned)) in work.sends.enumerated() {
            guard index < begun.count, begun[index].shouldDispatch else {
                self.logger.error("attempt \(planned.key) was already in the store; not sent again")
                continue
            }
            dispatched.append(planned)
            state.waitingSends.append((attempt, planned))
        }
        for (id, failure) in work.lookups {
            self.startLookup(id, failure: failure, state: &state)
        }
        self.startWaitingSends(state: &state)
        state.dispatchedTotal += dispatched.count
        self.heartbeat(state: &state)
        self.armTimer(state: &state)
        self.observer?(
            TurnReport(
                at: now,
                dispatched: dispatched,
                nextWake: state.engine.nextWake,
                journalSequence: state.sequence,
                sendsInFlight: state.unanswered,
                openAttempts: state.open.count,
                dispatchedTotal: state.dispatchedTotal
            )
        )
    }

    /// The campaign an account joins: its split arm (sticky, seeded), or the first campaign whose audience
    /// matches it; nil when none does.
    func campaign(for account: Account) -> Int? {
        let configuration = self.configuration
        if configuration.split.count == configuration.campaigns.count, configuration.split.count > 1 {
            return VariantAssignment.variant(
                weights: configuration.split,
                seed: configuration.seed ^ 0x5EED_5911_7A11_0000,
                idHash: VariantAssignment.stableHash(account.id)
            )
        }
        return configuration.campaigns.firstIndex { $0.audience.matches(account) }
    }

    // MARK: - Actions

    private func collect(_ actions: [EngineAction], state: inout DriverState, work: inout TurnWork) {
        for action in actions {
            switch action {
            case .dispatch(let attempt):
                let planned = self.plan(attempt, state: state)
                work.batch.begins.append(planned)
                work.sends.append((attempt, planned))
                state.open[attempt.id] = DriverState.OpenAttempt(attempt: attempt, planned: planned)
            case .deferred(let deferral):
                let campaign = self.configuration.campaigns[deferral.campaign]
                let variant = state.engine.enrolment(of: deferral.account)?.variant ?? 0
                work.batch.decisions.append(
                    PolicyDecisionRecord(
                        accountID: state.accounts[deferral.account.position].id,
                        campaign: campaign.name,
                        variant: self.configuration.variantName(campaign: deferral.campaign, variant: variant),
                        step: campaign.steps.indices.contains(deferral.step) ? campaign.steps[deferral.step].id : "",
                        channel: deferral.channel,
                        destination: "",
                        candidateAt: deferral.at,
                        rule: deferral.rule,
                        citation: "",
                        reason: deferral.reason,
                        nextAllowed: deferral.until,
                        decidedAt: deferral.at
                    )
                )
            case .end(let ending):
                let campaign = self.configuration.campaigns[ending.campaign]
                let variant = state.engine.enrolment(of: ending.account)?.variant ?? 0
                let step = ending.step.flatMap { campaign.steps.indices.contains($0) ? campaign.steps[$0].id : nil }
                work.batch.enrolments.append(
                    DunStore.Enrolment(
                        accountID: state.accounts[ending.account.position].id,
                        campaign: campaign.name,
                        variant: self.configuration.variantName(campaign: ending.campaign, variant: variant),
                        step: step ?? "",
                        status: .ended,
                        endReason: ending.rule.map { "\($0): \(ending.reason)" } ?? ending.reason,
                        updatedAt: ending.at
                    )
                )
                if let rule = ending.rule {
                    work.batch.decisions.append(
                        PolicyDecisionRecord(
                            accountID: state.accounts[ending.account.position].id,
                            campaign: campaign.name,
                            variant: self.configuration.variantName(campaign: ending.campaign, variant: variant),
                            step: step ?? "",
                            channel: ending.step.flatMap {
                                campaign.steps.indices.contains($0) ? campaign.steps[$0].channel : nil
                            } ?? .sms,
                            destination: "",
                            candidateAt: ending.at,
                            rule: rule,
                            citation: "",
                            reason: ending.reason,
                            nextAllowed: nil,
                            decidedAt: ending.at
                        )
                    )
                }
            case .wake:
                break
            }
        }
    }

    // MARK: - Gateway answers

    private func handleSent(
        _ id: AttemptID,
        _ result: GatewaySendResult,
        state: inout DriverState,
        work: inout TurnWork
    ) {
        guard let open = state.open[id] else { return }
        switch result {
        case .accepted(let receipt):
            self.accept(id, open: open, receipt: receipt, state: &state, work: &work)
        case .permanent(let failure):
            work.batch.failed.append((open.planned.key, "refused by the gateway: \(Redaction.redact(failure.message))"))
            work.inputs.append((.result(id, .failed), ""))
            state.open[id] = nil
            state.gatewayFailures[id.account] = nil
            self.logger.warning(
                "attempt \(open.planned.key) to \(Redaction.destination(open.planned.destination)) refused: \(Redaction.redact(failure.message))"
            )
        case .retryable(let failure):
            if failure.inDoubt || (failure.statusCode ?? 0) >= 500 {
                // The gateway may have taken it: ask by idempotency key before any new attempt.
                work.batch.inDoubt.append((open.planned.key, "in doubt: \(Redaction.redact(failure.message))"))
                work.lookups.append((id, failure))
            } else {
                self.retryOrFail(id, open: open, failure: failure, state: &state, work: &work)
            }
        }
    }

    private func handleLookup(
        _ id: AttemptID,
        _ result: GatewayLookupResult,
        failure: GatewayFailure?,
        state: inout DriverState,
        work: inout TurnWork
    ) {
        guard let open = state.open[id] else { return }
        switch result {
        case .found(let receipt):
            self.accept(id, open: open, receipt: receipt, state: &state, work: &work)
        case .notFound:
            let cause = failure ?? GatewayFailure(message: "not received by the gateway before the runner restarted")
            self.retryOrFail(id, open: open, failure: cause, state: &state, work: &work)
        case .unknown(let why):
            // Maybe sent, maybe not: never resend it. The engine moves on as after a failure.
            work.batch.inDoubt.append((open.planned.key, "in doubt, gateway cannot say: \(Redaction.redact(why))"))
            work.inputs.append((.result(id, .failed), ""))
            state.open[id] = nil
            self.logger.warning("attempt \(open.planned.key) stays in doubt: \(Redaction.redact(why))")
        }
    }

    private func accept(
        _ id: AttemptID,
        open: DriverState.OpenAttempt,
        receipt: GatewayReceipt,
        state: inout DriverState,
        work: inout TurnWork
    ) {
        var open = open
        work.batch.sent.append((open.planned.key, receipt.gatewayMessageID))
        state.gatewayFailures[id.account] = nil
        state.keyByMessageID[receipt.gatewayMessageID] = open.planned.key
        if open.attempt.channel == .email {
            // SMTP has no delivery callback: the receiving server's 250 is the delivery.
            work.batch.results.append((open.planned.key, .delivered, "smtp"))
            work.inputs.append((.result(id, .delivered), ""))
            state.open[id] = nil
        } else {
            open.gatewayMessageID = receipt.gatewayMessageID
            state.open[id] = open
            state.idByMessageID[receipt.gatewayMessageID] = id
        }
    }

    /// A send the gateway did not take: a new engine decision after the backoff, or the end of the line.
    private func retryOrFail(
        _ id: AttemptID,
        open: DriverState.OpenAttempt,
        failure: GatewayFailure,
        state: inout DriverState,
        work: inout TurnWork
    ) {
        let number = (state.gatewayFailures[id.account] ?? 0) + 1
        let message = Redaction.redact(failure.message)
        switch self.configuration.retryPolicy.decision(
            after: .retryable(failure),
            attemptNumber: number,
            jitterSeed: self.configuration.seed ^ id.rawValue
        ) {
        case .retry(let delay, _):
            let due = state.now.adding(seconds: Swift.max(1, (delay + 999) / 1000))
            work.batch.failed.append(
                (
                    open.planned.key,
                    "not taken by the gateway (\(message)); retried as a new attempt from \(ISO8601.format(due, offsetSeconds: 0))"
                )
            )
            work.inputs.append((.gatewayRetry(id, due: due), "\(number)"))
            state.gatewayFailures[id.account] = number
        case .stop:
            work.batch.failed.append((open.planned.key, "not taken by the gateway after \(number) sends (\(message))"))
            work.inputs.append((.result(id, .failed), ""))
            state.gatewayFailures[id.account] = nil
        }
        state.open[id] = nil
    }

    // MARK: - Webhooks

    private func handleWebhook(
        _ event: WebhookEvent,
        reply: WebhookReply,
        state: inout DriverState,
        work: inout TurnWork
    ) {
        switch event {
        case .messageStatus(let status):
            guard let result = status.result else {
                work.replies.append((reply, WebhookDisposition(isDuplicate: false, mayReply: false)))
                return
            }
            self.resolve(messageID: status.messageSID, result: result, reply: reply, state: &state, work: &work)
        case .callStatus(let status):
            guard let result = status.result else {
                work.replies.append((reply, WebhookDisposition(isDuplicate: false, mayReply: false)))
                return
            }
            self.resolve(messageID: status.callSID, result: result, reply: reply, state: &state, work: &work)
        case .inboundMessage(let inbound):
            guard state.seenInbound.insert(inbound.messageSID).inserted else {
                work.replies.append((reply, WebhookDisposition(isDuplicate: true, mayReply: false)))
                return
            }
            let owners = state.phoneOwners[inbound.from] ?? []
            let at = state.now
            switch inbound.command {
            case .optOut:
                let fresh = state.smsSuppressed.insert(inbound.from).inserted
                for owner in owners {
                    work.batch.consumerEvents.append(
                        StoredConsumerEvent(
                            accountID: state.accounts[owner.account.position].id,
                            kind: .optOut,
                            at: at,
                            channel: .sms,
                            destination: inbound.from,
                            detail: inbound.body,
                            source: "webhook"
                        )
                    )
                    work.inputs.append((.consumerEvent(owner.account, .optOut(.sms, destination: owner.position)), ""))
                }
                self.logger.info("opt-out from \(Redaction.phone(inbound.from)) (\(owners.count) accounts)")
                work.replies.append((reply, WebhookDisposition(isDuplicate: false, mayReply: fresh)))
            case .help:
                work.replies.append((reply, WebhookDisposition(isDuplicate: false, mayReply: true)))
            case .optIn:
                state.smsSuppressed.remove(inbound.from)
                for owner in owners {
                    work.batch.consumerEvents.append(
                        StoredConsumerEvent(
                            accountID: state.accounts[owner.account.position].id,
                            kind: .optIn,
                            at: at,
                            channel: .sms,
                            destination: inbound.from,
                            source: "webhook"
                        )
                    )
                    // New consent to texts on this number reaches the engine in this turn (a later text may go
                    // out, its RF-6-SMS consent renewed); automated calls stay revoked (T-01, ConsumerEvent.optIn).
                    var renewed = state.accounts[owner.account.position]
                    renewed.phones[owner.position].smsConsentAt = Swift.max(
                        renewed.phones[owner.position].smsConsentAt ?? at,
                        at
                    )
                    self.updateFacts(owner.account, to: renewed, state: &state, work: &work)
                    work.inputs.append((.consumerEvent(owner.account, .optIn(.sms, destination: owner.position)), ""))
                }
                self.logger.info("opt-in from \(Redaction.phone(inbound.from)) (\(owners.count) accounts)")
                work.replies.append((reply, WebhookDisposition(isDuplicate: false, mayReply: false)))
            case .other:
                for owner in owners {
                    work.batch.consumerEvents.append(
                        StoredConsumerEvent(
                            accountID: state.accounts[owner.account.position].id,
                            kind: .inbound,
                            at: at,
                            channel: .sms,
                            destination: inbound.from,
                            source: "webhook"
                        )
                    )
                    work.inputs.append((.reply(owner.account, channel: .sms, destination: owner.position), ""))
                }
                work.replies.append((reply, WebhookDisposition(isDuplicate: false, mayReply: false)))
            }
        }
    }

    private func resolve(
        messageID: String,
        result: AttemptResult,
        reply: WebhookReply,
        state: inout DriverState,
        work: inout TurnWork
    ) {
        if let id = state.idByMessageID[messageID], let open = state.open[id] {
            work.batch.results.append((open.planned.key, result, "webhook"))
            work.inputs.append((.result(id, result), ""))
            state.open[id] = nil
            state.idByMessageID[messageID] = nil
            work.replies.append((reply, WebhookDisposition(isDuplicate: false, mayReply: false)))
        } else if let key = state.keyByMessageID[messageID] {
            // Answered before: a repeated callback, or a later result kept for the record only.
            work.batch.results.append((key, result, "webhook"))
            work.replies.append((reply, WebhookDisposition(isDuplicate: true, mayReply: false)))
        } else {
            state.parked[messageID, default: []].append(
                DriverState.ParkedResult(
                    result: result,
                    reply: reply,
                    expiresAtMilliseconds: self.clock.nowMilliseconds() + 10_000
                )
            )
        }
    }

    /// Parked results whose message id became known are resolved; expired ones are refused (the gateway
    /// may call again).
    private func resolveParked(state: inout DriverState, work: inout TurnWork) {
        guard !state.parked.isEmpty else { return }
        let nowMilliseconds = self.clock.nowMilliseconds()
        for messageID in state.parked.keys.sorted() {
            guard let entries = state.parked[messageID] else { continue }
            if state.keyByMessageID[messageID] != nil {
                state.parked[messageID] = nil
                for entry in entries {
                    self.resolve(
                        messageID: messageID,
                        result: entry.result,
                        reply: entry.reply,
                        state: &state,
                        work: &work
                    )
                }
            } else {
                let (expired, waiting) = (
                    entries.filter { $0.expiresAtMilliseconds <= nowMilliseconds },
                    entries.filter { $0.expiresAtMilliseconds > nowMilliseconds }
                )
                for entry in expired {
                    entry.reply.resume(.failure(LiveRunError("unknown message id \(messageID)")))
                }
                state.parked[messageID] = waiting.isEmpty ? nil : waiting
            }
        }
    }
}
