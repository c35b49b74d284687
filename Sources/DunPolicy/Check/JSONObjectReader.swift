import DunCore

/// Reads one JSON object field by field, turning every mismatch into a `path:line:col` diagnostic that names
/// what was expected. Unknown keys are errors, so that a misspelt field never passes silently.
struct JSONObjectReader {
    let node: JSONNode
    let members: [(key: String, value: JSONNode, keyLocation: SourceLocation)]
    let path: String
    let what: String

    init(_ node: JSONNode, path: String, what: String, allowed: [String]) throws(Diagnostic) {
        guard case .object(let members) = node.value else {
            throw Diagnostic(
                path: path,
                location: node.location,
                severity: .error,
                message: "expected \(what) to be an object, found \(node.typeName)"
            )
        }
        for member in members where !allowed.contains(member.key) {
            throw Diagnostic(
                path: path,
                location: member.keyLocation,
                severity: .error,
                message:
                    "unknown key \"\(member.key)\" in \(what) (expected one of: \(allowed.joined(separator: ", ")))"
            )
        }
        self.node = node
        self.members = members
        self.path = path
        self.what = what
    }

    func error(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(path: self.path, location: location, severity: .error, message: message)
    }

    func value(_ key: String) -> JSONNode? {
        guard let node = self.members.first(where: { $0.key == key })?.value else { return nil }
        if case .null = node.value { return nil }
        return node
    }

    func required(_ key: String) throws(Diagnostic) -> JSONNode {
        guard let node = self.value(key) else {
            throw self.error("missing required key \"\(key)\" in \(self.what)", at: self.node.location)
        }
        return node
    }

    func string(_ key: String) throws(Diagnostic) -> String? {
        guard let node = self.value(key) else { return nil }
        guard case .string(let text) = node.value else {
            throw self.error("expected \"\(key)\" to be a string, found \(node.typeName)", at: node.location)
        }
        return text
    }

    func bool(_ key: String) throws(Diagnostic) -> Bool? {
        guard let node = self.value(key) else { return nil }
        guard case .bool(let flag) = node.value else {
            throw self.error("expected \"\(key)\" to be true or false, found \(node.typeName)", at: node.location)
        }
        return flag
    }

    func integer(_ key: String) throws(Diagnostic) -> Int? {
        guard let node = self.value(key) else { return nil }
        guard case .number(let text) = node.value, let value = Int(text), value >= 0 else {
            throw self.error("expected \"\(key)\" to be a whole number ≥ 0", at: node.location)
        }
        return value
    }

    func array(_ key: String) throws(Diagnostic) -> [JSONNode] {
        guard let node = self.value(key) else { return [] }
        guard case .array(let elements) = node.value else {
            throw self.error("expected \"\(key)\" to be an array, found \(node.typeName)", at: node.location)
        }
        return elements
    }

    func strings(_ key: String) throws(Diagnostic) -> [(String, SourceLocation)] {
        var result: [(String, SourceLocation)] = []
        for element in try self.array(key) {
            guard case .string(let text) = element.value else {
                throw self.error(
                    "expected every element of \"\(key)\" to be a string, found \(element.typeName)",
                    at: element.location
                )
            }
            result.append((text, element.location))
        }
        return result
    }

    func instant(_ key: String) throws(Diagnostic) -> UTCInstant? {
        guard let text = try self.string(key) else { return nil }
        guard let instant = ISO8601.parse(text) else {
            throw self.error(
                "expected \"\(key)\" to be an ISO-8601 timestamp with an offset (e.g. 2026-04-01T09:30:00-04:00), "
                    + "found \"\(text)\"",
                at: self.value(key)!.location
            )
        }
        return instant
    }

    func location(_ key: String) -> SourceLocation {
        self.value(key)?.location ?? self.node.location
    }

    /// A string that must be one of `choices`.
    func choice(_ key: String, _ choices: [String]) throws(Diagnostic) -> String? {
        guard let text = try self.string(key) else { return nil }
        guard choices.contains(text) else {
            throw self.error(
                "expected \"\(key)\" to be one of \(choices.map { "\"\($0)\"" }.joined(separator: ", ")), found \"\(text)\"",
                at: self.location(key)
            )
        }
        return text
    }
}
