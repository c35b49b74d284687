/// Mutates valid text documents into near-miss inputs for fuzz tests of readers and validators.
///
/// Each call picks one of the seed documents and applies one to `maxMutations` random edits: byte flips,
/// deletions, insertions of syntax punctuation, indentation shifts, line duplication, deletion and swaps,
/// truncation and splices from another seed. The output is bytes (it may be invalid UTF-8). The same
/// generator state yields the same output, so a failure replays from its seed.
///
/// ```swift
/// var random = TestSplitMix64(seed: 42)
/// let mutator = DocumentMutator(documents: ["a: 1\n"], punctuation: DocumentMutator.yamlPunctuation)
/// let bytes = mutator.mutate(using: &random)
/// ```
public struct DocumentMutator: Sendable {
    /// YAML punctuation and troublemakers: indicators, quotes, tabs, line ends, markers, a BOM, NUL, non-ASCII.
    public static let yamlPunctuation: [String] = [
        ":", "-", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "'", "\"", "#", "?", "%", "@", "\\", "\t", "\n",
        " ", "- ", ": ", "  ", "---\n", "...\n", "|-", ">+", "|2", "<<: ", "&a ", "*a", "!!str ", "? ", "\u{FEFF}",
        "\r", "\r\n", "\u{0}", "é", "\u{2028}", "\\u00", "''", "\"\\", "[a, ", "{a: 1}",
    ]

    private let documents: [[UInt8]]
    private let punctuation: [[UInt8]]
    private let maxMutations: Int

    /// - Parameters:
    ///   - documents: Valid seed documents (at least one).
    ///   - punctuation: Snippets the insertion mutation draws from.
    ///   - maxMutations: The most edits applied to one output.
    public init(documents: [String], punctuation: [String], maxMutations: Int = 4) {
        precondition(!documents.isEmpty, "DocumentMutator needs at least one seed document")
        self.documents = documents.map { Array($0.utf8) }
        self.punctuation = punctuation.map { Array($0.utf8) }
        self.maxMutations = max(1, maxMutations)
    }

    /// One mutated document.
    public func mutate(using random: inout some RandomNumberGenerator) -> [UInt8] {
        var bytes = self.documents[Int.random(in: 0..<self.documents.count, using: &random)]
        let count = Int.random(in: 1...self.maxMutations, using: &random)
        for _ in 0..<count {
            self.applyOne(to: &bytes, using: &random)
        }
        return bytes
    }

    private func applyOne(to bytes: inout [UInt8], using random: inout some RandomNumberGenerator) {
        let position = Int.random(in: 0...bytes.count, using: &random)
        switch Int.random(in: 0..<10, using: &random) {
        case 0 where !bytes.isEmpty:
            let index = min(position, bytes.count - 1)
            bytes[index] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
        case 1 where !bytes.isEmpty:
            let end = min(bytes.count, position + Int.random(in: 1...8, using: &random))
            bytes.removeSubrange(min(position, end)..<end)
        case 2, 3:
            let snippet = self.punctuation.isEmpty ? [UInt8(0x3A)] : self.punctuation.randomElement(using: &random)!
            bytes.insert(contentsOf: snippet, at: position)
        case 4:
            let lineStart = Self.lineStart(in: bytes, before: position)
            if Bool.random(using: &random) {
                let spaces = Int.random(in: 1...4, using: &random)
                bytes.insert(contentsOf: repeatElement(UInt8(0x20), count: spaces), at: lineStart)
            } else {
                var end = lineStart
                while end < bytes.count, end - lineStart < 4, bytes[end] == 0x20 {
                    end += 1
                }
                bytes.removeSubrange(lineStart..<end)
            }
        case 5:
            let line = Self.lineRange(in: bytes, around: position)
            bytes.insert(contentsOf: Array(bytes[line]), at: line.lowerBound)
        case 6:
            bytes.removeSubrange(Self.lineRange(in: bytes, around: position))
        case 7:
            let first = Self.lineRange(in: bytes, around: position)
            let second = Self.lineRange(in: bytes, around: Int.random(in: 0...bytes.count, using: &random))
            guard first.upperBound <= second.lowerBound else { return }
            let swapped =
                Array(bytes[second]) + Array(bytes[first.upperBound..<second.lowerBound]) + Array(bytes[first])
            bytes.replaceSubrange(first.lowerBound..<second.upperBound, with: swapped)
        case 8:
            bytes.removeSubrange(position..<bytes.count)
        default:
            let donor = self.documents[Int.random(in: 0..<self.documents.count, using: &random)]
            guard !donor.isEmpty else { return }
            let start = Int.random(in: 0..<donor.count, using: &random)
            let end = min(donor.count, start + Int.random(in: 1...40, using: &random))
            let cut = min(bytes.count, position + Int.random(in: 0...20, using: &random))
            bytes.replaceSubrange(position..<cut, with: donor[start..<end])
        }
    }

    private static func lineStart(in bytes: [UInt8], before position: Int) -> Int {
        var start = min(position, bytes.count)
        while start > 0, bytes[start - 1] != 0x0A {
            start -= 1
        }
        return start
    }

    /// The line holding `position`, with its line feed.
    private static func lineRange(in bytes: [UInt8], around position: Int) -> Range<Int> {
        let start = self.lineStart(in: bytes, before: position)
        var end = min(position, bytes.count)
        while end < bytes.count, bytes[end] != 0x0A {
            end += 1
        }
        return start..<min(bytes.count, end + 1)
    }
}
