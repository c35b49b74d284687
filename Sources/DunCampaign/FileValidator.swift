public import DunCore

/// What `dun validate` does for a list of files: read each, recognise campaign or scenario files, and
/// collect every diagnostic, sorted by file then position.
///
/// A file whose top level has a `scenario:` key is a simulator scenario; it is checked by
/// `scenarioCheck`, which the simulator module supplies (the `dun` command wires it). Without one, a
/// scenario file gets the error "scenario validation not available yet".
public struct FileValidator: Sendable {
    /// Checks a scenario file's YAML tree; returns its diagnostics.
    public typealias ScenarioCheck = @Sendable (_ root: YAMLNode, _ path: String) -> [Diagnostic]

    /// The outcome of validating some files.
    public struct Report: Sendable {
        /// Every diagnostic, sorted by path, then position, then severity.
        public var diagnostics: [Diagnostic]

        /// Whether any diagnostic is an error.
        public var hasErrors: Bool { self.diagnostics.contains { $0.severity == .error } }

        /// 0 when there is no error (warnings and notes alone pass), else 1.
        public var exitCode: Int32 { self.hasErrors ? 1 : 0 }
    }

    let scenarioCheck: ScenarioCheck?

    /// Creates a validator; `scenarioCheck` validates simulator scenario files when given.
    public init(scenarioCheck: ScenarioCheck? = nil) {
        self.scenarioCheck = scenarioCheck
    }

    /// Validates each file at `paths`, in the order given.
    public func validate(files paths: [String]) -> Report {
        var diagnostics: [Diagnostic] = []
        for path in paths {
            switch SourceFile.read(path) {
            case .success(let text): diagnostics += self.validate(text: text, path: path)
            case .failure(let error): diagnostics += error.diagnostics
            }
        }
        // Files keep the order given; within a file, diagnostics go by position.
        let order = paths.enumerated().reduce(into: [String: Int]()) { $0[$1.element] = $0[$1.element] ?? $1.offset }
        diagnostics.sort { lhs, rhs in
            let left = order[lhs.path] ?? 0
            let right = order[rhs.path] ?? 0
            return left != right ? left < right : lhs < rhs
        }
        return Report(diagnostics: diagnostics)
    }

    /// Validates one file's text.
    public func validate(text: String, path: String) -> [Diagnostic] {
        let root: YAMLNode
        do {
            root = try YAMLReader.read(text, path: path)
        } catch {
            return error.diagnostics.sorted()
        }
        if case .mapping(let mapping) = root, let entry = mapping.entries.first(where: { $0.key.value == "scenario" }) {
            guard let scenarioCheck = self.scenarioCheck else {
                return [
                    Diagnostic(
                        path: path,
                        location: entry.key.location,
                        severity: .error,
                        message: "this is a simulator scenario file ('scenario:'); scenario validation is not "
                            + "available yet"
                    )
                ]
            }
            return scenarioCheck(root, path).sorted()
        }
        return CampaignLoader.decode(root, path: path, text: text).diagnostics
    }
}
