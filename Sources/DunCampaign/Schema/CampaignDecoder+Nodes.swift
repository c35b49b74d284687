import DunCore

// MARK: - Node kinds and keys

extension CampaignDecoder {
    /// The node as a mapping; reports a diagnostic and returns nil for any other kind. A key written with
    /// no value (`limits:`) reads as an empty mapping.
    mutating func mapping(_ node: YAMLNode, for what: String) -> YAMLMapping? {
        switch node {
        case .mapping(let mapping):
            return mapping
        case .scalar(let scalar) where scalar.isEmptyPlain:
            return YAMLMapping(entries: [], location: scalar.location)
        default:
            self.sink.error("expected a mapping for \(what), found \(Self.describe(node))", at: node.location)
            return nil
        }
    }

    /// Reports every key of `mapping` that is not in `allowed`, with a suggestion.
    mutating func checkKeys(_ mapping: YAMLMapping, allowed: [String], in context: String) {
        for entry in mapping.entries where !allowed.contains(entry.key.value) {
            let hint = Suggestion.hint(for: entry.key.value, among: allowed)
            self.sink.error("unknown key '\(entry.key.value)' in \(context)\(hint)", at: entry.key.location)
        }
    }

    /// The node's items: a list's items, one scalar as a one-item list, or nothing for an empty value.
    mutating func list(_ node: YAMLNode, for what: String) -> [YAMLNode]? {
        switch node {
        case .sequence(let sequence):
            return sequence.items
        case .scalar(let scalar):
            return scalar.isEmptyPlain ? [] : [node]
        case .mapping:
            self.sink.error("expected a list for \(what), found \(Self.describe(node))", at: node.location)
            return nil
        }
    }

    /// The node as a non-empty scalar; reports what was expected otherwise.
    mutating func scalar(_ node: YAMLNode, expected: String, for what: String) -> YAMLScalar? {
        guard case .scalar(let scalar) = node else {
            self.sink.error("expected \(expected) for \(what), found \(Self.describe(node))", at: node.location)
            return nil
        }
        guard !scalar.isEmptyPlain else {
            self.sink.error("expected \(expected) for \(what), found nothing", at: scalar.location)
            return nil
        }
        return scalar
    }

    /// `'text'`, or the node's kind for mappings and lists.
    static func describe(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let scalar): scalar.isEmptyPlain ? "nothing" : "'\(Self.excerpt(scalar.value))'"
        default: node.kindName
        }
    }

    /// The first line of `text`, shortened to 40 characters.
    static func excerpt(_ text: String) -> String {
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return line.count > 40 ? String(line.prefix(40)) + "…" : line
    }

    // MARK: - Typed scalars

    /// Free text (a name, a reason, a subject).
    mutating func text(_ node: YAMLNode, for what: String) -> String? {
        self.scalar(node, expected: "text", for: what)?.value
    }

    /// A whole number in `range`.
    mutating func integer(_ node: YAMLNode, for what: String, in range: ClosedRange<Int>) -> Int? {
        let expected =
            range.upperBound >= 100_000_000
            ? "a whole number of at least \(range.lowerBound)"
            : "a whole number from \(range.lowerBound) to \(range.upperBound)"
        guard let scalar = self.scalar(node, expected: expected, for: what) else { return nil }
        guard let value = ScalarSyntax.integer(scalar.value), range.contains(value) else {
            self.sink.error(
                "expected \(expected) for \(what), found '\(Self.excerpt(scalar.value))'",
                at: scalar.location
            )
            return nil
        }
        return value
    }

    /// An amount of money such as `1000.00`.
    mutating func money(_ node: YAMLNode, for what: String) -> Money? {
        let expected = "an amount of money like 1000.00"
        guard let scalar = self.scalar(node, expected: expected, for: what) else { return nil }
        guard let value = Money(decimal: scalar.value) else {
            self.sink.error(
                "expected \(expected) for \(what), found '\(Self.excerpt(scalar.value))'",
                at: scalar.location
            )
            return nil
        }
        return value
    }

    /// A duration such as `2d`, `4h`, `30m`, in seconds, at least `minimum`.
    mutating func duration(_ node: YAMLNode, for what: String, minimum: Int64 = 0) -> Int64? {
        let expected = "a duration like 2d, 4h or 30m"
        guard let scalar = self.scalar(node, expected: expected, for: what) else { return nil }
        guard let value = ScalarSyntax.duration(scalar.value) else {
            self.sink.error(
                "expected \(expected) for \(what), found '\(Self.excerpt(scalar.value))'",
                at: scalar.location
            )
            return nil
        }
        guard value >= minimum else {
            self.sink.error(
                "expected a duration of at least \(ScalarSyntax.durationText(minimum)) for \(what), found '\(scalar.value)'",
                at: scalar.location
            )
            return nil
        }
        return value
    }

    /// `yes`, `no`, `true` or `false`.
    mutating func boolean(_ node: YAMLNode, for what: String) -> Bool? {
        let expected = "yes or no"
        guard let scalar = self.scalar(node, expected: expected, for: what) else { return nil }
        guard let value = ScalarSyntax.boolean(scalar.value) else {
            self.sink.error(
                "expected \(expected) (or true/false) for \(what), found '\(Self.excerpt(scalar.value))'",
                at: scalar.location
            )
            return nil
        }
        return value
    }

    /// A calendar date `2026-12-25`.
    mutating func date(_ node: YAMLNode, for what: String) -> CivilDate? {
        let expected = "a date like 2026-12-25"
        guard let scalar = self.scalar(node, expected: expected, for: what) else { return nil }
        guard let value = CivilDate(iso: scalar.value) else {
            self.sink.error(
                "expected \(expected) for \(what), found '\(Self.excerpt(scalar.value))'",
                at: scalar.location
            )
            return nil
        }
        return value
    }

    /// One of an enumeration's raw values, with a suggestion when misspelt.
    mutating func choice<Value: RawRepresentable & CaseIterable>(
        _ node: YAMLNode,
        for what: String,
        kind: String
    ) -> Value? where Value.RawValue == String {
        let names = Value.allCases.map(\.rawValue)
        guard let scalar = self.scalar(node, expected: kind, for: what) else { return nil }
        guard let value = Value(rawValue: scalar.value) else {
            let hint = Suggestion.hint(for: scalar.value, among: names)
            self.sink.error("unknown \(kind) '\(Self.excerpt(scalar.value))' for \(what)\(hint)", at: scalar.location)
            return nil
        }
        return value
    }

    /// An identifier for a step, template or variant.
    mutating func identifier(_ node: YAMLNode, for what: String) -> String? {
        let expected = "a name of letters, digits, '_', '-' or '.'"
        guard let scalar = self.scalar(node, expected: expected, for: what) else { return nil }
        guard ScalarSyntax.isIdentifier(scalar.value) else {
            self.sink.error(
                "expected \(expected) for \(what), found '\(Self.excerpt(scalar.value))'",
                at: scalar.location
            )
            return nil
        }
        return scalar.value
    }

    /// A step id or `stop`, recorded as a reference for validation.
    mutating func target(_ node: YAMLNode, for what: String, role: String, fromStep: Int?) -> StepTarget? {
        guard let name = self.identifier(node, for: what) else { return nil }
        let target: StepTarget = name == "stop" ? .stop : .step(name)
        self.map.references.append(
            CampaignSourceMap.Reference(role: role, fromStep: fromStep, target: target, location: node.location)
        )
        return target
    }
}
