public import DunCore

/// A node of a YAML-lite document: the tree dun's own reader produces.
///
/// Every scalar stays a string (`no` is not false, `9:00` is not 540, `0123` keeps its zero); the campaign
/// schema types it. Every node carries the position of its first character, for diagnostics.
public indirect enum YAMLNode: Hashable, Sendable {
    case scalar(YAMLScalar)
    case mapping(YAMLMapping)
    case sequence(YAMLSequence)

    /// Where the node starts in the source.
    public var location: SourceLocation {
        switch self {
        case .scalar(let scalar): scalar.location
        case .mapping(let mapping): mapping.location
        case .sequence(let sequence): sequence.location
        }
    }

    /// A short name of the node's kind, for "expected a mapping, found a sequence" messages.
    public var kindName: String {
        switch self {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

/// A scalar: its text after YAML's quoting, escaping, folding and block-scalar rules, plus its style.
public struct YAMLScalar: Hashable, Sendable {
    /// How the scalar was written.
    public enum Style: String, Hashable, Sendable {
        case plain
        case singleQuoted
        case doubleQuoted
        /// `|` block scalar.
        case literal
        /// `>` block scalar.
        case folded
    }

    public var value: String
    public var style: Style
    public var location: SourceLocation

    public init(value: String, style: Style, location: SourceLocation) {
        self.value = value
        self.style = style
        self.location = location
    }

    /// Whether the scalar is an empty plain scalar (a key written with no value: `key:`).
    public var isEmptyPlain: Bool {
        self.style == .plain && self.value.isEmpty
    }
}

/// A block mapping, entries in file order (keys are unique: the reader rejects duplicates).
public struct YAMLMapping: Hashable, Sendable {
    /// One `key: value` entry.
    public struct Entry: Hashable, Sendable {
        public var key: YAMLScalar
        public var value: YAMLNode

        public init(key: YAMLScalar, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    public var entries: [Entry]
    public var location: SourceLocation

    public init(entries: [Entry], location: SourceLocation) {
        self.entries = entries
        self.location = location
    }

    /// The value for `key`, if present.
    public subscript(key: String) -> YAMLNode? {
        self.entries.first { $0.key.value == key }?.value
    }
}

/// A block sequence (`- item`) or a short flow list (`[a, b]`).
public struct YAMLSequence: Hashable, Sendable {
    public var items: [YAMLNode]
    /// Whether it was written as a flow list `[a, b]`.
    public var isFlow: Bool
    public var location: SourceLocation

    public init(items: [YAMLNode], isFlow: Bool, location: SourceLocation) {
        self.items = items
        self.isFlow = isFlow
        self.location = location
    }
}
