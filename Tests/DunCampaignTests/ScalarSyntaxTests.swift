import DunCampaign
import DunCore
import Testing

struct ScalarSyntaxTests {
    @Test(arguments: [
        ("30m", Int64(1_800)), ("4h", 14_400), ("2d", 172_800), ("1w", 604_800), ("1d12h", 129_600),
        ("0m", 0), ("90m", 5_400),
    ])
    func durationsParse(text: String, seconds: Int64) {
        #expect(ScalarSyntax.duration(text) == seconds)
    }

    @Test(arguments: ["", "2", "d", "2 d", "2days", "12h1d", "1h1h", "-2d", "2.5h", "1s", "9999999d"])
    func malformedDurationsAreRejected(text: String) {
        #expect(ScalarSyntax.duration(text) == nil)
    }

    @Test func durationTextRoundTrips() {
        for seconds: Int64 in [60, 3_600, 7_200, 86_400, 129_600, 604_800 + 3_660] {
            #expect(ScalarSyntax.duration(ScalarSyntax.durationText(seconds)) == seconds)
        }
    }

    @Test func windowsParse() {
        let range = ScalarSyntax.timeRange("09:00-20:00")
        #expect(range == .some(LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 20))))
        #expect(
            ScalarSyntax.timeRange("09:00 - 20:30")
                == .some(LocalTimeRange(start: LocalTime(hour: 9), end: LocalTime(hour: 20, minute: 30)))
        )
        #expect(ScalarSyntax.timeRange("none") == .some(nil))
        #expect(ScalarSyntax.timeRange("9am-5pm") == nil)
        #expect(ScalarSyntax.timeRange("09:00") == nil)
        #expect(ScalarSyntax.timeRange("25:00-26:00") == nil)
    }

    @Test func booleansAreTypedOnlyBySpelling() {
        #expect(ScalarSyntax.boolean("yes") == true)
        #expect(ScalarSyntax.boolean("true") == true)
        #expect(ScalarSyntax.boolean("no") == false)
        #expect(ScalarSyntax.boolean("false") == false)
        #expect(ScalarSyntax.boolean("Yes") == nil)
        #expect(ScalarSyntax.boolean("1") == nil)
        #expect(ScalarSyntax.boolean("on") == nil)
    }

    @Test func integersKeepLeadingZerosAndRejectSigns() {
        #expect(ScalarSyntax.integer("0123") == 123)
        #expect(ScalarSyntax.integer("-1") == nil)
        #expect(ScalarSyntax.integer("+1") == nil)
        #expect(ScalarSyntax.integer("1e3") == nil)
    }

    @Test func identifiersAndLanguages() {
        #expect(ScalarSyntax.isIdentifier("welcome-sms_2.b"))
        #expect(!ScalarSyntax.isIdentifier("-lead"))
        #expect(!ScalarSyntax.isIdentifier("two words"))
        #expect(ScalarSyntax.isLanguage("en"))
        #expect(ScalarSyntax.isLanguage("haw"))
        #expect(!ScalarSyntax.isLanguage("EN"))
        #expect(!ScalarSyntax.isLanguage("es-MX"))
    }
}
