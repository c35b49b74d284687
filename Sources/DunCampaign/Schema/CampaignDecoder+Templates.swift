import DunCore

// MARK: - templates

extension CampaignDecoder {
    /// `templates:` maps a template id to its `channel` and one entry per language. An SMS, call or agent
    /// script entry is the body text; an email entry is a mapping of `subject` and `body`.
    mutating func templates(_ node: YAMLNode) -> [Template] {
        guard let mapping = self.mapping(node, for: "'templates'") else { return [] }
        var templates: [Template] = []
        for entry in mapping.entries {
            let id = entry.key.value
            guard ScalarSyntax.isIdentifier(id) else {
                self.sink.error(
                    "expected a template id of letters, digits, '_', '-' or '.', found '\(Self.excerpt(id))'",
                    at: entry.key.location
                )
                continue
            }
            let what = "template '\(id)'"
            self.map.declaredTemplates.append(id)
            guard let body = self.mapping(entry.value, for: "\(what) (channel and one entry per language)") else {
                continue
            }
            var channel: Channel?
            if let node = body["channel"] {
                channel = self.choice(node, for: "'channel' of \(what)", kind: "channel")
            } else {
                self.sink.error("\(what) has no 'channel' (sms, email, call or agent_call)", at: entry.key.location)
            }
            var languages = 0
            for languageEntry in body.entries where languageEntry.key.value != "channel" {
                let language = languageEntry.key.value
                guard ScalarSyntax.isLanguage(language) else {
                    let hint = Suggestion.hint(for: language, among: ["channel"])
                    self.sink.error(
                        "unknown key '\(language)' in \(what)\(hint == "; expected one of: channel" ? "; expected 'channel' or a language code like en or es" : hint)",
                        at: languageEntry.key.location
                    )
                    continue
                }
                languages += 1
                guard let channel else { continue }
                if let template = self.templateText(
                    languageEntry,
                    id: id,
                    channel: channel,
                    idLocation: entry.key.location
                ) {
                    templates.append(template)
                }
            }
            if languages == 0 {
                self.sink.error(
                    "\(what) has no text; add an entry per language, like 'en: |' followed by the text",
                    at: entry.key.location
                )
            }
        }
        return templates
    }

    mutating func templateText(
        _ entry: YAMLMapping.Entry,
        id: String,
        channel: Channel,
        idLocation: SourceLocation
    ) -> Template? {
        let language = entry.key.value
        let what = "template '\(id)' (\(language))"
        var subject: String?
        var subjectLocation: SourceLocation?
        let bodyNode: YAMLNode
        switch entry.value {
        case .mapping(let mapping):
            self.checkKeys(mapping, allowed: channel == .email ? ["subject", "body"] : ["body"], in: what)
            if channel == .email {
                if let node = mapping["subject"] {
                    subject = self.text(node, for: "'subject' of \(what)")
                    subjectLocation = node.location
                } else {
                    self.sink.error("\(what) is an email and has no 'subject'", at: entry.key.location)
                }
            }
            guard let node = mapping["body"] else {
                self.sink.error("\(what) has no 'body'", at: entry.key.location)
                return nil
            }
            bodyNode = node
        default:
            if channel == .email {
                self.sink.error(
                    "\(what) is an email: expected a mapping with 'subject' and 'body', found \(Self.describe(entry.value))",
                    at: entry.value.location
                )
                return nil
            }
            bodyNode = entry.value
        }
        guard let body = self.text(bodyNode, for: "the text of \(what)") else { return nil }
        self.map.templates.append(
            CampaignSourceMap.TemplateLocations(
                id: idLocation,
                language: entry.key.location,
                body: bodyNode.location,
                subject: subjectLocation
            )
        )
        return Template(
            id: id,
            channel: channel,
            language: language,
            subject: subject,
            body: body,
            location: bodyNode.location
        )
    }
}
