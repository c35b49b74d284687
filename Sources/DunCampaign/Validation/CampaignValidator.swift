public import DunCore
import DunPolicy

/// Checks a decoded campaign beyond its schema: the step graph, limits against the policy's ceilings,
/// variants, the templates each step needs, and template lint.
///
/// Diagnostics (see docs/campaign-format.md for the full list): duplicate step ids and variant names,
/// targets that name no step, unreachable steps (warning), loops without a wait, limits above a ceiling
/// (with rule id and citation), variant weights, missing templates and languages, channel mismatches,
/// unused templates (warning), and everything `TemplateLinter` reports.
public enum CampaignValidator {
    /// Validates `campaign`, reporting into `sink` at the locations in `map`.
    ///
    /// - Parameters:
    ///   - campaign: The decoded campaign.
    ///   - map: Where its parts were written.
    ///   - source: The file's text, so that template lint can point at the offending word.
    ///   - sink: Receives the diagnostics.
    public static func validate(
        _ campaign: Campaign,
        map: CampaignSourceMap,
        source: SourceText? = nil,
        sink: inout DiagnosticSink
    ) {
        Self.checkIdentifiers(campaign, map: map, sink: &sink)
        Self.checkReferences(campaign, map: map, sink: &sink)
        let graph = StepGraph(campaign)
        // With duplicate ids the graph is ambiguous; the duplicate is reported and the graph checks wait.
        let ids = campaign.steps.map(\.id)
        if Set(ids).count == ids.count {
            Self.checkGraph(campaign, graph: graph, map: map, sink: &sink)
        }
        Self.checkChannelAvailability(campaign, map: map, sink: &sink)
        Self.checkLimits(campaign, map: map, sink: &sink)
        Self.checkVariants(campaign, map: map, sink: &sink)
        Self.checkTemplates(campaign, graph: graph, map: map, source: source, sink: &sink)
    }

    static func stepLocation(_ index: Int, _ campaign: Campaign, _ map: CampaignSourceMap) -> SourceLocation {
        index < map.stepIDs.count ? map.stepIDs[index] : campaign.steps[index].location
    }

    // MARK: - ids and references

    static func checkIdentifiers(_ campaign: Campaign, map: CampaignSourceMap, sink: inout DiagnosticSink) {
        var firstStep: [String: Int] = [:]
        for (index, step) in campaign.steps.enumerated() {
            guard let first = firstStep[step.id] else {
                firstStep[step.id] = index
                continue
            }
            sink.error(
                "duplicate step id '\(step.id)'; it is first used on line \(Self.stepLocation(first, campaign, map).line)",
                at: Self.stepLocation(index, campaign, map)
            )
        }
        var firstVariant: [String: Int] = [:]
        for (index, variant) in campaign.variants.enumerated() {
            guard let first = firstVariant[variant.name] else {
                firstVariant[variant.name] = index
                continue
            }
            guard index < map.variantNames.count else { continue }
            sink.error(
                "duplicate variant name '\(variant.name)'; it is first used on line \(map.variantNames[first].line)",
                at: map.variantNames[index]
            )
        }
    }

    static func checkReferences(_ campaign: Campaign, map: CampaignSourceMap, sink: inout DiagnosticSink) {
        let ids = campaign.steps.map(\.id)
        let known = Set(ids)
        for reference in map.references {
            guard case .step(let id) = reference.target, !known.contains(id) else { continue }
            let hint =
                Suggestion.closest(to: id, among: ids.count <= 500 ? ids : []).map { "; did you mean '\($0)'?" } ?? ""
            sink.error(
                "'\(reference.role)' names step '\(id)', which does not exist\(hint) (write 'stop' to end)",
                at: reference.location
            )
        }
    }

    // MARK: - graph

    static func checkGraph(
        _ campaign: Campaign,
        graph: StepGraph,
        map: CampaignSourceMap,
        sink: inout DiagnosticSink
    ) {
        let reachable = graph.reachable()
        for (index, step) in campaign.steps.enumerated() where !reachable[index] {
            sink.warning(
                "step '\(step.id)' is unreachable from the first step"
                    + (campaign.variants.isEmpty ? "" : " and every variant's entry")
                    + "; nothing leads to it",
                at: Self.stepLocation(index, campaign, map)
            )
        }
        let cycles = graph.cycles { index in
            if case .after(let seconds) = campaign.steps[index].timing { return seconds <= 0 }
            return true
        }
        for cycle in cycles {
            let path = cycle.map { campaign.steps[$0].id }.joined(separator: " → ")
            sink.error(
                "loop without a wait: \(path); add 'wait:' to a step on the loop "
                    + "(a 'day:' step is due at once when the loop comes back to it)",
                at: Self.stepLocation(cycle[0], campaign, map)
            )
        }
    }

    // MARK: - channels

    /// Warns about contact steps whose channel the audience does not guarantee and no branch checks first:
    /// the engine ends an enrolment at a step with no destination for its channel.
    static func checkChannelAvailability(_ campaign: Campaign, map: CampaignSourceMap, sink: inout DiagnosticSink) {
        var guaranteed = Set(campaign.audience.requiredChannels)
        // A consented mobile number (SMS) is a phone; any phone can take automated and agent calls.
        if guaranteed.contains(.sms) || guaranteed.contains(.call) || guaranteed.contains(.agentCall) {
            guaranteed.formUnion([.call, .agentCall])
        }
        var guarded: [String: [Channel]] = [:]
        for step in campaign.steps {
            guard case .branch(let rules, _) = step.action else { continue }
            for rule in rules {
                guard case .step(let id) = rule.target else { continue }
                for case .hasChannel(let channel) in rule.conditions {
                    guarded[id, default: []].append(channel)
                }
            }
        }
        for (index, step) in campaign.steps.enumerated() {
            guard let channel = step.channel, !guaranteed.contains(channel) else { continue }
            let implied: [Channel] = channel.isTelephoneCall ? [.sms, .call, .agentCall] : [channel]
            guard !guarded[step.id, default: []].contains(where: implied.contains) else { continue }
            sink.warning(
                "step '\(step.id)' needs a destination for \(channel.rawValue), which 'applies_to: "
                    + "requires_channels' does not guarantee and no branch checks with 'has_channel'; accounts "
                    + "without one end the enrolment here",
                at: index < map.stepActions.count ? map.stepActions[index] : step.location
            )
        }
    }

    // MARK: - limits and variants

    static func checkLimits(_ campaign: Campaign, map: CampaignSourceMap, sink: inout DiagnosticSink) {
        for field in LimitField.allCases {
            guard let value = field.value(in: campaign.limits), let location = map.limits[field] else { continue }
            let ceiling = field.ceiling
            guard value > ceiling.value else { continue }
            sink.error(
                "'\(field.rawValue): \(value)' is above the ceiling of \(ceiling.value) set by \(ceiling.rule) "
                    + "(\(ceiling.citation)); a campaign can only tighten limits",
                at: location
            )
        }
    }

    static func checkVariants(_ campaign: Campaign, map: CampaignSourceMap, sink: inout DiagnosticSink) {
        guard !campaign.variants.isEmpty else { return }
        for (index, variant) in campaign.variants.enumerated() where variant.weight == 0 {
            guard index < map.variantWeights.count else { continue }
            sink.warning("variant '\(variant.name)' has weight 0 and is never assigned", at: map.variantWeights[index])
        }
        if campaign.variants.reduce(0, { $0 + $1.weight }) == 0 {
            sink.error(
                "variant weights sum to 0; give at least one variant a positive weight",
                at: map.variantsKey ?? map.root
            )
        }
    }

    // MARK: - templates

    static func checkTemplates(
        _ campaign: Campaign,
        graph: StepGraph,
        map: CampaignSourceMap,
        source: SourceText?,
        sink: inout DiagnosticSink
    ) {
        let languages = campaign.audience.languages.isEmpty ? ["en"] : campaign.audience.languages
        let templateIDs = Self.uniqueTemplateIDs(campaign)
        let byID = Self.templatesByID(campaign)
        let declared = Set(map.declaredTemplates)
        var used: Set<String> = []
        for (index, step) in campaign.steps.enumerated() {
            guard case .contact(let channel, let id) = step.action, !id.isEmpty else { continue }
            used.insert(id)
            let location = index < map.stepActions.count ? map.stepActions[index] : step.location
            let entries = byID[id, default: []].map { campaign.templates[$0] }
            guard let first = entries.first else {
                // A template that is written but could not be read has its own diagnostic already.
                guard !declared.contains(id) else { continue }
                let hint =
                    Suggestion.closest(to: id, among: templateIDs.count <= 500 ? templateIDs : []).map {
                        "; did you mean '\($0)'?"
                    } ?? ""
                sink.error(
                    "step '\(step.id)' uses template '\(id)', which is not defined under 'templates'\(hint)",
                    at: location
                )
                continue
            }
            if first.channel != channel {
                let article = channel == .email || channel == .agentCall ? "an" : "a"
                sink.error(
                    "step '\(step.id)' is \(article) \(channel.rawValue) step but template '\(id)' is for "
                        + "\(first.channel.rawValue); use \(article) \(channel.rawValue) template",
                    at: location
                )
            }
            for language in languages where !entries.contains(where: { $0.language == language }) {
                let why =
                    campaign.audience.languages.isEmpty
                    ? "English is the fallback for accounts of any language; add 'en' or list the languages in "
                        + "'applies_to: languages'"
                    : "'applies_to: languages' includes \(language)"
                sink.error("template '\(id)' has no '\(language)' text; \(why)", at: location)
            }
        }
        for (index, template) in campaign.templates.enumerated() {
            let locations = index < map.templates.count ? map.templates[index] : nil
            let isFirstOfID = byID[template.id]?.first == index
            if isFirstOfID, !used.contains(template.id) {
                sink.warning(
                    "template '\(template.id)' is not used by any step",
                    at: locations?.id ?? template.location
                )
            }
            TemplateLinter.lint(
                template,
                locations: locations,
                legalActionIntended: campaign.legalActionIntended,
                source: source,
                sink: &sink
            )
        }
        Self.checkDisclosures(campaign, graph: graph, map: map, sink: &sink)
    }

    /// The first communication from each entry needs the full disclosure; later SMS and email need
    /// "from a debt collector".
    static func checkDisclosures(
        _ campaign: Campaign,
        graph: StepGraph,
        map: CampaignSourceMap,
        sink: inout DiagnosticSink
    ) {
        var first = [Bool](repeating: false, count: campaign.steps.count)
        var seen = [Bool](repeating: false, count: campaign.steps.count)
        var stack = graph.entries.reversed() as [Int]
        while let node = stack.popLast() {
            guard !seen[node] else { continue }
            seen[node] = true
            if campaign.steps[node].action.isContact {
                first[node] = true
            } else {
                stack.append(contentsOf: graph.successors[node].reversed())
            }
        }
        let byID = Self.templatesByID(campaign)
        for (index, step) in campaign.steps.enumerated() {
            guard case .contact(let channel, let id) = step.action else { continue }
            for templateIndex in byID[id, default: []] {
                let template = campaign.templates[templateIndex]
                let location =
                    templateIndex < map.templates.count ? map.templates[templateIndex].body : template.location
                if first[index] {
                    TemplateLinter.checkDisclosure(template, .initial(step: step.id), at: location, sink: &sink)
                } else if channel.isElectronicMessage {
                    TemplateLinter.checkDisclosure(template, .later(step: step.id), at: location, sink: &sink)
                }
            }
        }
    }

    static func uniqueTemplateIDs(_ campaign: Campaign) -> [String] {
        var seen: Set<String> = []
        return campaign.templates.map(\.id).filter { seen.insert($0).inserted }
    }

    /// Template indices by id, each list in file order (lookup only; never iterated into output).
    static func templatesByID(_ campaign: Campaign) -> [String: [Int]] {
        var byID: [String: [Int]] = [:]
        for (index, template) in campaign.templates.enumerated() { byID[template.id, default: []].append(index) }
        return byID
    }
}
