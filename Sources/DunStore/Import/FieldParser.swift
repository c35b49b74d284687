public import DunCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses and checks the typed columns of dun's CSV files. Each method returns the value or an error
/// message of the form "expected …, found '…'" (the caller adds file, line, column and the column name).
public struct FieldParser: Sendable {
    /// Where IANA zone names are checked (a directory of TZif files).
    public var zoneInfoDirectory: String
    private var knownZones: [String: Bool] = [:]

    /// Creates a parser that validates zone names against `zoneInfoDirectory`.
    public init(zoneInfoDirectory: String = "/usr/share/zoneinfo") {
        self.zoneInfoDirectory = zoneInfoDirectory
    }

    /// USPS codes for the states, DC, the territories and the armed-forces "states".
    public static let usStateCodes: Set<String> = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
        "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
        "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR", "GU", "VI",
        "AS", "MP", "AA", "AE", "AP",
    ]

    /// An E.164 number: `+`, a non-zero digit, at most 15 digits in all.
    public static func e164(_ text: String) -> Result<String, FieldError> {
        let utf8 = text.utf8
        guard utf8.count >= 3, utf8.count <= 16, utf8.first == UInt8(ascii: "+"),
            utf8.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            utf8.dropFirst().first != UInt8(ascii: "0")
        else { return .failure(FieldError("expected E.164 like +14155550123", found: text)) }
        return .success(text)
    }

    /// A pragmatic email syntax check: one `@`, a non-empty local part of printable ASCII without spaces, quotes,
    /// commas or `..`, a domain of dot-separated letter/digit/hyphen labels with at least one dot. Lower-cases the
    /// domain.
    public static func email(_ text: String) -> Result<String, FieldError> {
        var copy = text
        let valid = copy.withUTF8 { bytes -> (ok: Bool, at: Int, upper: Bool) in
            guard bytes.count <= 254, let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0, at <= 64,
                at < bytes.count - 1
            else { return (false, 0, false) }
            var previous: UInt8 = 0
            for index in 0..<at {
                let byte = bytes[index]
                guard byte > 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x2C && byte != 0x40 else {
                    return (false, 0, false)
                }
                if byte == 0x2E && (index == 0 || previous == 0x2E) { return (false, 0, false) }
                previous = byte
            }
            guard previous != 0x2E else { return (false, 0, false) }
            var labelLength = 0
            var labels = 1
            var upper = false
            previous = 0
            for index in (at + 1)..<bytes.count {
                let byte = bytes[index]
                if byte == 0x2E {
                    guard labelLength > 0, previous != 0x2D else { return (false, 0, false) }
                    labels += 1
                    labelLength = 0
                } else {
                    let isLetterOrDigit =
                        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                        || (byte >= 0x61 && byte <= 0x7A)
                    guard isLetterOrDigit || (byte == 0x2D && labelLength > 0) else { return (false, 0, false) }
                    if byte >= 0x41 && byte <= 0x5A { upper = true }
                    labelLength += 1
                    guard labelLength <= 63 else { return (false, 0, false) }
                }
                previous = byte
            }
            guard labels >= 2, labelLength > 0, previous != 0x2D else { return (false, 0, false) }
            return (true, at, upper)
        }
        guard valid.ok else {
            return .failure(FieldError("expected an email address like ana@example.com", found: text))
        }
        guard valid.upper, let at = text.firstIndex(of: "@") else { return .success(text) }
        return .success(text[..<at] + text[at...].lowercased())
    }

    /// An amount of money such as `1250.50` (see `Money(decimal:)`).
    public static func money(_ text: String) -> Result<Money, FieldError> {
        guard let money = Money(decimal: text) else {
            return .failure(FieldError("expected an amount like 1250.50 (at most two decimals, no sign)", found: text))
        }
        return .success(money)
    }

    /// An ISO-8601 instant with an offset.
    public static func instant(_ text: String) -> Result<UTCInstant, FieldError> {
        if let instant = Self.canonicalInstant(text) { return .success(instant) }
        guard let instant = ISO8601.parse(text) else {
            return .failure(
                FieldError("expected an ISO-8601 instant with offset like 2026-03-01T14:30:00Z", found: text)
            )
        }
        return .success(instant)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` read from bytes without allocating: the form exports use, so a million-row import does
    /// not pay for the general parser. Nil for anything else (the general parser decides).
    static func canonicalInstant(_ text: String) -> UTCInstant? {
        var text = text
        return text.withUTF8 { bytes -> UTCInstant? in
            guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
                bytes[16] == 0x3A, bytes[19] == 0x5A
            else { return nil }
            func number(_ from: Int, _ count: Int) -> Int? {
                var value = 0
                for index in from..<(from + count) {
                    let digit = Int(bytes[index]) - 48
                    guard digit >= 0 && digit <= 9 else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
                let minute = number(14, 2), let second = number(17, 2), hour < 24, minute < 60, second < 60
            else { return nil }
            let date = CivilDate(year: year, month: month, day: day)
            guard date.isValid else { return nil }
            return UTCInstant(date: date, secondOfDay: hour * 3600 + minute * 60 + second)
        }
    }

    /// A calendar date `YYYY-MM-DD`.
    public static func date(_ text: String) -> Result<CivilDate, FieldError> {
        guard let date = CivilDate(iso: text) else {
            return .failure(FieldError("expected a date like 2026-03-01", found: text))
        }
        return .success(date)
    }

    /// A non-negative whole number.
    public static func count(_ text: String) -> Result<Int, FieldError> {
        guard !text.isEmpty, text.utf8.count <= 9, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let value = Int(text)
        else { return .failure(FieldError("expected a whole number like 45", found: text)) }
        return .success(value)
    }

    /// `true`/`false` (also `yes`/`no`, `1`/`0`); empty means false.
    public static func bool(_ text: String) -> Result<Bool, FieldError> {
        switch text.lowercased() {
        case "", "false", "no", "0": .success(false)
        case "true", "yes", "1": .success(true)
        default: .failure(FieldError("expected true or false", found: text))
        }
    }

    /// A value of a string-backed enum, by raw value.
    public static func oneOf<E: RawRepresentable & CaseIterable>(
        _ text: String,
        _ type: E.Type
    ) -> Result<E, FieldError>
    where E.RawValue == String {
        if let value = E(rawValue: text) { return .success(value) }
        let names = E.allCases.map(\.rawValue).joined(separator: ", ")
        return .failure(FieldError("expected one of \(names)", found: text))
    }

    /// A US state code when `country` is `US`; any 1–3 letter/digit code elsewhere.
    public static func state(_ text: String, country: String) -> Result<String, FieldError> {
        let upper = text.uppercased()
        if country == "US" {
            guard Self.usStateCodes.contains(upper) else {
                return .failure(FieldError("expected a US state code like CA or NY", found: text))
            }
            return .success(upper)
        }
        guard (1...3).contains(upper.utf8.count),
            upper.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) })
        else { return .failure(FieldError("expected a region code like ON", found: text)) }
        return .success(upper)
    }

    /// An ISO 3166-1 alpha-2 country code.
    public static func country(_ text: String) -> Result<String, FieldError> {
        let upper = text.uppercased()
        guard upper.utf8.count == 2, upper.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            return .failure(FieldError("expected a two-letter country code like US", found: text))
        }
        return .success(upper)
    }

    /// An IANA time-zone name present in the zone directory (results are cached per name).
    public mutating func timeZone(_ text: String) -> Result<String, FieldError> {
        if let known = self.knownZones[text] {
            return known
                ? .success(text) : .failure(FieldError("expected an IANA time zone like America/New_York", found: text))
        }
        let wellFormed =
            !text.isEmpty && !text.hasPrefix("/") && !text.contains("..")
            && text.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "+")
            }
        var isFile = false
        if wellFormed {
            var info = stat()
            isFile = stat("\(self.zoneInfoDirectory)/\(text)", &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        }
        self.knownZones[text] = isFile
        return isFile
            ? .success(text) : .failure(FieldError("expected an IANA time zone like America/New_York", found: text))
    }
}

/// What was wrong with one field: the expectation and the text found.
public struct FieldError: Error, Hashable, Sendable {
    /// `expected …, found '…'`.
    public var message: String

    /// Creates an error from what was expected and what was found.
    public init(_ expected: String, found: String) {
        self.message = "\(expected), found '\(found)'"
    }

    /// Creates an error with a complete message.
    public init(message: String) {
        self.message = message
    }
}
