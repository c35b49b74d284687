/// Scanning of template text: `{placeholder}` fields (with `{{` and `}}` for literal braces) and
/// case-insensitive, word-boundary phrase matching.
public enum TemplateText {
    /// One piece of template text.
    public enum Piece: Hashable, Sendable {
        case literal(String)
        case placeholder(String)
        /// A `{` with no matching `}` on its line, or a field that is not a placeholder name.
        case malformed(String)
    }

    /// Splits `text` into literal runs and placeholder fields.
    public static func pieces(_ text: String) -> [Piece] {
        let scalars = Array(text.unicodeScalars)
        var pieces: [Piece] = []
        var literal = String.UnicodeScalarView()
        var index = 0
        func flush() {
            if !literal.isEmpty {
                pieces.append(.literal(String(literal)))
                literal = String.UnicodeScalarView()
            }
        }
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if (scalar == "{" && next == "{") || (scalar == "}" && next == "}") {
                literal.append(scalar)
                index += 2
                continue
            }
            guard scalar == "{" else {
                literal.append(scalar)
                index += 1
                continue
            }
            flush()
            var close = index + 1
            while close < scalars.count, scalars[close] != "}", scalars[close] != "{", scalars[close] != "\n" {
                close += 1
            }
            guard close < scalars.count, scalars[close] == "}" else {
                // An unclosed brace: report it and read on, so that the rest still counts as text.
                var shown = String.UnicodeScalarView()
                for offset in index..<min(close, index + 20) { shown.append(scalars[offset]) }
                pieces.append(.malformed(String(shown)))
                index += 1
                continue
            }
            var name = String.UnicodeScalarView()
            name.append(contentsOf: scalars[(index + 1)..<close])
            let isName =
                !name.isEmpty && name.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            pieces.append(isName ? .placeholder(String(name)) : .malformed("{\(String(name))}"))
            index = close + 1
        }
        flush()
        return pieces
    }

    /// Lowercased words of `text`: runs of letters and digits, accents folded (apostrophes inside a word
    /// are dropped, so "collector's" is one word).
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                    current.append(scalar)
                    continue
                }
                if (0x41...0x5A).contains(value) {
                    current.append(Unicode.Scalar(value + 0x20)!)
                    continue
                }
                if scalar == "'" { continue }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    current.append(Self.folded[lower] ?? lower)
                }
                continue
            } else if scalar == "\u{2019}" {
                continue
            }
            if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// Accented letters compared as their base letter, so "información" matches "informacion".
    static let folded: [Unicode.Scalar: Unicode.Scalar] = [
        "á": "a", "à": "a", "â": "a", "ä": "a", "é": "e", "è": "e", "ê": "e", "ë": "e", "í": "i", "ì": "i",
        "î": "i", "ï": "i", "ó": "o", "ò": "o", "ô": "o", "ö": "o", "ú": "u", "ù": "u", "û": "u", "ü": "u",
        "ñ": "n", "ç": "c",
    ]

    /// Whether the word sequence `phrase` occurs in `words` (whole words only).
    public static func contains(_ words: [String], phrase: [String]) -> Bool {
        guard !phrase.isEmpty, words.count >= phrase.count else { return false }
        for start in 0...(words.count - phrase.count) where words[start] == phrase[0] {
            if Array(words[start..<(start + phrase.count)]) == phrase { return true }
        }
        return false
    }

    /// The words of a text with a set for quick rejection, for checking many phrases against one text.
    struct WordIndex {
        let words: [String]
        let set: Set<String>

        init(_ text: String) {
            self.words = TemplateText.words(text)
            self.set = Set(self.words)
        }

        /// Whether the word sequence `phrase` occurs.
        func contains(_ phrase: [String]) -> Bool {
            phrase.allSatisfy(self.set.contains) && TemplateText.contains(self.words, phrase: phrase)
        }
    }

    /// Whether `text` contains `phrase` as whole words, case-insensitively.
    public static func contains(_ text: String, phrase: String) -> Bool {
        Self.contains(Self.words(text), phrase: Self.words(phrase))
    }
}
