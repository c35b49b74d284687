import DunCore
import Testing

struct MoneyTests {
    @Test(arguments: [
        ("1250", 125_000), ("1250.5", 125_050), ("1,250.50", 125_050), ("$1,250.05", 125_005), ("0.99", 99),
    ])
    func parsesDecimalAmounts(text: String, cents: Int64) {
        #expect(Money(decimal: text) == Money(cents: cents))
    }

    @Test(arguments: ["", "-5", "1.234", "12,34", "1e3", "12.", "abc", "1,2345"])
    func rejectsMalformedAmounts(text: String) {
        #expect(Money(decimal: text) == nil)
    }

    @Test func printsForPeopleAndFiles() {
        #expect(Money(cents: 123_456_789).description == "$1,234,567.89")
        #expect(Money(cents: 5).decimalString == "0.05")
    }
}
