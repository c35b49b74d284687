import Testing

// Replaced by real tests when the module lands.
struct DunDashboardTestsPlaceholder {
    @Test func moduleBuilds() {
        #expect(Bool(true))
    }
}
