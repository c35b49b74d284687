public import DunCore
public import DunPolicy

/// Where the parts of a decoded campaign were written, so that checks which run on the model (validation,
/// template lint) can still point at the right line and column.
public struct CampaignSourceMap: Hashable, Sendable {
    /// A step target written in the file, and where.
    public struct Reference: Hashable, Sendable {
        /// What kind of reference it is (`goto`, `otherwise`, `next`, `on replied`, `start_at`).
        public var role: String
        /// The step it starts from; nil for a variant's `start_at`.
        public var fromStep: Int?
        public var target: StepTarget
        public var location: SourceLocation

        public init(role: String, fromStep: Int?, target: StepTarget, location: SourceLocation) {
            self.role = role
            self.fromStep = fromStep
            self.target = target
            self.location = location
        }
    }

    /// Where a template entry's parts were written.
    public struct TemplateLocations: Hashable, Sendable {
        /// The template id key.
        public var id: SourceLocation
        /// The language key.
        public var language: SourceLocation
        /// The body scalar.
        public var body: SourceLocation
        /// The subject scalar, for email.
        public var subject: SourceLocation?

        public init(id: SourceLocation, language: SourceLocation, body: SourceLocation, subject: SourceLocation?) {
            self.id = id
            self.language = language
            self.body = body
            self.subject = subject
        }
    }

    /// The start of the document.
    public var root = SourceLocation(line: 1, column: 1)
    /// Per step (same index as `Campaign.steps`): the `id` value.
    public var stepIDs: [SourceLocation] = []
    /// Per step: the action's value (the template or script name, the branch list, the end reason).
    public var stepActions: [SourceLocation] = []
    /// Per step: the `wait:` or `day:` value, if written.
    public var stepTimings: [SourceLocation?] = []
    /// Every step target written in the file, in file order.
    public var references: [Reference] = []
    /// Every template id written under `templates:`, including those that could not be read.
    public var declaredTemplates: [String] = []
    /// Per template (same index as `Campaign.templates`).
    public var templates: [TemplateLocations] = []
    /// Per variant: the `name` value.
    public var variantNames: [SourceLocation] = []
    /// Per variant: the `weight` value.
    public var variantWeights: [SourceLocation] = []
    /// The `variants:` key.
    public var variantsKey: SourceLocation?
    /// The value of each limit written (lookup only; never iterated into output).
    public var limits: [LimitField: SourceLocation] = [:]
    /// The `applies_to: languages` value.
    public var languages: SourceLocation?
    /// The `legal_action_intended` value.
    public var legalActionIntended: SourceLocation?

    public init() {}
}
