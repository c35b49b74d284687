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
        var pieces: [Piece] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "{", next < text.endIndex, text[next] == "{" {
                literal.append("{")
                index = text.index(after: next)
                continue
            }
            if character == "}", next < text.endIndex, text[next] == "}" {
                literal.append("}")
                index = text.index(after: next)
                continue
            }
            guard character == "{" else {
                literal.append(character)
                index = next
                continue
            }
            if !literal.isEmpty {
                pieces.append(.literal(literal))
                literal = ""
            }
            guard let close = text[next...].firstIndex(where: { $0 == "}" || $0 == "{" || $0 == "\n" }),
                text[close] == "}"
            else {
                // An unclosed brace: report it and read on, so that the rest still counts as text.
                pieces.append(.malformed(String(text[index...].prefix { $0 != "\n" }.prefix(20))))
                index = next
                continue
            }
            let name = String(text[next..<close])
            let isName =
                !name.isEmpty
                && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            pieces.append(isName ? .placeholder(name) : .malformed("{\(name)}"))
            index = text.index(after: close)
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }

    /// Lowercased words of `text`: runs of letters and digits, accents folded (apostrophes inside a word
    /// are dropped, so "collector's" is one word).
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(Self.folded[character] ?? character)
            } else if character == "'" || character == "’" {
                continue
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Accented letters compared as their base letter, so "información" matches "informacion".
    static let folded: [Character: Character] = [
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

    /// Whether `text` contains `phrase` as whole words, case-insensitively.
    public static func contains(_ text: String, phrase: String) -> Bool {
        Self.contains(Self.words(text), phrase: Self.words(phrase))
    }
}
