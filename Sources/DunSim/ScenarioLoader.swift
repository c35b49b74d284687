public import DunCampaign
public import DunCore

/// Reads simulator scenario files (`simulators/*.yaml`): YAML-lite with a top-level `scenario:` key, then
/// this schema. Every problem is a diagnostic `path:line:col: error: message` saying what was expected.
///
/// Keys left out keep the defaults of `Scenario()` (SIMULATION.md §5.8).
public enum ScenarioLoader {
    /// Reads and decodes the scenario file at `path`.
    ///
    /// - Throws: `DiagnosticError` with every problem found.
    public static func load(file path: String) throws(DiagnosticError) -> Scenario {
        let text: String
        switch SourceFile.read(path) {
        case .success(let contents): text = contents
        case .failure(let error): throw error
        }
        let root = try YAMLReader.read(text, path: path)
        var decoder = ScenarioDecoder(path: path)
        let scenario = decoder.decode(root)
        guard decoder.diagnostics.isEmpty else { throw DiagnosticError(decoder.diagnostics.sorted()) }
        return scenario
    }

    /// Sets one parameter from `section.key=value` text (as `dun simulate --set` takes it), with the file's
    /// own checks; e.g. `agency.agents_per_1000=1.0`.
    ///
    /// - Throws: `DiagnosticError` (path `--set`) when the key is unknown or the value is not valid.
    public static func override(_ scenario: inout Scenario, _ assignment: String) throws(DiagnosticError) {
        let location = SourceLocation(line: 1, column: 1)
        let parts = assignment.split(separator: "=", maxSplits: 1)
        let path = parts.first.map { $0.split(separator: ".") } ?? []
        guard parts.count == 2, path.count == 2 else {
            throw DiagnosticError([
                Diagnostic(
                    path: "--set",
                    location: location,
                    severity: .error,
                    message: "expected section.key=value (e.g. agency.agents_per_1000=1.0), found '\(assignment)'"
                )
            ])
        }
        let key = YAMLScalar(value: String(path[1]), style: .plain, location: location)
        let value = YAMLNode.scalar(YAMLScalar(value: String(parts[1]), style: .plain, location: location))
        let node = YAMLNode.mapping(YAMLMapping(entries: [.init(key: key, value: value)], location: location))
        var decoder = ScenarioDecoder(path: "--set")
        switch path[0] {
        case "portfolio":
            decoder.fields(node, section: "portfolio", into: &scenario.portfolio, ScenarioDecoder.portfolioFields)
        case "behaviour":
            decoder.fields(node, section: "behaviour", into: &scenario.behaviour, ScenarioDecoder.behaviourFields)
        case "costs": decoder.fields(node, section: "costs", into: &scenario.costs, ScenarioDecoder.costFields)
        case "agency": decoder.fields(node, section: "agency", into: &scenario.agency, ScenarioDecoder.agencyFields)
        default:
            decoder.error(location, "unknown section '\(path[0])'; expected portfolio, behaviour, costs or agency")
        }
        guard decoder.diagnostics.isEmpty else { throw DiagnosticError(decoder.diagnostics) }
    }

    /// Checks an already-read scenario tree; the hook `dun validate` calls for files with `scenario:`.
    public static func check(_ root: YAMLNode, path: String) -> [Diagnostic] {
        var decoder = ScenarioDecoder(path: path)
        _ = decoder.decode(root)
        return decoder.diagnostics.sorted()
    }
}

/// The scenario schema over a YAML-lite tree.
struct ScenarioDecoder {
    let path: String
    var diagnostics: [Diagnostic] = []

    init(path: String) {
        self.path = path
    }

    mutating func error(_ location: SourceLocation, _ message: String) {
        self.diagnostics.append(Diagnostic(path: self.path, location: location, severity: .error, message: message))
    }

    mutating func decode(_ root: YAMLNode) -> Scenario {
        var scenario = Scenario()
        guard case .mapping(let top) = root else {
            self.error(root.location, "expected a mapping with 'scenario:' at the top, found \(root.kindName)")
            return scenario
        }
        for entry in top.entries {
            switch entry.key.value {
            case "scenario":
                if let name = self.string(entry.value) { scenario.name = name }
            case "description":
                _ = self.string(entry.value)
            case "portfolio":
                self.fields(entry.value, section: "portfolio", into: &scenario.portfolio, Self.portfolioFields)
            case "behaviour":
                self.fields(entry.value, section: "behaviour", into: &scenario.behaviour, Self.behaviourFields)
            case "costs":
                self.fields(entry.value, section: "costs", into: &scenario.costs, Self.costFields)
            case "agency":
                self.fields(entry.value, section: "agency", into: &scenario.agency, Self.agencyFields)
            default:
                self.error(
                    entry.key.location,
                    "unknown key '\(entry.key.value)'; expected one of: scenario, description, portfolio, "
                        + "behaviour, costs, agency"
                )
            }
        }
        if case .mapping = root, top["scenario"] == nil {
            self.error(top.location, "missing 'scenario:' (the scenario's name)")
        }
        self.checkShares(scenario, top)
        return scenario
    }

    mutating func checkShares(_ scenario: Scenario, _ top: YAMLMapping) {
        let location = top["portfolio"]?.location ?? top.location
        let zones = scenario.portfolio.zones.reduce(0) { $0 + $1.share }
        if abs(zones - 1) > 1e-6 {
            self.error(location, "portfolio zone shares must sum to 1, found \(zones)")
        }
        let types = scenario.portfolio.hourTypeShares
        if types.count != 3 || abs(types.reduce(0, +) - 1) > 1e-6 {
            self.error(
                location,
                "portfolio hour_type_shares must be three shares (day, evening, flexible) summing to 1"
            )
        }
        if scenario.behaviour.dowMultipliers.count != 7 {
            self.error(location, "behaviour dow_multipliers must have 7 values, Monday first")
        }
        if scenario.agency.shifts.count != 7 {
            self.error(location, "agency shifts must name all 7 days, Monday first")
        }
    }

    // MARK: - Fields

    typealias Setter<Root> = (inout ScenarioDecoder, YAMLNode, inout Root) -> Void

    mutating func fields<Root>(
        _ node: YAMLNode,
        section: String,
        into root: inout Root,
        _ table: [(String, Setter<Root>)]
    ) {
        guard case .mapping(let mapping) = node else {
            self.error(node.location, "expected a mapping under '\(section)', found \(node.kindName)")
            return
        }
        for entry in mapping.entries {
            guard let setter = table.first(where: { $0.0 == entry.key.value })?.1 else {
                let names = table.map(\.0).joined(separator: ", ")
                self.error(
                    entry.key.location,
                    "unknown key '\(entry.key.value)' in \(section); expected one of: \(names)"
                )
                continue
            }
            setter(&self, entry.value, &root)
        }
    }

    mutating func string(_ node: YAMLNode) -> String? {
        guard case .scalar(let scalar) = node else {
            self.error(node.location, "expected a text value, found \(node.kindName)")
            return nil
        }
        return scalar.value
    }

    mutating func double(_ node: YAMLNode, _ range: ClosedRange<Double>) -> Double? {
        guard let text = self.string(node) else { return nil }
        guard let value = Double(text), value.isFinite else {
            self.error(node.location, "expected a number, found '\(text)'")
            return nil
        }
        guard range.contains(value) else {
            self.error(node.location, "expected a number in \(range.lowerBound)...\(range.upperBound), found \(text)")
            return nil
        }
        return value
    }

    mutating func int(_ node: YAMLNode, _ range: ClosedRange<Int>) -> Int? {
        guard let text = self.string(node) else { return nil }
        guard let value = Int(text.replacing("_", with: "")) else {
            self.error(node.location, "expected a whole number, found '\(text)'")
            return nil
        }
        guard range.contains(value) else {
            self.error(
                node.location,
                "expected a whole number in \(range.lowerBound)...\(range.upperBound), found \(text)"
            )
            return nil
        }
        return value
    }

    mutating func money(_ node: YAMLNode) -> Money? {
        guard let text = self.string(node) else { return nil }
        guard let money = Money(decimal: text) else {
            self.error(node.location, "expected an amount such as 1000.00, found '\(text)'")
            return nil
        }
        return money
    }

    mutating func doubles(_ node: YAMLNode, _ range: ClosedRange<Double>) -> [Double]? {
        guard case .sequence(let sequence) = node else {
            self.error(node.location, "expected a list of numbers such as [1.0, 0.5], found \(node.kindName)")
            return nil
        }
        var values: [Double] = []
        for item in sequence.items {
            guard let value = self.double(item, range) else { return nil }
            values.append(value)
        }
        return values
    }

    static func share<Root>(_ path: WritableKeyPath<Root, Double>) -> Setter<Root> {
        { decoder, node, root in if let value = decoder.double(node, 0...1) { root[keyPath: path] = value } }
    }

    static func positive<Root>(_ path: WritableKeyPath<Root, Double>) -> Setter<Root> {
        { decoder, node, root in if let value = decoder.double(node, 0...1e9) { root[keyPath: path] = value } }
    }

    static func whole<Root>(_ path: WritableKeyPath<Root, Int>, _ range: ClosedRange<Int>) -> Setter<Root> {
        { decoder, node, root in if let value = decoder.int(node, range) { root[keyPath: path] = value } }
    }

    static func amount<Root>(_ path: WritableKeyPath<Root, Money>) -> Setter<Root> {
        { decoder, node, root in if let value = decoder.money(node) { root[keyPath: path] = value } }
    }

    static func list<Root>(_ path: WritableKeyPath<Root, [Double]>, count: Int) -> Setter<Root> {
        { decoder, node, root in
            guard let values = decoder.doubles(node, 0...100) else { return }
            guard values.count == count else {
                decoder.error(node.location, "expected \(count) numbers, found \(values.count)")
                return
            }
            root[keyPath: path] = values
        }
    }

    static func millicents<Root>(_ path: WritableKeyPath<Root, Int64>) -> Setter<Root> {
        // Written in dollars (0.012 for 1.2 cents); stored in millicents.
        { decoder, node, root in
            if let dollars = decoder.double(node, 0...1e6) {
                root[keyPath: path] = Int64((dollars * 100_000).rounded())
            }
        }
    }
}
