import DunCore

extension YAMLParser {
    /// How a block scalar treats its final line break and trailing empty lines.
    private enum Chomping {
        /// No indicator: one final line break.
        case clip
        /// `-`: no final line break.
        case strip
        /// `+`: every trailing line break.
        case keep
    }

    /// Parses a `|` (literal) or `>` (folded) block scalar whose indicator is at `index`.
    ///
    /// Follows PyYAML's scanner: the text's indentation is the first text line's (or `parent` + the explicit
    /// indentation indicator); folding joins adjacent non-indented lines with a space.
    mutating func parseBlockScalar(at index: Int, parent: Int) throws(YAMLParseStop) -> YAMLScalar {
        let indicator = self.source.at(index)
        let folded = indicator == ">"
        var chomping: Chomping?
        var increment: Int?
        var cursor = index + 1
        for _ in 0..<2 {
            let scalar = self.source.at(cursor)
            if chomping == nil, scalar == "+" || scalar == "-" {
                chomping = scalar == "+" ? .keep : .strip
                cursor += 1
            } else if increment == nil, ("1"..."9").contains(scalar) {
                increment = Int(scalar.value - 0x30)
                cursor += 1
            }
        }
        let afterHeader = self.source.at(cursor)
        guard YAMLSource.isBlankOrEnd(afterHeader), afterHeader != "\t" else {
            throw self.fail(
                YAMLMessage.blockScalarHeader(indicator, found: self.source.snippet(from: cursor)),
                at: cursor
            )
        }
        try self.finishLine(after: cursor, what: "the block scalar indicator '\(indicator)'")

        let style: YAMLScalar.Style = folded ? .folded : .literal
        let minIndent = max(parent + 1, 1)
        var line = self.source.line(of: index) + 1
        guard line < self.source.lineCount else {
            return YAMLScalar(value: "", style: style, location: self.source.location(of: index))
        }
        var breaks = 0
        var column = 0
        let indent: Int
        if let increment {
            indent = minIndent + increment - 1
            (breaks, line, column) = self.scanBlockBreaks(fromLine: line, indent: indent)
        } else {
            var maxIndent = 0
            while true {
                let start = self.source.start(ofLine: line)
                column = 0
                while self.source.at(start + column) == " " {
                    column += 1
                }
                maxIndent = max(maxIndent, column)
                guard self.source.at(start + column) == "\n" else { break }
                breaks += 1
                line += 1
            }
            let atEnd = self.source.start(ofLine: line) + column >= self.source.count
            if !atEnd, column >= minIndent, column < maxIndent {
                throw self.fail(
                    YAMLMessage.blockScalarLeadingLine(spaces: maxIndent, textIndent: column),
                    at: self.source.start(ofLine: line) + column
                )
            }
            indent = max(minIndent, maxIndent)
        }

        var value: [Unicode.Scalar] = []
        var lineBreak = false
        while column == indent, self.source.start(ofLine: line) + column < self.source.count {
            for _ in 0..<breaks {
                value.append("\n")
            }
            let textStart = self.source.start(ofLine: line) + column
            let textEnd = self.source.end(ofLine: line)
            let first = self.source.at(textStart)
            let leadingNonSpace = first != " " && first != "\t"
            value.append(contentsOf: self.source.scalars[textStart..<textEnd])
            lineBreak = textEnd < self.source.count
            guard lineBreak else {
                // The text ends on this line: no line feed and no trailing empty lines to keep.
                breaks = 0
                line += 1
                break
            }
            (breaks, line, column) = self.scanBlockBreaks(fromLine: line + 1, indent: indent)
            let nextStart = self.source.start(ofLine: line) + column
            guard column == indent, nextStart < self.source.count else { break }
            let next = self.source.at(nextStart)
            if folded, leadingNonSpace, next != " ", next != "\t" {
                if breaks == 0 {
                    value.append(" ")
                }
            } else {
                value.append("\n")
            }
        }
        switch chomping ?? .clip {
        case .clip:
            if lineBreak {
                value.append("\n")
            }
        case .strip:
            break
        case .keep:
            if lineBreak {
                value.append("\n")
            }
            for _ in 0..<breaks {
                value.append("\n")
            }
        }
        self.nextLine = min(line, self.source.lineCount)
        return YAMLScalar(
            value: YAMLSource.string(value),
            style: style,
            location: self.source.location(of: index)
        )
    }

    /// From the start of `line`, skips up to `indent` spaces on each line and counts the lines that end there.
    ///
    /// - Returns: The empty lines counted, the first line that did not end, and the spaces skipped on it.
    private func scanBlockBreaks(fromLine line: Int, indent: Int) -> (Int, Int, Int) {
        var breaks = 0
        var line = line
        while true {
            let start = self.source.start(ofLine: line)
            var column = 0
            while column < indent, self.source.at(start + column) == " " {
                column += 1
            }
            guard self.source.at(start + column) == "\n" else { return (breaks, line, column) }
            breaks += 1
            line += 1
        }
    }
}
