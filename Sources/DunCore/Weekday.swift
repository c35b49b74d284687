/// A day of the week, Monday first (ISO 8601 order).
public enum Weekday: String, CaseIterable, Hashable, Sendable, Codable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Whether the day is Monday to Friday.
    public var isWeekday: Bool {
        switch self {
        case .saturday, .sunday: false
        default: true
        }
    }

    /// Parses an English day name or its three-letter abbreviation, case-insensitively.
    public init?(name: some StringProtocol) {
        let lower = name.lowercased()
        guard let match = Weekday.allCases.first(where: { $0.rawValue == lower || $0.rawValue.prefix(3) == lower })
        else { return nil }
        self = match
    }
}
