public import DunCore

/// A strategy the simulator runs: a campaign, driven through the scheduler engine and the contact policy.
///
/// Every strategy, the agency baseline included, is a `Campaign` value: the engine decides every contact and
/// the contact policy (`DunPolicy.ContactPolicy`) judges each one, exactly as in a live run. The simulator
/// only answers the engine's attempts (the debtor behaviour model) and supplies the clock.
public struct Strategy: Hashable, Sendable {
    public var name: String
    public var isBaseline: Bool
    public var campaign: Campaign
    /// Whether an outside agency works the accounts on contingency: it is paid its commission and bears its
    /// own wages (net recovery subtracts the commission, not the wages). Otherwise agents are in house.
    public var outsourced: Bool

    public init(campaign: Campaign, isBaseline: Bool = false, outsourced: Bool? = nil) {
        self.name = campaign.name
        self.isBaseline = isBaseline
        self.campaign = campaign
        self.outsourced = outsourced ?? isBaseline
    }

    /// The agency baseline (SIMULATION.md §5.7): `campaign` (normally `campaigns/agency-baseline.yaml`) run on
    /// the scenario's agent seats and shifts as the engine's capacity pool, on contingency.
    public static func agency(_ campaign: Campaign, name: String = "agency-baseline") -> Strategy {
        var strategy = Strategy(campaign: campaign, isBaseline: true, outsourced: true)
        strategy.name = name
        return strategy
    }

    /// Agent calls one enrolment may place, counting each agent-call step once with its retries (a rough
    /// measure of how much work the strategy gives the capacity pool; loops are not followed).
    var agentCallsPerEnrolment: Int {
        self.campaign.steps.reduce(0) { $0 + ($1.channel == .agentCall ? 1 + $1.retry.count : 0) }
    }

    /// Whether the strategy places agent calls (and so draws on the agency's seats).
    public var usesAgents: Bool {
        self.campaign.steps.contains { $0.channel == .agentCall }
    }
}
