/// An amount of money in integer minor units (cents). Never a floating-point value.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    AdditiveArithmetic
{
    /// The amount in minor units (cents for USD).
    public var cents: Int64

    /// Creates an amount from minor units.
    public init(cents: Int64) {
        self.cents = cents
    }

    public static let zero = Money(cents: 0)

    public init(from decoder: any Decoder) throws {
        self.cents = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.cents)
    }

    /// Parses a decimal amount such as `1250`, `1250.5`, `1,250.50` or `$1,250.50`; at most two decimals.
    /// Returns nil for anything else (negative amounts, three decimals, stray characters).
    public init?(decimal text: some StringProtocol) {
        var body = Substring(text)
        if body.first == "$" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { return nil }
        // Thousands separators are allowed only in groups of three.
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
            groups.count == 1 || (groups.dropFirst().allSatisfy { $0.count == 3 } && groups[0].count <= 3)
        else { return nil }
        guard let units = Int64(groups.joined()), units <= 9_000_000_000_000 else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...2).contains(digits.count), digits.allSatisfy(\.isASCIIDigit), let value = Int64(digits)
            else { return nil }
            fraction = digits.count == 1 ? value * 10 : value
        }
        self.cents = units * 100 + fraction
    }

    /// `1250.50` style: no currency sign, no grouping, always two decimals.
    public var decimalString: String {
        let sign = self.cents < 0 ? "-" : ""
        let magnitude = self.cents.magnitude
        return "\(sign)\(magnitude / 100).\(CivilDate.pad(Int(magnitude % 100), 2))"
    }

    /// `$1,250.50` style, for people.
    public var description: String {
        let sign = self.cents < 0 ? "-" : ""
        let magnitude = self.cents.magnitude
        var whole = String(magnitude / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        return "\(sign)$\(whole)\(grouped).\(CivilDate.pad(Int(magnitude % 100), 2))"
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
}
