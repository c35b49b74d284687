import DunCampaign
import DunCore
import Testing

struct SMSSegmentTests {
    @Test func gsm7FitsOneSegmentUpTo160Septets() {
        #expect(SMSSegments(text: String(repeating: "a", count: 160)) == SMSSegments.expected(.gsm7, 160, 1))
        #expect(SMSSegments(text: String(repeating: "a", count: 161)) == SMSSegments.expected(.gsm7, 161, 2))
        #expect(SMSSegments(text: String(repeating: "a", count: 306)) == SMSSegments.expected(.gsm7, 306, 2))
        #expect(SMSSegments(text: String(repeating: "a", count: 307)) == SMSSegments.expected(.gsm7, 307, 3))
    }

    @Test func extensionCharactersCountTwice() {
        // 80 euro signs are 160 septets: one segment; one more character makes two.
        #expect(SMSSegments(text: String(repeating: "€", count: 80)) == SMSSegments.expected(.gsm7, 160, 1))
        #expect(SMSSegments(text: String(repeating: "€", count: 80) + "a") == SMSSegments.expected(.gsm7, 161, 2))
        #expect(SMSSegments(text: "{[]}").units == 8)
    }

    @Test func anyNonGSMCharacterSwitchesToUCS2() {
        #expect(SMSSegments(text: String(repeating: "a", count: 69) + "ó") == SMSSegments.expected(.ucs2, 70, 1))
        #expect(SMSSegments(text: String(repeating: "a", count: 70) + "ó") == SMSSegments.expected(.ucs2, 71, 2))
        #expect(SMSSegments(text: String(repeating: "a", count: 133) + "ó") == SMSSegments.expected(.ucs2, 134, 2))
        #expect(SMSSegments(text: String(repeating: "a", count: 134) + "ó") == SMSSegments.expected(.ucs2, 135, 3))
        // An emoji is two UTF-16 units.
        #expect(SMSSegments(text: "👍").units == 2)
    }

    @Test func gsmAccentsStayGSM() {
        #expect(SMSSegments(text: "¿Señor Müller? ¡Sí! é à ñ").encoding == .ucs2)  // í is not GSM-7
        #expect(SMSSegments(text: "¿Señor Müller? ¡Si! é à ñ").encoding == .gsm7)
    }
}

extension SMSSegments {
    static func expected(_ encoding: Encoding, _ units: Int, _ segments: Int) -> SMSSegments {
        var value = SMSSegments(text: "")
        value.encoding = encoding
        value.units = units
        value.segments = segments
        return value
    }
}

struct TemplateRendererTests {
    let template = Template(
        id: "t",
        channel: .email,
        subject: "Your {creditor} account",
        body: "Hi {first_name}, you owe {balance}. {{literal}} {opt_out}"
    )

    @Test func fillsEveryPlaceholder() throws {
        let message = try TemplateRenderer.render(
            self.template,
            values: [
                .firstName: "Ana", .creditor: "Northwind", .balance: "$12.00", .optOut: "Unsubscribe: https://x/u",
            ]
        )
        #expect(message.subject == "Your Northwind account")
        #expect(message.body == "Hi Ana, you owe $12.00. {literal} Unsubscribe: https://x/u")
    }

    @Test func namesEveryMissingValue() {
        #expect(
            throws: TemplateRenderer.RenderError(
                missing: ["creditor", "first_name", "balance", "opt_out"],
                malformed: []
            )
        ) {
            try TemplateRenderer.render(self.template, values: [:])
        }
    }

    @Test func unknownPlaceholdersAreMalformed() {
        #expect(throws: TemplateRenderer.RenderError(missing: [], malformed: ["{nickname}"])) {
            try TemplateRenderer.render(text: "Hi {nickname}", values: [:])
        }
    }
}

struct TemplateTextTests {
    @Test func matchesWholeWordsOnly() {
        #expect(TemplateText.contains("We may SUE you.", phrase: "sue"))
        #expect(!TemplateText.contains("We will pursue other options.", phrase: "sue"))
        #expect(!TemplateText.contains("Susan called", phrase: "sue"))
        #expect(TemplateText.contains("a Debt-Collector message", phrase: "debt collector"))
        #expect(TemplateText.contains("la información obtenida", phrase: "informacion obtenida"))
    }

    @Test func splitsPlaceholdersAndBraces() {
        #expect(
            TemplateText.pieces("Hi {first_name}, {{x}} {bad")
                == [
                    .literal("Hi "), .placeholder("first_name"), .literal(", {x} "), .malformed("{bad"),
                    .literal("bad"),
                ]
        )
    }
}

struct TemplateLinterTests {
    func lint(_ body: String, channel: Channel = .sms, legal: Bool = false) -> [Diagnostic] {
        var sink = DiagnosticSink(path: "t.yaml")
        let template = Template(id: "t", channel: channel, body: body)
        TemplateLinter.lint(template, locations: nil, legalActionIntended: legal, sink: &sink)
        return sink.diagnostics.filter { $0.severity == .error }
    }

    @Test func legalActionWordsNeedDeclaredIntent() {
        let text = "A debt collector. Our attorneys may file a lawsuit. Reply STOP to opt out."
        #expect(self.lint(text).count == 2)
        #expect(self.lint(text, legal: true).isEmpty)
    }

    @Test func neverAllowedWordsStayErrorsWithIntent() {
        let errors = self.lint("Police will issue a warrant. Reply STOP to opt out.", legal: true)
        #expect(errors.map(\.message).contains { $0.contains("'police'") })
        #expect(errors.map(\.message).contains { $0.contains("'warrant'") })
    }

    @Test func placeholderNamesNeverMatchPhrases() {
        // `{company}` renders to the collector's name; the field itself is not checked as wording.
        #expect(self.lint("{company}, a debt collector. Reply STOP to opt out.").isEmpty)
    }

    @Test(arguments: ["Reply STOP to opt out.", "Text STOP to end.", "{opt_out}", "To opt out, reply STOP."])
    func optOutWordingIsRecognised(text: String) {
        #expect(self.lint("From a debt collector. " + text).isEmpty)
    }

    @Test func callScriptsNeedNoOptOut() {
        #expect(self.lint("Hello, this is {agent_name}.", channel: .agentCall).isEmpty)
    }

    @Test func smsGetsASegmentNote() {
        var sink = DiagnosticSink(path: "t.yaml")
        let template = Template(id: "t", channel: .sms, body: "Reply STOP to opt out.\n")
        TemplateLinter.lint(template, locations: nil, legalActionIntended: false, sink: &sink)
        #expect(
            sink.diagnostics.map(\.message) == [
                "template 't' (en): 1 SMS segment (GSM-7, 22 septets with sample values)"
            ]
        )
    }
}
