import DunCore
import DunWebhooks
import Testing

struct InboundCommandTests {
    @Test(arguments: [
        ("STOP", InboundCommand.optOut(keyword: "STOP")),
        ("  stop  ", .optOut(keyword: "STOP")),
        ("Stop.", .optOut(keyword: "STOP")),
        ("quit", .optOut(keyword: "QUIT")),
        ("End", .optOut(keyword: "END")),
        ("REVOKE", .optOut(keyword: "REVOKE")),
        ("opt out", .optOut(keyword: "OPT OUT")),
        ("OPT   OUT", .optOut(keyword: "OPT OUT")),
        ("cancel", .optOut(keyword: "CANCEL")),
        ("Unsubscribe", .optOut(keyword: "UNSUBSCRIBE")),
        ("STOPALL", .optOut(keyword: "STOPALL")),
        ("remove\n", .optOut(keyword: "REMOVE")),
        ("help", .help(keyword: "HELP")),
        ("Info", .help(keyword: "INFO")),
        ("start", .optIn(keyword: "START")),
        ("UNSTOP", .optIn(keyword: "UNSTOP")),
        ("please stop texting me", .other),
        ("stopping by later", .other),
        ("optout", .other),
        ("", .other),
        ("I can pay on Friday", .other),
    ])
    func classifiesWholeMessageKeywords(text: String, expected: InboundCommand) {
        #expect(InboundCommand.classify(text) == expected)
    }

    @Test func optOutConfirmationSaysOnlyThatItWillBeHonoured() {
        let text = InboundReplies.optOutConfirmation
        #expect(text.lowercased().contains("honor"))
        for forbidden in ["debt", "balance", "$", "pay", "START", "reply", "http", "?"] {
            #expect(!text.contains(forbidden), "confirmation must not mention \(forbidden)")
        }
    }

    @Test func helpReplyHasTheCTIAElementsAndNoDebtContent() {
        let replies = InboundReplies(
            programName: "Acme Recovery",
            helpContact: "1-800-555-0100",
            frequency: "up to 3 msgs/week"
        )
        let text = replies.helpReply
        for required in [
            "Acme Recovery", "1-800-555-0100", "up to 3 msgs/week", "Msg&data rates may apply", "Text STOP to cancel",
        ] {
            #expect(text.contains(required))
        }
        for forbidden in ["debt", "balance", "$", "owe"] {
            #expect(!text.lowercased().contains(forbidden))
        }
        #expect(replies.reply(to: .optIn(keyword: "START")) == nil)
        #expect(replies.reply(to: .other) == nil)
    }

    @Test(arguments: [
        ("completed", "human", AttemptResult?.some(.answered)),
        ("completed", "machine_start", .voicemail),
        ("completed", "machine_end_beep", .voicemail),
        ("completed", nil, .answered),
        ("busy", nil, .busy),
        ("no-answer", nil, .noAnswer),
        ("failed", nil, .notInService),
        ("canceled", nil, .failed),
        ("ringing", nil, nil),
        ("in-progress", "human", nil),
    ])
    func callOutcomesFollowRF14Call(status: String, answeredBy: String?, expected: AttemptResult?) {
        #expect(CallStatusEvent.result(status: status, answeredBy: answeredBy) == expected)
    }

    @Test func connectedCallsAreTheOnesThatCount() {
        #expect(CallStatusEvent.result(status: "busy", answeredBy: nil)?.connected == false)
        #expect(CallStatusEvent.result(status: "failed", answeredBy: nil)?.connected == false)
        #expect(CallStatusEvent.result(status: "no-answer", answeredBy: nil)?.connected == true)
        #expect(CallStatusEvent.result(status: "completed", answeredBy: "machine_start")?.connected == true)
    }

    @Test(arguments: [
        ("delivered", AttemptResult?.some(.delivered)), ("read", .delivered), ("undelivered", .failed),
        ("failed", .failed), ("sent", nil), ("queued", nil),
    ])
    func messageStatuses(status: String, expected: AttemptResult?) {
        #expect(MessageStatusEvent.result(forStatus: status) == expected)
    }
}
