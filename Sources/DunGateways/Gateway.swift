public import DunCore

/// A way out to a debtor: SMS, call or email, one attempt at a time.
///
/// Contract:
/// - ``send(_:)`` never throws. It returns `.accepted` with the gateway's message id, `.retryable` for
///   failures a later attempt may fix (HTTP 5xx, 429 with its `Retry-After`, timeouts, connection errors),
///   or `.permanent` for failures no retry fixes (every other 4xx, a refused recipient). Cancellation of the
///   calling task returns `.retryable` with ``GatewayFailure/inDoubt`` set.
/// - Idempotency: the attempt's ``GatewayAttempt/idempotencyKey`` travels with the request (HTTP headers
///   `Idempotency-Key` and `I-Twilio-Idempotency-Token`, the email's `Message-ID`). A gateway that honours
///   it returns the original message for a repeated key instead of sending a second one; dun's gateway-sim
///   does. So a retry of an attempt that is *in doubt* must reuse its key, or first ask ``lookup(idempotencyKey:channel:)``.
/// - The runner writes the attempt durably *before* calling `send` and marks it sent after `.accepted`; an
///   attempt found written-but-not-marked after a crash is reconciled with `lookup` before anything is resent.
/// - Calls for different attempts may run concurrently; implementations are thread-safe.
///
/// ```swift
/// let gateway = RecordingGateway()
/// let attempt = GatewayAttempt(channel: .sms, destination: "+15551230000",
///                              content: RenderedContent(body: "Hello"), idempotencyKey: "a-1")
/// if case .accepted(let receipt) = await gateway.send(attempt) { print(receipt.gatewayMessageID) }
/// ```
public protocol Gateway: Sendable {
    /// The channels this gateway can send on.
    var channels: Set<Channel> { get }

    /// Sends one attempt. See the protocol's contract for what each result means.
    ///
    /// - Parameter attempt: the attempt; its channel must be one of ``channels`` (else `.permanent`).
    /// - Returns: accepted with the gateway's id, or a retryable or permanent failure.
    func send(_ attempt: GatewayAttempt) async -> GatewaySendResult

    /// What the gateway knows about an earlier send under `idempotencyKey`, to reconcile an attempt in doubt.
    ///
    /// - Parameters:
    ///   - idempotencyKey: the key of the attempt in doubt.
    ///   - channel: the attempt's channel (it selects the resource to search).
    /// - Returns: `.found` with the receipt, `.notFound` (safe to send with the same key), or `.unknown`.
    func lookup(idempotencyKey: String, channel: Channel) async -> GatewayLookupResult
}
