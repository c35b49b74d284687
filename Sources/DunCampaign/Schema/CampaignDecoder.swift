import DunCore
import DunPolicy

/// Turns a YAML-lite tree into a `Campaign`, reporting every schema problem at its line and column.
///
/// The decoder is best-effort: it keeps going after a problem, so one run reports everything, and it
/// returns the parts it could read (with defaults for the rest) so that validation and lint can still
/// run. Callers must treat the campaign as unusable when the sink holds an error.
struct CampaignDecoder {
    var sink: DiagnosticSink
    var map = CampaignSourceMap()

    static let topLevelKeys = [
        "campaign", "description", "owner", "applies_to", "window", "blackout", "limits", "priority",
        "legal_action_intended", "stop_when", "variants", "steps", "templates",
    ]

    init(path: String) {
        self.sink = DiagnosticSink(path: path)
    }

    /// Decodes the document root.
    mutating func decode(_ root: YAMLNode) -> Campaign {
        self.map.root = root.location
        var campaign = Campaign(name: "")
        guard let mapping = self.mapping(root, for: "the campaign file") else { return campaign }
        self.checkKeys(mapping, allowed: Self.topLevelKeys, in: "the campaign")
        if let node = mapping["campaign"] {
            campaign.name = self.text(node, for: "'campaign' (the campaign's name)") ?? ""
        } else {
            self.sink.error(
                "missing 'campaign:' (the campaign's name); every campaign file starts with it",
                at: mapping.location
            )
        }
        if let node = mapping["description"] { campaign.description = self.text(node, for: "'description'") ?? "" }
        if let node = mapping["owner"] { campaign.owner = self.text(node, for: "'owner'") ?? "" }
        if let node = mapping["applies_to"] { campaign.audience = self.audience(node) }
        if let node = mapping["window"] { campaign.window = self.window(node, for: "'window'") ?? .lawful }
        if let node = mapping["blackout"] { campaign.blackout = self.blackout(node) }
        if let node = mapping["limits"] { campaign.limits = self.limits(node) }
        if let node = mapping["priority"] {
            campaign.priority = self.choice(node, for: "'priority'", kind: "priority") ?? .highestBalance
        }
        if let node = mapping["legal_action_intended"] {
            self.map.legalActionIntended = node.location
            campaign.legalActionIntended = self.boolean(node, for: "'legal_action_intended'") ?? false
        }
        if let node = mapping["stop_when"] { campaign.stopRules = self.stopRules(node) }
        if let entry = mapping.entries.first(where: { $0.key.value == "variants" }) {
            self.map.variantsKey = entry.key.location
            campaign.variants = self.variants(entry.value)
        }
        if let node = mapping["steps"] {
            campaign.steps = self.steps(node)
        } else {
            self.sink.error("missing 'steps:'; a campaign needs at least one step", at: mapping.location)
        }
        if let node = mapping["templates"] { campaign.templates = self.templates(node) }
        return campaign
    }

    // MARK: - applies_to

    static let audienceKeys = [
        "balance_min", "balance_max", "days_past_due_min", "days_past_due_max", "countries", "states", "segments",
        "exclude_segments", "languages", "requires_channels",
    ]

    mutating func audience(_ node: YAMLNode) -> Audience {
        var audience = Audience()
        guard let mapping = self.mapping(node, for: "'applies_to'") else { return audience }
        self.checkKeys(mapping, allowed: Self.audienceKeys, in: "'applies_to'")
        if let node = mapping["balance_min"] { audience.balanceMin = self.money(node, for: "'balance_min'") }
        if let node = mapping["balance_max"] { audience.balanceMax = self.money(node, for: "'balance_max'") }
        if let low = audience.balanceMin, let high = audience.balanceMax, low > high, let node = mapping["balance_max"]
        {
            self.sink.error(
                "'balance_max' \(high.decimalString) is below 'balance_min' \(low.decimalString); no account matches",
                at: node.location
            )
        }
        let dpdRange = 0...100_000
        if let node = mapping["days_past_due_min"] {
            audience.daysPastDueMin = self.integer(node, for: "'days_past_due_min'", in: dpdRange)
        }
        if let node = mapping["days_past_due_max"] {
            audience.daysPastDueMax = self.integer(node, for: "'days_past_due_max'", in: dpdRange)
        }
        if let low = audience.daysPastDueMin, let high = audience.daysPastDueMax, low > high,
            let node = mapping["days_past_due_max"]
        {
            self.sink.error(
                "'days_past_due_max' \(high) is below 'days_past_due_min' \(low); no account matches",
                at: node.location
            )
        }
        if let node = mapping["countries"] {
            audience.countries = self.codes(node, for: "'countries'", expected: "a two-letter country code like US") {
                $0.count == 2 && $0.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
            }
        }
        if let node = mapping["states"] {
            audience.states = self.codes(node, for: "'states'", expected: "a state code like CA") {
                (1...3).contains($0.count) && $0.unicodeScalars.allSatisfy(\.isASCIIAlphanumeric)
            }
        }
        if let node = mapping["segments"] {
            audience.segments = self.codes(
                node,
                for: "'segments'",
                expected: "a segment tag",
                ScalarSyntax.isIdentifier
            )
        }
        if let node = mapping["exclude_segments"] {
            audience.excludedSegments = self.codes(
                node,
                for: "'exclude_segments'",
                expected: "a segment tag",
                ScalarSyntax.isIdentifier
            )
        }
        if let node = mapping["languages"] {
            self.map.languages = node.location
            audience.languages = self.codes(
                node,
                for: "'languages'",
                expected: "a language code like en or es",
                ScalarSyntax.isLanguage
            )
        }
        if let node = mapping["requires_channels"], let items = self.list(node, for: "'requires_channels'") {
            audience.requiredChannels = items.compactMap {
                self.choice($0, for: "'requires_channels'", kind: "channel")
            }
        }
        return audience
    }

    /// A list of short codes, each checked by `isValid`.
    mutating func codes(
        _ node: YAMLNode,
        for what: String,
        expected: String,
        _ isValid: (String) -> Bool
    ) -> [String] {
        guard let items = self.list(node, for: what) else { return [] }
        var codes: [String] = []
        for item in items {
            guard let scalar = self.scalar(item, expected: expected, for: what) else { continue }
            guard isValid(scalar.value) else {
                self.sink.error(
                    "expected \(expected) in \(what), found '\(Self.excerpt(scalar.value))'",
                    at: scalar.location
                )
                continue
            }
            codes.append(scalar.value)
        }
        return codes
    }

    // MARK: - window, blackout

    /// A send window: `09:00-20:00` for every day, or a mapping of `weekdays`, `saturday`, `sunday`
    /// (a day class left out is closed). Warns when the window reaches outside 08:00–21:00.
    mutating func window(_ node: YAMLNode, for what: String) -> SendWindow? {
        let lawful = LocalTimeRange(start: LocalTime(hour: 8), end: LocalTime(hour: 21))
        let window: SendWindow
        var locations: [SourceLocation] = []
        var failed = false
        if case .scalar = node {
            guard let range = self.range(node, for: what) else { return nil }
            window = SendWindow(weekdays: range, saturday: range, sunday: range)
            locations = [node.location]
        } else {
            guard let mapping = self.mapping(node, for: what) else { return nil }
            self.checkKeys(mapping, allowed: ["weekdays", "saturday", "sunday"], in: what)
            var ranges: [LocalTimeRange?] = []
            for key in ["weekdays", "saturday", "sunday"] {
                if let value = mapping[key] {
                    let range = self.range(value, for: "'\(key)' in \(what)")
                    failed = failed || range == nil
                    ranges.append(range ?? nil)
                    locations.append(value.location)
                } else {
                    ranges.append(nil)
                    locations.append(mapping.location)
                }
            }
            window = SendWindow(weekdays: ranges[0], saturday: ranges[1], sunday: ranges[2])
        }
        let ranges = [window.weekdays, window.saturday, window.sunday]
        if failed { return nil }
        if ranges.allSatisfy({ $0 == nil }) {
            self.sink.error(
                "\(what) never opens; give at least one of weekdays, saturday, sunday a range",
                at: node.location
            )
            return nil
        }
        for (range, location) in zip(ranges, locations) {
            guard let range, range.start < lawful.start || range.end > lawful.end else { continue }
            self.sink.warning(
                "\(what) \(range) reaches outside 08:00-21:00 local time; the contact policy clamps it (RF-6-TIME)",
                at: location
            )
        }
        return window
    }

    /// `HH:MM-HH:MM` or `none`; `.some(nil)` is closed. Nil after a reported problem.
    mutating func range(_ node: YAMLNode, for what: String) -> LocalTimeRange?? {
        let expected = "a window like 09:00-20:00 or none"
        guard let scalar = self.scalar(node, expected: expected, for: what) else { return nil }
        guard let parsed = ScalarSyntax.timeRange(scalar.value) else {
            self.sink.error(
                "expected \(expected) for \(what), found '\(Self.excerpt(scalar.value))'",
                at: scalar.location
            )
            return nil
        }
        if let range = parsed, range.start >= range.end {
            self.sink.error(
                "window '\(scalar.value)' for \(what) is empty: it must end after it starts (windows do not cross midnight)",
                at: scalar.location
            )
            return nil
        }
        return parsed
    }

    mutating func blackout(_ node: YAMLNode) -> Blackout {
        var blackout = Blackout()
        guard let mapping = self.mapping(node, for: "'blackout'") else { return blackout }
        self.checkKeys(mapping, allowed: ["dates", "holidays"], in: "'blackout'")
        if let node = mapping["dates"], let items = self.list(node, for: "'dates'") {
            blackout.dates = items.compactMap { self.date($0, for: "'dates'") }
        }
        if let node = mapping["holidays"], let items = self.list(node, for: "'holidays'") {
            blackout.holidays = items.compactMap { self.choice($0, for: "'holidays'", kind: "holiday calendar") }
        }
        return blackout
    }

    // MARK: - limits

    mutating func limits(_ node: YAMLNode) -> CampaignLimits {
        var limits = CampaignLimits()
        guard let mapping = self.mapping(node, for: "'limits'") else { return limits }
        self.checkKeys(mapping, allowed: LimitField.allCases.map(\.rawValue) + ["min_gap"], in: "'limits'")
        for field in LimitField.allCases {
            guard let node = mapping[field.rawValue] else { continue }
            self.map.limits[field] = node.location
            let value = self.integer(node, for: "'\(field.rawValue)'", in: 0...100_000_000)
            switch field {
            case .callsPerDay: limits.callsPerDay = value
            case .callsPer7Days: limits.callsPer7Days = value
            case .smsPerDay: limits.smsPerDay = value
            case .smsPer7Days: limits.smsPer7Days = value
            case .emailsPerDay: limits.emailsPerDay = value
            case .emailsPer7Days: limits.emailsPer7Days = value
            case .contactsPerDay: limits.contactsPerDay = value
            case .contactsPer7Days: limits.contactsPer7Days = value
            }
        }
        if let node = mapping["min_gap"] {
            limits.minimumGapSeconds = self.duration(node, for: "'min_gap'", minimum: 60)
        }
        return limits
    }

    // MARK: - stop_when

    static let stopNames = ["paid_in_full", "any_payment", "open_promise", "replied"]
    static let stopKeys = ["after_days", "after_attempts", "balance_below"]

    mutating func stopRules(_ node: YAMLNode) -> [StopRule] {
        guard let items = self.list(node, for: "'stop_when'") else { return [] }
        var rules: [StopRule] = []
        for item in items {
            switch item {
            case .scalar(let scalar):
                switch scalar.value {
                case "paid_in_full": rules.append(.paidInFull)
                case "any_payment": rules.append(.anyPayment)
                case "open_promise": rules.append(.openPromise)
                case "replied": rules.append(.reply)
                default:
                    let all = Self.stopNames + Self.stopKeys.map { "\($0): N" }
                    let hint = Suggestion.hint(for: scalar.value, among: all)
                    self.sink.error("unknown stop rule '\(Self.excerpt(scalar.value))'\(hint)", at: scalar.location)
                }
            case .mapping(let mapping):
                guard mapping.entries.count == 1, let entry = mapping.entries.first else {
                    self.sink.error(
                        "expected one stop rule per list item (like 'after_days: 60'), found \(mapping.entries.count) keys",
                        at: mapping.location
                    )
                    continue
                }
                switch entry.key.value {
                case "after_days":
                    if let days = self.integer(entry.value, for: "'after_days'", in: 1...3_650) {
                        rules.append(.afterDays(days))
                    }
                case "after_attempts":
                    if let count = self.integer(entry.value, for: "'after_attempts'", in: 1...10_000) {
                        rules.append(.afterAttempts(count))
                    }
                case "balance_below":
                    if let amount = self.money(entry.value, for: "'balance_below'") {
                        rules.append(.balanceBelow(amount))
                    }
                default:
                    let hint = Suggestion.hint(for: entry.key.value, among: Self.stopKeys + Self.stopNames)
                    self.sink.error("unknown stop rule '\(entry.key.value)'\(hint)", at: entry.key.location)
                }
            case .sequence:
                self.sink.error("expected a stop rule in 'stop_when', found a list", at: item.location)
            }
        }
        return rules
    }

    // MARK: - variants

    mutating func variants(_ node: YAMLNode) -> [Variant] {
        guard let items = self.list(node, for: "'variants'") else { return [] }
        var variants: [Variant] = []
        for item in items {
            guard let mapping = self.mapping(item, for: "a variant") else { continue }
            self.checkKeys(mapping, allowed: ["name", "weight", "start_at"], in: "a variant")
            guard let nameNode = mapping["name"] else {
                self.sink.error("variant has no 'name'", at: mapping.location)
                continue
            }
            let name = self.identifier(nameNode, for: "the variant's 'name'") ?? ""
            var weight = 1
            var weightLocation = mapping.location
            if let node = mapping["weight"] {
                weight = self.integer(node, for: "the variant's 'weight'", in: 0...1_000_000) ?? 1
                weightLocation = node.location
            } else {
                self.sink.error("variant '\(name)' has no 'weight'", at: mapping.location)
            }
            var entry: String?
            if let node = mapping["start_at"],
                let target = self.target(node, for: "'start_at'", role: "start_at", fromStep: nil)
            {
                switch target {
                case .step(let id): entry = id
                case .stop: self.sink.error("a variant cannot start at 'stop'; name a step", at: node.location)
                }
            }
            variants.append(Variant(name: name, weight: weight, entry: entry))
            self.map.variantNames.append(nameNode.location)
            self.map.variantWeights.append(weightLocation)
        }
        return variants
    }
}
