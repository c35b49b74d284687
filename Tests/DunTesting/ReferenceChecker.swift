public import DunCore
public import DunPolicy

/// An independent, deliberately simple re-statement of the contact rules, for property tests of the policy
/// and of engine runs. It keeps a plain list of everything that happened and recomputes each rule with simple
/// loops; it shares nothing with `ContactPolicy` beyond DunCore and the zone table (`TimeZoneTable`,
/// `ZoneResolver`), and the input vocabulary (`ContactCandidate`, `ConsumerEvent`).
///
/// It models: time of day in every candidate zone (08:00:00 < t < 21:00:00, calls by 20:55:00) and designated
/// inconvenient times; RF-14-A and RF-14-B on home-zone and UTC dates with the consent exclusion and
/// misdirected calls; cease, attorney, dispute, bankruptcy, deceased, opt-outs, wrong numbers, work numbers,
/// TCPA consent, SMS and email eligibility; the one-reply allowance; house and campaign limits; MA, WA, NYC
/// and CN profiles.
public struct ReferenceChecker: Sendable {
    public struct Attempt: Hashable, Sendable {
        public var candidate: ContactCandidate
        /// nil while in flight.
        public var result: AttemptResult?
        /// A consumer-initiated contact (only inbound conversations are kept as attempts).
        public var inbound: Bool

        public init(_ candidate: ContactCandidate, result: AttemptResult?, inbound: Bool = false) {
            self.candidate = candidate
            self.result = result
            self.inbound = inbound
        }
    }

    public var account: Account {
        didSet { self.resolveZones() }
    }
    var homeZone: ZoneID?
    var zones: [ZoneID] = []
    /// Extra profile ids (`US-MA`, `US-WA`, `US-NYC`, `UK`, `CN`) beyond those the address implies.
    public var extraProfiles: [String]
    public var limits: CampaignLimits
    public private(set) var attempts: [Attempt] = []
    public private(set) var events: [(event: ConsumerEvent, at: UTCInstant)] = []

    public init(account: Account, extraProfiles: [String] = [], limits: CampaignLimits = CampaignLimits()) {
        self.account = account
        self.extraProfiles = extraProfiles
        self.limits = limits
        self.resolveZones()
    }

    mutating func resolveZones() {
        self.zones = ZoneResolver.candidateZones(for: self.account)
        self.homeZone = ZoneResolver.homeZone(for: self.account) ?? self.zones.first
    }

    public mutating func record(_ candidate: ContactCandidate, result: AttemptResult?) {
        self.attempts.append(Attempt(candidate, result: result))
    }

    public mutating func setResult(_ result: AttemptResult, of candidate: ContactCandidate) {
        if let index = self.attempts.lastIndex(where: { $0.candidate == candidate && !$0.inbound }) {
            self.attempts[index].result = result
        }
    }

    public mutating func record(_ event: ConsumerEvent, at instant: UTCInstant) {
        self.events.append((event, instant))
        if case .inbound(let channel, let destination, let bucket, true) = event, channel.isTelephoneCall {
            self.attempts.append(
                Attempt(
                    ContactCandidate(channel: channel, destination: destination, debtBucket: bucket, at: instant),
                    result: .conversation,
                    inbound: true
                )
            )
        }
    }

    // MARK: profiles and dates

    var profiles: Set<String> {
        var set = Set(self.extraProfiles.map { $0.uppercased() })
        let address = self.account.address
        let country = address.country.uppercased()
        if country == "US" || country == "" {
            set.insert("US")
            if address.state.uppercased() == "MA" { set.insert("US-MA") }
            if address.state.uppercased() == "WA" { set.insert("US-WA") }
            if address.state.uppercased() == "NY" {
                let boroughs = ["new york", "brooklyn", "bronx", "queens", "staten island", "manhattan"]
                let zips = ["100", "101", "102", "103", "104", "110", "111", "112", "113", "114", "116"]
                if boroughs.contains(address.city.lowercased()) || zips.contains(String(address.postalCode.prefix(3))) {
                    set.insert("US-NYC")
                }
            }
        }
        if country == "GB" || country == "UK" { set.insert("UK") }
        if country == "CN" { set.insert("CN") }
        if set.contains("US-MA") || set.contains("US-WA") || set.contains("US-NYC") { set.insert("US") }
        return set
    }

    func homeDate(_ instant: UTCInstant) -> Int {
        guard let zone = self.homeZone else { return instant.utcDate.daysSinceEpoch }
        return instant.adding(seconds: Int64(TimeZoneTable.offsetSeconds(of: zone, at: instant))).utcDate
            .daysSinceEpoch
    }

    func utcDate(_ instant: UTCInstant) -> Int { instant.utcDate.daysSinceEpoch }

    func happenedBefore(_ event: UTCInstant, _ instant: UTCInstant) -> Bool { event <= instant }

    func eventsBefore(_ instant: UTCInstant) -> [ConsumerEvent] {
        self.events.filter { $0.at <= instant }.map(\.event)
    }

    // MARK: the rules

    /// The rule ids the candidate would break if it happened (empty: allowed).
    // swiftlint:disable:next function_body_length cyclomatic_complexity
    public func violations(of candidate: ContactCandidate) -> [String] {
        var broken: [String] = []
        let t = candidate.at
        let channel = candidate.channel
        let bucket = candidate.debtBucket
        let events = self.eventsBefore(t)
        let profiles = self.profiles

        // One reply in the same medium within 24 hours of a consumer-initiated contact, if none sent since.
        func sameMedium(_ a: Channel, _ b: Channel) -> Bool { a == b || (a.isTelephoneCall && b.isTelephoneCall) }
        var reply = false
        if let inboundIndex = self.events.lastIndex(where: { entry in
            if case .inbound(let c, _, _, _) = entry.event { return sameMedium(c, channel) && entry.at <= t }
            return false
        }) {
            let lastInbound = self.events[inboundIndex]
            // An opt-out recorded after the inbound contact (the STOP itself) leaves nothing to reply to.
            let optedOutSince = self.events[(inboundIndex + 1)...].contains { entry in
                switch entry.event {
                case .optOut(let c, _), .optOutMedium(let c): return sameMedium(c, channel) && entry.at <= t
                default: return false
                }
            }
            let answered = self.attempts.contains {
                !$0.inbound && sameMedium($0.candidate.channel, channel) && $0.candidate.at >= lastInbound.at
                    && $0.candidate.at <= t
            }
            reply = !answered && !optedOutSince && t.secondsSinceEpoch - lastInbound.at.secondsSinceEpoch <= 86_400
        }

        // Status.
        if self.account.flags.deceased || events.contains(.deceased) { broken.append("HOUSE-DECEASED") }
        if self.account.flags.bankruptcy || events.contains(.bankruptcy) { broken.append("HOUSE-BANKRUPTCY") }
        if self.account.flags.cease || events.contains(.cease) || events.contains(.ceaseDebt(debtBucket: bucket)) {
            broken.append("RF-6-CEASE")
        }
        let attorney =
            self.account.flags.attorney || events.contains(.attorney)
            || events.contains(.attorneyDebt(debtBucket: bucket))
            || self.account.debts.contains { $0.bucket == bucket && $0.representedByAttorney }
        if attorney && !reply { broken.append("RF-6-ATTY") }
        var disputedAll = false
        var disputedDebt = false
        for event in events {
            if event == .dispute { disputedAll = true }
            if event == .disputeDebt(debtBucket: bucket) { disputedDebt = true }
            if event == .verificationSent {
                disputedAll = false
                disputedDebt = false
            }
            if event == .verificationSentDebt(debtBucket: bucket) { disputedDebt = false }
        }
        if self.account.flags.dispute || disputedAll || disputedDebt { broken.append("RF-38") }

        // Destination.
        let isPhone = channel != .email
        let count = isPhone ? self.account.phones.count : self.account.emails.count
        guard candidate.destination >= 0 && candidate.destination < count else { return broken + ["RF-6-3P"] }
        let wrong =
            events.contains(
                isPhone
                    ? .wrongNumber(destination: candidate.destination)
                    : .wrongAddress(destination: candidate.destination)
            )
            || self.attempts.contains {
                $0.result == .wrongNumber && $0.candidate.destination == candidate.destination
                    && ($0.candidate.channel == .email) == !isPhone
            }
        if wrong { broken.append("RF-6-3P") }
        if !reply {
            let mediumOut = events.contains {
                if case .optOutMedium(let c) = $0 { return sameMedium(c, channel) }
                return false
            }
            // The latest of opt-out and opt-in (START) on the destination decides.
            let destinationOut = events.reduce(false) { out, event in
                switch event {
                case .optOut(let c, let d) where sameMedium(c, channel) && d == candidate.destination: true
                case .optIn(let c, let d) where sameMedium(c, channel) && d == candidate.destination: false
                default: out
                }
            }
            if mediumOut || destinationOut { broken.append("OPT-OUT") }
        }
        if channel == .call && events.contains(.optOut(.sms, destination: candidate.destination)) {
            broken.append("TCPA-REVOKE")
        }
        if isPhone {
            let phone = self.account.phones[candidate.destination]
            if phone.kind == .work
                && (self.account.flags.employerProhibitsWorkContact || events.contains(.employerProhibits))
            {
                broken.append("RF-6-WORK")
            }
            if channel == .call && phone.kind == .mobile && !phone.autodialConsent { broken.append("TCPA-CONSENT") }
            if channel == .sms {
                let basis = [phone.smsConsentAt, phone.lastConsumerTextAt].compactMap { $0 }.max()
                if let basis, basis <= t {
                    var fresh = basis
                    if let check = phone.reassignmentCheckedAt, check >= basis { fresh = max(fresh, check) }
                    if t.secondsSinceEpoch - fresh.secondsSinceEpoch > 60 * 86_400 { broken.append("RF-6-SMS") }
                } else {
                    broken.append("RF-6-SMS")
                }
            }
        } else {
            let email = self.account.emails[candidate.destination]
            switch email.provenance {
            case .unknown: broken.append("RF-6-EMAIL")
            case .creditorNotice:
                if email.employerProvided {
                    broken.append("RF-22-EMAIL")
                } else if email.optOutDeadline == nil || t < email.optOutDeadline! {
                    broken.append("RF-6-EMAIL")
                }
            default: break
            }
        }

        // Time of day in every candidate zone.
        let zones = self.zones
        if zones.isEmpty { broken.append("RF-6-TIME") }
        for zone in zones {
            let local = t.adding(seconds: Int64(TimeZoneTable.offsetSeconds(of: zone, at: t)))
            let second = local.utcSecondOfDay
            let latest = channel.isTelephoneCall ? 20 * 3600 + 55 * 60 : 21 * 3600 - 1
            if second <= 8 * 3600 || second > latest { broken.append("RF-6-TIME") }
            if !reply {
                for span in self.account.inconvenientTimes {
                    let from = span.from.minuteOfDay * 60
                    let to = span.to.minuteOfDay * 60
                    let today = local.utcDate.weekday
                    let yesterday = local.utcDate.adding(days: -1).weekday
                    let inSpan: Bool
                    if from < to {
                        inSpan = second >= from && second < to && (span.days.isEmpty || span.days.contains(today))
                    } else {
                        inSpan =
                            (second >= from && (span.days.isEmpty || span.days.contains(today)))
                            || (second < to && (span.days.isEmpty || span.days.contains(yesterday)))
                    }
                    if inSpan { broken.append("RF-6-TIME-DESIGNATED") }
                }
            }
        }

        // Everything that happened before, plus the candidate.
        let outbound = self.attempts.filter { !$0.inbound }
        let all = outbound.map(\.candidate) + [candidate]
        let allDays = all.map { self.homeDate($0.at) }
        let day = self.homeDate(t)

        // Reg F.
        if channel.isTelephoneCall && profiles.contains("US") && !self.consentActive(bucket: bucket, at: t, for: nil) {
            for conversation in self.attempts
            where conversation.result == .conversation
                && conversation.candidate.debtBucket == bucket && conversation.candidate.channel.isTelephoneCall
                && conversation.candidate.at <= t
                && (conversation.inbound || !self.isWrong(conversation.candidate, events: events))
            {
                let start = self.homeDate(conversation.candidate.at)
                let startUTC = self.utcDate(conversation.candidate.at)
                if (day >= start && day <= start + 6)
                    || (self.utcDate(t) >= startUTC && self.utcDate(t) <= startUTC + 6)
                {
                    broken.append("RF-14-B")
                }
            }
            var counted = outbound.filter { attempt in
                attempt.candidate.channel.isTelephoneCall && attempt.candidate.debtBucket == bucket
                    && (attempt.result.map { $0 != .busy && $0 != .notInService && $0 != .failed } ?? true)
                    && !self.isWrong(attempt.candidate, events: events)
                    && !self.consentActive(bucket: bucket, at: attempt.candidate.at, for: attempt.candidate)
            }.map(\.candidate.at)
            counted.append(t)
            for dateOf in [self.homeDate, self.utcDate] {
                let d = dateOf(t)
                for start in (d - 6)...d {
                    let n = counted.filter { dateOf($0) >= start && dateOf($0) <= start + 6 }.count
                    if n > 7 { broken.append("RF-14-A") }
                }
            }
        }

        // House and campaign limits (counted over every dispatched attempt, any result).
        func perDay(_ matching: (ContactCandidate) -> Bool, _ limit: Int?, _ rule: String) {
            guard let limit else { return }
            if all.indices.filter({ matching(all[$0]) && allDays[$0] == day }).count > limit { broken.append(rule) }
        }
        func perWindow(_ matching: (ContactCandidate) -> Bool, _ limit: Int?, days: Int = 7, _ rule: String) {
            guard let limit else { return }
            for start in (day - days + 1)...day {
                let n = all.indices.filter { matching(all[$0]) && allDays[$0] >= start && allDays[$0] < start + days }
                    .count
                if n > limit { broken.append(rule) }
            }
        }
        func minimum(_ house: Int?, _ campaign: Int?) -> Int? { [house, campaign].compactMap { $0 }.min() }
        let isCall = { (c: ContactCandidate) in c.channel.isTelephoneCall }
        switch channel {
        case .call, .agentCall:
            perDay(isCall, minimum(2, self.limits.callsPerDay), "CALLS-PER-DAY")
            perWindow(isCall, self.limits.callsPer7Days, "CALLS-PER-7-DAYS")
            for other in outbound where other.candidate.channel.isTelephoneCall {
                if abs(other.candidate.at.secondsSinceEpoch - t.secondsSinceEpoch) < 7_200 { broken.append("CALL-GAP") }
            }
        case .sms:
            perDay({ $0.channel == .sms }, minimum(1, self.limits.smsPerDay), "SMS-PER-DAY")
            perWindow({ $0.channel == .sms }, minimum(3, self.limits.smsPer7Days), "SMS-PER-7-DAYS")
        case .email:
            perDay({ $0.channel == .email }, minimum(1, self.limits.emailsPerDay), "EMAILS-PER-DAY")
            perWindow({ $0.channel == .email }, minimum(5, self.limits.emailsPer7Days), "EMAILS-PER-7-DAYS")
        }
        perDay({ _ in true }, minimum(4, self.limits.contactsPerDay), "CONTACTS-PER-DAY")
        perWindow({ _ in true }, minimum(10, self.limits.contactsPer7Days), "CONTACTS-PER-7-DAYS")
        if let gap = self.limits.minimumGapSeconds {
            for other in outbound where abs(other.candidate.at.secondsSinceEpoch - t.secondsSinceEpoch) < gap {
                broken.append("CAMPAIGN-GAP")
            }
        }

        // State and city profiles.
        if profiles.contains("US-MA") && channel != .email {
            let workNumber = { (c: ContactCandidate) in
                c.channel != .email && self.account.phones[c.destination].kind == .work
            }
            let telephone =
                outbound.filter { attempt in
                    attempt.candidate.debtBucket == bucket && attempt.candidate.channel != .email
                        && (attempt.candidate.channel == .sms
                            ? attempt.result != .failed
                            : (attempt.result.map { $0 != .busy && $0 != .notInService && $0 != .failed } ?? true))
                }.map(\.candidate) + [candidate]
            let work = workNumber(candidate)
            let same = telephone.filter { workNumber($0) == work }
            let days = work ? 30 : 7
            for start in (day - days + 1)...day {
                if same.filter({ self.homeDate($0.at) >= start && self.homeDate($0.at) < start + days }).count > 2 {
                    broken.append("MA-940-7.04f")
                }
            }
        }
        if profiles.contains("US-WA") {
            perWindow({ _ in true }, 3, "WA-19.16")
            let atWork = { (c: ContactCandidate) -> Bool in
                c.channel == .email
                    ? self.account.emails[c.destination].employerProvided
                    : self.account.phones[c.destination].kind == .work
            }
            if atWork(candidate) { perWindow(atWork, 1, "WA-19.16-WORK") }
        }
        if profiles.contains("US-NYC") {
            let amended = UTCInstant(date: CivilDate(year: 2027, month: 1, day: 1), secondOfDay: 5 * 3600)
            perWindow({ _ in true }, t < amended ? 2 : 3, "NYC-5-77")
        }
        if profiles.contains("CN") && channel.isTelephoneCall {
            let today = outbound.filter {
                $0.candidate.channel.isTelephoneCall && self.homeDate($0.candidate.at) == day
            }
            if today.filter({ $0.result == nil || $0.result == .answered || $0.result == .conversation }).count + 1 > 3
            {
                broken.append("CN-CONNECTED")
            }
            if today.filter({
                $0.candidate.destination == candidate.destination && $0.result != .answered
                    && $0.result != .conversation
            }).count + 1 > 6 {
                broken.append("CN-UNANSWERED")
            }
        }
        return broken
    }

    func isWrong(_ candidate: ContactCandidate, events: [ConsumerEvent]) -> Bool {
        let isPhone = candidate.channel != .email
        return events.contains(
            isPhone
                ? .wrongNumber(destination: candidate.destination) : .wrongAddress(destination: candidate.destination)
        )
            || self.attempts.contains {
                $0.result == .wrongNumber && $0.candidate.destination == candidate.destination
                    && ($0.candidate.channel == .email) == !isPhone
            }
    }

    /// Whether a call consent for `bucket` covers an outbound call at `instant`: given at C, until its own end,
    /// at most through day C+6 (home and UTC dates), ended early by a conversation or a revocation.
    /// `call` is the attempt being classified, whose own conversation cannot end the consent it was placed under.
    func consentActive(bucket: String, at instant: UTCInstant, for call: ContactCandidate?) -> Bool {
        for entry in self.events {
            guard case .callConsent(let consentBucket, let until) = entry.event, consentBucket == bucket,
                entry.at <= instant, instant < until,
                self.homeDate(instant) <= self.homeDate(entry.at) + 6,
                self.utcDate(instant) <= self.utcDate(entry.at) + 6
            else { continue }
            let revoked = self.events.contains {
                $0.event == .callConsentRevoked(debtBucket: bucket) && $0.at >= entry.at && $0.at <= instant
            }
            let conversation = self.attempts.contains {
                $0.result == .conversation && $0.candidate.debtBucket == bucket && $0.candidate.channel.isTelephoneCall
                    && $0.candidate.at >= entry.at && $0.candidate.at <= instant && $0.candidate != call
            }
            if !revoked && !conversation { return true }
        }
        return false
    }
}
