import DunCampaign
import DunCore
import DunTesting
import Foundation
import Testing

/// Seeded fuzzing of the YAML-lite reader: mutated documents never crash or hang it, and every rejection is a
/// diagnostic with a valid position.
struct YAMLReaderFuzzTests {
    /// 25,000 per shard in CI; DUN_FUZZ_ITERATIONS raises it for a longer local hunt.
    static let iterationsPerShard =
        ProcessInfo.processInfo.environment["DUN_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 25_000
    static let shards: [UInt64] = [1, 2, 3, 4]

    @Test func seedsAreValid() throws {
        for document in YAMLFuzzSeeds.documents {
            _ = try YAMLReader.read(document, path: "seed.yaml")
        }
    }

    /// Four shards of 25,000 mutations (100,000 in all) so Swift Testing can spread them over the cores.
    @Test(.timeLimit(.minutes(3)), arguments: Self.shards)
    func mutatedDocumentsYieldTreesOrPositionedDiagnostics(shard: UInt64) {
        let mutator = DocumentMutator(documents: YAMLFuzzSeeds.documents, punctuation: DocumentMutator.yamlPunctuation)
        var random = TestSplitMix64(seed: 0x5EED_0000 &+ shard)
        var rejected = 0
        for iteration in 0..<Self.iterationsPerShard {
            let bytes = mutator.mutate(using: &random)
            let lineLengths = Self.lineLengths(bytes)
            do {
                let root = try YAMLReader.read(bytes: bytes, path: "fuzz.yaml")
                Self.checkLocations(root, lineLengths: lineLengths, shard: shard, iteration: iteration)
            } catch {
                rejected += 1
                if error.diagnostics.isEmpty {
                    Issue.record("shard \(shard) iteration \(iteration): a rejection without diagnostics")
                }
                for diagnostic in error.diagnostics where !Self.isValid(diagnostic.location, lineLengths) {
                    Issue.record("shard \(shard) iteration \(iteration): bad position \(diagnostic)")
                }
            }
        }
        // The mutations must mostly produce invalid documents, or the fuzz exercises nothing.
        #expect(rejected > Self.iterationsPerShard / 4, "only \(rejected) rejections")
    }

    /// The length in bytes of each line (an upper bound of its length in Unicode scalars).
    private static func lineLengths(_ bytes: [UInt8]) -> [Int] {
        var lengths: [Int] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                lengths.append(index - start)
                start = index + 1
            }
            index += 1
        }
        lengths.append(bytes.count - start)
        return lengths
    }

    private static func isValid(_ location: DunCore.SourceLocation, _ lineLengths: [Int]) -> Bool {
        guard location.line >= 1, location.column >= 1, location.line <= lineLengths.count + 1 else { return false }
        guard location.line <= lineLengths.count else { return location.column == 1 }
        return location.column <= lineLengths[location.line - 1] + 1
    }

    private static func checkLocations(_ node: YAMLNode, lineLengths: [Int], shard: UInt64, iteration: Int) {
        if !self.isValid(node.location, lineLengths) {
            Issue.record("shard \(shard) iteration \(iteration): node at bad position \(node.location)")
        }
        switch node {
        case .scalar:
            break
        case .sequence(let sequence):
            for item in sequence.items {
                self.checkLocations(item, lineLengths: lineLengths, shard: shard, iteration: iteration)
            }
        case .mapping(let mapping):
            for entry in mapping.entries {
                if !self.isValid(entry.key.location, lineLengths) {
                    Issue.record("shard \(shard) iteration \(iteration): key at bad position \(entry.key.location)")
                }
                self.checkLocations(entry.value, lineLengths: lineLengths, shard: shard, iteration: iteration)
            }
        }
    }
}
