import DunCampaign
import DunCore
import DunTesting
import Testing

/// Seeded mutations of the bundled campaigns: the reader, decoder, validator and lint never trap, and
/// every rejection is a diagnostic with a line and column inside the file.
struct MutationTests {
    /// SplitMix64: a small seeded generator so that a failure reproduces from its seed.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            self.state &+= 0x9E37_79B9_7F4A_7C15
            var z = self.state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet: [Character] = [
        ":", "-", " ", "\n", "{", "}", "'", "\"", "#", "|", ">", "x", "1", "\t", "&", "*", "!", "[", "]", ",", "é",
    ]

    static func mutate(_ text: String, using rng: inout SplitMix64) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = Int.random(in: 0..<lines.count, using: &rng)
        switch Int.random(in: 0..<6, using: &rng) {
        case 0:
            lines.remove(at: line)
        case 1:
            lines.insert(lines[line], at: line)
        case 2:
            lines.swapAt(line, Int.random(in: 0..<lines.count, using: &rng))
        default:
            var characters = Array(lines[line])
            let position = Int.random(in: 0...characters.count, using: &rng)
            if position < characters.count, Bool.random(using: &rng) {
                characters.remove(at: position)
            } else {
                characters.insert(Self.alphabet.randomElement(using: &rng)!, at: position)
            }
            lines[line] = String(characters)
        }
        return lines.joined(separator: "\n")
    }

    @Test(arguments: BundledCampaignTests.campaigns)
    func mutatedCampaignsYieldPositionedDiagnostics(path: String) {
        var rng = SplitMix64(state: 0xD0_2026)
        let original = FixtureSupport.text(path)
        var rejected = 0
        for _ in 0..<100 {
            var text = original
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                text = Self.mutate(text, using: &rng)
            }
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
            let result = CampaignLoader.load(text: text, path: path)
            if result.hasErrors { rejected += 1 }
            #expect(result.hasErrors == (result.campaign == nil))
            for diagnostic in result.diagnostics {
                #expect(diagnostic.location.line >= 1 && diagnostic.location.line <= lineCount + 1, "\(diagnostic)")
                #expect(diagnostic.location.column >= 1, "\(diagnostic)")
            }
        }
        #expect(rejected > 0)
    }

    /// Every broken fixture (small documents that reach every diagnostic) mutated further: 5,000 runs of the
    /// reader, decoder, validator and lint per shard.
    @Test(.timeLimit(.minutes(2)), arguments: [UInt64(1), 2])
    func mutatedFixturesYieldPositionedDiagnostics(shard: UInt64) {
        let seeds = FixtureSupport.yamlFiles(in: FixtureSupport.brokenDirectory).map(FixtureSupport.text)
        let mutator = DocumentMutator(documents: seeds, punctuation: DocumentMutator.yamlPunctuation)
        var random = TestSplitMix64(seed: 0xCA4D_0000 &+ shard)
        let validator = FileValidator()
        for iteration in 0..<5_000 {
            let text = String(decoding: mutator.mutate(using: &random), as: UTF8.self)
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
            for diagnostic in validator.validate(text: text, path: "fuzz.yaml") {
                let valid =
                    diagnostic.location.line >= 1 && diagnostic.location.line <= lineCount + 1
                    && diagnostic.location.column >= 1
                if !valid { Issue.record("shard \(shard) iteration \(iteration): bad position \(diagnostic)") }
            }
        }
    }
}
