public import DunCore

/// What reading one campaign file produced: the campaign when it is usable, and every diagnostic.
public struct CampaignLoadResult: Sendable {
    /// The campaign, or nil when any error was found (warnings and notes leave it usable).
    public var campaign: Campaign?
    /// Every problem found, sorted by position.
    public var diagnostics: [Diagnostic]
    /// Where the campaign's parts were written (empty when the YAML could not be read).
    public var sourceMap: CampaignSourceMap

    public init(campaign: Campaign?, diagnostics: [Diagnostic], sourceMap: CampaignSourceMap) {
        self.campaign = campaign
        self.diagnostics = diagnostics
        self.sourceMap = sourceMap
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool {
        self.diagnostics.contains { $0.severity == .error }
    }
}
