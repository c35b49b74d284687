import DunCore
import DunPolicy
import Testing

@testable import DunEngine

struct EngineActionTests {
    @Test func actionsArePlainMemory() {
        // The driver clears and copies its buffer of actions as plain memory only if no action holds a
        // reference (the reason strings live in `ActionTexts`, a debt bucket inline in `PackedText`).
        #expect(_isPOD(EngineAction.self))
        #expect(_isPOD(Attempt.self))
        #expect(_isPOD(Deferral.self))
        #expect(_isPOD(Ending.self))
        #expect(_isPOD(LocalZone.self))
        #expect(MemoryLayout<LocalZone>.size <= 16)
    }

    @Test func packedTextKeepsEveryTextExactly() {
        let texts = [
            "", "D1", "exactly-15-byte", "sixteen-bytes-xx", "a much longer debt bucket id than fits inline",
            "caf\u{E9}", "cafe\u{301}", "\u{1F600}\u{1F600}\u{1F600}\u{1F600}",
        ]
        for text in texts {
            #expect(PackedText(text).string == text)
            #expect(Array(PackedText(text).string.utf8) == Array(text.utf8))
        }
        // Canonically equivalent spellings stay distinct, inline and interned alike.
        #expect(PackedText("caf\u{E9}") != PackedText("cafe\u{301}"))
        let long = String(repeating: "x", count: 20)
        #expect(PackedText(long + "\u{E9}") != PackedText(long + "e\u{301}"))
        #expect(Array(PackedText(long + "e\u{301}").string.utf8) == Array((long + "e\u{301}").utf8))
        #expect(PackedText(long) == PackedText(String(repeating: "x", count: 20)))
    }

    @Test func publicPropertiesReadBackWhatWasGiven() {
        var attempt = Attempt(
            id: AttemptID(account: AccountIndex(3), serial: 7),
            account: AccountIndex(3),
            campaign: 1,
            variant: 0,
            step: 2,
            attemptNumber: 1,
            channel: .sms,
            destination: 0,
            template: "reminder-1",
            debtBucket: "a debt bucket that is longer than fifteen bytes",
            at: UTCInstant(secondsSinceEpoch: 1_800_000_000)
        )
        #expect(attempt.template == "reminder-1")
        #expect(attempt.debtBucket == "a debt bucket that is longer than fifteen bytes")
        attempt.template = "reminder-2"
        attempt.debtBucket = "D42"
        #expect(attempt.template == "reminder-2" && attempt.debtBucket == "D42")

        var deferral = Deferral(
            account: AccountIndex(3),
            campaign: 1,
            step: 2,
            channel: .call,
            rule: "RF-14-B",
            reason: "Seven calls in seven days.",
            at: UTCInstant(secondsSinceEpoch: 1_800_000_000),
            until: nil
        )
        #expect(deferral.rule == "RF-14-B" && deferral.reason == "Seven calls in seven days.")
        deferral.reason = "Changed."
        #expect(deferral.rule == "RF-14-B" && deferral.reason == "Changed.")
        deferral.rule = "CAPACITY"
        #expect(deferral.rule == "CAPACITY" && deferral.reason == "Changed.")

        var ending = Ending(
            account: AccountIndex(3),
            campaign: 1,
            step: nil,
            reason: "paid in full",
            rule: nil,
            at: UTCInstant(secondsSinceEpoch: 1_800_000_000)
        )
        #expect(ending.rule == nil && ending.reason == "paid in full")
        ending.rule = "RF-6-CEASE"
        ending.reason = "ceased"
        #expect(ending.rule == "RF-6-CEASE" && ending.reason == "ceased")
        ending.rule = nil
        #expect(ending.rule == nil && ending.reason == "ceased")
    }

    @Test func theEngineFixedTextsAreTheRuleIdsItNames() {
        #expect(ActionTexts.shared.text(ActionTexts.campaignWindowRule) == Deferral.campaignWindowRule)
        #expect(ActionTexts.shared.text(ActionTexts.campaignBlackoutRule) == Deferral.campaignBlackoutRule)
        #expect(ActionTexts.shared.text(ActionTexts.capacityRule) == Deferral.capacityRule)
        #expect(ActionTexts.shared.text(ActionTexts.disputePauseRule) == Deferral.disputePauseRule)
        #expect(ActionTexts.shared.text(ActionTexts.promisePauseRule) == Deferral.promisePauseRule)
        #expect(ActionTexts.shared.id(Deferral.capacityRule) == ActionTexts.capacityRule)
    }
}
