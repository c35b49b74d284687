import DunCampaign

/// A YAML tree without positions or styles, for comparing dun's reader with expectations and with PyYAML.
indirect enum YAMLTree: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral,
    ExpressibleByArrayLiteral
{
    case string(String)
    case list([YAMLTree])
    case map([Pair])

    struct Pair: Hashable, Sendable {
        var key: String
        var value: YAMLTree
    }

    init(stringLiteral value: String) { self = .string(value) }
    init(arrayLiteral elements: YAMLTree...) { self = .list(elements) }

    /// A mapping from key/value pairs in order.
    static func m(_ pairs: KeyValuePairs<String, YAMLTree>) -> YAMLTree {
        .map(pairs.map { Pair(key: $0.key, value: $0.value) })
    }

    init(_ node: YAMLNode) {
        switch node {
        case .scalar(let scalar): self = .string(scalar.value)
        case .sequence(let sequence): self = .list(sequence.items.map(YAMLTree.init))
        case .mapping(let mapping):
            self = .map(mapping.entries.map { Pair(key: $0.key.value, value: YAMLTree($0.value)) })
        }
    }

    /// Decodes the `{"s"|"l"|"m": …}` form printed by Fixtures/yaml_to_json.py (from JSONSerialization output).
    init?(json: Any) {
        guard let object = json as? [String: Any], object.count == 1 else { return nil }
        if let text = object["s"] as? String {
            self = .string(text)
        } else if let items = object["l"] as? [Any] {
            var trees: [YAMLTree] = []
            for item in items {
                guard let tree = YAMLTree(json: item) else { return nil }
                trees.append(tree)
            }
            self = .list(trees)
        } else if let entries = object["m"] as? [Any] {
            var pairs: [Pair] = []
            for entry in entries {
                guard let pair = entry as? [Any], pair.count == 2, let key = pair[0] as? String,
                    let value = YAMLTree(json: pair[1])
                else { return nil }
                pairs.append(Pair(key: key, value: value))
            }
            self = .map(pairs)
        } else {
            return nil
        }
    }

    var description: String {
        switch self {
        case .string(let text): return text.debugDescription
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let pairs):
            return "{" + pairs.map { "\($0.key.debugDescription): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}
