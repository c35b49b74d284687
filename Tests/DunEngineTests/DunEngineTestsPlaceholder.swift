import Testing

// Replaced by real tests when the module lands.
struct DunEngineTestsPlaceholder {
    @Test func moduleBuilds() {
        #expect(Bool(true))
    }
}
