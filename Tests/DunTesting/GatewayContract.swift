import DunCore
public import DunGateways
public import Testing

/// The ``Gateway`` contract as a test every backend's suite calls (swift-log's "make sure the following
/// test works", turned into code): accepted sends can be looked up, a repeated idempotency key returns the
/// original receipt, an unknown key is not found, and an unsupported channel fails for good.
///
/// - Parameters:
///   - gateway: the backend under test, fresh (no earlier sends under `keyPrefix`).
///   - attempt: a valid attempt on one of the gateway's channels; its key is replaced.
///   - keyPrefix: a prefix for the keys this check uses.
///   - lookupSupported: whether the backend answers lookups (SMTP does not).
///   - sourceLocation: where failures are reported (the caller).
public func checkGatewayContract(
    _ gateway: some Gateway,
    attempt: GatewayAttempt,
    keyPrefix: String = "contract",
    lookupSupported: Bool = true,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) async {
    var first = attempt
    first.idempotencyKey = "\(keyPrefix)-1"
    let sent = await gateway.send(first)
    guard case .accepted(let receipt) = sent else {
        Issue.record("a valid attempt was not accepted: \(sent)", sourceLocation: sourceLocation)
        return
    }
    #expect(!receipt.gatewayMessageID.isEmpty, sourceLocation: sourceLocation)
    let repeated = await gateway.send(first)
    #expect(repeated == sent, "a repeated idempotency key must return the original", sourceLocation: sourceLocation)
    let lookup = await gateway.lookup(idempotencyKey: first.idempotencyKey, channel: first.channel)
    let unknown = await gateway.lookup(idempotencyKey: "\(keyPrefix)-never-sent", channel: first.channel)
    if lookupSupported {
        #expect(lookup == .found(receipt), sourceLocation: sourceLocation)
        #expect(unknown == .notFound, sourceLocation: sourceLocation)
    } else if case .found = unknown {
        Issue.record("a key never sent was found", sourceLocation: sourceLocation)
    }
    if let other = Channel.allCases.first(where: { !gateway.channels.contains($0) }) {
        var wrong = attempt
        wrong.channel = other
        wrong.idempotencyKey = "\(keyPrefix)-wrong-channel"
        guard case .permanent = await gateway.send(wrong) else {
            Issue.record("an unsupported channel must fail for good", sourceLocation: sourceLocation)
            return
        }
    }
}
