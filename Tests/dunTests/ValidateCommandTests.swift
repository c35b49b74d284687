import ArgumentParser
import Testing

@testable import dun

struct ValidateCommandTests {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    @Test func parsesFiles() throws {
        let command = try #require(try Dun.parseAsRoot(["validate", "a.yaml", "b.yaml"]) as? ValidateCommand)
        #expect(command.files == ["a.yaml", "b.yaml"])
    }

    @Test func needsAtLeastOneFile() {
        #expect(throws: (any Error).self) { try Dun.parseAsRoot(["validate"]) }
    }

    @Test func validCampaignPasses() throws {
        let command = try ValidateCommand.parse([Self.root + "/campaigns/hybrid.yaml"])
        try command.run()
    }

    @Test func brokenCampaignExitsOne() throws {
        let command = try ValidateCommand.parse([Self.root + "/Tests/DunCampaignTests/Fixtures/broken/bad-date.yaml"])
        #expect(throws: ExitCode(1)) { try command.run() }
    }
}
