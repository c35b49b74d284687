import DunGateways
public import DunRuntime
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The sandbox gateway's state: accepted messages by idempotency key, the fault and outcome draws, the log.
///
/// Thread-safe; the HTTP routes (``GatewaySimServer``) and the SMTP sessions call into it. A repeated
/// idempotency key returns the original record and logs a `repeat` line, never a second `accepted` line,
/// so the log proves that nothing was sent twice.
public final class GatewaySim: Sendable {
    /// A fault to inject into one API request.
    public enum Fault: Sendable, Hashable {
        /// Answer 500 and accept nothing.
        case serverError
        /// Wait past the client's time limit; accept the message first when `acceptFirst`.
        case stall(acceptFirst: Bool)
        /// Answer 429 with `Retry-After`.
        case tooManyRequests
    }

    /// A callback the sim will post, signed, after a delay.
    public struct Callback: Sendable, Hashable {
        /// The full URL.
        public var url: String
        /// The form parameters, in order.
        public var parameters: [(String, String)]

        public static func == (lhs: Callback, rhs: Callback) -> Bool {
            lhs.url == rhs.url && lhs.parameters.elementsEqual(rhs.parameters, by: { $0 == $1 })
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(self.url)
            for (name, value) in self.parameters {
                hasher.combine(name)
                hasher.combine(value)
            }
        }
    }

    private struct State {
        var byKey: [String: GatewaySimRecord] = [:]
        var bySID: [String: GatewaySimRecord] = [:]
        var accepted: [GatewaySimRecord] = []
        var logLines: [String] = []
        var repeats = 0
        var nextNumber: UInt64 = 1
        var faultRandom: SimRandom
        var outcomeRandom: SimRandom
    }

    /// The options the sim runs with.
    public let options: GatewaySimOptions
    private let clock: any UTCClock
    private let state: Mutex<State>
    private nonisolated(unsafe) let logFile: UnsafeMutablePointer<FILE>?

    /// Creates the sim's state; opens the log file for appending when the options name one.
    ///
    /// - Throws: ``GatewaySimError`` when the log file cannot be opened.
    public init(options: GatewaySimOptions, clock: any UTCClock) throws {
        self.options = options
        self.clock = clock
        self.state = Mutex(
            State(
                faultRandom: SimRandom(seed: options.seed ^ 0xFA17),
                outcomeRandom: SimRandom(seed: options.seed ^ 0x0C7C_0E5)
            )
        )
        if let path = options.logPath {
            guard let file = fopen(path, "a") else {
                throw GatewaySimError("cannot open log file \(path): \(String(cString: strerror(errno)))")
            }
            self.logFile = file
        } else {
            self.logFile = nil
        }
    }

    deinit {
        if let logFile = self.logFile {
            fclose(logFile)
        }
    }

    /// Every accepted record, each once, in acceptance order.
    public var accepted: [GatewaySimRecord] { self.state.withLock { $0.accepted } }

    /// The log lines written so far (also appended to the log file).
    public var logLines: [String] { self.state.withLock { $0.logLines } }

    /// How many requests repeated an idempotency key already accepted.
    public var repeatCount: Int { self.state.withLock { $0.repeats } }

    /// Draws the fault (if any) for the next API request.
    public func drawFault() -> Fault? {
        self.state.withLock { state in
            let draw = state.faultRandom.unit()
            let options = self.options
            if draw < options.fault5xx { return .serverError }
            if draw < options.fault5xx + options.faultTimeout {
                return .stall(acceptFirst: state.faultRandom.unit() < 0.5)
            }
            if draw < options.fault5xx + options.faultTimeout + options.fault429 { return .tooManyRequests }
            return nil
        }
    }

    /// Accepts a message under `idempotencyKey`, or returns the one already accepted under it.
    ///
    /// - Returns: the record and whether it is new.
    public func accept(
        kind: GatewaySimRecord.Kind,
        idempotencyKey: String?,
        to: String,
        from: String,
        statusCallback: String?
    ) -> (record: GatewaySimRecord, isNew: Bool) {
        let now = self.clock.nowMilliseconds()
        return self.state.withLock { state in
            let number = state.nextNumber
            let prefix = kind == .call ? "CA" : "SM"
            let sid = prefix + Self.hex32(number ^ (self.options.seed << 32))
            let key = idempotencyKey.map { "\(kind.rawValue):\($0)" }
            if let key, let original = state.byKey[key] {
                state.repeats += 1
                self.log(original.logLine(event: "repeat"), into: &state)
                return (original, false)
            }
            state.nextNumber += 1
            let record = GatewaySimRecord(
                kind: kind,
                sid: kind == .email ? (idempotencyKey ?? sid) : sid,
                idempotencyKey: idempotencyKey ?? "none-\(sid)",
                to: to,
                from: from,
                statusCallback: statusCallback,
                acceptedAtMilliseconds: now
            )
            if let key {
                state.byKey[key] = record
            }
            state.bySID[record.sid] = record
            state.accepted.append(record)
            self.log(record.logLine(event: "accepted"), into: &state)
            return (record, true)
        }
    }

    /// The record accepted under `idempotencyKey` for `kind`, if any.
    public func lookup(kind: GatewaySimRecord.Kind, idempotencyKey: String) -> GatewaySimRecord? {
        self.state.withLock { $0.byKey["\(kind.rawValue):\(idempotencyKey)"] }
    }

    /// Writes a free-form log line (a callback result, say).
    public func log(_ line: String) {
        self.state.withLock { self.log(line, into: &$0) }
    }

    /// The callbacks an accepted record leads to, drawn from the behaviour model: a status callback and,
    /// for some delivered SMS, a reply from the debtor.
    public func callbacks(for record: GatewaySimRecord) -> [Callback] {
        let behaviour = self.options.behaviour
        let base = self.options.webhookBaseURL
        let account = "ACsim"
        return self.state.withLock { state -> [Callback] in
            var callbacks: [Callback] = []
            switch record.kind {
            case .sms:
                let delivered = state.outcomeRandom.unit() < behaviour.smsDelivered
                if let url = record.statusCallback ?? base.map({ $0 + "/twilio/message-status" }) {
                    var parameters = [
                        ("AccountSid", account), ("MessageSid", record.sid),
                        ("MessageStatus", delivered ? "delivered" : "undelivered"),
                        ("To", record.to), ("From", record.from),
                    ]
                    if !delivered {
                        parameters.append(("ErrorCode", "30003"))
                    }
                    callbacks.append(Callback(url: url, parameters: parameters))
                }
                if delivered, let base, state.outcomeRandom.unit() < behaviour.smsReply {
                    let kindDraw = state.outcomeRandom.unit()
                    let body =
                        kindDraw < behaviour.replyStop
                        ? "STOP" : kindDraw < behaviour.replyStop + behaviour.replyHelp ? "HELP" : "I can pay on Friday"
                    let inboundSID = "SMin" + record.sid.dropFirst(2)
                    callbacks.append(
                        Callback(
                            url: base + "/twilio/inbound",
                            parameters: [
                                ("AccountSid", account), ("MessageSid", inboundSID), ("From", record.to),
                                ("To", record.from), ("Body", body),
                            ]
                        )
                    )
                }
            case .call:
                guard let url = record.statusCallback ?? base.map({ $0 + "/twilio/call-status" }) else { break }
                let draw = state.outcomeRandom.unit()
                var cumulative = 0.0
                var outcome = 4
                for (index, share) in behaviour.callOutcomes.enumerated() {
                    cumulative += share
                    if draw < cumulative {
                        outcome = index
                        break
                    }
                }
                var parameters = [("AccountSid", account), ("CallSid", record.sid)]
                switch outcome {
                case 0: parameters += [("CallStatus", "completed"), ("AnsweredBy", "human"), ("CallDuration", "42")]
                case 1:
                    parameters += [
                        ("CallStatus", "completed"), ("AnsweredBy", "machine_start"), ("CallDuration", "25"),
                    ]
                case 2: parameters += [("CallStatus", "no-answer")]
                case 3: parameters += [("CallStatus", "busy")]
                default: parameters += [("CallStatus", "failed")]
                }
                parameters += [("To", record.to), ("From", record.from)]
                callbacks.append(Callback(url: url, parameters: parameters))
            case .email:
                break
            }
            return callbacks
        }
    }

    private func log(_ line: String, into state: inout State) {
        state.logLines.append(line)
        if let logFile = self.logFile {
            fputs(line + "\n", logFile)
            fflush(logFile)
        }
    }

    private static func hex32(_ value: UInt64) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 32 - hex.count) + hex
    }
}

/// A gateway-sim set-up error (bad option, unopenable log, port in use).
public struct GatewaySimError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
