extension YAMLParser {
    /// Scans a single- or double-quoted scalar whose opening quote is at `open`.
    ///
    /// Line breaks fold as in YAML (one break becomes a space, each empty line a line feed; whitespace around
    /// breaks is dropped). In single quotes `''` is a quote; in double quotes the standard escapes apply and an
    /// unknown escape is an error.
    ///
    /// - Parameters:
    ///   - open: The index of the opening quote.
    ///   - singleLine: Whether the value must close on its line (inside a flow list).
    /// - Returns: The value and the index just past the closing quote.
    /// - Throws: `YAMLParseStop` after recording the diagnostic.
    mutating func scanQuoted(from open: Int, singleLine: Bool) throws(YAMLParseStop) -> (String, Int) {
        let double = self.source.at(open) == "\""
        let quote: Unicode.Scalar = double ? "\"" : "'"
        var value: [Unicode.Scalar] = []
        var index = open + 1
        while true {
            let scalar = self.source.at(index)
            switch scalar {
            case "\u{0}":
                throw self.fail(YAMLMessage.unterminatedQuote(double: double), at: open)
            case quote:
                if !double, self.source.at(index + 1) == "'" {
                    value.append("'")
                    index += 2
                } else {
                    return (YAMLSource.string(value), index + 1)
                }
            case "\\" where double:
                index = try self.scanEscape(at: index, into: &value, singleLine: singleLine, open: open)
            case " ", "\t":
                var end = index
                while self.source.at(end) == " " || self.source.at(end) == "\t" {
                    end += 1
                }
                if self.source.at(end) != "\n" {
                    value.append(contentsOf: self.source.scalars[index..<end])
                }
                index = end
            case "\n":
                if singleLine {
                    throw self.fail(YAMLMessage.unterminatedQuoteInFlowList(double: double), at: open)
                }
                let (breaks, next) = try self.scanQuotedBreaks(from: index + 1)
                if breaks == 0 {
                    value.append(" ")
                } else {
                    for _ in 0..<breaks {
                        value.append("\n")
                    }
                }
                index = next
            default:
                value.append(scalar)
                index += 1
            }
        }
    }

    /// Skips the indentation of continuation lines from the start of a line, counting empty lines.
    private mutating func scanQuotedBreaks(from lineStart: Int) throws(YAMLParseStop) -> (Int, Int) {
        var breaks = 0
        var index = lineStart
        while true {
            if self.source.isDocumentMarker(line: self.source.line(of: index)), self.source.column(of: index) == 0 {
                throw self.fail(YAMLMessage.quoteSpansDocumentMarker(self.source.snippet(from: index)), at: index)
            }
            while self.source.at(index) == " " || self.source.at(index) == "\t" {
                index += 1
            }
            guard self.source.at(index) == "\n" else { return (breaks, index) }
            breaks += 1
            index += 1
        }
    }

    /// Reads the escape whose backslash is at `index` into `value`; returns the index after it.
    private mutating func scanEscape(
        at index: Int,
        into value: inout [Unicode.Scalar],
        singleLine: Bool,
        open: Int
    ) throws(YAMLParseStop) -> Int {
        let code = self.source.at(index + 1)
        let simple: UInt32? =
            switch code {
            case "0": 0x00
            case "a": 0x07
            case "b": 0x08
            case "t", "\t": 0x09
            case "n": 0x0A
            case "v": 0x0B
            case "f": 0x0C
            case "r": 0x0D
            case "e": 0x1B
            case " ": 0x20
            case "\"": 0x22
            case "/": 0x2F
            case "\\": 0x5C
            case "N": 0x85
            case "_": 0xA0
            case "L": 0x2028
            case "P": 0x2029
            default: nil
            }
        if let simple, let scalar = Unicode.Scalar(simple) {
            value.append(scalar)
            return index + 2
        }
        switch code {
        case "x", "u", "U":
            let digits = code == "x" ? 2 : code == "u" ? 4 : 8
            var number: UInt32 = 0
            for offset in 0..<digits {
                guard let digit = Self.hexValue(self.source.at(index + 2 + offset)) else {
                    throw self.fail(
                        YAMLMessage.badHexEscape(self.source.token(from: index), digits: digits),
                        at: index
                    )
                }
                number = number &* 16 &+ digit
            }
            guard let scalar = Unicode.Scalar(number) else {
                throw self.fail(YAMLMessage.badHexEscape(self.source.token(from: index), digits: digits), at: index)
            }
            value.append(scalar)
            return index + 2 + digits
        case "\n":
            if singleLine {
                throw self.fail(YAMLMessage.unterminatedQuoteInFlowList(double: true), at: open)
            }
            let (breaks, next) = try self.scanQuotedBreaks(from: index + 2)
            for _ in 0..<breaks {
                value.append("\n")
            }
            return next
        case "\u{0}":
            throw self.fail(YAMLMessage.unterminatedQuote(double: true), at: open)
        default:
            throw self.fail(YAMLMessage.unknownEscape("\\" + String(code)), at: index)
        }
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 0x30
        case "a"..."f": scalar.value - 0x61 + 10
        case "A"..."F": scalar.value - 0x41 + 10
        default: nil
        }
    }
}
