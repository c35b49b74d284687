import Testing

// Replaced by real tests when the module lands.
struct dunTestsPlaceholder {
    @Test func moduleBuilds() {
        #expect(Bool(true))
    }
}
