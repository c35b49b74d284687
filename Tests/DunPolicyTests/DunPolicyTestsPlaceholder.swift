import Testing

// Replaced by real tests when the module lands.
struct DunPolicyTestsPlaceholder {
    @Test func moduleBuilds() {
        #expect(Bool(true))
    }
}
