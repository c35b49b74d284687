import Testing

/// `dun attempts` as the operator types it.
struct AttemptsCommandTests {
    @Test func listAndResolveAreWiredAndRefuseBadInput() throws {
        let sandbox = try LiveSandbox()
        defer { sandbox.cleanUp() }
        try sandbox.importAccounts(1)
        let listing = try LiveSandbox.runToEnd(["attempts", "--in-doubt", "--db", sandbox.database])
        #expect(listing.status == 0)
        #expect(listing.stdout.contains("no attempts in doubt"))
        let both = try LiveSandbox.runToEnd([
            "attempts", "resolve", "k", "--sent", "--not-sent", "--note", "x", "--db", sandbox.database,
        ])
        #expect(both.status != 0)
        #expect(both.stderr.contains("exactly one of --sent and --not-sent"))
        let unknown = try LiveSandbox.runToEnd([
            "attempts", "resolve", "nope", "--not-sent", "--note", "checked the console", "--db", sandbox.database,
        ])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no attempt with idempotency key 'nope'"))
    }
}
