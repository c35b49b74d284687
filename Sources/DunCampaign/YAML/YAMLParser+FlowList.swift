import DunCore

extension YAMLParser {
    /// Scans a short flow list `[a, b, 'c d']` of scalars on one line; the `[` is at `open`.
    ///
    /// Nested flow collections, mappings inside the list, and lists that continue on the next line are rejected.
    /// A trailing comma is allowed, as in YAML.
    ///
    /// - Returns: The list and the index just past the closing `]`.
    mutating func scanFlowList(from open: Int) throws(YAMLParseStop) -> (YAMLSequence, Int) {
        var items: [YAMLNode] = []
        var index = open + 1
        while true {
            index = try self.skipSpaces(from: index)
            let scalar = self.source.at(index)
            switch scalar {
            case "]":
                let sequence = YAMLSequence(items: items, isFlow: true, location: self.source.location(of: open))
                return (sequence, index + 1)
            case "\n", "\u{0}", "#":
                throw self.fail(YAMLMessage.unterminatedFlowList, at: open)
            case ",":
                throw self.fail(YAMLMessage.emptyFlowItem(self.source.snippet(from: index)), at: index)
            default:
                break
            }
            let itemStart = index
            let (item, end) = try self.scanFlowItem(at: index, open: open)
            items.append(.scalar(item))
            index = try self.skipSpaces(from: end)
            switch self.source.at(index) {
            case ",":
                index += 1
            case "]":
                continue
            case "\n", "\u{0}":
                throw self.fail(YAMLMessage.unterminatedFlowList, at: open)
            case ":":
                throw self.fail(YAMLMessage.mappingInFlowList(self.source.snippet(from: itemStart)), at: index)
            case "[", "{":
                throw self.fail(YAMLMessage.nestedFlow(self.source.snippet(from: index)), at: index)
            default:
                throw self.fail(YAMLMessage.flowListSeparator(self.source.snippet(from: index)), at: index)
            }
        }
    }

    /// One scalar of a flow list at `index`; returns it and the index after it.
    private mutating func scanFlowItem(at index: Int, open: Int) throws(YAMLParseStop) -> (YAMLScalar, Int) {
        let location = self.source.location(of: index)
        let first = self.source.at(index)
        let next = self.source.at(index + 1)
        let endsToken = YAMLSource.isBlankOrEnd(next) || next == "," || next == "]"
        switch first {
        case "'", "\"":
            let (value, end) = try self.scanQuoted(from: index, singleLine: true)
            return (
                YAMLScalar(value: value, style: first == "'" ? .singleQuoted : .doubleQuoted, location: location), end
            )
        case "[", "{":
            throw self.fail(YAMLMessage.nestedFlow(self.source.snippet(from: index)), at: index)
        case "&":
            throw self.fail(YAMLMessage.anchor(self.source.token(from: index)), at: index)
        case "*":
            throw self.fail(YAMLMessage.alias(self.source.token(from: index)), at: index)
        case "!":
            throw self.fail(YAMLMessage.tag(self.source.token(from: index)), at: index)
        case "|", ">":
            throw self.fail(YAMLMessage.blockScalarInFlowList(self.source.snippet(from: index)), at: index)
        case "-" where endsToken:
            throw self.fail(YAMLMessage.dashInFlowList(self.source.snippet(from: index)), at: index)
        case "?", ":":
            throw self.fail(YAMLMessage.mappingInFlowList(self.source.snippet(from: index)), at: index)
        case "%", "@", "`", "}":
            throw self.fail(YAMLMessage.cannotStartValue(self.source.snippet(from: index), character: first), at: index)
        default:
            break
        }
        var cursor = index
        var end = index
        while true {
            let scalar = self.source.at(cursor)
            switch scalar {
            case "\n", "\u{0}", ",", "]", "[", "{", "}", "?":
                return (YAMLScalar(value: self.source.string(index..<end), style: .plain, location: location), end)
            case "\t":
                throw self.fail(YAMLMessage.tabOutsideText, at: cursor)
            case ":":
                let after = self.source.at(cursor + 1)
                if YAMLSource.isBlankOrEnd(after) || after == "," || after == "]" {
                    throw self.fail(YAMLMessage.mappingInFlowList(self.source.snippet(from: index)), at: cursor)
                }
                cursor += 1
                end = cursor
            case " ":
                var after = cursor
                while self.source.at(after) == " " {
                    after += 1
                }
                if self.source.at(after) == "#" {
                    throw self.fail(YAMLMessage.unterminatedFlowList, at: open)
                }
                cursor = after
            default:
                cursor += 1
                end = cursor
            }
        }
    }
}
