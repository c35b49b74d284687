import DunCore

/// The text of one YAML-lite file as Unicode scalars with a line table, checked for characters YAML-lite rejects.
///
/// `\r\n` line ends are read as `\n` (columns are unaffected: the carriage return ends the line). Positions are
/// indices into `scalars`; `location(of:)` turns one into a 1-based line and column counted in Unicode scalars.
final class YAMLSource {
    /// The text, carriage returns of `\r\n` removed.
    let scalars: [Unicode.Scalar]
    /// The same text, read without reference counting in the scanners' inner loops; owned by this object.
    private let buffer: UnsafeMutableBufferPointer<Unicode.Scalar>
    /// The index of the first scalar of each line; a text of n line feeds has n + 1 lines.
    let lineStarts: [Int]
    /// The line `line(of:)` found last. Only this reader's parser uses the object, so no access is concurrent.
    @exclusivity(unchecked) private var lastLine = 0

    /// Reads `text`, collecting a diagnostic for each character YAML-lite rejects (at most `limit`).
    init(text: String, path: String, problems: inout [Diagnostic], limit: Int = 10) {
        var text = text
        let decoded = text.withUTF8 { Self.decode($0) }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(decoded.count)
        var lineStarts = [0]
        var index = 0
        while index < decoded.count {
            let scalar = decoded[index]
            index += 1
            var problem: String?
            switch scalar.value {
            case 0x0A:
                scalars.append(scalar)
                lineStarts.append(scalars.count)
                continue
            case 0x0D:
                if index < decoded.count, decoded[index] == "\n" {
                    continue
                }
                problem = YAMLMessage.loneCarriageReturn
            case 0x09:
                break
            case 0xFEFF:
                problem = YAMLMessage.byteOrderMark
            case 0x85, 0x2028, 0x2029:
                problem = YAMLMessage.unicodeLineBreak(scalar)
            case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF:
                problem = YAMLMessage.controlCharacter(scalar)
            default:
                break
            }
            if let problem, problems.count < limit {
                let location = SourceLocation(
                    line: lineStarts.count,
                    column: scalars.count - lineStarts[lineStarts.count - 1] + 1
                )
                problems.append(Diagnostic(path: path, location: location, severity: .error, message: problem))
            }
            if scalar != "\r" {
                scalars.append(scalar)
            }
        }
        let buffer = UnsafeMutableBufferPointer<Unicode.Scalar>.allocate(capacity: scalars.count)
        _ = buffer.initialize(from: scalars)
        self.scalars = scalars
        self.lineStarts = lineStarts
        self.buffer = buffer
    }

    /// Decodes a `String`'s UTF-8, which is valid, so a plain decoder without error paths suffices; indexing
    /// the buffer directly keeps debug builds fast (the fuzz test reads 100,000 documents).
    private static func decode(_ utf8: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let lead = UInt32(utf8[index])
            var value: UInt32
            var length: Int
            if lead < 0x80 {
                value = lead
                length = 1
            } else if lead < 0xE0 {
                value = lead & 0x1F
                length = 2
            } else if lead < 0xF0 {
                value = lead & 0x0F
                length = 3
            } else {
                value = lead & 0x07
                length = 4
            }
            var offset = 1
            while offset < length, index + offset < utf8.count {
                value = (value << 6) | (UInt32(utf8[index + offset]) & 0x3F)
                offset += 1
            }
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            index += length
        }
        return scalars
    }

    deinit {
        self.buffer.deallocate()
    }

    var count: Int { self.scalars.count }
    var lineCount: Int { self.lineStarts.count }

    /// The scalar at `index`, or NUL past the end (the reader rejects NUL in the text, so it only means "end").
    @inline(__always)
    func at(_ index: Int) -> Unicode.Scalar {
        UInt(bitPattern: index) < UInt(self.buffer.count) ? self.buffer[index] : "\u{0}"
    }

    func start(ofLine line: Int) -> Int { self.lineStarts[line] }

    /// The index of the line feed ending `line`, or the end of the text for the last line.
    func end(ofLine line: Int) -> Int {
        line + 1 < self.lineStarts.count ? self.lineStarts[line + 1] - 1 : self.scalars.count
    }

    /// The 0-based line holding `index`.
    func line(of index: Int) -> Int {
        // Most look-ups are on the line of the previous one or the next: check those before searching.
        let hint = self.lastLine
        if self.lineStarts[hint] <= index {
            if hint + 1 == self.lineStarts.count || index < self.lineStarts[hint + 1] {
                return hint
            }
            if hint + 2 == self.lineStarts.count || index < self.lineStarts[hint + 2] {
                self.lastLine = hint + 1
                return hint + 1
            }
        }
        var low = 0
        var high = self.lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if self.lineStarts[mid] <= index {
                low = mid
            } else {
                high = mid - 1
            }
        }
        self.lastLine = low
        return low
    }

    /// The 0-based column of `index` within its line.
    func column(of index: Int) -> Int { index - self.lineStarts[self.line(of: index)] }

    func location(of index: Int) -> SourceLocation {
        let line = self.line(of: index)
        return SourceLocation(line: line + 1, column: index - self.lineStarts[line] + 1)
    }

    /// The number of spaces that start `line`.
    func indent(ofLine line: Int) -> Int {
        let start = self.lineStarts[line]
        var index = start
        while self.at(index) == " " {
            index += 1
        }
        return index - start
    }

    func string(_ range: Range<Int>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            Self.appendUTF8(self.buffer[index], to: &utf8)
            index += 1
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// A string of `scalars`, built in one step: appending to a `String.UnicodeScalarView` piece by piece
    /// copies the whole string each time.
    static func string(_ scalars: [Unicode.Scalar]) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(scalars.count)
        var index = 0
        while index < scalars.count {
            self.appendUTF8(scalars[index], to: &utf8)
            index += 1
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to utf8: inout [UInt8]) {
        let value = scalar.value
        if value < 0x80 {
            utf8.append(UInt8(value))
        } else if value < 0x800 {
            utf8.append(UInt8(0xC0 | (value >> 6)))
            utf8.append(UInt8(0x80 | (value & 0x3F)))
        } else if value < 0x1_0000 {
            utf8.append(UInt8(0xE0 | (value >> 12)))
            utf8.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            utf8.append(UInt8(0x80 | (value & 0x3F)))
        } else {
            utf8.append(UInt8(0xF0 | (value >> 18)))
            utf8.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            utf8.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            utf8.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// The text from `index` to the end of its line, trailing spaces removed, shortened for a message.
    func snippet(from index: Int, limit: Int = 40) -> String {
        let lineEnd = self.end(ofLine: self.line(of: index))
        var end = lineEnd
        while end > index, self.scalars[end - 1] == " " || self.scalars[end - 1] == "\t" {
            end -= 1
        }
        guard end > index else { return "" }
        if end - index > limit {
            return self.string(index..<(index + limit)) + "…"
        }
        return self.string(index..<end)
    }

    /// The token at `index`: text up to the next space, tab or line end, for quoting anchors, tags and aliases.
    func token(from index: Int) -> String {
        var end = index
        while end < self.scalars.count, end - index < 40 {
            let scalar = self.scalars[end]
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "," || scalar == "]" {
                break
            }
            end += 1
        }
        return self.string(index..<max(end, min(index + 1, self.scalars.count)))
    }

    /// Whether `line` starts with a document marker (`---` or `...` followed by a space or the line end).
    func isDocumentMarker(line: Int) -> Bool {
        let start = self.lineStarts[line]
        let first = self.at(start)
        guard first == "-" || first == "." else { return false }
        guard self.at(start + 1) == first, self.at(start + 2) == first else { return false }
        return Self.isBlankOrEnd(self.at(start + 3))
    }

    @inline(__always)
    static func isBreakOrEnd(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\u{0}"
    }

    @inline(__always)
    static func isBlankOrEnd(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\u{0}"
    }
}
