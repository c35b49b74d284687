import DunCampaign
import DunCore
import Testing

/// Large and adversarial inputs: reading stays linear (a quadratic scan would take minutes here) and deep
/// nesting is a diagnostic, not a stack overflow.
struct YAMLReaderScaleTests {
    /// About 1 MB of campaign-like text.
    static func megabyteDocument() -> String {
        var text = "# generated\n"
        var index = 0
        while text.utf8.count < 1_000_000 {
            text += """
                step_\(index):
                  channel: sms
                  window: [9:00, '17:00']
                  note: a plain value that
                    continues here
                  template: |
                    Hi {first_name}, this is step \(index).
                    Reply STOP to opt out.
                  retries:
                    - count: 2
                      spacing: "4h"

                """
            index += 1
        }
        return text
    }

    @Test(.timeLimit(.minutes(1)))
    func readsAMegabyteQuickly() throws {
        let text = Self.megabyteDocument()
        let clock = ContinuousClock()
        let start = clock.now
        let root = try YAMLReader.read(text, path: "big.yaml")
        let elapsed = clock.now - start
        guard case .mapping(let mapping) = root else {
            Issue.record("expected a mapping")
            return
        }
        #expect(mapping.entries.count > 1_000)
        // Debug build on a loaded machine: ~0.2 s measured; a quadratic scan would take minutes.
        #expect(elapsed < .seconds(10), "1 MB took \(elapsed)")
    }

    /// Each about 300 KB: enough that a quadratic scan would take minutes, little enough for a quick test run.
    static let adversarial: [(String, String)] = [
        ("long plain line", "a: " + String(repeating: "x y ", count: 80_000) + "\n"),
        ("many blank lines", String(repeating: "  \n", count: 30_000) + "a: 1\n"),
        ("long continuation", "a: x\n" + String(repeating: "  y\n", count: 80_000)),
        ("long block scalar", "a: >\n" + String(repeating: "  line\n\n", count: 50_000)),
        ("unterminated quote", "a: '" + String(repeating: "text ", count: 60_000)),
        ("many list items", String(repeating: "- k: v\n", count: 45_000)),
        ("many comment lines", "a:\n" + String(repeating: "    # c\n", count: 40_000) + "  b: 1\n"),
        ("long flow list", "a: [" + String(repeating: "x, ", count: 30_000) + "]\n"),
        ("deep indentation", (0..<800).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined()),
        ("deep inline lists", String(repeating: "- ", count: 30_000) + "x\n"),
    ]

    @Test(.timeLimit(.minutes(1)), arguments: 0..<Self.adversarial.count)
    func adversarialInputIsLinear(_ index: Int) {
        let (name, text) = Self.adversarial[index]
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try YAMLReader.read(text, path: "adversarial.yaml")
        } catch {
            #expect(error.diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
        }
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(10), "\(name) took \(elapsed)")
    }

    @Test func rejectsNestingDeeperThanTheLimit() throws {
        let deep = (0..<100).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined()
        let error = try #require(throws: DiagnosticError.self) { try YAMLReader.read(deep, path: "deep.yaml") }
        #expect(error.diagnostics.first?.message.contains("nesting deeper than 64 levels") == true)
        #expect(error.diagnostics.first?.location == DunCore.SourceLocation(line: 65, column: 65))
        let fine = (0..<60).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined()
        _ = try YAMLReader.read(fine, path: "deep.yaml")
    }
}
