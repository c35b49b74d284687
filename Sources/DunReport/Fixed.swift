/// Locale-free fixed-point formatting, so that every number dun writes has the same bytes everywhere.
public enum Fixed {
    /// `value` rounded half away from zero to `decimals` places (0...9), e.g. `format(0.12345, 3)` = `0.123`.
    /// Non-finite values format as `0`.
    public static func format(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale: Double = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        guard abs(scaled) < 9e18 else { return "0" }
        let units = Int64(scaled)
        let negative = units < 0
        let magnitude = units.magnitude
        let divisor = UInt64(scale)
        let whole = magnitude / divisor
        var text = (negative ? "-" : "") + String(whole)
        if decimals > 0 {
            let fraction = String(magnitude % divisor)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }

    /// A share as a percentage with `decimals` places and a `%` sign, e.g. `percent(0.0912, 1)` = `9.1%`.
    public static func percent(_ share: Double, _ decimals: Int = 1) -> String {
        Self.format(share * 100, decimals) + "%"
    }

    /// Cents as dollars with thousands separators, e.g. `-$1,234`.
    public static func dollars(cents: Int64) -> String {
        let negative = cents < 0
        var whole = String((cents.magnitude + 50) / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        return (negative ? "-$" : "$") + whole + grouped
    }
}
