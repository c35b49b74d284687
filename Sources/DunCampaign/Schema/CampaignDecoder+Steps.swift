import DunCore
import DunPolicy

// MARK: - steps

extension CampaignDecoder {
    static let actionKeys = ["sms", "email", "call", "agent_call", "branch", "end"]
    static let stepKeys =
        ["id"] + actionKeys + ["otherwise", "day", "wait", "window", "retry", "done_when", "on", "next"]
    static let contactOnlyKeys = ["window", "retry", "done_when", "on", "next"]
    static let conditionKeys = [
        "balance_at_least", "balance_below", "days_past_due_at_least", "days_past_due_below", "has_channel",
        "lacks_channel", "segment", "language", "state", "last_outcome",
    ]

    mutating func steps(_ node: YAMLNode) -> [Step] {
        guard let items = self.list(node, for: "'steps'") else { return [] }
        if items.isEmpty {
            self.sink.error("'steps' is empty; a campaign needs at least one step", at: node.location)
        }
        // Ids first, so that a fall-through (`next` left out) can name the following step.
        var decoded: [(step: Step, fallsThrough: Bool)] = []
        for item in items {
            guard let mapping = self.mapping(item, for: "a step") else { continue }
            guard let result = self.step(mapping, index: decoded.count) else { continue }
            decoded.append(result)
        }
        var steps = decoded.map(\.step)
        // Resolve fall-through so that the engine never has to: a contact step without `next` and a
        // branch without `otherwise` lead to the following step, or end after the last one.
        for index in steps.indices {
            let following: StepTarget = index + 1 < steps.count ? .step(steps[index + 1].id) : .stop
            switch steps[index].action {
            case .branch(let rules, _) where decoded[index].fallsThrough:
                steps[index].action = .branch(rules, otherwise: following)
            case .contact where steps[index].next == nil:
                steps[index].next = following
            default:
                break
            }
        }
        return steps
    }

    /// One step; nil when it has no usable id (nothing could refer to it).
    mutating func step(_ mapping: YAMLMapping, index: Int) -> (step: Step, fallsThrough: Bool)? {
        self.checkKeys(mapping, allowed: Self.stepKeys, in: "a step")
        guard let idNode = mapping["id"] else {
            self.sink.error("step has no 'id'; every step needs a unique id", at: mapping.location)
            return nil
        }
        guard let id = self.identifier(idNode, for: "the step's 'id'") else { return nil }
        if id == "stop" {
            self.sink.error("'stop' is reserved (it ends the enrolment); choose another step id", at: idNode.location)
        }
        let what = "step '\(id)'"
        let actions = mapping.entries.filter { Self.actionKeys.contains($0.key.value) }
        var action = StepAction.end(reason: "")
        var fallsThrough = false
        var actionLocation = mapping.location
        if actions.isEmpty {
            self.sink.error(
                "\(what) has no action; expected one of: \(Self.actionKeys.joined(separator: ", "))",
                at: mapping.location
            )
        } else {
            for extra in actions.dropFirst() {
                self.sink.error(
                    "\(what) has both '\(actions[0].key.value)' and '\(extra.key.value)'; a step does one thing",
                    at: extra.key.location
                )
            }
            let entry = actions[0]
            actionLocation = entry.value.location
            switch entry.key.value {
            case "branch":
                let rules = self.branchRules(entry.value, step: what, index: index)
                if let node = mapping["otherwise"] {
                    let target = self.target(node, for: "'otherwise'", role: "otherwise", fromStep: index)
                    action = .branch(rules, otherwise: target ?? .stop)
                } else {
                    action = .branch(rules, otherwise: .stop)
                    fallsThrough = true
                }
            case "end":
                action = .end(reason: self.text(entry.value, for: "'end' (the reason)") ?? "")
            default:
                let channel = Channel(rawValue: entry.key.value) ?? .sms
                let template =
                    self.identifier(entry.value, for: "'\(entry.key.value)' (the template or script id)") ?? ""
                action = .contact(channel, template: template)
            }
        }
        if case .branch = action {
        } else if mapping["otherwise"] != nil, let entry = mapping.entries.first(where: { $0.key.value == "otherwise" })
        {
            self.sink.error("'otherwise' belongs to a branch step; use 'next' on \(what)", at: entry.key.location)
        }
        let isContact = action.isContact
        if !isContact {
            for entry in mapping.entries where Self.contactOnlyKeys.contains(entry.key.value) {
                self.sink.error(
                    "'\(entry.key.value)' applies only to contact steps (sms, email, call, agent_call), not \(what)",
                    at: entry.key.location
                )
            }
        }
        var step = Step(id: id, action: action, location: mapping.location)
        step.timing = self.timing(mapping)
        if isContact, let channel = step.channel {
            if let node = mapping["window"] { step.window = self.window(node, for: "the window of \(what)") }
            if let node = mapping["retry"] { step.retry = self.retry(node, step: what, channel: channel) }
            step.completeOn = self.completions(mapping["done_when"], step: what, channel: channel)
            if let node = mapping["on"] { step.routes = self.routes(node, step: what, index: index) }
            if let node = mapping["next"] {
                step.next = self.target(node, for: "'next'", role: "next", fromStep: index)
            }
        }
        self.map.stepIDs.append(idNode.location)
        self.map.stepActions.append(actionLocation)
        self.map.stepTimings.append((mapping["wait"] ?? mapping["day"])?.location)
        return (step, fallsThrough)
    }

    /// `day: N` or `wait: 2d`, not both; neither is "immediately".
    mutating func timing(_ mapping: YAMLMapping) -> StepTiming {
        let day = mapping.entries.first { $0.key.value == "day" }
        let wait = mapping.entries.first { $0.key.value == "wait" }
        if let day, let wait {
            let later = day.key.location < wait.key.location ? wait : day
            self.sink.error(
                "a step has either 'day:' (days after enrolment) or 'wait:' (after the previous step), not both",
                at: later.key.location
            )
        }
        if let day, let value = self.integer(day.value, for: "'day'", in: 0...3_650) {
            return .day(value)
        }
        if let wait, let seconds = self.duration(wait.value, for: "'wait'") {
            return seconds == 0 ? .immediately : .after(seconds: seconds)
        }
        return .immediately
    }

    mutating func retry(_ node: YAMLNode, step: String, channel: Channel) -> RetryPolicy {
        var policy = RetryPolicy()
        guard let mapping = self.mapping(node, for: "'retry' of \(step) (count and every)") else { return policy }
        self.checkKeys(mapping, allowed: ["count", "every"], in: "'retry'")
        if let node = mapping["count"] {
            policy.count = self.integer(node, for: "'count'", in: 0...20) ?? 0
        } else {
            self.sink.error("'retry' of \(step) has no 'count' (how many more attempts)", at: mapping.location)
        }
        if let node = mapping["every"], let seconds = self.duration(node, for: "'every'", minimum: 60) {
            policy.spacingSeconds = seconds
            if channel.isTelephoneCall, seconds < LimitField.minimumCallGapSeconds, policy.count > 0 {
                self.sink.warning(
                    "retries of \(step) every \(ScalarSyntax.durationText(seconds)) are closer than the house "
                        + "minimum of \(ScalarSyntax.durationText(LimitField.minimumCallGapSeconds)) between calls; "
                        + "the policy defers them (HOUSE-CALL-GAP, RF-14-REBUT)",
                    at: node.location
                )
            }
        }
        return policy
    }

    /// Which completions a channel can report.
    static func completions(for channel: Channel) -> [Completion] {
        switch channel {
        case .sms, .email: [.delivered, .permanentFailure]
        case .call: [.answered, .conversation, .permanentFailure]
        case .agentCall: [.answered, .conversation, .permanentFailure]
        }
    }

    /// The default completion set when `done_when` is left out.
    static func defaultCompletions(for channel: Channel) -> [Completion] {
        switch channel {
        case .sms, .email: [.delivered, .permanentFailure]
        case .call: [.answered, .permanentFailure]
        case .agentCall: [.conversation, .permanentFailure]
        }
    }

    mutating func completions(_ node: YAMLNode?, step: String, channel: Channel) -> [Completion] {
        guard let node else { return Self.defaultCompletions(for: channel) }
        guard let items = self.list(node, for: "'done_when'") else { return Self.defaultCompletions(for: channel) }
        var completions: [Completion] = []
        for item in items {
            guard let completion: Completion = self.choice(item, for: "'done_when'", kind: "completion") else {
                continue
            }
            let allowed = Self.completions(for: channel)
            guard allowed.contains(completion) else {
                self.sink.error(
                    "'\(completion.rawValue)' cannot complete \(step) on \(channel.rawValue); expected one of: "
                        + allowed.map(\.rawValue).joined(separator: ", "),
                    at: item.location
                )
                continue
            }
            if !completions.contains(completion) { completions.append(completion) }
        }
        return completions.isEmpty ? Self.defaultCompletions(for: channel) : completions
    }

    mutating func routes(_ node: YAMLNode, step: String, index: Int) -> [OutcomeRoute] {
        guard let mapping = self.mapping(node, for: "'on' of \(step) (outcome: step id or stop)") else { return [] }
        var routes: [OutcomeRoute] = []
        let names = StepOutcome.allCases.map(\.rawValue)
        for entry in mapping.entries {
            guard let outcome = StepOutcome(rawValue: entry.key.value) else {
                let hint = Suggestion.hint(for: entry.key.value, among: names)
                self.sink.error(
                    "unknown outcome '\(entry.key.value)' in 'on' of \(step)\(hint)",
                    at: entry.key.location
                )
                continue
            }
            guard
                let target = self.target(
                    entry.value,
                    for: "'\(outcome.rawValue)' in 'on'",
                    role: "on \(outcome.rawValue)",
                    fromStep: index
                )
            else { continue }
            routes.append(OutcomeRoute(outcome: outcome, target: target))
        }
        return routes
    }

    // MARK: - branch rules

    mutating func branchRules(_ node: YAMLNode, step: String, index: Int) -> [BranchRule] {
        guard case .sequence(let sequence) = node else {
            self.sink.error(
                "expected a list of rules ('- when: …' and 'goto: …') for 'branch' of \(step), found \(Self.describe(node))",
                at: node.location
            )
            return []
        }
        if sequence.items.isEmpty {
            self.sink.error("'branch' of \(step) has no rules", at: node.location)
        }
        var rules: [BranchRule] = []
        for item in sequence.items {
            guard let mapping = self.mapping(item, for: "a branch rule") else { continue }
            self.checkKeys(mapping, allowed: ["when", "goto"], in: "a branch rule")
            var conditions: [Condition] = []
            if let when = mapping["when"] {
                conditions = self.conditions(when)
            } else {
                self.sink.error("branch rule has no 'when' (the conditions that must all hold)", at: mapping.location)
            }
            guard let gotoNode = mapping["goto"] else {
                self.sink.error("branch rule has no 'goto' (a step id or stop)", at: mapping.location)
                continue
            }
            if let target = self.target(gotoNode, for: "'goto'", role: "goto", fromStep: index) {
                rules.append(BranchRule(conditions: conditions, target: target))
            }
        }
        return rules
    }

    mutating func conditions(_ node: YAMLNode) -> [Condition] {
        guard let mapping = self.mapping(node, for: "'when'") else { return [] }
        if mapping.entries.isEmpty {
            self.sink.error("'when' has no conditions", at: mapping.location)
        }
        var conditions: [Condition] = []
        for entry in mapping.entries {
            let what = "'\(entry.key.value)'"
            switch entry.key.value {
            case "balance_at_least":
                if let value = self.money(entry.value, for: what) { conditions.append(.balanceAtLeast(value)) }
            case "balance_below":
                if let value = self.money(entry.value, for: what) { conditions.append(.balanceBelow(value)) }
            case "days_past_due_at_least":
                if let value = self.integer(entry.value, for: what, in: 0...100_000) {
                    conditions.append(.daysPastDueAtLeast(value))
                }
            case "days_past_due_below":
                if let value = self.integer(entry.value, for: what, in: 0...100_000) {
                    conditions.append(.daysPastDueBelow(value))
                }
            case "has_channel", "lacks_channel":
                for item in self.list(entry.value, for: what) ?? [] {
                    guard let channel: Channel = self.choice(item, for: what, kind: "channel") else { continue }
                    conditions.append(entry.key.value == "has_channel" ? .hasChannel(channel) : .lacksChannel(channel))
                }
            case "segment":
                if let value = self.identifier(entry.value, for: what) { conditions.append(.segment(value)) }
            case "language":
                if let value = self.text(entry.value, for: what) {
                    if ScalarSyntax.isLanguage(value) {
                        conditions.append(.language(value))
                    } else {
                        self.sink.error(
                            "expected a language code like en or es for \(what), found '\(value)'",
                            at: entry.value.location
                        )
                    }
                }
            case "state":
                if let value = self.identifier(entry.value, for: what) { conditions.append(.state(value)) }
            case "last_outcome":
                if let value: StepOutcome = self.choice(entry.value, for: what, kind: "outcome") {
                    conditions.append(.lastOutcome(value))
                }
            default:
                let hint = Suggestion.hint(for: entry.key.value, among: Self.conditionKeys)
                self.sink.error("unknown condition '\(entry.key.value)'\(hint)", at: entry.key.location)
            }
        }
        return conditions
    }
}
