import DunCampaign
import DunCore
import Testing

/// The decoder on hand-built trees: independent of the YAML reader.
struct DecoderTests {
    static func at(_ line: Int, _ column: Int) -> DunCore.SourceLocation {
        DunCore.SourceLocation(line: line, column: column)
    }

    static func scalar(_ value: String, _ line: Int, _ column: Int) -> YAMLNode {
        .scalar(YAMLScalar(value: value, style: .plain, location: Self.at(line, column)))
    }

    static func mapping(_ line: Int, _ column: Int, _ entries: [(String, YAMLNode)]) -> YAMLNode {
        .mapping(
            YAMLMapping(
                entries: entries.map { key, value in
                    YAMLMapping.Entry(
                        key: YAMLScalar(value: key, style: .plain, location: Self.at(value.location.line, column)),
                        value: value
                    )
                },
                location: Self.at(line, column)
            )
        )
    }

    static func list(_ line: Int, _ column: Int, _ items: [YAMLNode]) -> YAMLNode {
        .sequence(YAMLSequence(items: items, isFlow: false, location: Self.at(line, column)))
    }

    static let disclosure =
        "{company}: this is an attempt to collect a debt and any information obtained will be used for that "
        + "purpose. Reply STOP to opt out."

    @Test func decodesAHandBuiltCampaign() throws {
        let root = Self.mapping(
            1,
            1,
            [
                ("campaign", Self.scalar("Tiny", 1, 11)),
                (
                    "steps",
                    Self.list(
                        3,
                        3,
                        [
                            Self.mapping(
                                3,
                                5,
                                [
                                    ("id", Self.scalar("hello", 3, 9)), ("sms", Self.scalar("hi", 4, 10)),
                                    ("wait", Self.scalar("1d", 5, 11)),
                                ]
                            )
                        ]
                    )
                ),
                (
                    "templates",
                    Self.mapping(
                        7,
                        3,
                        [
                            (
                                "hi",
                                Self.mapping(
                                    8,
                                    5,
                                    [
                                        ("channel", Self.scalar("sms", 8, 14)),
                                        ("en", Self.scalar(Self.disclosure, 9, 9)),
                                    ]
                                )
                            )
                        ]
                    )
                ),
            ]
        )
        let result = CampaignLoader.decode(root, path: "tiny.yaml")
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty)
        let campaign = try #require(result.campaign)
        #expect(campaign.name == "Tiny")
        #expect(campaign.window == .lawful)
        #expect(
            campaign.steps == [
                Step(
                    id: "hello",
                    action: .contact(.sms, template: "hi"),
                    timing: .after(seconds: 86_400),
                    completeOn: [.delivered, .permanentFailure],
                    next: .stop,
                    location: Self.at(3, 5)
                )
            ]
        )
        #expect(campaign.templates.count == 1)
    }

    @Test func reportsEveryProblemNotJustTheFirst() {
        let root = Self.mapping(
            1,
            1,
            [
                ("campaign", Self.scalar("Tiny", 1, 11)),
                ("ownr", Self.scalar("x", 2, 7)),
                ("priority", Self.scalar("fastest", 3, 11)),
                (
                    "steps",
                    Self.list(
                        4,
                        3,
                        [Self.mapping(4, 5, [("id", Self.scalar("a", 4, 9)), ("sms", Self.scalar("missing", 5, 10))])]
                    )
                ),
            ]
        )
        let errors = CampaignLoader.decode(root, path: "x.yaml").diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.location) == [Self.at(2, 1), Self.at(3, 11), Self.at(5, 10)])
    }
}
