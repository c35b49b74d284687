public import DunCore

/// The textual forms of typed scalars in campaign files. Each parser returns nil for anything that is
/// not exactly its form; the decoder turns that into a diagnostic saying what was expected.
public enum ScalarSyntax {
    /// Units of a duration, largest first.
    static let durationUnits: [(Character, Int64)] = [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60)]

    /// Parses a duration such as `30m`, `4h`, `2d`, `1w` or `1d12h` into seconds.
    ///
    /// Each part is a whole number and a unit (`w`, `d`, `h`, `m`); units appear at most once, largest
    /// first. `0m` is zero.
    public static func duration(_ text: String) -> Int64? {
        var total: Int64 = 0
        var digits = ""
        var lastUnitIndex = -1
        for character in text {
            if character.isASCIIDigit {
                digits.append(character)
                guard digits.count <= 6 else { return nil }
                continue
            }
            guard let unitIndex = Self.durationUnits.firstIndex(where: { $0.0 == character }),
                unitIndex > lastUnitIndex, let amount = Int64(digits)
            else { return nil }
            total += amount * Self.durationUnits[unitIndex].1
            lastUnitIndex = unitIndex
            digits = ""
        }
        return digits.isEmpty && lastUnitIndex >= 0 ? total : nil
    }

    /// Formats seconds as the shortest duration text (`2d`, `1d12h`, `90m` becomes `1h30m`).
    public static func durationText(_ seconds: Int64) -> String {
        if seconds == 0 { return "0m" }
        var rest = seconds
        var text = ""
        for (unit, size) in Self.durationUnits where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        if rest > 0 { text += "\(rest)s" }
        return text
    }

    /// Parses a whole number written in decimal digits (leading zeros allowed, no sign).
    public static func integer(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(text)
    }

    /// Parses `yes`, `no`, `true` or `false`.
    public static func boolean(_ text: String) -> Bool? {
        switch text {
        case "yes", "true": true
        case "no", "false": false
        default: nil
        }
    }

    /// Parses a window range `09:00-20:00`; `none` is `.some(nil)` (closed all day).
    public static func timeRange(_ text: String) -> LocalTimeRange?? {
        if text == "none" { return .some(nil) }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let start = LocalTime(text: parts[0].trimmingSpaces),
            let end = LocalTime(text: parts[1].trimmingSpaces)
        else { return nil }
        return .some(LocalTimeRange(start: start, end: end))
    }

    /// Whether `text` is a usable identifier for steps, templates and variants: letters, digits, `_`,
    /// `-` and `.`, starting with a letter or digit.
    public static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCIIAlphanumeric else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "_" || $0 == "-" || $0 == "." }
    }

    /// Whether `text` is a BCP-47 primary language subtag as dun uses them: two or three lowercase letters.
    public static func isLanguage(_ text: String) -> Bool {
        (2...3).contains(text.count) && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) }
    }
}
