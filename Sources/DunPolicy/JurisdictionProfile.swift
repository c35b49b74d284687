public import DunCore

/// A set of contact rules that reaches an account because of where the consumer is (COMPLIANCE.md decision 3).
/// Every applicable profile must pass: the stricter rule always wins.
public enum JurisdictionProfile: String, CaseIterable, Hashable, Sendable, Comparable {
    /// Regulation F, FDCPA and TCPA: every US account (also first-party collection, OQ-17).
    case usFederal = "US"
    /// Massachusetts, 940 CMR 7.04(1)(f): 2 telephone communications per 7 days to personal numbers and 2 per
    /// 30 days to other numbers, per debt; SMS and unanswered calls count (OQ-8).
    case massachusetts = "US-MA"
    /// Washington, RCW 19.16: 3 communications per 7 days across channels, 1 per 7 days at work (OQ-13).
    case washington = "US-WA"
    /// New York City, 6 RCNY 5-77: 2 attempts per 7 days across channels until 2027-01-01, then 3 (OQ-12).
    case newYorkCity = "US-NYC"
    /// California, Rosenthal Act: the federal rules, also for first-party collection.
    case california = "US-CA"
    /// UK, FCA CONC 7.9: reasonable hours (configurable, default 08:00–21:00) and the consumer's stated times.
    case unitedKingdom = "UK"
    /// China: 08:00–21:00 (OQ-15), at most 3 connected calls per day and 6 unanswered attempts per number per day.
    case china = "CN"

    /// Parses a profile id case-insensitively; also accepts the short forms `MA`, `WA`, `NYC`, `CA`, `GB`.
    public init?(id: String) {
        let upper = id.uppercased()
        if let exact = JurisdictionProfile(rawValue: upper) {
            self = exact
            return
        }
        switch upper {
        case "FEDERAL", "US-FEDERAL": self = .usFederal
        case "MA": self = .massachusetts
        case "WA": self = .washington
        case "NYC", "NY-NYC": self = .newYorkCity
        case "CA": self = .california
        case "GB": self = .unitedKingdom
        default: return nil
        }
    }

    /// The profiles that reach an account from its address alone.
    public static func profiles(for address: PostalAddress) -> [JurisdictionProfile] {
        switch address.country.uppercased() {
        case "US", "USA", "":
            var profiles: [JurisdictionProfile] = [.usFederal]
            switch address.state.uppercased() {
            case "MA": profiles.append(.massachusetts)
            case "WA": profiles.append(.washington)
            case "CA": profiles.append(.california)
            case "NY":
                if Self.isNewYorkCity(city: address.city, postalCode: address.postalCode) {
                    profiles.append(.newYorkCity)
                }
            default: break
            }
            return profiles
        case "GB", "UK": return [.unitedKingdom]
        case "CN": return [.china]
        default: return []
        }
    }

    /// Whether a New York address lies in one of the five boroughs, by city name or ZIP prefix (USPS: 100–104
    /// Manhattan and the Bronx, 112 Brooklyn, 103 Staten Island, 110/111/113/114/116 Queens).
    static func isNewYorkCity(city: String, postalCode: String) -> Bool {
        let names: Set<String> = [
            "new york", "new york city", "nyc", "manhattan", "brooklyn", "bronx", "the bronx", "queens",
            "staten island", "long island city", "flushing", "jamaica", "astoria", "far rockaway",
        ]
        if names.contains(String(city.lowercased().trimmingSpaces)) { return true }
        let zip = postalCode.prefix(3)
        return ["100", "101", "102", "103", "104", "110", "111", "112", "113", "114", "116"].contains(String(zip))
    }

    public static func < (lhs: JurisdictionProfile, rhs: JurisdictionProfile) -> Bool {
        Self.allCases.firstIndex(of: lhs)! < Self.allCases.firstIndex(of: rhs)!
    }

    var bit: UInt8 {
        switch self {
        case .usFederal: 1
        case .massachusetts: 2
        case .washington: 4
        case .newYorkCity: 8
        case .california: 16
        case .unitedKingdom: 32
        case .china: 64
        }
    }
}

extension String {
    var trimmingSpaces: Substring {
        let scalars = self.drop(while: { $0 == " " })
        var end = scalars.endIndex
        while end > scalars.startIndex, scalars[scalars.index(before: end)] == " " { end = scalars.index(before: end) }
        return scalars[..<end]
    }
}
