public import DunCore

/// The lines of a source file, so that lint can point at the word inside a multi-line template rather
/// than at the start of the template.
///
/// Columns count Unicode scalars, as `SourceLocation` does.
public struct SourceText: Sendable {
    let lines: [[Unicode.Scalar]]

    /// Splits `text` into lines (`\n`, with a `\r` before it dropped).
    public init(_ text: String) {
        var lines: [[Unicode.Scalar]] = [[]]
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if lines[lines.count - 1].last == "\r" { lines[lines.count - 1].removeLast() }
                lines.append([])
            } else {
                lines[lines.count - 1].append(scalar)
            }
        }
        self.lines = lines
    }

    /// Where the word sequence `phrase` (lowercased, accents folded, as `TemplateText.words` gives them)
    /// first occurs at or after `start`, within `lineCount` lines; nil when it does not.
    public func locate(words phrase: [String], from start: SourceLocation, lineCount: Int) -> SourceLocation? {
        guard !phrase.isEmpty else { return nil }
        var tokens: [(word: String, location: SourceLocation)] = []
        let last = min(start.line + lineCount, self.lines.count)
        guard start.line >= 1, start.line <= last else { return nil }
        for line in start.line...last {
            let scalars = self.lines[line - 1]
            var column = line == start.line ? max(start.column - 1, 0) : 0
            while column < scalars.count {
                guard Self.isWordScalar(scalars[column]) else {
                    column += 1
                    continue
                }
                let begin = column
                var text = String.UnicodeScalarView()
                while column < scalars.count, Self.isWordScalar(scalars[column]) || Self.isApostrophe(scalars[column]) {
                    text.append(scalars[column])
                    column += 1
                }
                if let word = TemplateText.words(String(text)).first {
                    tokens.append((word, SourceLocation(line: line, column: begin + 1)))
                }
            }
        }
        guard tokens.count >= phrase.count else { return nil }
        for index in 0...(tokens.count - phrase.count) where tokens[index].word == phrase[0] {
            if (0..<phrase.count).allSatisfy({ tokens[index + $0].word == phrase[$0] }) {
                return tokens[index].location
            }
        }
        return nil
    }

    /// Where `literal` first occurs at or after `start`, within `lineCount` lines; nil when it does not.
    public func locate(literal: String, from start: SourceLocation, lineCount: Int) -> SourceLocation? {
        let needle = Array(literal.unicodeScalars)
        guard !needle.isEmpty, start.line >= 1 else { return nil }
        let last = min(start.line + lineCount, self.lines.count)
        guard start.line <= last else { return nil }
        for line in start.line...last {
            let scalars = self.lines[line - 1]
            let first = line == start.line ? max(start.column - 1, 0) : 0
            guard scalars.count >= needle.count, first <= scalars.count - needle.count else { continue }
            for column in first...(scalars.count - needle.count)
            where scalars[column..<(column + needle.count)].elementsEqual(needle) {
                return SourceLocation(line: line, column: column + 1)
            }
        }
        return nil
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}"
    }
}
