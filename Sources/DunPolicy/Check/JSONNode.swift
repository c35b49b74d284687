public import DunCore

/// A JSON value with the position it was read from, so that every input error names a line and column.
public struct JSONNode: Sendable {
    public enum Value: Sendable {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([(key: String, value: JSONNode, keyLocation: SourceLocation)])
    }

    public var value: Value
    public var location: SourceLocation

    /// Parses `text`; throws a `Diagnostic` (at `path`) naming what was expected.
    public static func parse(_ text: String, path: String) throws(Diagnostic) -> JSONNode {
        var parser = JSONParser(bytes: Array(text.utf8), path: path)
        parser.skipWhitespace()
        let node = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else {
            throw parser.error("expected end of input after the JSON value")
        }
        return node
    }

    /// A short name of the value's type, for messages.
    public var typeName: String {
        switch self.value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

struct JSONParser {
    let bytes: [UInt8]
    let path: String
    var index = 0
    var line = 1
    var column = 1

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    var location: SourceLocation { SourceLocation(line: self.line, column: self.column) }

    func error(_ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(path: self.path, location: location ?? self.location, severity: .error, message: message)
    }

    mutating func advance() {
        let byte = self.bytes[self.index]
        self.index += 1
        if byte == UInt8(ascii: "\n") {
            self.line += 1
            self.column = 1
        } else if byte & 0xC0 != 0x80 {
            self.column += 1
        }
    }

    mutating func skipWhitespace() {
        while self.index < self.bytes.count {
            switch self.bytes[self.index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): self.advance()
            default: return
            }
        }
    }

    var current: UInt8? { self.index < self.bytes.count ? self.bytes[self.index] : nil }

    mutating func expect(_ byte: UInt8, _ what: String) throws(Diagnostic) {
        guard self.current == byte else { throw self.error("expected \(what)\(self.found)") }
        self.advance()
    }

    var found: String {
        guard let byte = self.current else { return ", found end of input" }
        let scalar = Unicode.Scalar(byte)
        return byte < 0x80 && byte >= 0x20 ? ", found '\(Character(scalar))'" : ""
    }

    mutating func parseValue(depth: Int) throws(Diagnostic) -> JSONNode {
        guard depth < 64 else { throw self.error("JSON nested too deeply") }
        let start = self.location
        guard let byte = self.current else { throw self.error("expected a JSON value, found end of input") }
        switch byte {
        case UInt8(ascii: "{"):
            self.advance()
            var members: [(key: String, value: JSONNode, keyLocation: SourceLocation)] = []
            self.skipWhitespace()
            if self.current == UInt8(ascii: "}") {
                self.advance()
                return JSONNode(value: .object(members), location: start)
            }
            while true {
                self.skipWhitespace()
                let keyLocation = self.location
                guard self.current == UInt8(ascii: "\"") else { throw self.error("expected a quoted key\(self.found)") }
                let key = try self.parseString()
                if members.contains(where: { $0.key == key }) {
                    throw self.error("duplicate key \"\(key)\"", at: keyLocation)
                }
                self.skipWhitespace()
                try self.expect(UInt8(ascii: ":"), "':' after the key")
                self.skipWhitespace()
                let value = try self.parseValue(depth: depth + 1)
                members.append((key, value, keyLocation))
                self.skipWhitespace()
                if self.current == UInt8(ascii: ",") {
                    self.advance()
                    continue
                }
                try self.expect(UInt8(ascii: "}"), "',' or '}' in the object")
                return JSONNode(value: .object(members), location: start)
            }
        case UInt8(ascii: "["):
            self.advance()
            var elements: [JSONNode] = []
            self.skipWhitespace()
            if self.current == UInt8(ascii: "]") {
                self.advance()
                return JSONNode(value: .array(elements), location: start)
            }
            while true {
                self.skipWhitespace()
                elements.append(try self.parseValue(depth: depth + 1))
                self.skipWhitespace()
                if self.current == UInt8(ascii: ",") {
                    self.advance()
                    continue
                }
                try self.expect(UInt8(ascii: "]"), "',' or ']' in the array")
                return JSONNode(value: .array(elements), location: start)
            }
        case UInt8(ascii: "\""):
            return JSONNode(value: .string(try self.parseString()), location: start)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            for (word, value) in [("true", JSONNode.Value.bool(true)), ("false", .bool(false)), ("null", .null)] {
                let utf8 = Array(word.utf8)
                if self.index + utf8.count <= self.bytes.count
                    && Array(self.bytes[self.index..<(self.index + utf8.count)]) == utf8
                {
                    for _ in utf8 { self.advance() }
                    return JSONNode(value: value, location: start)
                }
            }
            throw self.error("expected a JSON value\(self.found)")
        default:
            var text = ""
            while let byte = self.current,
                byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            {
                text.append(Character(Unicode.Scalar(byte)))
                self.advance()
            }
            guard !text.isEmpty, Double(text) != nil else {
                throw self.error("expected a JSON value\(self.found)", at: start)
            }
            return JSONNode(value: .number(text), location: start)
        }
    }

    mutating func parseString() throws(Diagnostic) -> String {
        self.advance()
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            if !raw.isEmpty {
                scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                raw.removeAll()
            }
        }
        while true {
            guard let byte = self.current else { throw self.error("unterminated string") }
            if byte == UInt8(ascii: "\"") {
                self.advance()
                break
            }
            if byte < 0x20 { throw self.error("control character in a string") }
            if byte == UInt8(ascii: "\\") {
                self.advance()
                guard let escape = self.current else { throw self.error("unterminated string") }
                flush()
                self.advance()
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var value: UInt32 = 0
                    for _ in 0..<4 {
                        guard let hex = self.current, let digit = Self.hexValue(hex) else {
                            throw self.error("expected four hex digits after \\u")
                        }
                        value = value * 16 + digit
                        self.advance()
                    }
                    scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                default: throw self.error("unknown escape in a string")
                }
                continue
            }
            raw.append(byte)
            self.advance()
        }
        flush()
        return String(scalars)
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
