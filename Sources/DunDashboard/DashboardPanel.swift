/// The panels of the dashboard, in the order `tab` visits them.
public enum DashboardPanel: String, CaseIterable, Hashable, Sendable {
    case channels
    case capacity
    case outcomes
    case gateways
    case compliance
    case events

    /// The panel's title as shown on screen.
    public var title: String {
        switch self {
        case .channels: "Channels"
        case .capacity: "Capacity"
        case .outcomes: "Outcomes"
        case .gateways: "Gateway health"
        case .compliance: "Compliance: blocks and deferrals by rule"
        case .events: "Latest events"
        }
    }

    /// The panel after this one, wrapping around.
    public var next: DashboardPanel {
        let all = DashboardPanel.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
