public import DunCore

/// Lint for message templates and call scripts: placeholders, the opt-out instruction, threatening or
/// false wording, the debt-collector disclosures, and the SMS segment count.
///
/// Rules (each with the rule id of COMPLIANCE.md):
/// - an unknown or malformed `{placeholder}` is an error;
/// - every SMS and email must carry an opt-out instruction (RF-6-OPTOUT) — error;
/// - a phrase of `ComplianceLexicon.prohibitedPhrases` is an error (RF-18); legal-action phrases are
///   allowed when the campaign declares `legal_action_intended: yes`;
/// - a template sent as the first communication must carry the full disclosure (RF-18-E) — error;
/// - a later SMS or email must say it is from a debt collector (RF-18-E) — error;
/// - each SMS template gets a note with its segment count, estimated with sample placeholder values.
public enum TemplateLinter {
    /// What disclosure a template needs because of where it is sent.
    public enum Disclosure: Hashable, Sendable {
        /// The initial communication: "attempt to collect a debt … used for that purpose".
        case initial(step: String)
        /// A later SMS or email: "from a debt collector".
        case later(step: String)
    }

    /// Lints the content of one template.
    ///
    /// - Parameters:
    ///   - template: The template.
    ///   - locations: Where its parts were written; nil uses `template.location`.
    ///   - legalActionIntended: Whether the campaign declares that legal action is lawful and intended.
    ///   - source: The file's text, to point at the offending word; nil points at the template's start.
    ///   - sink: Receives the diagnostics.
    public static func lint(
        _ template: Template,
        locations: CampaignSourceMap.TemplateLocations?,
        legalActionIntended: Bool,
        source: SourceText? = nil,
        sink: inout DiagnosticSink
    ) {
        let what = "template '\(template.id)' (\(template.language))"
        let bodyLocation = locations?.body ?? template.location
        let subjectLocation = locations?.subject ?? bodyLocation
        var parts: [(text: String, location: SourceLocation)] = []
        if let subject = template.subject { parts.append((subject, subjectLocation)) }
        parts.append((template.body, bodyLocation))

        for part in parts {
            Self.lintPlaceholders(part.text, what: what, at: part.location, source: source, sink: &sink)
        }
        let language = ComplianceLexicon.languages.contains(template.language) ? template.language : "en"
        for part in parts {
            let words = TemplateText.WordIndex(Self.literalText(part.text))
            let span = part.text.reduce(0) { $0 + ($1.isNewline ? 1 : 0) } + 2
            for (phrase, form) in ComplianceLexicon.prohibitedMatches(in: words, language: language) {
                let location = source?.locate(words: form, from: part.location, lineCount: span) ?? part.location
                if phrase.isLegalAction {
                    guard !legalActionIntended else { continue }
                    sink.error(
                        "\(what) uses '\(phrase.name)': legal-action wording is allowed only when the campaign sets "
                            + "'legal_action_intended: yes' (RF-18, 12 CFR 1006.18(c)(5))",
                        at: location
                    )
                } else {
                    sink.error(
                        "\(what) uses '\(phrase.name)': threatening or false wording is never allowed "
                            + "(RF-18, 12 CFR 1006.18)",
                        at: location
                    )
                }
            }
        }
        if template.channel.isElectronicMessage {
            let all = parts.map(\.text).joined(separator: "\n")
            let hasPlaceholder = TemplateText.pieces(all).contains(.placeholder(Placeholder.optOut.rawValue))
            let words = TemplateText.WordIndex(Self.literalText(all))
            let hasPhrase = ComplianceLexicon.optOutWords[language, default: []].contains(where: words.contains)
            if !hasPlaceholder && !hasPhrase {
                let example = template.channel == .sms ? "'Reply STOP to opt out.'" : "an unsubscribe link"
                sink.error(
                    "\(what) is \(template.channel == .sms ? "an SMS" : "an email") without an opt-out instruction; "
                        + "add \(example) or {opt_out} (RF-6-OPTOUT, 12 CFR 1006.6(e))",
                    at: bodyLocation
                )
            }
        }
        if template.channel == .sms {
            var sample = Self.sampleText(template.body)
            // A block scalar's final line break is not sent.
            while sample.last?.isNewline == true { sample.removeLast() }
            let count = SMSSegments(text: sample)
            let unit = count.encoding == .gsm7 ? "septets" : "UTF-16 units"
            sink.note(
                "\(what): \(count.segments) SMS segment\(count.segments == 1 ? "" : "s") "
                    + "(\(count.encoding.rawValue), \(count.units) \(unit) with sample values)",
                at: bodyLocation
            )
        }
    }

    /// Checks the disclosure a template needs where it is sent.
    public static func checkDisclosure(
        _ template: Template,
        _ disclosure: Disclosure,
        at location: SourceLocation,
        sink: inout DiagnosticSink
    ) {
        let what = "template '\(template.id)' (\(template.language))"
        let language = ComplianceLexicon.languages.contains(template.language) ? template.language : "en"
        let words = TemplateText.WordIndex(Self.literalText(template.body))
        let hasFull = ComplianceLexicon.fullDisclosureWords[language, default: []].contains { set in
            set.allSatisfy(words.contains)
        }
        switch disclosure {
        case .initial(let step):
            guard !hasFull else { return }
            sink.error(
                "\(what) can be the first communication (step '\(step)') and lacks the disclosure "
                    + "'\(ComplianceLexicon.disclosureSentence(language: language))' (RF-18-E, 12 CFR 1006.18(e)(1))",
                at: location
            )
        case .later(let step):
            let says = ComplianceLexicon.debtCollectorWords[language, default: []].contains(where: words.contains)
            guard !hasFull && !says else { return }
            sink.error(
                "\(what) (step '\(step)') must say it is from a debt collector (RF-18-E, 12 CFR 1006.18(e)(2))",
                at: location
            )
        }
    }

    static func lintPlaceholders(
        _ text: String,
        what: String,
        at start: SourceLocation,
        source: SourceText?,
        sink: inout DiagnosticSink
    ) {
        let span = text.reduce(0) { $0 + ($1.isNewline ? 1 : 0) } + 2
        for piece in TemplateText.pieces(text) {
            switch piece {
            case .literal:
                continue
            case .placeholder(let name):
                guard Placeholder(rawValue: name) == nil else { continue }
                let location = source?.locate(literal: "{\(name)}", from: start, lineCount: span) ?? start
                let hint =
                    Suggestion.closest(to: name, among: Placeholder.names).map { "; did you mean '{\($0)}'?" }
                    ?? "; expected one of: " + Placeholder.names.map { "{\($0)}" }.joined(separator: ", ")
                sink.error("unknown placeholder '{\(name)}' in \(what)\(hint)", at: location)
            case .malformed(let text):
                let location = source?.locate(literal: text, from: start, lineCount: span) ?? start
                sink.error(
                    "malformed placeholder '\(text)' in \(what); write {name} with a placeholder name, "
                        + "or '{{' and '}}' for literal braces",
                    at: location
                )
            }
        }
    }

    /// The text without placeholder fields, so a field name never matches a phrase.
    static func literalText(_ text: String) -> String {
        var result = ""
        for piece in TemplateText.pieces(text) {
            if case .literal(let literal) = piece { result += literal } else { result += " " }
        }
        return result
    }

    /// The text with every known placeholder replaced by its sample value.
    static func sampleText(_ text: String) -> String {
        var result = ""
        for piece in TemplateText.pieces(text) {
            switch piece {
            case .literal(let literal): result += literal
            case .placeholder(let name): result += Placeholder(rawValue: name)?.sampleValue ?? "{\(name)}"
            case .malformed(let text): result += text
            }
        }
        return result
    }
}
