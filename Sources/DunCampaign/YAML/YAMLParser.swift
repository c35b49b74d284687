import DunCore

/// Unwinds the parser after a fatal problem; the diagnostic is already in `YAMLParser.diagnostics`.
struct YAMLParseStop: Error {}

/// The block-structure parser of YAML-lite: mappings, lists and the dispatch to scalar scanners.
///
/// Works line by line over a `YAMLSource`; `nextLine` is where scanning resumes after a node. Every line is
/// visited a bounded number of times, so reading is linear in the size of the text.
struct YAMLParser {
    let source: YAMLSource
    let path: String
    /// Problems found so far; a fatal one is followed by `YAMLParseStop`.
    var diagnostics: [Diagnostic] = []
    /// The first line not yet consumed.
    var nextLine = 0
    /// Whether a leading `---` may still appear.
    private var documentStartAllowed = true
    /// How many collections enclose the node being parsed.
    private var depth = 0
    /// The deepest nesting read; deeper input is rejected rather than risking the stack.
    static let maxDepth = 64

    init(source: YAMLSource, path: String) {
        self.source = source
        self.path = path
    }

    /// What a node position holds, decided from its first line.
    enum Head {
        case sequenceItem
        case key(YAMLScalar, colon: Int)
        case value
    }

    // MARK: - Document

    mutating func parseDocument() throws(YAMLParseStop) -> YAMLNode {
        guard let line = try self.nextContentLine() else {
            return .mapping(YAMLMapping(entries: [], location: SourceLocation(line: 1, column: 1)))
        }
        let index = self.source.start(ofLine: line) + self.source.indent(ofLine: line)
        if case .value = try self.classify(at: index) {
            throw self.fail(YAMLMessage.topLevelScalar(self.source.snippet(from: index)), at: index)
        }
        let root = try self.parseNode(at: index, parent: -1, allowCollections: true)
        if let extra = try self.nextContentLine() {
            let extraIndex = self.source.start(ofLine: extra) + self.source.indent(ofLine: extra)
            let rootColumn = self.source.column(of: index)
            let text = self.source.snippet(from: extraIndex)
            if case .sequence = root, self.source.indent(ofLine: extra) == rootColumn {
                throw self.fail(
                    YAMLMessage.topLevelListContinuation(text, line: root.location.line),
                    at: extraIndex
                )
            }
            throw self.fail(
                YAMLMessage.inconsistentIndentation(
                    text,
                    found: self.source.indent(ofLine: extra),
                    expected: rootColumn,
                    kind: root.kindName == "a list" ? "top-level list" : "top-level mapping",
                    line: root.location.line
                ),
                at: extraIndex
            )
        }
        return root
    }

    // MARK: - Nodes

    /// Parses the node whose first character is at `index`.
    ///
    /// - Parameters:
    ///   - index: The node's first character.
    ///   - parent: The indentation of the enclosing collection (-1 at the top level); continuation lines of
    ///     scalars must be indented more.
    ///   - allowCollections: False right after `key:` on the same line, where YAML allows only a scalar.
    /// - Returns: The node; `nextLine` is the line after it.
    /// - Throws: `YAMLParseStop` after recording the diagnostic.
    mutating func parseNode(at index: Int, parent: Int, allowCollections: Bool) throws(YAMLParseStop) -> YAMLNode {
        guard self.depth < Self.maxDepth else {
            throw self.fail(YAMLMessage.tooDeep(Self.maxDepth), at: index)
        }
        self.depth += 1
        defer { self.depth -= 1 }
        switch try self.classify(at: index) {
        case .sequenceItem:
            guard allowCollections else {
                throw self.fail(YAMLMessage.listOnKeyLine(self.source.snippet(from: index)), at: index)
            }
            return .sequence(try self.parseSequence(at: index, indent: self.source.column(of: index)))
        case .key(let key, let colon):
            guard allowCollections else {
                throw self.fail(YAMLMessage.mappingOnKeyLine(self.source.snippet(from: index)), at: index)
            }
            return .mapping(
                try self.parseMapping(firstKey: key, colon: colon, indent: self.source.column(of: index))
            )
        case .value:
            return try self.parseValue(at: index, parent: parent)
        }
    }

    /// Decides what starts at `index`, rejecting constructs outside YAML-lite.
    mutating func classify(at index: Int) throws(YAMLParseStop) -> Head {
        let first = self.source.at(index)
        let next = self.source.at(index + 1)
        switch first {
        case "-" where YAMLSource.isBlankOrEnd(next):
            return .sequenceItem
        case "?" where YAMLSource.isBlankOrEnd(next):
            throw self.fail(YAMLMessage.complexKey(self.source.snippet(from: index)), at: index)
        case ":" where YAMLSource.isBlankOrEnd(next):
            throw self.fail(YAMLMessage.missingKey(self.source.snippet(from: index)), at: index)
        case "&":
            throw self.fail(YAMLMessage.anchor(self.source.token(from: index)), at: index)
        case "*":
            throw self.fail(YAMLMessage.alias(self.source.token(from: index)), at: index)
        case "!":
            throw self.fail(YAMLMessage.tag(self.source.token(from: index)), at: index)
        case "{":
            throw self.fail(YAMLMessage.flowMapping(self.source.snippet(from: index)), at: index)
        case "%", "@", "`", ",", "]", "}":
            throw self.fail(
                YAMLMessage.cannotStartValue(self.source.snippet(from: index), character: first),
                at: index
            )
        case "\t":
            throw self.fail(YAMLMessage.tabOutsideText, at: index)
        case "|", ">":
            return .value
        case "[":
            let (_, end) = try self.scanFlowList(from: index)
            if self.colonFollows(end) != nil {
                throw self.fail(YAMLMessage.flowListKey(self.source.snippet(from: index)), at: index)
            }
            return .value
        case "'", "\"":
            let (value, end) = try self.scanQuoted(from: index, singleLine: false)
            guard let colon = self.colonFollows(end) else { return .value }
            if self.source.line(of: end) != self.source.line(of: index) {
                throw self.fail(YAMLMessage.quotedKeySpansLines(self.source.snippet(from: index)), at: index)
            }
            let style: YAMLScalar.Style = first == "'" ? .singleQuoted : .doubleQuoted
            let key = YAMLScalar(value: value, style: style, location: self.source.location(of: index))
            return .key(key, colon: colon)
        default:
            let scan = try self.scanPlainLine(from: index)
            guard case .colon = scan.stop else { return .value }
            let text = self.source.string(index..<scan.end)
            if text == "<<" {
                throw self.fail(YAMLMessage.mergeKey, at: index)
            }
            let key = YAMLScalar(value: text, style: .plain, location: self.source.location(of: index))
            return .key(key, colon: scan.stopIndex)
        }
    }

    /// The index of a `:` that follows `end` after optional spaces and ends the token, if there is one.
    private func colonFollows(_ end: Int) -> Int? {
        var index = end
        while self.source.at(index) == " " {
            index += 1
        }
        guard self.source.at(index) == ":", YAMLSource.isBlankOrEnd(self.source.at(index + 1)) else { return nil }
        return index
    }

    // MARK: - Collections

    mutating func parseMapping(firstKey: YAMLScalar, colon: Int, indent: Int) throws(YAMLParseStop) -> YAMLMapping {
        var entries: [YAMLMapping.Entry] = []
        var firstLines: [String: Int] = [:]
        var key = firstKey
        var colon = colon
        while true {
            if let firstLine = firstLines[key.value] {
                self.report(YAMLMessage.duplicateKey(key.value, firstLine: firstLine), at: key.location)
            } else {
                firstLines[key.value] = key.location.line
            }
            let value = try self.parseEntryValue(afterColon: colon, indent: indent)
            entries.append(YAMLMapping.Entry(key: key, value: value))
            guard let line = try self.nextContentLine() else { break }
            let lineIndent = self.source.indent(ofLine: line)
            if lineIndent < indent {
                break
            }
            let index = self.source.start(ofLine: line) + lineIndent
            if lineIndent > indent {
                throw self.fail(
                    YAMLMessage.inconsistentIndentation(
                        self.source.snippet(from: index),
                        found: lineIndent,
                        expected: indent,
                        kind: "mapping",
                        line: firstKey.location.line
                    ),
                    at: index
                )
            }
            switch try self.classify(at: index) {
            case .key(let nextKey, let nextColon):
                key = nextKey
                colon = nextColon
            case .sequenceItem:
                throw self.fail(
                    YAMLMessage.listItemInMapping(
                        self.source.snippet(from: index),
                        mappingLine: firstKey.location.line
                    ),
                    at: index
                )
            case .value:
                throw self.fail(
                    YAMLMessage.keyWithoutColon(self.source.snippet(from: index), mappingLine: firstKey.location.line),
                    at: index
                )
            }
        }
        return YAMLMapping(entries: entries, location: firstKey.location)
    }

    /// The value after `key:`: on the same line, or on the following lines when the key's line ends there.
    private mutating func parseEntryValue(afterColon colon: Int, indent: Int) throws(YAMLParseStop) -> YAMLNode {
        let index = try self.skipSpaces(from: colon + 1)
        let scalar = self.source.at(index)
        if YAMLSource.isBreakOrEnd(scalar) || scalar == "#" {
            self.nextLine = self.source.line(of: colon) + 1
            return try self.parseBlockValue(parent: indent, sameIndentSequence: true, emptyAt: colon + 1)
        }
        return try self.parseNode(at: index, parent: indent, allowCollections: false)
    }

    mutating func parseSequence(at start: Int, indent: Int) throws(YAMLParseStop) -> YAMLSequence {
        var items: [YAMLNode] = []
        var dash = start
        while true {
            let index = try self.skipSpaces(from: dash + 1)
            let scalar = self.source.at(index)
            if YAMLSource.isBreakOrEnd(scalar) || scalar == "#" {
                self.nextLine = self.source.line(of: dash) + 1
                items.append(try self.parseBlockValue(parent: indent, sameIndentSequence: false, emptyAt: dash + 1))
            } else {
                items.append(try self.parseNode(at: index, parent: indent, allowCollections: true))
            }
            guard let line = try self.nextContentLine() else { break }
            let lineIndent = self.source.indent(ofLine: line)
            if lineIndent < indent {
                break
            }
            let next = self.source.start(ofLine: line) + lineIndent
            if lineIndent > indent {
                throw self.fail(
                    YAMLMessage.inconsistentIndentation(
                        self.source.snippet(from: next),
                        found: lineIndent,
                        expected: indent,
                        kind: "list",
                        line: self.source.line(of: start) + 1
                    ),
                    at: next
                )
            }
            guard self.source.at(next) == "-", YAMLSource.isBlankOrEnd(self.source.at(next + 1)) else { break }
            dash = next
        }
        return YAMLSequence(items: items, isFlow: false, location: self.source.location(of: start))
    }

    /// A node on the lines after `key:` or `-`, or an empty plain scalar when nothing more indented follows.
    private mutating func parseBlockValue(
        parent: Int,
        sameIndentSequence: Bool,
        emptyAt: Int
    ) throws(YAMLParseStop) -> YAMLNode {
        let empty = YAMLNode.scalar(YAMLScalar(value: "", style: .plain, location: self.source.location(of: emptyAt)))
        guard let line = try self.nextContentLine() else { return empty }
        let lineIndent = self.source.indent(ofLine: line)
        let index = self.source.start(ofLine: line) + lineIndent
        if lineIndent > parent {
            return try self.parseNode(at: index, parent: parent, allowCollections: true)
        }
        if lineIndent == parent, sameIndentSequence, self.source.at(index) == "-",
            YAMLSource.isBlankOrEnd(self.source.at(index + 1))
        {
            return .sequence(try self.parseSequence(at: index, indent: lineIndent))
        }
        return empty
    }

    // MARK: - Lines

    /// Moves `nextLine` past blank and comment lines and returns the next line with content, if any.
    ///
    /// Rejects tabs in indentation and, at column 1, document markers and directives.
    mutating func nextContentLine() throws(YAMLParseStop) -> Int? {
        while self.nextLine < self.source.lineCount {
            let line = self.nextLine
            let start = self.source.start(ofLine: line)
            var index = start
            while self.source.at(index) == " " {
                index += 1
            }
            let scalar = self.source.at(index)
            if scalar == "\t" {
                throw self.fail(YAMLMessage.tabInIndentation, at: index)
            }
            if YAMLSource.isBreakOrEnd(scalar) || scalar == "#" {
                self.nextLine += 1
                continue
            }
            if index == start {
                if scalar == "%" {
                    throw self.fail(YAMLMessage.directive(self.source.snippet(from: index)), at: index)
                }
                if self.source.isDocumentMarker(line: line) {
                    guard scalar == "-", self.documentStartAllowed else {
                        throw self.fail(
                            scalar == "-" ? YAMLMessage.multipleDocuments : YAMLMessage.documentEnd,
                            at: index
                        )
                    }
                    self.documentStartAllowed = false
                    let after = try self.skipSpaces(from: index + 3)
                    let rest = self.source.at(after)
                    guard YAMLSource.isBreakOrEnd(rest) || rest == "#" else {
                        throw self.fail(YAMLMessage.contentOnDocumentStart, at: after)
                    }
                    self.nextLine += 1
                    continue
                }
            }
            self.documentStartAllowed = false
            return line
        }
        return nil
    }

    /// Skips spaces from `index`; a tab among them is an error.
    mutating func skipSpaces(from index: Int) throws(YAMLParseStop) -> Int {
        var index = index
        while true {
            let scalar = self.source.at(index)
            if scalar == " " {
                index += 1
            } else if scalar == "\t" {
                throw self.fail(YAMLMessage.tabOutsideText, at: index)
            } else {
                return index
            }
        }
    }

    /// Requires only spaces and an optional comment from `index` to the line end, and resumes on the next line.
    mutating func finishLine(after index: Int, what: String) throws(YAMLParseStop) {
        let end = try self.skipSpaces(from: index)
        let scalar = self.source.at(end)
        let commentAllowed = scalar == "#" && end > index
        guard YAMLSource.isBreakOrEnd(scalar) || commentAllowed else {
            throw self.fail(YAMLMessage.trailingContent(self.source.snippet(from: end), after: what), at: end)
        }
        self.nextLine = self.source.line(of: end) + 1
    }

    // MARK: - Diagnostics

    mutating func report(_ message: String, at location: SourceLocation) {
        self.diagnostics.append(Diagnostic(path: self.path, location: location, severity: .error, message: message))
    }

    /// Records a fatal problem at `index` and returns the error that unwinds the parser.
    mutating func fail(_ message: String, at index: Int) -> YAMLParseStop {
        self.report(message, at: self.source.location(of: index))
        return YAMLParseStop()
    }
}
