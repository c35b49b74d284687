import Testing

// Replaced by real tests when the module lands.
struct DunSimTestsPlaceholder {
    @Test func moduleBuilds() {
        #expect(Bool(true))
    }
}
