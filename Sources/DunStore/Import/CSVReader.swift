public import DunCore

/// A streaming RFC 4180 CSV reader over bytes, with line and column tracking for diagnostics.
///
/// Accepts quoted fields with embedded commas, doubled quotes and line breaks; LF or CRLF record ends; an
/// optional UTF-8 byte-order mark; a final record with or without a line break. Blank lines are skipped.
/// Columns count Unicode scalars from 1, as `SourceLocation` does everywhere in dun.
///
/// ```swift
/// var reader = CSVReader(bytes: Array("a,b\n1,\"x,y\"\n".utf8), path: "in.csv")
/// var record = CSVRecord()
/// while try reader.next(into: &record) { print(record.fields) }
/// ```
public struct CSVReader: Sendable {
    /// The path named in diagnostics.
    public let path: String
    private let bytes: [UInt8]
    private var offset: Int
    private var line: Int = 1
    private var lineStart: Int = 0

    /// Creates a reader over the whole file's bytes.
    public init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
        self.offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.lineStart = self.offset
    }

    /// The location of a byte offset on a given line whose first byte is at `lineStart`.
    func location(line: Int, lineStart: Int, offset: Int) -> SourceLocation {
        var column = 1
        var index = lineStart
        while index < offset && index < self.bytes.count {
            // UTF-8 continuation bytes do not start a scalar.
            if self.bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(line: line, column: column)
    }

    /// The diagnostic location of field `index` of `record`.
    public func location(of record: CSVRecord, field index: Int) -> SourceLocation {
        let start = record.starts[index]
        return self.location(line: start.line, lineStart: start.lineStart, offset: start.offset)
    }

    /// Reads the next non-blank record into `record` (its storage is reused).
    ///
    /// - Returns: false at the end of the input.
    /// - Throws: `DiagnosticError` for an unterminated quoted field or a stray quote.
    public mutating func next(into record: inout CSVRecord) throws(DiagnosticError) -> Bool {
        while self.offset < self.bytes.count {
            record.fields.removeAll(keepingCapacity: true)
            record.starts.removeAll(keepingCapacity: true)
            record.line = self.line
            record.rawStart = self.offset
            var endOfRecord = false
            while !endOfRecord {
                endOfRecord = try self.readField(into: &record)
            }
            record.rawEnd = self.offset
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }
            return true
        }
        return false
    }

    /// The bytes of `record` as they appear in the file, without the line break.
    public func rawText(of record: CSVRecord) -> String {
        var end = record.rawEnd
        while end > record.rawStart && (self.bytes[end - 1] == 0x0A || self.bytes[end - 1] == 0x0D) { end -= 1 }
        return String(decoding: self.bytes[record.rawStart..<end], as: UTF8.self)
    }

    private func error(_ message: String, line: Int, lineStart: Int, offset: Int) -> DiagnosticError {
        DiagnosticError([
            Diagnostic(
                path: self.path,
                location: self.location(line: line, lineStart: lineStart, offset: offset),
                severity: .error,
                message: message
            )
        ])
    }

    /// Reads one field; returns true when it ended the record.
    private mutating func readField(into record: inout CSVRecord) throws(DiagnosticError) -> Bool {
        let quote: UInt8 = 0x22
        let comma: UInt8 = 0x2C
        let lf: UInt8 = 0x0A
        let cr: UInt8 = 0x0D
        let count = self.bytes.count
        record.starts.append(CSVRecord.FieldStart(line: self.line, lineStart: self.lineStart, offset: self.offset))
        if self.offset < count && self.bytes[self.offset] == quote {
            let openLine = self.line
            let openLineStart = self.lineStart
            let openOffset = self.offset
            self.offset += 1
            var value: [UInt8] = []
            while true {
                guard self.offset < count else {
                    throw self.error(
                        "unterminated quoted field (the quote opened here is never closed)",
                        line: openLine,
                        lineStart: openLineStart,
                        offset: openOffset
                    )
                }
                let byte = self.bytes[self.offset]
                if byte == quote {
                    if self.offset + 1 < count && self.bytes[self.offset + 1] == quote {
                        value.append(quote)
                        self.offset += 2
                        continue
                    }
                    self.offset += 1
                    break
                }
                if byte == lf {
                    self.line += 1
                    self.lineStart = self.offset + 1
                }
                value.append(byte)
                self.offset += 1
            }
            record.fields.append(String(decoding: value, as: UTF8.self))
            return try self.endField(comma: comma, lf: lf, cr: cr)
        }
        let start = self.offset
        while self.offset < count {
            let byte = self.bytes[self.offset]
            if byte == comma || byte == lf || byte == cr { break }
            if byte == quote {
                throw self.error(
                    "unexpected '\"' inside an unquoted field (quote the whole field and double inner quotes)",
                    line: self.line,
                    lineStart: self.lineStart,
                    offset: self.offset
                )
            }
            self.offset += 1
        }
        record.fields.append(String(decoding: self.bytes[start..<self.offset], as: UTF8.self))
        return try self.endField(comma: comma, lf: lf, cr: cr)
    }

    /// Consumes the separator after a field; true at a record end.
    private mutating func endField(comma: UInt8, lf: UInt8, cr: UInt8) throws(DiagnosticError) -> Bool {
        guard self.offset < self.bytes.count else { return true }
        switch self.bytes[self.offset] {
        case comma:
            self.offset += 1
            return false
        case lf:
            self.offset += 1
            self.line += 1
            self.lineStart = self.offset
            return true
        case cr:
            self.offset += 1
            if self.offset < self.bytes.count && self.bytes[self.offset] == lf { self.offset += 1 }
            self.line += 1
            self.lineStart = self.offset
            return true
        default:
            throw self.error(
                "expected ',' or a line break after a closing quote",
                line: self.line,
                lineStart: self.lineStart,
                offset: self.offset
            )
        }
    }
}

/// One CSV record: its fields and where each starts. Reused across `CSVReader.next(into:)` calls.
public struct CSVRecord: Sendable {
    struct FieldStart: Sendable {
        var line: Int
        var lineStart: Int
        var offset: Int
    }

    /// The field values, unquoted.
    public var fields: [String] = []
    /// The line the record starts on.
    public var line: Int = 0
    var starts: [FieldStart] = []
    var rawStart = 0
    var rawEnd = 0

    /// Creates an empty record to read into.
    public init() {}
}
