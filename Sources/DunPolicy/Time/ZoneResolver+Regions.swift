// DERIVED (hand-built, not from an official data set): which IANA zones a postal address may be in.
//
// US: one zone list per state or territory; for states that span zones, overrides by the first three ZIP
// digits (ZIP3). The ZIP3 assignments were worked out by hand from the county lines of the federal time-zone
// boundaries (49 CFR part 71) and the USPS ZIP3 areas; where a ZIP3 area straddles a boundary, or its counties
// were not certain, it lists both zones (conservative: the policy intersects the windows). The first zone of a
// list is the one most of its people live in (the home zone of OQ-2). Places that keep another zone than the
// federal one are listed with both, as CASE-UTA asks (Valley and Phenix City AL, Kenton OK, West Wendover and
// Jackpot NV). The Navajo Nation (AZ ZIP3 860 and 865) observes DST (America/Denver) while the rest of
// Arizona does not (America/Phoenix); the Hopi Reservation inside it does not.
//
// Canada: by province, refined by the first letters of the postal code where a province spans zones; also
// DERIVED. China: Asia/Shanghai (the only legal zone); Xinjiang adds Asia/Urumqi, the locally kept time.
// Every other country: all zones of the country in IANA zone.tab.

extension ZoneResolver {
    /// US state or territory (USPS code) to zones, most populous first.
    static let usStates: [String: [String]] = [
        "AL": ["America/Chicago"], "AK": ["America/Anchorage", "America/Adak"],
        "AZ": ["America/Phoenix", "America/Denver"], "AR": ["America/Chicago"], "CA": ["America/Los_Angeles"],
        "CO": ["America/Denver"], "CT": ["America/New_York"], "DE": ["America/New_York"],
        "DC": ["America/New_York"], "FL": ["America/New_York", "America/Chicago"], "GA": ["America/New_York"],
        "HI": ["Pacific/Honolulu"], "ID": ["America/Boise", "America/Los_Angeles"], "IL": ["America/Chicago"],
        "IN": ["America/Indiana/Indianapolis", "America/Chicago"], "IA": ["America/Chicago"],
        "KS": ["America/Chicago", "America/Denver"], "KY": ["America/New_York", "America/Chicago"],
        "LA": ["America/Chicago"], "ME": ["America/New_York"], "MD": ["America/New_York"],
        "MA": ["America/New_York"], "MI": ["America/Detroit", "America/Menominee"], "MN": ["America/Chicago"],
        "MS": ["America/Chicago"], "MO": ["America/Chicago"], "MT": ["America/Denver"],
        "NE": ["America/Chicago", "America/Denver"], "NV": ["America/Los_Angeles", "America/Denver"],
        "NH": ["America/New_York"], "NJ": ["America/New_York"], "NM": ["America/Denver"],
        "NY": ["America/New_York"], "NC": ["America/New_York"], "ND": ["America/Chicago", "America/Denver"],
        "OH": ["America/New_York"], "OK": ["America/Chicago"], "OR": ["America/Los_Angeles", "America/Boise"],
        "PA": ["America/New_York"], "RI": ["America/New_York"], "SC": ["America/New_York"],
        "SD": ["America/Chicago", "America/Denver"], "TN": ["America/Chicago", "America/New_York"],
        "TX": ["America/Chicago", "America/Denver"], "UT": ["America/Denver"], "VT": ["America/New_York"],
        "VA": ["America/New_York"], "WA": ["America/Los_Angeles"], "WV": ["America/New_York"],
        "WI": ["America/Chicago"], "WY": ["America/Denver"],
        "PR": ["America/Puerto_Rico"], "VI": ["America/St_Thomas"], "GU": ["Pacific/Guam"],
        "MP": ["Pacific/Saipan"], "AS": ["Pacific/Pago_Pago"],
    ]

    /// Full US state and territory names (upper case) to USPS codes, for addresses that spell the name out.
    static let usStateNames: [String: String] = [
        "ALABAMA": "AL", "ALASKA": "AK", "ARIZONA": "AZ", "ARKANSAS": "AR", "CALIFORNIA": "CA", "COLORADO": "CO",
        "CONNECTICUT": "CT", "DELAWARE": "DE", "DISTRICT OF COLUMBIA": "DC", "FLORIDA": "FL", "GEORGIA": "GA",
        "HAWAII": "HI", "IDAHO": "ID", "ILLINOIS": "IL", "INDIANA": "IN", "IOWA": "IA", "KANSAS": "KS",
        "KENTUCKY": "KY", "LOUISIANA": "LA", "MAINE": "ME", "MARYLAND": "MD", "MASSACHUSETTS": "MA",
        "MICHIGAN": "MI", "MINNESOTA": "MN", "MISSISSIPPI": "MS", "MISSOURI": "MO", "MONTANA": "MT",
        "NEBRASKA": "NE", "NEVADA": "NV", "NEW HAMPSHIRE": "NH", "NEW JERSEY": "NJ", "NEW MEXICO": "NM",
        "NEW YORK": "NY", "NORTH CAROLINA": "NC", "NORTH DAKOTA": "ND", "OHIO": "OH", "OKLAHOMA": "OK",
        "OREGON": "OR", "PENNSYLVANIA": "PA", "RHODE ISLAND": "RI", "SOUTH CAROLINA": "SC", "SOUTH DAKOTA": "SD",
        "TENNESSEE": "TN", "TEXAS": "TX", "UTAH": "UT", "VERMONT": "VT", "VIRGINIA": "VA", "WASHINGTON": "WA",
        "WEST VIRGINIA": "WV", "WISCONSIN": "WI", "WYOMING": "WY", "PUERTO RICO": "PR",
        "U.S. VIRGIN ISLANDS": "VI", "VIRGIN ISLANDS": "VI", "GUAM": "GU", "NORTHERN MARIANA ISLANDS": "MP",
        "AMERICAN SAMOA": "AS",
    ]

    /// ZIP3 overrides for states that span zones: (state, first ZIP3, last ZIP3, zones).
    static let usZIP3: [(state: String, first: Int, last: Int, zones: [String])] = [
        ("AL", 368, 368, ["America/Chicago", "America/New_York"]),  // Phenix City, Valley keep Eastern
        ("AK", 995, 995, ["America/Anchorage", "America/Adak"]),  // Aleutians west of 169°30′W
        ("AK", 996, 999, ["America/Anchorage"]),
        ("AZ", 850, 859, ["America/Phoenix"]),
        ("AZ", 860, 860, ["America/Phoenix", "America/Denver"]),  // Navajo Nation (Tuba City, Kayenta)
        ("AZ", 863, 864, ["America/Phoenix"]),
        ("AZ", 865, 865, ["America/Phoenix", "America/Denver"]),  // Navajo Nation (Window Rock, Chinle)
        ("FL", 320, 323, ["America/New_York"]),
        ("FL", 324, 324, ["America/Chicago", "America/New_York"]),  // Panama City; Gulf County is split
        ("FL", 325, 325, ["America/Chicago"]),  // Pensacola
        ("FL", 326, 349, ["America/New_York"]),
        ("ID", 832, 834, ["America/Boise"]),
        ("ID", 835, 835, ["America/Los_Angeles", "America/Boise"]),  // Lewiston; Idaho County is split
        ("ID", 836, 837, ["America/Boise"]),
        ("ID", 838, 838, ["America/Los_Angeles"]),  // Coeur d'Alene, Moscow
        ("IN", 460, 462, ["America/Indiana/Indianapolis"]),
        ("IN", 463, 464, ["America/Chicago"]),  // Gary, Lake and Porter counties
        ("IN", 465, 465, ["America/Indiana/Indianapolis", "America/Chicago"]),  // Starke County is Central
        ("IN", 466, 474, ["America/Indiana/Indianapolis"]),
        ("IN", 475, 475, ["America/Indiana/Indianapolis", "America/Chicago"]),  // Perry County is Central
        ("IN", 476, 477, ["America/Chicago"]),  // Evansville
        ("IN", 478, 478, ["America/Indiana/Indianapolis"]),
        ("IN", 479, 479, ["America/Indiana/Indianapolis", "America/Chicago"]),  // Jasper, Newton are Central
        ("KS", 660, 676, ["America/Chicago"]),
        ("KS", 677, 678, ["America/Chicago", "America/Denver"]),  // Sherman, Wallace, Greeley, Hamilton
        ("KS", 679, 679, ["America/Chicago"]),
        ("KY", 400, 400, ["America/New_York"]),
        ("KY", 401, 401, ["America/New_York", "America/Chicago"]),  // Breckinridge County is Central
        ("KY", 402, 419, ["America/New_York"]),
        ("KY", 420, 424, ["America/Chicago"]),  // Paducah, Bowling Green, Owensboro, Henderson
        ("KY", 425, 425, ["America/New_York"]),
        ("KY", 426, 427, ["America/New_York", "America/Chicago"]),  // Clinton, Russell, Adair, Grayson …
        ("MI", 480, 497, ["America/Detroit"]),
        ("MI", 498, 499, ["America/Detroit", "America/Menominee"]),  // four Upper Peninsula counties
        ("NE", 680, 689, ["America/Chicago"]),
        ("NE", 690, 692, ["America/Chicago", "America/Denver"]),
        ("NE", 693, 693, ["America/Denver"]),  // Panhandle
        ("NV", 889, 897, ["America/Los_Angeles"]),
        ("NV", 898, 898, ["America/Los_Angeles", "America/Denver"]),  // West Wendover, Jackpot keep Mountain
        ("ND", 580, 584, ["America/Chicago"]),
        ("ND", 585, 585, ["America/Chicago", "America/Denver"]),
        ("ND", 586, 586, ["America/Denver", "America/Chicago"]),  // Dickinson
        ("ND", 587, 587, ["America/Chicago"]),
        ("ND", 588, 588, ["America/Chicago", "America/Denver"]),
        ("OK", 739, 739, ["America/Chicago", "America/Denver"]),  // Kenton keeps Mountain
        ("OR", 970, 978, ["America/Los_Angeles"]),
        ("OR", 979, 979, ["America/Boise", "America/Los_Angeles"]),  // Malheur County
        ("SD", 570, 574, ["America/Chicago"]),
        ("SD", 575, 576, ["America/Chicago", "America/Denver"]),  // Pierre/Fort Pierre, Mobridge
        ("SD", 577, 577, ["America/Denver"]),  // Rapid City
        ("TN", 370, 372, ["America/Chicago"]),
        ("TN", 373, 373, ["America/New_York", "America/Chicago"]),  // Marion, Sequatchie, Bledsoe are Central
        ("TN", 374, 374, ["America/New_York"]),  // Chattanooga
        ("TN", 375, 375, ["America/Chicago"]),
        ("TN", 376, 379, ["America/New_York"]),  // Tri-Cities, Knoxville
        ("TN", 380, 384, ["America/Chicago"]),
        ("TN", 385, 385, ["America/Chicago", "America/New_York"]),  // Cookeville, Crossville area
        ("TX", 733, 733, ["America/Chicago"]),
        ("TX", 750, 797, ["America/Chicago"]),
        ("TX", 798, 798, ["America/Denver", "America/Chicago"]),  // Hudspeth, Culberson; Brewster is Central
        ("TX", 799, 799, ["America/Denver"]),  // El Paso
        ("TX", 885, 885, ["America/Denver"]),  // El Paso
    ]

    /// ZIP3 ranges to the USPS state code, used when an address has a ZIP but no state (USPS prefix allocation;
    /// DERIVED, military prefixes omitted). ZIP 96799 (American Samoa) is handled separately.
    static let usZIP3States: [(first: Int, last: Int, state: String)] = [
        (5, 5, "NY"), (6, 7, "PR"), (8, 8, "VI"), (9, 9, "PR"), (10, 27, "MA"), (28, 29, "RI"), (30, 38, "NH"),
        (39, 49, "ME"), (50, 54, "VT"), (55, 55, "MA"), (56, 59, "VT"), (60, 69, "CT"), (70, 89, "NJ"),
        (100, 149, "NY"), (150, 196, "PA"), (197, 199, "DE"), (200, 200, "DC"), (201, 201, "VA"),
        (202, 205, "DC"), (206, 219, "MD"), (220, 246, "VA"), (247, 268, "WV"), (270, 289, "NC"),
        (290, 299, "SC"), (300, 319, "GA"), (320, 339, "FL"), (341, 349, "FL"), (350, 369, "AL"),
        (370, 385, "TN"), (386, 397, "MS"), (398, 399, "GA"), (400, 427, "KY"), (430, 459, "OH"),
        (460, 479, "IN"), (480, 499, "MI"), (500, 528, "IA"), (530, 549, "WI"), (550, 567, "MN"),
        (569, 569, "DC"), (570, 577, "SD"), (580, 588, "ND"), (590, 599, "MT"), (600, 629, "IL"),
        (630, 658, "MO"), (660, 679, "KS"), (680, 693, "NE"), (700, 714, "LA"), (716, 729, "AR"),
        (730, 732, "OK"), (733, 733, "TX"), (734, 749, "OK"), (750, 799, "TX"), (800, 816, "CO"),
        (820, 831, "WY"), (832, 838, "ID"), (840, 847, "UT"), (850, 865, "AZ"), (870, 884, "NM"),
        (885, 885, "TX"), (889, 898, "NV"), (900, 961, "CA"), (967, 968, "HI"), (969, 969, "GU"),
        (970, 979, "OR"), (980, 994, "WA"), (995, 999, "AK"),
    ]

    /// Canadian province or territory to zones, most populous first.
    static let caProvinces: [String: [String]] = [
        "AB": ["America/Edmonton"], "BC": ["America/Vancouver"], "MB": ["America/Winnipeg"],
        "NB": ["America/Moncton"], "NL": ["America/St_Johns"], "NS": ["America/Halifax"],
        "NT": ["America/Edmonton", "America/Inuvik"],
        "NU": [
            "America/Iqaluit", "America/Rankin_Inlet",
            "America/Cambridge_Bay", "America/Resolute",
        ], "ON": ["America/Toronto"], "PE": ["America/Halifax"],
        "QC": ["America/Toronto"], "SK": ["America/Regina"], "YT": ["America/Whitehorse"],
    ]

    /// Canadian postal-code prefixes inside a province that reach other zones: (province, prefix, zones).
    static let caPostalPrefixes: [(province: String, prefix: String, zones: [String])] = [
        // East Kootenay (Mountain) and Creston (MST all year).
        ("BC", "V0A", ["America/Vancouver", "America/Edmonton", "America/Creston"]),
        ("BC", "V0B", ["America/Vancouver", "America/Edmonton", "America/Creston"]),
        ("BC", "V1C", ["America/Edmonton", "America/Vancouver"]),
        // Peace River and Fort Nelson (MST all year).
        ("BC", "V0C", ["America/Fort_Nelson", "America/Dawson_Creek", "America/Vancouver"]),
        ("BC", "V1G", ["America/Dawson_Creek"]),
        ("BC", "V1J", ["America/Dawson_Creek"]),
        // Northwestern Ontario (Central; Atikokan EST all year).
        ("ON", "P0", ["America/Toronto", "America/Winnipeg", "America/Atikokan"]),
        ("ON", "P8", ["America/Winnipeg", "America/Toronto"]),
        ("ON", "P9", ["America/Winnipeg", "America/Toronto"]),
        // Lower North Shore (AST all year) and the Magdalen Islands (Atlantic).
        ("QC", "G0G", ["America/Toronto", "America/Blanc-Sablon", "America/Halifax"]),
        ("QC", "G4T", ["America/Halifax", "America/Toronto"]),
        // Lloydminster keeps Alberta time.
        ("SK", "S9V", ["America/Edmonton", "America/Regina"]),
        // Labrador (Atlantic, southern coast Newfoundland time).
        ("NL", "A0P", ["America/Goose_Bay", "America/St_Johns"]),
        ("NL", "A0R", ["America/Goose_Bay", "America/St_Johns"]),
        ("NL", "A2V", ["America/Goose_Bay"]),
    ]

    /// Chinese provinces (ISO 3166-2:CN suffix, GB/T 2260 code or name) that add the locally kept Xinjiang time.
    static let cnXinjiang: Set<String> = ["XJ", "65", "XINJIANG"]
}
