import DunCore

extension ContactPolicy {
    /// The one sentence a person reads for a block.
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    func reason(
        for hit: Hit,
        _ candidate: ContactCandidate,
        home: ZoneID?,
        inconvenientTimes: [InconvenientTime]
    ) -> String {
        let debt = candidate.debtBucket
        let channel = candidate.channel.rawValue
        func date(_ day: Int64) -> String { CivilDate(daysSinceEpoch: Int(day)).description }
        func window(_ start: Int64, days: Int64 = 7) -> String { "\(date(start))..\(date(start + days - 1))" }
        func clock(_ seconds: Int64) -> String {
            let s = Int(seconds)
            return "\(Self.pad(s / 3_600)):\(Self.pad(s / 60 % 60))" + (s % 60 == 0 ? "" : ":\(Self.pad(s % 60))")
        }
        let text: String
        switch hit.rule {
        case .deceased: text = "the consumer is deceased; no collection contacts are scheduled"
        case .bankruptcy: text = "the consumer is in bankruptcy; collection contacts are stayed"
        case .cease: text = "the consumer asked in writing to cease communication about debt \(debt)"
        case .attorney: text = "an attorney represents the consumer for debt \(debt); contact the attorney instead"
        case .dispute: text = "debt \(debt) is disputed in writing; collection pauses until verification is sent"
        case .noDestination: text = "the account has no \(candidate.channel.destinationKind.rawValue) #\(hit.first)"
        case .wrongDestination:
            text = "\(candidate.channel.destinationKind.rawValue) #\(candidate.destination) belongs to someone else"
        case .mediumOptOut: text = "the consumer asked the collector not to use \(channel) to communicate"
        case .destinationOptOut:
            text =
                "the consumer opted out of \(channel) to \(candidate.channel.destinationKind.rawValue) "
                + "#\(candidate.destination) (applies to every debt)"
        case .tcpaRevoked:
            text = "the consumer revoked consent (STOP) on phone #\(candidate.destination); no automated calls"
        case .smsEligibility:
            switch hit.first {
            case 0: text = "phone #\(candidate.destination) has no text consent and the consumer never texted from it"
            case 1:
                text =
                    "text consent for phone #\(candidate.destination) starts only at \(Self.iso(hit.release, home))"
            default:
                text =
                    "text consent or reassignment check for phone #\(candidate.destination) is older than 60 days "
                    + "(last \(Self.iso(hit.second, home)))"
            }
        case .emailEligibility:
            text =
                hit.first == 0
                ? "email #\(candidate.destination) has no usable provenance under 1006.6(d)(4)"
                : "the creditor notice opt-out period for email #\(candidate.destination) ends \(Self.iso(hit.first, home))"
        case .employerEmail: text = "email #\(candidate.destination) was provided by the consumer's employer"
        case .work: text = "the employer prohibits contact at work; phone #\(candidate.destination) is a work number"
        case .tcpaConsent:
            text = "automated call to mobile phone #\(candidate.destination) without prior express consent"
        case .noZone:
            text = "no time zone is known for the consumer (add an address, a phone with a known area code or a zone)"
        case .time, .ukTime, .cnTime:
            let zone = TimeZoneTable.name(of: ZoneID(rawValue: UInt16(hit.first)))
            let to = hit.third == Int64(Self.dayEndCalls) ? "20:55 for calls" : clock(hit.third + 1)
            text =
                "it is \(clock(hit.second)) in \(zone); contacts only after \(clock(hit.rule == .ukTime ? Int64(self.ukHours.from.minuteOfDay * 60) : 28_800)) and before \(to), local time in every zone the consumer may be in"
        case .inconvenient:
            let span = inconvenientTimes[Int(hit.first)]
            let days = span.days.isEmpty ? "every day" : span.days.map(\.rawValue).joined(separator: ", ")
            text = "the consumer said \(span.from)-\(span.to) on \(days) is inconvenient"
        case .regF14B:
            text = "telephone conversation about debt \(debt) on \(date(hit.first)); no calls \(window(hit.first))"
        case .regF14A:
            text =
                "\(hit.second) counted calls about debt \(debt) in \(window(hit.first))"
                + (hit.third == 1 ? " (UTC dates)" : "")
        case .houseCallDay, .campaignCallDay, .houseSMSDay, .campaignSMSDay, .houseEmailDay, .campaignEmailDay,
            .houseAllDay, .campaignAllDay:
            let what = hit.rule == .houseAllDay || hit.rule == .campaignAllDay ? "contacts" : "\(channel) contacts"
            text = "\(hit.second) \(what) already on \(date(hit.first)); limit \(hit.third) per day"
        case .campaignCall7, .houseSMS7, .campaignSMS7, .houseEmail7, .campaignEmail7, .houseAll7, .campaignAll7:
            let what = hit.rule == .houseAll7 || hit.rule == .campaignAll7 ? "contacts" : "\(channel) contacts"
            text = "\(hit.second) \(what) in \(window(hit.first)); limit \(hit.third) per 7 days"
        case .houseCallGap: text = "last call at \(Self.iso(hit.first, home)); calls must be at least 2 hours apart"
        case .campaignGap: text = "last contact at \(Self.iso(hit.first, home)); the campaign requires a longer gap"
        case .massachusetts7:
            text =
                "\(hit.second) telephone communications (calls and texts) about debt \(debt) to personal numbers "
                + "in \(window(hit.first)); Massachusetts allows 2 per 7 days"
        case .massachusetts30:
            text =
                "\(hit.second) telephone communications about debt \(debt) to other numbers in "
                + "\(window(hit.first, days: 30)); Massachusetts allows 2 per 30 days"
        case .washington7: text = "\(hit.second) communications in \(window(hit.first)); Washington allows 3 per week"
        case .washingtonWork:
            text = "\(hit.second) communication at work in \(window(hit.first)); Washington allows 1 per week"
        case .newYorkCity:
            text =
                "\(hit.second) contact attempts in \(window(hit.first)); New York City allows \(hit.third) per 7 days"
        case .chinaConnected: text = "\(hit.second) connected calls on \(date(hit.first)); at most 3 per day"
        case .chinaUnanswered:
            text =
                "\(hit.second) unanswered attempts to phone #\(candidate.destination) on \(date(hit.first)); "
                + "at most 6 per day"
        }
        return text + " (\(hit.rule.id))"
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static func iso(_ seconds: Int64, _ home: ZoneID?) -> String {
        let instant = UTCInstant(secondsSinceEpoch: seconds)
        let offset = home.map { TimeZoneTable.offsetSeconds(of: $0, at: instant) } ?? 0
        return ISO8601.format(instant, offsetSeconds: offset)
    }
}
