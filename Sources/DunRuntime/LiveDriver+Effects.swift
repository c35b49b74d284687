import DunCampaign
import DunCore
import DunEngine
import DunGateways
import DunStore
import Logging

extension LiveDriver {
    /// Starts committed sends waiting for a slot, in dispatch order, while fewer than
    /// `maxSendsInFlight` sends and lookups are with the gateways. Each answer frees a slot for the next turn.
    func startWaitingSends(state: inout DriverState) {
        let limit = self.configuration.maxSendsInFlight
        while state.waitingHead < state.waitingSends.count && state.sendsInFlight < limit {
            let (attempt, planned) = state.waitingSends[state.waitingHead]
            state.waitingHead += 1
            if attempt.channel != .email && state.smsSuppressed.contains(planned.destination) {
                // A STOP arrived while it waited: it must not leave. It fails like a refused send.
                state.sendsInFlight += 1
                self.queue.push(
                    .sent(attempt.id, .permanent(GatewayFailure(message: "not sent: the number opted out meanwhile")))
                )
                continue
            }
            self.startSend(attempt, planned, state: &state)
        }
        if state.waitingHead == state.waitingSends.count {
            state.waitingSends.removeAll(keepingCapacity: true)
            state.waitingHead = 0
        } else if state.waitingHead >= 4_096 && state.waitingHead * 2 >= state.waitingSends.count {
            state.waitingSends.removeFirst(state.waitingHead)
            state.waitingHead = 0
        }
    }

    /// Starts sending a committed attempt; its answer comes back as `.sent`.
    func startSend(_ attempt: Attempt, _ planned: PlannedAttempt, state: inout DriverState) {
        guard let gateway = self.gateways.gateway(for: attempt.channel) else {
            state.sendsInFlight += 1
            self.queue.push(
                .sent(
                    attempt.id,
                    .permanent(GatewayFailure(message: "no gateway configured for \(attempt.channel.rawValue)"))
                )
            )
            return
        }
        let account = state.accounts[attempt.account.position]
        let gatewayAttempt = GatewayAttempt(
            channel: attempt.channel,
            destination: planned.destination,
            content: self.render(attempt, account: account),
            idempotencyKey: planned.key.rawValue,
            statusCallbackURL: self.statusCallbackURL(for: attempt.channel)
        )
        state.sendsInFlight += 1
        let queue = self.queue
        Task {
            let result = await gateway.send(gatewayAttempt)
            queue.push(.sent(attempt.id, result))
        }
    }

    /// Asks the gateway whether it took an attempt in doubt; the answer comes back as `.lookedUp`.
    func startLookup(_ id: AttemptID, failure: GatewayFailure?, state: inout DriverState) {
        guard let open = state.open[id] else { return }
        state.sendsInFlight += 1
        let queue = self.queue
        guard let gateway = self.gateways.gateway(for: open.attempt.channel) else {
            queue.push(.lookedUp(id, .unknown("no gateway configured"), failure: failure))
            return
        }
        let key = open.planned.key.rawValue
        let channel = open.attempt.channel
        let clock = self.clock
        Task {
            // A lookup that itself failed (a timeout, a 5xx) is asked again before the attempt is left in
            // doubt for a person to settle.
            var result = await gateway.lookup(idempotencyKey: key, channel: channel)
            var tries = 1
            while case .unknown = result, tries < Self.lookupTries {
                do {
                    try await clock.sleep(milliseconds: 1_000 * Int64(tries))
                } catch {
                    break
                }
                result = await gateway.lookup(idempotencyKey: key, channel: channel)
                tries += 1
            }
            queue.push(.lookedUp(id, result, failure: failure))
        }
    }

    /// How many times an attempt in doubt is looked up before it stays in doubt.
    static let lookupTries = 3

    func statusCallbackURL(for channel: Channel) -> String? {
        guard let base = self.configuration.webhookPublicURL else { return nil }
        switch channel {
        case .sms: return base + "/twilio/message-status"
        case .call, .agentCall: return base + "/twilio/call-status"
        case .email: return nil
        }
    }

    /// The attempt's words: its template filled with the account's values (run-level values for the rest).
    func render(_ attempt: Attempt, account: Account) -> RenderedContent {
        let campaign = self.configuration.campaigns[attempt.campaign]
        guard
            let template = campaign.templates.first(where: {
                $0.id == attempt.template && $0.language == account.language
            }) ?? campaign.templates.first(where: { $0.id == attempt.template })
        else {
            return RenderedContent(body: attempt.template)
        }
        var values: [Placeholder: String] = [:]
        for placeholder in Placeholder.allCases {
            values[placeholder] = self.configuration.templateValues[placeholder.rawValue] ?? placeholder.sampleValue
        }
        values[.firstName] = account.firstName.isEmpty ? values[.firstName] : account.firstName
        values[.lastName] = account.lastName.isEmpty ? values[.lastName] : account.lastName
        values[.balance] = "$" + account.balance.decimalString
        if let creditor = account.debts.first?.creditor, !creditor.isEmpty { values[.creditor] = creditor }
        values[.daysPastDue] = String(account.daysPastDue)
        values[.accountLast4] = String(account.id.suffix(4))
        do {
            let message = try TemplateRenderer.render(template, values: values)
            return RenderedContent(subject: message.subject, body: message.body)
        } catch {
            return RenderedContent(subject: template.subject, body: template.body)
        }
    }

    /// Records the run's heartbeat at most once per second of wall time.
    func heartbeat(state: inout DriverState) {
        let second = self.clock.nowMilliseconds() / 1000
        guard second > state.lastHeartbeatSecond else { return }
        state.lastHeartbeatSecond = second
        do {
            try self.store.heartbeat(runID: self.configuration.runID, at: self.clock.now(), clock: state.now)
        } catch {
            self.logger.warning("heartbeat not recorded: \(error)")
        }
    }

    /// Arms the timer for the engine's next wake-up, or one second from now for the heartbeat, whichever
    /// is first. A wake-up is only ever a prompt to look: the turn re-reads the clock and the engine.
    func armTimer(state: inout DriverState) {
        var deadline = state.now.adding(seconds: 1)
        if !state.shuttingDown, let wake = state.engine.nextWake, wake < deadline {
            deadline = Swift.max(wake, state.now)
        }
        if state.shuttingDown {
            // While stopping, wake to check the grace deadline.
            deadline = state.now.adding(seconds: 1)
        }
        if let armed = state.timerDeadline, armed == deadline, state.timer != nil { return }
        state.timer?.cancel()
        state.timerDeadline = deadline
        let clock = self.clock
        let queue = self.queue
        state.timer = Task {
            do {
                try await clock.sleep(until: deadline)
            } catch {
                return
            }
            queue.push(.tick)
        }
    }
}
