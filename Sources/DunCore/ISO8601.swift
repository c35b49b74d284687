/// ISO-8601 timestamps with an explicit offset, the only form dun reads and writes.
public enum ISO8601 {
    /// Formats `instant` as `YYYY-MM-DDTHH:MM:SS±HH:MM` at the given offset (`Z` when it is zero).
    public static func format(_ instant: UTCInstant, offsetSeconds: Int) -> String {
        let local = instant.adding(seconds: Int64(offsetSeconds))
        let second = local.utcSecondOfDay
        let time =
            "\(CivilDate.pad(second / 3600, 2)):\(CivilDate.pad(second / 60 % 60, 2)):\(CivilDate.pad(second % 60, 2))"
        let zone: String
        if offsetSeconds == 0 {
            zone = "Z"
        } else {
            let magnitude = abs(offsetSeconds) / 60
            zone =
                "\(offsetSeconds < 0 ? "-" : "+")\(CivilDate.pad(magnitude / 60, 2)):\(CivilDate.pad(magnitude % 60, 2))"
        }
        return "\(local.utcDate)T\(time)\(zone)"
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM|±HHMM)`. A timestamp without an offset is ambiguous
    /// and is rejected (nil); fractional seconds are truncated.
    public static func parse(_ text: some StringProtocol) -> UTCInstant? {
        let text = String(text)
        guard let tIndex = text.firstIndex(where: { $0 == "T" || $0 == "t" || $0 == " " }),
            let date = CivilDate(iso: text[..<tIndex])
        else { return nil }
        var rest = text[text.index(after: tIndex)...]
        var offset = 0
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            rest = rest.dropLast()
        } else if let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = rest[rest.index(after: signIndex)...].filter { $0 != ":" }
            guard zone.count == 4, zone.allSatisfy(\.isASCIIDigit), let hours = Int(zone.prefix(2)),
                let minutes = Int(zone.suffix(2)), hours <= 23, minutes <= 59
            else { return nil }
            offset = (hours * 60 + minutes) * 60 * (rest[signIndex] == "-" ? -1 : 1)
            rest = rest[..<signIndex]
        } else {
            return nil
        }
        if let dot = rest.firstIndex(of: ".") {
            guard rest[rest.index(after: dot)...].allSatisfy(\.isASCIIDigit) else { return nil }
            rest = rest[..<dot]
        }
        let fields = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3,
            fields.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
            let hour = Int(fields[0]), let minute = Int(fields[1]), hour < 24, minute < 60
        else { return nil }
        let second = fields.count == 3 ? Int(fields[2]) ?? 99 : 0
        guard second < 61 else { return nil }
        let seconds = hour * 3600 + minute * 60 + min(second, 59)
        return UTCInstant(date: date, secondOfDay: seconds).adding(seconds: Int64(-offset))
    }
}
