/// A validated campaign: the declarative outreach strategy that operations staff write in
/// `campaigns/*.yaml`, after `DunCampaign` has read and checked it.
///
/// A campaign only *asks*; the contact policy below it decides. Its limits can tighten the law's and the
/// house's, never loosen them (validation rejects a limit above a ceiling). Step references are by id and
/// validation guarantees every id resolves.
public struct Campaign: Hashable, Sendable {
    public var name: String
    public var description: String
    public var owner: String
    /// Which accounts the campaign applies to.
    public var audience: Audience
    /// The preferred send window in the debtor's local time, for steps that set none of their own.
    public var window: SendWindow
    /// Dates on which nothing is sent.
    public var blackout: Blackout
    /// Campaign limits; each tightens the policy's ceiling, none can loosen it.
    public var limits: CampaignLimits
    /// Which ready attempt goes first when a capacity pool is full.
    public var priority: Priority
    /// Whether the campaign declares that legal action is lawful and intended (unlocks legal wording in lint).
    public var legalActionIntended: Bool
    /// Stop rules beyond the law's own (the law's stops always apply).
    public var stopRules: [StopRule]
    /// The steps, in file order. The first step (or a variant's entry) is where an enrolment starts.
    public var steps: [Step]
    /// Message templates and call scripts, per channel and language.
    public var templates: [Template]
    /// Champion/challenger arms; empty means one arm that starts at the first step.
    public var variants: [Variant]

    public init(
        name: String,
        description: String = "",
        owner: String = "",
        audience: Audience = Audience(),
        window: SendWindow = .lawful,
        blackout: Blackout = Blackout(),
        limits: CampaignLimits = CampaignLimits(),
        priority: Priority = .highestBalance,
        legalActionIntended: Bool = false,
        stopRules: [StopRule] = [],
        steps: [Step] = [],
        templates: [Template] = [],
        variants: [Variant] = []
    ) {
        self.name = name
        self.description = description
        self.owner = owner
        self.audience = audience
        self.window = window
        self.blackout = blackout
        self.limits = limits
        self.priority = priority
        self.legalActionIntended = legalActionIntended
        self.stopRules = stopRules
        self.steps = steps
        self.templates = templates
        self.variants = variants
    }

    /// The index of the step with this id.
    public func stepIndex(id: String) -> Int? {
        self.steps.firstIndex { $0.id == id }
    }

    /// The template for `id` in `language`, falling back to English, then to any language.
    public func template(id: String, language: String) -> Template? {
        self.templates.first { $0.id == id && $0.language == language }
            ?? self.templates.first { $0.id == id && $0.language == "en" }
            ?? self.templates.first { $0.id == id }
    }
}

/// Which ready attempt a full capacity pool serves first.
public enum Priority: String, Hashable, Sendable, CaseIterable {
    case highestBalance = "highest_balance"
    case lowestBalance = "lowest_balance"
    case oldestDebt = "oldest_debt"
    case newestDebt = "newest_debt"
    /// First come, first served (by due instant, then sequence).
    case firstDue = "first_due"
}

/// A champion/challenger arm. Assignment is random by weight, seeded, and sticky per account.
public struct Variant: Hashable, Sendable {
    public var name: String
    /// Relative weight (a positive integer; weights need not sum to 100).
    public var weight: Int
    /// The step this arm starts at; nil for the campaign's first step.
    public var entry: String?

    public init(name: String, weight: Int, entry: String? = nil) {
        self.name = name
        self.weight = weight
        self.entry = entry
    }
}
