import DunCampaign
import DunCore
import Testing

/// Every file in Fixtures/broken yields exactly the diagnostics its `# expect:` lines name.
struct BrokenFixtureTests {
    static let fixtures = FixtureSupport.yamlFiles(in: FixtureSupport.brokenDirectory)

    @Test func thereIsAFixturePerDiagnostic() {
        #expect(Self.fixtures.count >= 80)
    }

    @Test(arguments: Self.fixtures)
    func fixtureYieldsItsDiagnostics(path: String) throws {
        let text = FixtureSupport.text(path)
        let expectations = FixtureSupport.expectations(in: text)
        try #require(!expectations.isEmpty, "no '# expect:' line at the top of \(path)")
        let diagnostics = FileValidator().validate(text: text, path: path)
        for expectation in expectations {
            let expectation = try #require(expectation, "malformed '# expect:' line in \(path)")
            #expect(
                diagnostics.contains(where: expectation.matches),
                "\(path): expected \(expectation); got:\n\(diagnostics.map(\.description).joined(separator: "\n"))"
            )
        }
        // No error beyond those expected: a fixture isolates one diagnostic.
        for diagnostic in diagnostics where diagnostic.severity == .error {
            #expect(
                expectations.contains { $0?.matches(diagnostic) == true },
                "\(path): unexpected \(diagnostic)"
            )
        }
        #expect(diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
    }
}
