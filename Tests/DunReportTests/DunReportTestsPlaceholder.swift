import Testing

// Replaced by real tests when the module lands.
struct DunReportTestsPlaceholder {
    @Test func moduleBuilds() {
        #expect(Bool(true))
    }
}
