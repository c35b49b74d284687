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
        Self.checkLimits(campaign, map: map, sink: &sink)
        Self.checkVariants(campaign, map: map, sink: &sink)
        Self.checkTemplates(campaign, graph: graph, map: map, source: source, sink: &sink)
    }

    static func stepLocation(_ index: Int, _ campaign: Campaign, _ map: CampaignSourceMap) -> SourceLocation {
        index < map.stepIDs.count ? map.stepIDs[index] : campaign.steps[index].location
    }

    // MARK: - ids and references

    static func checkIdentifiers(_ campaign: Campaign, map: CampaignSourceMap, sink: inout DiagnosticSink) {
        for (index, step) in campaign.steps.enumerated() {
            guard let first = campaign.steps.firstIndex(where: { $0.id == step.id }), first < index else { continue }
            sink.error(
                "duplicate step id '\(step.id)'; it is first used on line \(Self.stepLocation(first, campaign, map).line)",
                at: Self.stepLocation(index, campaign, map)
            )
        }
        for (index, variant) in campaign.variants.enumerated() {
            guard let first = campaign.variants.firstIndex(where: { $0.name == variant.name }), first < index,
                index < map.variantNames.count
            else { continue }
            sink.error(
                "duplicate variant name '\(variant.name)'; it is first used on line \(map.variantNames[first].line)",
                at: map.variantNames[index]
            )
        }
    }

    static func checkReferences(_ campaign: Campaign, map: CampaignSourceMap, sink: inout DiagnosticSink) {
        let ids = campaign.steps.map(\.id)
        for reference in map.references {
            guard case .step(let id) = reference.target, !ids.contains(id) else { continue }
            let hint = Suggestion.closest(to: id, among: ids).map { "; did you mean '\($0)'?" } ?? ""
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
        var used: [String] = []
        for (index, step) in campaign.steps.enumerated() {
            guard case .contact(let channel, let id) = step.action, !id.isEmpty else { continue }
            used.append(id)
            let location = index < map.stepActions.count ? map.stepActions[index] : step.location
            let entries = campaign.templates.filter { $0.id == id }
            guard let first = entries.first else {
                // A template that is written but could not be read has its own diagnostic already.
                guard !map.declaredTemplates.contains(id) else { continue }
                let hint = Suggestion.closest(to: id, among: templateIDs).map { "; did you mean '\($0)'?" } ?? ""
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
            let isFirstOfID = campaign.templates.firstIndex { $0.id == template.id } == index
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
        for (index, step) in campaign.steps.enumerated() {
            guard case .contact(let channel, let id) = step.action else { continue }
            for (templateIndex, template) in campaign.templates.enumerated() where template.id == id {
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
        var ids: [String] = []
        for template in campaign.templates where !ids.contains(template.id) { ids.append(template.id) }
        return ids
    }
}
