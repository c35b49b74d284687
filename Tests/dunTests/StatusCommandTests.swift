import ArgumentParser
import Testing

@testable import dun

struct StatusCommandTests {
    @Test func parsesOptions() throws {
        let command = try #require(
            try Dun.parseAsRoot(["status", "--db", "x.sqlite", "--once", "--width", "100", "--height", "30"])
                as? StatusCommand
        )
        #expect(command.store.database == "x.sqlite")
        #expect(command.once)
        #expect(command.width == 100)
        #expect(command.height == 30)
        let plain = try #require(try Dun.parseAsRoot(["status"]) as? StatusCommand)
        #expect(plain.store.database == "dun.sqlite")
        #expect(!plain.once)
    }

    @Test func rejectsSizesTooSmallToDraw() {
        #expect(throws: (any Error).self) { try Dun.parseAsRoot(["status", "--width", "20"]) }
        #expect(throws: (any Error).self) { try Dun.parseAsRoot(["status", "--height", "5"]) }
    }

    @Test func simulateTakesDashboard() throws {
        let command = try #require(try Dun.parseAsRoot(["simulate", "--dashboard"]) as? SimulateCommand)
        #expect(command.dashboard)
    }
}
