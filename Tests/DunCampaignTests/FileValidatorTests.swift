import DunCampaign
import DunCore
import Testing

struct FileValidatorTests {
    @Test func missingFileIsOneClearError() {
        let report = FileValidator().validate(files: ["/nonexistent/campaign.yaml"])
        #expect(report.exitCode == 1)
        #expect(
            report.diagnostics.map(\.description) == [
                "/nonexistent/campaign.yaml:1:1: error: cannot read file: no such file"
            ]
        )
    }

    @Test func directoryIsOneClearError() {
        let report = FileValidator().validate(files: [FixtureSupport.campaignsDirectory])
        #expect(report.diagnostics.map(\.message) == ["cannot read file: it is a directory"])
    }

    @Test func bundledCampaignsPassWithNotesOnly() {
        let report = FileValidator().validate(files: BundledCampaignTests.campaigns)
        #expect(report.exitCode == 0)
        #expect(report.diagnostics.allSatisfy { $0.severity == .note })
    }

    @Test func diagnosticsKeepFileOrderThenPosition() {
        let broken = FixtureSupport.brokenDirectory
        let files = [broken + "/variant-weights-zero.yaml", "/nonexistent/a.yaml", broken + "/bad-date.yaml"]
        let report = FileValidator().validate(files: files)
        let paths = report.diagnostics.filter { $0.severity != .note }.map(\.path)
        // variant-weights-zero: an error and two warnings; the missing file; bad-date: an error and a warning.
        #expect(paths == [files[0], files[0], files[0], files[1], files[2], files[2]])
        #expect(report.exitCode == 1)
    }

    @Test func scenarioFilesUseTheHookWhenGiven() {
        let validator = FileValidator { _, path in
            [
                Diagnostic(
                    path: path,
                    location: SourceLocation(line: 2, column: 1),
                    severity: .warning,
                    message: "hook ran"
                )
            ]
        }
        let diagnostics = validator.validate(text: "scenario: x\n", path: "s.yaml")
        #expect(diagnostics.map(\.message) == ["hook ran"])
    }
}
