/// The phrase lists template lint checks against, per language (English and Spanish).
///
/// Every list is DERIVED, not regulatory text: the regulation lists no phrases. Sources: RF-18 (12 CFR
/// 1006.18, COMPLIANCE.md's lint list), RF-18-E (1006.18(e) disclosures), RF-6-OPTOUT (1006.6(e)).
/// Matching is whole words, case-insensitive, accents folded. A language with no list of its own is
/// checked against the English list.
public enum ComplianceLexicon {
    /// A phrase that threatens or misleads (12 CFR 1006.18), with the word forms that count as it.
    public struct ProhibitedPhrase: Hashable, Sendable {
        /// How the phrase is named in diagnostics and docs.
        public var name: String
        /// Word forms that count as the phrase, each written as plain words.
        public var forms: [String]
        /// Whether `legal_action_intended: yes` allows it (suit, attorneys, garnishment, seizure).
        public var isLegalAction: Bool
        /// `forms` split into words as `TemplateText.words` does, computed once.
        let formWords: [[String]]

        public init(name: String, forms: [String], isLegalAction: Bool) {
            self.name = name
            self.forms = forms
            self.isLegalAction = isLegalAction
            self.formWords = forms.map(TemplateText.words)
        }
    }

    /// The languages with lists of their own.
    public static let languages = ["en", "es"]

    /// Threatening or false wording (RF-18). Phrases never allowed: arrest, jail, prison, police, warrant,
    /// criminal, fraud charge, credit ruined, badge, government. Allowed only with
    /// `legal_action_intended: yes`: sue/lawsuit/legal action, attorney/lawyer/legal department, court
    /// order, garnish, seize, repossess.
    public static func prohibitedPhrases(language: String) -> [ProhibitedPhrase] {
        language == "es" ? Self.allProhibited : Self.englishProhibited
    }

    static let allProhibited = Self.spanishProhibited + Self.englishProhibited

    /// The phrases of `prohibitedPhrases(language:)` found in `words`, in list order, each with the form
    /// that matched. Looks up each word of the text once instead of scanning for every form.
    static func prohibitedMatches(
        in words: TemplateText.WordIndex,
        language: String
    ) -> [(phrase: ProhibitedPhrase, form: [String])] {
        let index = language == "es" ? Self.allByFirstWord : Self.englishByFirstWord
        let phrases = Self.prohibitedPhrases(language: language)
        var matched: [Int: [String]] = [:]
        for word in words.words {
            for (phraseIndex, form) in index[word, default: []] where matched[phraseIndex] == nil {
                if words.contains(form) { matched[phraseIndex] = form }
            }
        }
        return matched.keys.sorted().map { (phrases[$0], matched[$0]!) }
    }

    static let englishByFirstWord = Self.byFirstWord(Self.englishProhibited)
    static let allByFirstWord = Self.byFirstWord(Self.allProhibited)

    static func byFirstWord(_ phrases: [ProhibitedPhrase]) -> [String: [(Int, [String])]] {
        var index: [String: [(Int, [String])]] = [:]
        for (phraseIndex, phrase) in phrases.enumerated() {
            for form in phrase.formWords {
                guard let first = form.first else { continue }
                index[first, default: []].append((phraseIndex, form))
            }
        }
        return index
    }

    static let englishProhibited: [ProhibitedPhrase] = [
        ProhibitedPhrase(name: "arrest", forms: ["arrest", "arrests", "arrested", "arresting"], isLegalAction: false),
        ProhibitedPhrase(name: "jail", forms: ["jail", "jailed", "jail time"], isLegalAction: false),
        ProhibitedPhrase(
            name: "prison",
            forms: ["prison", "imprison", "imprisoned", "imprisonment"],
            isLegalAction: false
        ),
        ProhibitedPhrase(name: "police", forms: ["police", "sheriff"], isLegalAction: false),
        ProhibitedPhrase(name: "warrant", forms: ["warrant", "warrants"], isLegalAction: false),
        ProhibitedPhrase(name: "criminal", forms: ["criminal", "criminally"], isLegalAction: false),
        ProhibitedPhrase(
            name: "fraud charge",
            forms: ["fraud charge", "fraud charges", "charged with fraud", "charges of fraud"],
            isLegalAction: false
        ),
        ProhibitedPhrase(
            name: "credit ruined",
            forms: ["credit ruined", "ruin your credit", "ruined credit", "destroy your credit"],
            isLegalAction: false
        ),
        ProhibitedPhrase(name: "badge", forms: ["badge", "badge number"], isLegalAction: false),
        ProhibitedPhrase(
            name: "government",
            forms: ["government", "federal agent", "irs", "department of justice"],
            isLegalAction: false
        ),
        ProhibitedPhrase(name: "sue", forms: ["sue", "sues", "sued", "suing"], isLegalAction: true),
        ProhibitedPhrase(name: "lawsuit", forms: ["lawsuit", "lawsuits", "law suit"], isLegalAction: true),
        ProhibitedPhrase(name: "legal action", forms: ["legal action", "legal proceedings"], isLegalAction: true),
        ProhibitedPhrase(
            name: "attorney",
            forms: ["attorney", "attorneys", "our attorneys", "lawyer", "lawyers", "legal department"],
            isLegalAction: true
        ),
        ProhibitedPhrase(name: "court order", forms: ["court order", "court orders"], isLegalAction: true),
        ProhibitedPhrase(
            name: "garnish",
            forms: ["garnish", "garnished", "garnishing", "garnishment", "garnishments"],
            isLegalAction: true
        ),
        ProhibitedPhrase(name: "seize", forms: ["seize", "seized", "seizing", "seizure"], isLegalAction: true),
        ProhibitedPhrase(
            name: "repossess",
            forms: ["repossess", "repossessed", "repossessing", "repossession"],
            isLegalAction: true
        ),
    ]

    static let spanishProhibited: [ProhibitedPhrase] = [
        ProhibitedPhrase(
            name: "arresto",
            forms: ["arresto", "arrestado", "arrestada", "arrestar"],
            isLegalAction: false
        ),
        ProhibitedPhrase(
            name: "cárcel",
            forms: ["carcel", "prision", "encarcelado", "encarcelada"],
            isLegalAction: false
        ),
        ProhibitedPhrase(name: "policía", forms: ["policia"], isLegalAction: false),
        ProhibitedPhrase(
            name: "orden de arresto",
            forms: ["orden de arresto", "orden de captura"],
            isLegalAction: false
        ),
        ProhibitedPhrase(name: "criminal", forms: ["criminal", "delito", "penal"], isLegalAction: false),
        ProhibitedPhrase(name: "fraude", forms: ["cargos por fraude"], isLegalAction: false),
        ProhibitedPhrase(
            name: "arruinar su crédito",
            forms: ["arruinar su credito", "credito arruinado"],
            isLegalAction: false
        ),
        ProhibitedPhrase(name: "gobierno", forms: ["gobierno"], isLegalAction: false),
        ProhibitedPhrase(
            name: "demanda",
            forms: ["demanda", "demandar", "demandado", "demandada", "accion legal", "acciones legales"],
            isLegalAction: true
        ),
        ProhibitedPhrase(name: "abogado", forms: ["abogado", "abogados", "nuestros abogados"], isLegalAction: true),
        ProhibitedPhrase(name: "orden judicial", forms: ["orden judicial", "orden del tribunal"], isLegalAction: true),
        ProhibitedPhrase(
            name: "embargo",
            forms: ["embargo", "embargar", "embargado", "embargada"],
            isLegalAction: true
        ),
        ProhibitedPhrase(name: "incautar", forms: ["incautar", "incautacion", "decomiso"], isLegalAction: true),
    ]

    /// Wording that counts as an opt-out instruction (RF-6-OPTOUT), or the `{opt_out}` placeholder.
    public static func optOutPhrases(language: String) -> [String] {
        let english = [
            "reply stop", "text stop", "send stop", "stop to opt out", "stop to end", "stop to unsubscribe",
            "stop to stop", "opt out", "unsubscribe",
        ]
        let spanish = ["responda stop", "envie stop", "stop para", "darse de baja", "cancelar suscripcion"]
        return language == "es" ? spanish + english : english
    }

    /// Sets of phrases that together make the initial-communication disclosure (RF-18-E, 1006.18(e)(1)):
    /// every phrase of one set must occur.
    public static func fullDisclosure(language: String) -> [[String]] {
        switch language {
        case "es":
            [
                ["intento de cobrar una deuda", "informacion obtenida sera utilizada para ese proposito"],
                ["intento de cobrar una deuda", "informacion obtenida se utilizara para ese fin"],
                ["intento de cobrar una deuda", "informacion obtenida sera usada para ese proposito"],
            ]
        default:
            [
                ["attempt to collect a debt", "information obtained will be used for that purpose"],
                ["attempting to collect a debt", "information obtained will be used for that purpose"],
            ]
        }
    }

    /// Each list above split into words once, per language with a list of its own (lookup only).
    static let optOutWords: [String: [[String]]] = Self.wordLists(Self.optOutPhrases)
    static let debtCollectorWords: [String: [[String]]] = Self.wordLists(Self.debtCollectorPhrases)
    static let fullDisclosureWords: [String: [[[String]]]] = Dictionary(
        uniqueKeysWithValues: Self.languages.map { language in
            (language, Self.fullDisclosure(language: language).map { $0.map(TemplateText.words) })
        }
    )

    static func wordLists(_ list: (String) -> [String]) -> [String: [[String]]] {
        Dictionary(uniqueKeysWithValues: Self.languages.map { ($0, list($0).map(TemplateText.words)) })
    }

    /// The disclosure sentence to suggest in diagnostics, in the template's language.
    public static func disclosureSentence(language: String) -> String {
        language == "es"
            ? "Esto es un intento de cobrar una deuda y cualquier información obtenida será utilizada para ese "
                + "propósito."
            : "This is an attempt to collect a debt and any information obtained will be used for that purpose."
    }

    /// Wording that says a later communication is from a debt collector (RF-18-E, 1006.18(e)(2)).
    public static func debtCollectorPhrases(language: String) -> [String] {
        language == "es"
            ? ["cobrador de deudas", "agencia de cobranza", "debt collector"] : ["debt collector"]
    }
}
