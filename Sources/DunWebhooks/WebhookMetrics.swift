import Prometheus

/// The webhook server's Prometheus counters.
struct WebhookMetrics: Sendable {
    let registry: PrometheusCollectorRegistry

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    func rejected(route: String) {
        self.count(Self.requests, [("route", route), ("result", "forbidden")])
    }

    func malformed(route: String) {
        self.count(Self.requests, [("route", route), ("result", "bad_request")])
    }

    func sinkFailed(route: String) {
        self.count(Self.requests, [("route", route), ("result", "sink_error")])
    }

    func accepted(event: WebhookEvent, duplicate: Bool) {
        let route: String
        switch event {
        case .messageStatus: route = "message-status"
        case .callStatus: route = "call-status"
        case .inboundMessage(let inbound):
            route = "inbound"
            if !duplicate, case .optOut = inbound.command {
                self.count(Self.optOuts, [])
            }
        }
        self.count(Self.requests, [("route", route), ("result", duplicate ? "duplicate" : "ok")])
    }

    private static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "dun",
            subsystem: "webhook",
            metricName: "requests",
            unitName: "total",
            helpText: "Webhook requests by route and result (ok, duplicate, forbidden, bad_request, sink_error)."
        )
    }
    private static var optOuts: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "dun",
            subsystem: "inbound",
            metricName: "opt_outs",
            unitName: "total",
            helpText: "Inbound opt-out keywords recorded (duplicates excluded)."
        )
    }

    private func count(_ descriptor: MetricNameDescriptor, _ labels: [(String, String)]) {
        self.registry.makeCounter(descriptor: descriptor, labels: labels).increment()
    }
}
