public import DunCore
import DunEngine
public import DunStore
public import DunWebhooks
public import Logging

/// Runs the scheduler engine on a clock, dispatching through gateways, journaling every input for
/// crash-safe resumption. The same `SchedulerEngine` the simulator runs; only the clock and gateways differ.
///
/// ## A turn
///
/// The loop waits for events (the timer, gateway answers, webhooks, shutdown), then in one *turn*:
/// 1. turns the events into engine inputs (a gateway acceptance marks the attempt sent; a result webhook
///    becomes `.result`; STOP becomes an opt-out `.consumerEvent`; a due timer becomes `.timerFired`);
/// 2. hands the inputs to the engine at the turn's instant and collects its actions;
/// 3. commits in **one transaction**: the journal entries of the inputs, the attempt transitions and
///    results, the consumer events, the new attempts (`dispatching`), deferrals and endings;
/// 4. only then releases effects: answers the webhooks (2xx), starts the sends, re-arms the timer.
///
/// So a crash at any point loses only a turn whose effects nobody outside has seen. On start the driver
/// replays the run's journal into a fresh engine (same campaigns, seed and account snapshots, so the same
/// state and attempt ids); dispatches met during replay are not sent again; attempts left `dispatching` or
/// `in_doubt` are reconciled with the gateway by idempotency key before anything could resend them.
///
/// ```swift
/// let driver = LiveDriver(configuration: configuration, store: store, gateways: GatewayRouter([gateway]),
///                         clock: SystemUTCClock(), logger: logger)
/// let server = WebhookServer(configuration: webhookConfiguration, sink: driver.webhookSink, replies: replies)
/// try await driver.run()   // until driver.stop()
/// ```
public final class LiveDriver: Sendable {
    /// What the run runs.
    public let configuration: LiveRunConfiguration
    let store: any Store & RunJournal
    let gateways: GatewayRouter
    let clock: any UTCClock
    let logger: Logger
    let queue = EventQueue()
    let observer: (@Sendable (TurnReport) -> Void)?

    /// Creates a driver.
    ///
    /// - Parameters:
    ///   - configuration: The run.
    ///   - store: The durable store and journal (accounts must be imported).
    ///   - gateways: Gateways by channel.
    ///   - clock: The wall clock (a manual one in tests).
    ///   - logger: Where the run logs; destinations are redacted before they reach it.
    ///   - observer: Called after every committed turn (tests, benchmarks, dashboards in process).
    public init(
        configuration: LiveRunConfiguration,
        store: any Store & RunJournal,
        gateways: GatewayRouter,
        clock: any UTCClock,
        logger: Logger,
        observer: (@Sendable (TurnReport) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.store = store
        self.gateways = gateways
        self.clock = clock
        self.logger = logger
        self.observer = observer
    }

    /// The sink to hand the webhook server: each event is committed by the driver before the handler
    /// answers.
    public var webhookSink: any WebhookEventSink { DriverWebhookSink(queue: self.queue) }

    /// Asks the run to stop: no new work is started; sends in flight are awaited (at most
    /// `shutdownGraceMilliseconds`), then `run()` returns. Safe to call from any thread, any number of times.
    public func stop() {
        self.queue.push(.shutdown)
    }

    /// Restores the run from its journal, then runs until `stop()`.
    ///
    /// - Throws: `LiveRunError` when the run id was started with another configuration, a journal entry
    ///   cannot be read, or a commit fails (the run stops; a restart resumes it).
    public func run() async throws {
        defer { self.queue.close() }
        var state = try self.restore()
        self.logger.info(
            "run \(self.configuration.runID): \(state.accounts.count) accounts, journal at \(state.sequence), engine clock \(ISO8601.format(state.now, offsetSeconds: 0)), next wake \(state.engine.nextWake.map { ISO8601.format($0, offsetSeconds: 0) } ?? "none"), open \(state.open.count)"
        )
        if !state.startLookups.isEmpty {
            self.logger.info("reconciling \(state.startLookups.count) attempts in doubt with the gateway")
        }
        try self.startRunRecord(state)
        do {
            try self.turn([], state: &state)
            while true {
                let events = await self.queue.next()
                try self.turn(events, state: &state)
                if state.shuttingDown
                    && (state.unanswered == 0
                        || self.clock.nowMilliseconds() >= state.shutdownDeadlineMilliseconds)
                {
                    break
                }
            }
        } catch {
            state.timer?.cancel()
            self.queue.close()
            self.failParked(&state, error)
            throw error
        }
        state.timer?.cancel()
        // From here on no turn runs: webhooks still queued or arriving are refused at once (the gateway calls
        // again), so no webhook handler waits for an answer that never comes.
        self.queue.close()
        self.failParked(&state, LiveRunError("the run stopped"))
        try self.store.finishRun(runID: self.configuration.runID, at: state.now)
        self.logger.info(
            "run \(self.configuration.runID) stopped: journal at \(state.sequence), \(state.unanswered) sends unanswered"
        )
    }

    private func startRunRecord(_ state: DriverState) throws {
        let configuration = self.configuration
        var arms: [RunRecord.Arm] = []
        for (index, campaign) in configuration.campaigns.enumerated() {
            let share = configuration.split.indices.contains(index) ? configuration.split[index] : 100
            if campaign.variants.isEmpty {
                arms.append(
                    RunRecord.Arm(
                        campaign: campaign.name,
                        variant: "main",
                        share: share,
                        path: configuration.campaignPaths[index]
                    )
                )
            }
            for variant in campaign.variants {
                arms.append(
                    RunRecord.Arm(
                        campaign: campaign.name,
                        variant: variant.name,
                        share: share,
                        path: configuration.campaignPaths[index]
                    )
                )
            }
        }
        let now = self.clock.now()
        let started = try self.store.run(id: configuration.runID)?.startedAt ?? now
        try self.store.startRun(
            RunRecord(
                id: configuration.runID,
                startedAt: started,
                heartbeatAt: now,
                clockAt: state.now,
                status: "running",
                arms: arms,
                // Recorded so `dun status` in another process can show how full each pool is.
                pools: configuration.pools.map { pool in
                    RunPool(
                        channel: pool.channel,
                        rateAttempts: pool.rate?.attempts,
                        rateIntervalSeconds: pool.rate?.intervalSeconds ?? 1,
                        seats: pool.seats
                    )
                }
            )
        )
    }

    private func failParked(_ state: inout DriverState, _ error: any Error) {
        for (_, parked) in state.parked {
            for entry in parked { entry.reply.resume(.failure(error)) }
        }
        state.parked = [:]
    }
}

/// What one committed turn did (for tests, benchmarks and in-process observers).
public struct TurnReport: Sendable {
    /// The engine instant of the turn.
    public var at: UTCInstant
    /// The attempts the turn started sending, in engine order.
    public var dispatched: [PlannedAttempt]
    /// The engine's next wake-up after the turn.
    public var nextWake: UTCInstant?
    /// The last journal sequence after the turn.
    public var journalSequence: Int64
    /// Sends and lookups still awaiting the gateway.
    public var sendsInFlight: Int
    /// Attempts dispatched and not yet answered.
    public var openAttempts: Int
    /// Dispatches since the driver started.
    public var dispatchedTotal: Int
}
