import Testing

// Replaced by real tests when the module lands.
struct DunCampaignTestsPlaceholder {
    @Test func moduleBuilds() {
        #expect(Bool(true))
    }
}
