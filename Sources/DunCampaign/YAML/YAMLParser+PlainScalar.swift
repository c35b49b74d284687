import DunCore

extension YAMLParser {
    /// Why the plain text of one line stopped.
    enum PlainStop {
        case lineEnd
        /// At `: ` or a `:` ending the line: the text is a key.
        case colon
        /// At ` #`.
        case comment
    }

    /// Scans plain text on one line from `index`: up to `: `, ` #` or the line end.
    ///
    /// - Returns: The end of the text (trailing spaces excluded), where scanning stopped and why.
    mutating func scanPlainLine(
        from index: Int
    ) throws(YAMLParseStop) -> (end: Int, stopIndex: Int, stop: PlainStop) {
        var cursor = index
        var end = index
        while true {
            let scalar = self.source.at(cursor)
            switch scalar {
            case "\n", "\u{0}":
                return (end, cursor, .lineEnd)
            case "\t":
                throw self.fail(YAMLMessage.tabOutsideText, at: cursor)
            case ":" where YAMLSource.isBlankOrEnd(self.source.at(cursor + 1)):
                return (end, cursor, .colon)
            case " ":
                var after = cursor
                while self.source.at(after) == " " {
                    after += 1
                }
                if self.source.at(after) == "#" {
                    return (end, after, .comment)
                }
                cursor = after
            default:
                cursor += 1
                end = cursor
            }
        }
    }

    /// A value that is not a collection: a plain (possibly multi-line), quoted or block scalar, or a flow list.
    mutating func parseValue(at index: Int, parent: Int) throws(YAMLParseStop) -> YAMLNode {
        let location = self.source.location(of: index)
        switch self.source.at(index) {
        case "|", ">":
            return .scalar(try self.parseBlockScalar(at: index, parent: parent))
        case "[":
            let (sequence, end) = try self.scanFlowList(from: index)
            try self.finishLine(after: end, what: "the flow list")
            return .sequence(sequence)
        case "'", "\"":
            let double = self.source.at(index) == "\""
            let (value, end) = try self.scanQuoted(from: index, singleLine: false)
            try self.finishLine(after: end, what: "the quoted value")
            return .scalar(YAMLScalar(value: value, style: double ? .doubleQuoted : .singleQuoted, location: location))
        default:
            let value = try self.scanPlain(from: index, parent: parent)
            return .scalar(YAMLScalar(value: value, style: .plain, location: location))
        }
    }

    /// A plain scalar from `index`, folding continuation lines indented more than `parent` as YAML does:
    /// one line break becomes a space, each empty line a line feed.
    private mutating func scanPlain(from index: Int, parent: Int) throws(YAMLParseStop) -> String {
        var first = try self.scanPlainLine(from: index)
        var value: [Unicode.Scalar] = []
        value.append(contentsOf: self.source.scalars[index..<first.end])
        var line = self.source.line(of: index)
        while case .lineEnd = first.stop {
            // Empty lines between this line and the next text line.
            var emptyLines = 0
            var next = line + 1
            var textStart = 0
            while next < self.source.lineCount {
                let start = self.source.start(ofLine: next)
                var cursor = start
                while self.source.at(cursor) == " " {
                    cursor += 1
                }
                let scalar = self.source.at(cursor)
                if scalar == "\t" {
                    throw self.fail(YAMLMessage.tabInIndentation, at: cursor)
                }
                if scalar == "\n" {
                    emptyLines += 1
                    next += 1
                    continue
                }
                textStart = cursor
                break
            }
            guard next < self.source.lineCount, !YAMLSource.isBreakOrEnd(self.source.at(textStart)) else { break }
            let lineIndent = textStart - self.source.start(ofLine: next)
            if lineIndent <= parent || self.source.at(textStart) == "#"
                || (lineIndent == 0 && self.source.isDocumentMarker(line: next))
            {
                break
            }
            let scan = try self.scanPlainLine(from: textStart)
            if case .colon = scan.stop {
                throw self.fail(
                    YAMLMessage.colonInContinuation(self.source.snippet(from: textStart)),
                    at: scan.stopIndex
                )
            }
            if emptyLines == 0 {
                value.append(" ")
            } else {
                for _ in 0..<emptyLines {
                    value.append("\n")
                }
            }
            value.append(contentsOf: self.source.scalars[textStart..<scan.end])
            line = next
            first = scan
        }
        self.nextLine = line + 1
        return YAMLSource.string(value)
    }
}
