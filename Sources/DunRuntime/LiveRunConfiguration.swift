public import DunCore
public import DunEngine
public import DunGateways
public import DunPolicy

/// What a live run runs: its id, campaigns, split, seed, policy, capacity, retry policy and callbacks.
///
/// A run id names one journal: restarting `dun run` with the same id and the same configuration resumes
/// it; a different configuration under the same id is refused (``fingerprint``).
public struct LiveRunConfiguration: Sendable {
    /// The run id; part of every idempotency key of the run.
    public var runID: String
    /// Validated campaigns; engine campaign indices follow this order.
    public var campaigns: [Campaign]
    /// Where each campaign came from (for the run record), parallel to `campaigns`.
    public var campaignPaths: [String]
    /// Champion/challenger weights parallel to `campaigns` (e.g. `[80, 20]`): each account is assigned one
    /// campaign, sticky and seeded. Empty: each account joins the first campaign whose audience matches it.
    public var split: [Int]
    /// The seed of the split and of the engine's variant draws.
    public var seed: UInt64
    /// The contact policy below every campaign.
    public var policy: ContactPolicy
    /// Capacity pools (gateway rates, agent seats).
    public var pools: [CapacityPool]
    /// When a gateway failure is retried (as a new, policy-judged engine decision) and when it stops.
    public var retryPolicy: DunGateways.RetryPolicy
    /// The public base URL of the webhook server (`https://hooks.example.com`); status callbacks go to its
    /// `/twilio/message-status` and `/twilio/call-status`. Nil: no callback URL is sent with attempts.
    public var webhookPublicURL: String?
    /// Values for template placeholders the account does not supply (company, pay link, callback number…).
    public var templateValues: [String: String]
    /// How long SIGINT/SIGTERM waits for sends in flight before exiting anyway.
    public var shutdownGraceMilliseconds: Int64
    /// At most this many sends and lookups are with the gateways at once; the rest of a burst waits, committed,
    /// in dispatch order. Without a bound, a burst of thousands queued inside libcurl ran out its time limit
    /// before connecting and every such send was retried a day later (`HOUSE-SMS-DAY`).
    public var maxSendsInFlight: Int

    /// Creates a configuration.
    public init(
        runID: String,
        campaigns: [Campaign],
        campaignPaths: [String] = [],
        split: [Int] = [],
        seed: UInt64 = 0,
        policy: ContactPolicy = ContactPolicy(),
        pools: [CapacityPool] = [],
        retryPolicy: DunGateways.RetryPolicy = DunGateways.RetryPolicy(),
        webhookPublicURL: String? = nil,
        templateValues: [String: String] = [:],
        shutdownGraceMilliseconds: Int64 = 10_000,
        maxSendsInFlight: Int = 256
    ) {
        self.runID = runID
        self.campaigns = campaigns
        self.campaignPaths = campaignPaths.count == campaigns.count ? campaignPaths : campaigns.map(\.name)
        self.split = split
        self.seed = seed
        self.policy = policy
        self.pools = pools
        self.retryPolicy = retryPolicy
        self.webhookPublicURL = webhookPublicURL
        self.templateValues = templateValues
        self.shutdownGraceMilliseconds = shutdownGraceMilliseconds
        self.maxSendsInFlight = Swift.max(1, maxSendsInFlight)
    }

    /// What must not change between a run's start and its resumption: campaign names and step ids, the
    /// split and the seed. (Campaign *content* is checked by step ids only; editing a template's words
    /// between restarts is allowed.)
    public var fingerprint: String {
        var parts = ["seed=\(self.seed)", "split=\(self.split.map(String.init).joined(separator: ","))"]
        for campaign in self.campaigns {
            let variants = campaign.variants.map { "\($0.name):\($0.weight)" }.joined(separator: ",")
            parts.append("\(campaign.name)[\(campaign.steps.map(\.id).joined(separator: ","))][\(variants)]")
        }
        return parts.joined(separator: ";")
    }

    /// The variant (arm) name of `variant` in campaign `campaign`: the campaign's variant name, or `main`.
    public func variantName(campaign: Int, variant: Int) -> String {
        let variants = self.campaigns[campaign].variants
        return variants.indices.contains(variant) ? variants[variant].name : "main"
    }
}
