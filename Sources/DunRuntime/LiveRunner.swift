import Dispatch
import DunCampaign
public import DunCore
import DunEngine
import DunGateways
import DunPolicy
import DunStore
import DunWebhooks
public import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `dun run`, as a library call: validates the campaigns and the gateway file, opens the store, wires the
/// gateways, the webhook server and the driver, and runs until SIGINT or SIGTERM.
public enum LiveRunner {
    /// The command line of `dun run`.
    public struct Options: Sendable {
        public var campaignPaths: [String]
        /// `path:weight` pairs (`champion.yaml:80`).
        public var split: [(path: String, weight: Int)]
        public var gatewayPath: String?
        public var databasePath: String
        public var seed: UInt64
        public var webhookPort: Int?
        public var runID: String
        /// Test and demo clock: virtual `start` at wall `originMilliseconds`, `speed` times faster.
        public var clockStart: UTCInstant?
        public var clockOriginMilliseconds: Int64?
        public var clockSpeed: Int

        public init(
            campaignPaths: [String],
            split: [(path: String, weight: Int)] = [],
            gatewayPath: String? = nil,
            databasePath: String = "dun.sqlite",
            seed: UInt64 = 0,
            webhookPort: Int? = nil,
            runID: String = "main",
            clockStart: UTCInstant? = nil,
            clockOriginMilliseconds: Int64? = nil,
            clockSpeed: Int = 1
        ) {
            self.campaignPaths = campaignPaths
            self.split = split
            self.gatewayPath = gatewayPath
            self.databasePath = databasePath
            self.seed = seed
            self.webhookPort = webhookPort
            self.runID = runID
            self.clockStart = clockStart
            self.clockOriginMilliseconds = clockOriginMilliseconds
            self.clockSpeed = clockSpeed
        }
    }

    /// Loads and validates every campaign file; all diagnostics together when any has an error.
    public static func loadCampaigns(_ paths: [String]) throws(DiagnosticError) -> [Campaign] {
        var campaigns: [Campaign] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            let result = CampaignLoader.load(file: path)
            if result.hasErrors || result.campaign == nil {
                diagnostics += result.diagnostics.filter { $0.severity == .error }
            } else if let campaign = result.campaign {
                campaigns.append(campaign)
            }
        }
        guard diagnostics.isEmpty else { throw DiagnosticError(diagnostics) }
        return campaigns
    }

    /// Runs `dun run`. Returns when stopped by a signal; throws on invalid input (nothing started) or when
    /// the run fails.
    public static func run(_ options: Options, logger: Logger) async throws {
        // Everything is checked before anything starts.
        var paths = options.campaignPaths
        for arm in options.split where !paths.contains(arm.path) { paths.append(arm.path) }
        guard !paths.isEmpty else { throw LiveRunError("dun run needs at least one campaign file") }
        let campaigns = try self.loadCampaigns(paths)
        var split: [Int] = []
        if !options.split.isEmpty {
            split = paths.map { path in options.split.first { $0.path == path }?.weight ?? 0 }
        }
        guard let gatewayPath = options.gatewayPath else {
            throw LiveRunError("dun run needs --gateway FILE (see examples/gateway-sim.yaml)")
        }
        let gatewayText = try SourceFile.read(gatewayPath).get()
        let gatewayFile = try GatewayFile.load(text: gatewayText, path: gatewayPath)
        let store = try SQLiteStore(path: options.databasePath)

        let baseClock = SystemUTCClock()
        let clock: any UTCClock =
            if let start = options.clockStart {
                ScaledUTCClock(
                    base: baseClock,
                    start: start,
                    originMilliseconds: options.clockOriginMilliseconds ?? baseClock.nowMilliseconds(),
                    factor: options.clockSpeed
                )
            } else {
                baseClock
            }

        let curl = CurlMulti()
        defer { curl.shutdown() }
        var gateways: [any Gateway] = []
        if let twilio = gatewayFile.twilio {
            gateways.append(
                TwilioGateway(
                    configuration: TwilioGateway.Configuration(
                        baseURL: twilio.baseURL,
                        accountSID: twilio.accountSID,
                        authToken: twilio.authToken,
                        fromNumber: twilio.fromNumber,
                        timeoutMilliseconds: twilio.timeoutMilliseconds
                    ),
                    curl: curl
                )
            )
        }
        if let smtp = gatewayFile.smtp {
            gateways.append(
                SMTPGateway(
                    configuration: SMTPGateway.Configuration(
                        url: smtp.url,
                        fromAddress: smtp.fromAddress,
                        credentials: smtp.credentials,
                        timeoutMilliseconds: smtp.timeoutMilliseconds
                    ),
                    curl: curl
                )
            )
        }
        let webhookPort = options.webhookPort ?? gatewayFile.webhooks?.port ?? 8081
        let webhookHost = gatewayFile.webhooks?.host ?? "127.0.0.1"
        let publicURL = gatewayFile.webhooks?.publicURL ?? "http://127.0.0.1:\(webhookPort)"
        var pools: [CapacityPool] = []
        if let rate = gatewayFile.twilio?.smsPerSecond {
            pools.append(CapacityPool(channel: .sms, rate: CapacityPool.Rate(attempts: rate)))
        }
        if let rate = gatewayFile.twilio?.callsPerSecond {
            pools.append(CapacityPool(channel: .call, rate: CapacityPool.Rate(attempts: rate)))
        }
        let configuration = LiveRunConfiguration(
            runID: options.runID,
            campaigns: campaigns,
            campaignPaths: paths,
            split: split,
            seed: options.seed,
            pools: pools,
            webhookPublicURL: publicURL,
            templateValues: gatewayFile.values
        )
        let driver = LiveDriver(
            configuration: configuration,
            store: store,
            gateways: GatewayRouter(gateways),
            clock: clock,
            logger: logger
        )
        let server = WebhookServer(
            configuration: WebhookServer.Configuration(
                host: webhookHost,
                port: webhookPort,
                authToken: gatewayFile.twilio?.authToken ?? "",
                publicBaseURL: publicURL
            ),
            sink: driver.webhookSink,
            replies: InboundReplies(
                programName: gatewayFile.values["company"] ?? "Account notices",
                helpContact: gatewayFile.values["callback_number"] ?? gatewayFile.twilio?.fromNumber ?? "",
                frequency: "varies"
            )
        )
        let signals = SignalWatcher(signals: [SIGINT, SIGTERM]) { signal in
            logger.info("signal \(signal): finishing in-flight work")
            driver.stop()
        }
        defer { signals.cancel() }
        // The webhook server runs beside the driver. It cannot fail silently: a bind error stops the run.
        let serverFailure = LockedBox<String?>(nil)
        let shutdown = WebhookShutdown()
        let serverTask = Task {
            do {
                try await server.run(shutdown: shutdown) { port in
                    logger.info("webhooks listening on \(webhookHost):\(port)")
                }
            } catch {
                guard !Task.isCancelled, !shutdown.isTriggered else { return }
                serverFailure.set("\(error)")
                logger.error("webhook server on \(webhookHost):\(webhookPort) failed: \(error); stopping the run")
                driver.stop()
            }
        }
        do {
            try await driver.run()
        } catch {
            await Self.stopServer(serverTask, shutdown: shutdown, clock: baseClock, logger: logger)
            throw error
        }
        await Self.stopServer(serverTask, shutdown: shutdown, clock: baseClock, logger: logger)
        if let failure = serverFailure.get() {
            throw LiveRunError("the webhook server on \(webhookHost):\(webhookPort) failed: \(failure)")
        }
    }

    /// How long the webhook server may take to close its connections once the driver has stopped.
    static let serverShutdownMilliseconds: Int64 = 3_000

    /// Stops the webhook server gracefully and waits for it, at most `serverShutdownMilliseconds` of wall time:
    /// by then every handler has been answered (the driver closed its queue), and a connection still open
    /// (a client keeping it alive) must not keep the process from exiting, so the server's task is then
    /// cancelled and the run exits without it. (Cancelling first can trap in SwiftNIO: see `WebhookShutdown`.)
    static func stopServer(
        _ task: Task<Void, Never>,
        shutdown: WebhookShutdown,
        clock: SystemUTCClock,
        logger: Logger
    ) async {
        await shutdown.trigger()
        let finished = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let once = LockedBox<CheckedContinuation<Bool, Never>?>(continuation)
            @Sendable func finish(_ value: Bool) {
                once.take()?.resume(returning: value)
            }
            Task {
                await task.value
                finish(true)
            }
            Task {
                try? await clock.sleep(milliseconds: Self.serverShutdownMilliseconds)
                finish(false)
            }
        }
        if !finished {
            task.cancel()
            logger.warning(
                "the webhook server did not close within \(Self.serverShutdownMilliseconds) ms; exiting anyway"
            )
        }
    }
}

/// Calls `handler` on SIGINT/SIGTERM instead of the default (terminate), until cancelled.
final class SignalWatcher {
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        var sources: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    func cancel() {
        for source in self.sources { source.cancel() }
    }
}
