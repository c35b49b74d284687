public import DunCore
public import DunGateways

/// The gateways of a run, by channel.
public struct GatewayRouter: Sendable {
    private let byChannel: [Channel: any Gateway]

    /// Routes each channel to the first gateway in `gateways` that serves it.
    public init(_ gateways: [any Gateway]) {
        var byChannel: [Channel: any Gateway] = [:]
        for gateway in gateways {
            for channel in Channel.allCases where gateway.channels.contains(channel) && byChannel[channel] == nil {
                byChannel[channel] = gateway
            }
        }
        self.byChannel = byChannel
    }

    /// The gateway for `channel`, if any.
    public func gateway(for channel: Channel) -> (any Gateway)? {
        self.byChannel[channel]
    }
}
