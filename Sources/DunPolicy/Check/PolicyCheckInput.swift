import DunCore

/// The decoded `dun policy check` document.
struct PolicyCheckInput {
    enum Step {
        case attempt(ContactCandidate, AttemptResult)
        case event(ConsumerEvent, UTCInstant)
        /// SMS consent given or renewed on a phone (RF-6-SMS), or a text from the consumer.
        case smsConsent(phone: Int, UTCInstant)
        case consumerText(phone: Int, UTCInstant)
    }

    struct Proposal {
        var candidate: ContactCandidate
        var result: AttemptResult
        var to: String
    }

    var account: Account
    var profiles: [JurisdictionProfile]
    var limits: CampaignLimits
    var history: [Step] = []
    var proposals: [Proposal] = []

    static let channels = ["call", "agent_call", "sms", "email"]
    static let results = AttemptResult.allCases.map(\.rawValue) + ["consent", "opt_out"]
    static let events = [
        "cease", "dispute", "verification_sent", "attorney", "bankruptcy", "deceased", "employer_prohibits",
        "consent_revoked", "stop_calling", "stop_texting", "stop_emailing",
    ]

    // swiftlint:disable:next function_body_length cyclomatic_complexity
    init(_ root: JSONNode, path: String) throws(Diagnostic) {
        let top = try JSONObjectReader(
            root,
            path: path,
            what: "the document",
            allowed: ["profile", "account", "history", "proposed", "campaign_limits"]
        )
        var profiles: [JurisdictionProfile] = []
        for (id, location) in try top.strings("profile") {
            guard let profile = JurisdictionProfile(id: id) else {
                throw top.error(
                    "unknown profile \"\(id)\" (expected one of: \(JurisdictionProfile.allCases.map(\.rawValue).joined(separator: ", ")))",
                    at: location
                )
            }
            profiles.append(profile)
        }
        self.profiles = profiles
        self.account = try Self.readAccount(try top.required("account"), path: path)
        self.limits = CampaignLimits()
        if let limitsNode = top.value("campaign_limits") {
            let reader = try JSONObjectReader(
                limitsNode,
                path: path,
                what: "campaign_limits",
                allowed: LimitField.allCases.map(\.rawValue) + ["minimum_gap_seconds"]
            )
            self.limits = CampaignLimits(
                callsPerDay: try reader.integer("calls_per_day"),
                callsPer7Days: try reader.integer("calls_per_7_days"),
                smsPerDay: try reader.integer("sms_per_day"),
                smsPer7Days: try reader.integer("sms_per_7_days"),
                emailsPerDay: try reader.integer("emails_per_day"),
                emailsPer7Days: try reader.integer("emails_per_7_days"),
                contactsPerDay: try reader.integer("contacts_per_day"),
                contactsPer7Days: try reader.integer("contacts_per_7_days"),
                minimumGapSeconds: try reader.integer("minimum_gap_seconds").map(Int64.init)
            )
        }
        let defaultDebt = self.account.debts.first?.bucket ?? "default"

        for item in try top.array("history") {
            let reader = try JSONObjectReader(
                item,
                path: path,
                what: "a history entry",
                allowed: ["at", "channel", "direction", "to", "debt", "result", "event", "until"]
            )
            guard let at = try reader.instant("at") else {
                throw reader.error("missing required key \"at\" in a history entry", at: item.location)
            }
            let debt = self.bucket(of: try reader.string("debt") ?? defaultDebt)
            if let event = try reader.choice("event", Self.events) {
                let consumerEvent: ConsumerEvent
                let scoped = reader.value("debt") != nil
                switch event {
                case "cease": consumerEvent = scoped ? .ceaseDebt(debtBucket: debt) : .cease
                case "dispute": consumerEvent = scoped ? .disputeDebt(debtBucket: debt) : .dispute
                case "verification_sent":
                    consumerEvent = scoped ? .verificationSentDebt(debtBucket: debt) : .verificationSent
                case "attorney": consumerEvent = scoped ? .attorneyDebt(debtBucket: debt) : .attorney
                case "bankruptcy": consumerEvent = .bankruptcy
                case "deceased": consumerEvent = .deceased
                case "employer_prohibits": consumerEvent = .employerProhibits
                case "consent_revoked": consumerEvent = .callConsentRevoked(debtBucket: debt)
                case "stop_calling": consumerEvent = .optOutMedium(.agentCall)
                case "stop_texting": consumerEvent = .optOutMedium(.sms)
                default: consumerEvent = .optOutMedium(.email)
                }
                self.history.append(.event(consumerEvent, at))
                continue
            }
            guard let channelName = try reader.choice("channel", Self.channels) else {
                throw reader.error("a history entry needs \"channel\" (or \"event\")", at: item.location)
            }
            let channel = Channel(rawValue: channelName)!
            let direction = try reader.choice("direction", ["outbound", "inbound"]) ?? "outbound"
            let resultName = try reader.choice("result", Self.results)
            let destination: Int?
            if let to = try reader.string("to") {
                destination = try self.destination(of: to, channel: channel, reader: reader)
            } else {
                destination = nil
            }
            switch resultName {
            case "consent":
                if channel == .sms {
                    self.history.append(.smsConsent(phone: try Self.need(destination, reader, item), at))
                } else if channel.isTelephoneCall {
                    let until = try reader.instant("until") ?? at.adding(seconds: 7 * 86_400)
                    self.history.append(.event(.callConsent(debtBucket: debt, until: until), at))
                } else {
                    throw reader.error(
                        "\"consent\" applies to channel \"sms\" or a call",
                        at: reader.location("result")
                    )
                }
                continue
            case "opt_out":
                if let destination {
                    self.history.append(.event(.optOut(channel, destination: destination), at))
                } else {
                    self.history.append(.event(.optOutMedium(channel), at))
                }
                continue
            case "wrong_number":
                let destination = try Self.need(destination, reader, item)
                self.history.append(
                    .event(
                        channel == .email
                            ? .wrongAddress(destination: destination) : .wrongNumber(destination: destination),
                        at
                    )
                )
                continue
            default: break
            }
            let destinationIndex = try Self.need(destination, reader, item)
            if direction == "inbound" {
                let conversation = resultName == "conversation" && channel.isTelephoneCall
                self.history.append(
                    .event(
                        .inbound(channel, destination: destinationIndex, debtBucket: debt, conversation: conversation),
                        at
                    )
                )
                if channel == .sms { self.history.append(.consumerText(phone: destinationIndex, at)) }
                continue
            }
            let result = resultName.flatMap(AttemptResult.init(rawValue:)) ?? .noAnswer
            self.history.append(
                .attempt(
                    ContactCandidate(channel: channel, destination: destinationIndex, debtBucket: debt, at: at),
                    result
                )
            )
        }

        for item in try top.array("proposed") {
            let reader = try JSONObjectReader(
                item,
                path: path,
                what: "a proposed contact",
                allowed: ["at", "channel", "to", "debt", "result"]
            )
            guard let at = try reader.instant("at") else {
                throw reader.error("missing required key \"at\" in a proposed contact", at: item.location)
            }
            guard let channelName = try reader.choice("channel", Self.channels) else {
                throw reader.error("missing required key \"channel\" in a proposed contact", at: item.location)
            }
            let channel = Channel(rawValue: channelName)!
            guard let to = try reader.string("to") else {
                throw reader.error("missing required key \"to\" in a proposed contact", at: item.location)
            }
            let destination = try self.destination(of: to, channel: channel, reader: reader)
            let debt = self.bucket(of: try reader.string("debt") ?? defaultDebt)
            let result =
                try reader.choice("result", AttemptResult.allCases.map(\.rawValue)).flatMap(
                    AttemptResult.init(rawValue:)
                )
                ?? .noAnswer
            self.proposals.append(
                Proposal(
                    candidate: ContactCandidate(channel: channel, destination: destination, debtBucket: debt, at: at),
                    result: result,
                    to: to
                )
            )
        }
    }

    static func need(_ destination: Int?, _ reader: JSONObjectReader, _ item: JSONNode) throws(Diagnostic) -> Int {
        guard let destination else {
            throw reader.error("missing required key \"to\" in a history entry", at: item.location)
        }
        return destination
    }

    /// The Reg F bucket of a debt id (its own id unless the account lists it with a shared bucket).
    func bucket(of debt: String) -> String {
        self.account.debts.first(where: { $0.id == debt })?.bucket ?? debt
    }

    func destination(of to: String, channel: Channel, reader: JSONObjectReader) throws(Diagnostic) -> Int {
        switch channel.destinationKind {
        case .phone:
            if let index = self.account.phones.firstIndex(where: { $0.number == to }) { return index }
            throw reader.error(
                "\"to\" must be one of the account's phone numbers for channel \"\(channel.rawValue)\", found \"\(to)\"",
                at: reader.location("to")
            )
        case .email:
            if let index = self.account.emails.firstIndex(where: { $0.address.lowercased() == to.lowercased() }) {
                return index
            }
            throw reader.error(
                "\"to\" must be one of the account's email addresses for channel \"email\", found \"\(to)\"",
                at: reader.location("to")
            )
        }
    }

    // swiftlint:disable:next function_body_length
    static func readAccount(_ node: JSONNode, path: String) throws(Diagnostic) -> Account {
        let reader = try JSONObjectReader(
            node,
            path: path,
            what: "account",
            allowed: ["id", "address", "time_zones", "phones", "emails", "flags", "inconvenient", "debts"]
        )
        var account = Account(id: try reader.string("id") ?? "account")
        if let addressNode = reader.value("address") {
            let address = try JSONObjectReader(
                addressNode,
                path: path,
                what: "address",
                allowed: ["country", "state", "postal_code", "city"]
            )
            account.address = PostalAddress(
                country: try address.string("country") ?? "US",
                state: try address.string("state") ?? "",
                postalCode: try address.string("postal_code") ?? "",
                city: try address.string("city") ?? ""
            )
        }
        for (zone, location) in try reader.strings("time_zones") {
            guard TimeZoneTable.zone(named: zone) != nil else {
                throw reader.error("unknown IANA time zone \"\(zone)\"", at: location)
            }
            account.timeZones.append(zone)
        }
        for phoneNode in try reader.array("phones") {
            let phone = try JSONObjectReader(
                phoneNode,
                path: path,
                what: "a phone",
                allowed: [
                    "number", "kind", "sms_consent_at", "last_consumer_text_at", "reassignment_checked_at",
                    "autodial_consent",
                ]
            )
            guard let number = try phone.string("number") else {
                throw phone.error("missing required key \"number\" in a phone", at: phoneNode.location)
            }
            let kind = try phone.choice("kind", PhoneContact.Kind.allCases.map(\.rawValue)) ?? "mobile"
            account.phones.append(
                PhoneContact(
                    number: number,
                    kind: PhoneContact.Kind(rawValue: kind)!,
                    smsConsentAt: try phone.instant("sms_consent_at"),
                    lastConsumerTextAt: try phone.instant("last_consumer_text_at"),
                    reassignmentCheckedAt: try phone.instant("reassignment_checked_at"),
                    autodialConsent: try phone.bool("autodial_consent") ?? false
                )
            )
        }
        for emailNode in try reader.array("emails") {
            let email = try JSONObjectReader(
                emailNode,
                path: path,
                what: "an email",
                allowed: ["address", "provenance", "opt_out_deadline", "employer_provided"]
            )
            guard let address = try email.string("address") else {
                throw email.error("missing required key \"address\" in an email", at: emailNode.location)
            }
            let provenance =
                try email.choice("provenance", EmailContact.Provenance.allCases.map(\.rawValue)) ?? "unknown"
            account.emails.append(
                EmailContact(
                    address: address,
                    provenance: EmailContact.Provenance(rawValue: provenance)!,
                    optOutDeadline: try email.instant("opt_out_deadline"),
                    employerProvided: try email.bool("employer_provided") ?? false
                )
            )
        }
        if let flagsNode = reader.value("flags") {
            let flags = try JSONObjectReader(
                flagsNode,
                path: path,
                what: "flags",
                allowed: ["cease", "dispute", "attorney", "bankruptcy", "deceased", "employer_prohibits_work_contact"]
            )
            account.flags = AccountFlags(
                cease: try flags.bool("cease") ?? false,
                dispute: try flags.bool("dispute") ?? false,
                attorney: try flags.bool("attorney") ?? false,
                bankruptcy: try flags.bool("bankruptcy") ?? false,
                deceased: try flags.bool("deceased") ?? false,
                employerProhibitsWorkContact: try flags.bool("employer_prohibits_work_contact") ?? false
            )
        }
        for spanNode in try reader.array("inconvenient") {
            let span = try JSONObjectReader(
                spanNode,
                path: path,
                what: "an inconvenient time",
                allowed: ["days", "from", "to"]
            )
            var days: [Weekday] = []
            for (name, location) in try span.strings("days") {
                guard let day = Weekday(name: name) else {
                    throw span.error("expected a weekday name (monday … sunday), found \"\(name)\"", at: location)
                }
                days.append(day)
            }
            func time(_ key: String) throws(Diagnostic) -> LocalTime {
                guard let text = try span.string(key), let time = LocalTime(text: text) else {
                    throw span.error("expected \"\(key)\" to be a time HH:MM", at: span.location(key))
                }
                return time
            }
            account.inconvenientTimes.append(InconvenientTime(days: days, from: try time("from"), to: try time("to")))
        }
        for debtNode in try reader.array("debts") {
            let debt = try JSONObjectReader(
                debtNode,
                path: path,
                what: "a debt",
                allowed: ["id", "bucket", "attorney"]
            )
            guard let id = try debt.string("id") else {
                throw debt.error("missing required key \"id\" in a debt", at: debtNode.location)
            }
            account.debts.append(
                Debt(
                    id: id,
                    balance: .zero,
                    bucket: try debt.string("bucket"),
                    representedByAttorney: try debt.bool("attorney") ?? false
                )
            )
        }
        return account
    }

    /// Replays the history, then judges each proposal in order, recording the allowed ones.
    mutating func judge() -> PolicyCheck {
        let policy = ContactPolicy(profiles: self.profiles)
        var policyAccount = PolicyAccount(self.account, extraProfiles: self.profiles)
        var ledger = ContactLedger(for: policyAccount)
        for step in self.history {
            switch step {
            case .attempt(let candidate, let result):
                ledger.recordAttempt(candidate)
                ledger.recordResult(result, of: candidate)
            case .event(let event, let at):
                ledger.recordEvent(event, at: at)
            case .smsConsent(let phone, let at):
                self.account.phones[phone].smsConsentAt = max(self.account.phones[phone].smsConsentAt ?? at, at)
                policyAccount = PolicyAccount(self.account, extraProfiles: self.profiles)
            case .consumerText(let phone, let at):
                self.account.phones[phone].lastConsumerTextAt = max(
                    self.account.phones[phone].lastConsumerTextAt ?? at,
                    at
                )
                policyAccount = PolicyAccount(self.account, extraProfiles: self.profiles)
            }
        }
        var verdicts: [PolicyCheck.Verdict] = []
        for (index, proposal) in self.proposals.enumerated() {
            let decision = policy.evaluate(
                proposal.candidate,
                account: policyAccount,
                ledger: ledger,
                limits: self.limits
            )
            switch decision {
            case .allowed:
                verdicts.append(
                    PolicyCheck.Verdict(
                        index: index,
                        allowed: true,
                        rule: nil,
                        citation: nil,
                        reason: "allowed",
                        nextAllowed: nil,
                        at: proposal.candidate.at,
                        channel: proposal.candidate.channel,
                        to: proposal.to
                    )
                )
                ledger.recordAttempt(proposal.candidate)
                ledger.recordResult(proposal.result, of: proposal.candidate)
            case .blocked(let block):
                verdicts.append(
                    PolicyCheck.Verdict(
                        index: index,
                        allowed: false,
                        rule: block.rule,
                        citation: block.citation,
                        reason: block.reason,
                        nextAllowed: block.nextAllowed,
                        at: proposal.candidate.at,
                        channel: proposal.candidate.channel,
                        to: proposal.to
                    )
                )
            }
        }
        return PolicyCheck(verdicts: verdicts, homeZone: policyAccount.homeZone)
    }
}
