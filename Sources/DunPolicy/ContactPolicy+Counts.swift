import DunCore

extension ContactPolicy {
    /// New York City's amended rule (3 per 7 days) takes effect at 2027-01-01 00:00 America/New_York (OQ-12).
    static let nycAmendedRuleStart: Int64 = 1_798_779_600  // 2027-01-01T05:00:00Z
    /// How far before a candidate a record can still count in a window containing its date (see `checkCounts`).
    static let countReachSeconds: Int64 = 10 * 86_400
    /// The per-7-days limits: Reg F's calls (RF-14-A) and the house's texts, emails and contacts (OQ-4).
    static let regFCallsPer7Days = 7
    static let houseSMSPer7Days = 3
    static let houseEmailsPer7Days = 5
    static let houseContactsPer7Days = 10

    // swiftlint:disable:next function_body_length cyclomatic_complexity
    func checkCounts(
        at t: Int64,
        instant: UTCInstant,
        day: Int,
        _ candidate: ContactCandidate,
        _ account: PolicyAccount,
        _ ledger: ContactLedger,
        _ limits: CampaignLimits,
        slot: Int?,
        into scan: inout Scan
    ) {
        let home = account.homeZone
        let utcDay = Int(t.epochDay)
        let channel = candidate.channel
        let isCall = channel.isVoiceCall
        let federal = account.has(.usFederal)
        let recordSlot = slot.map { min($0, 15) } ?? -1
        let consent = isCall && slot != nil && ledger.consentActive(slot: slot!, at: instant)
        let candidateIsWork: Bool =
            switch channel.destinationKind {
            case .phone: account.isWorkPhone(candidate.destination)
            case .email: account.isWorkEmail(candidate.destination)
            }
        // Only the counts some check reads are kept (each profile's counts only when the profile applies).
        let regF = isCall && federal && !consent
        let needMA = account.has(.massachusetts) && (isCall || channel == .sms)
        let needWAWork = account.has(.washington) && candidateIsWork
        let needCN = account.has(.china) && isCall
        let mineChannels = Record.mediumCodes(channel)
        let needProfileCounts = needMA || needWAWork
        let candidateDestination = UInt64(max(0, min(candidate.destination, 255)))

        var regHome = DayCounts()
        var regUTC = DayCounts()
        // Contacts in the candidate's medium (calls and agent calls together, texts, emails) and in all media.
        var mine = DayCounts()
        var all = DayCounts()
        var maPersonal = DayCounts()
        var waWork = DayCounts()
        var conversationRelease = Int64.min
        var conversationDay = 0
        var gapRelease = Int64.min
        var campaignGapRelease = Int64.min
        var cnConnected = 0
        var cnUnanswered = 0
        // How many records the counts above were given (each record adds at most once to each): a bound on
        // every count's total, which `failingWindow` tests first.
        var counted = 0
        let campaignGap = limits.minimumGapSeconds ?? 0

        // A record more than 10 days before `t` has a UTC date at least 10 days before t's, so a home date at
        // least two days before d-6 (home and UTC dates differ by at most a day each): it counts in no window
        // (home or UTC), starts no conversation period that reaches d and is beyond both gaps, so it is skipped
        // on its compact time alone. A cut before the ledger's epoch (or an overflow) skips nothing.
        let cutTime = Self.cutTime(at: t, campaignGap: campaignGap, everyRecord: ledger.countsEveryRecord)
        let inlineCount = Int(ledger.recordCount)
        let recordTotal = ledger.recordTotal
        if recordTotal > 0 {
            // The inline records are read through one span of a local copy of them: a span of `ledger.records`
            // (or a read through the ledger per record) copies the whole 184-byte ledger through a memcpy call,
            // these 128 bytes are copied inline, and only when there are records. The overflow exists only in a
            // spilled ledger.
            let recordsCopy = ledger.records
            let inlineRecords = recordsCopy.span
            // Records are usually in time order, the old ones first: a tight loop passes over those.
            var firstIndex = 0
            while firstIndex < inlineCount && Record(raw: inlineRecords[firstIndex]).time < cutTime { firstIndex += 1 }
            for recordIndex in firstIndex..<recordTotal {
                let record =
                    recordIndex < inlineCount ? Record(raw: inlineRecords[recordIndex]) : ledger.record(recordIndex)
                if record.time < cutTime { continue }
                let recordTime = record.instant
                let recordUTCDay = record.utcDay
                let delta = record.delta
                let recordDay = delta == 3 ? Self.homeDay(recordTime, zone: home) : recordUTCDay + Int(delta) - 1
                // Day numbers: far from overflowing.
                let offset = recordDay &- day &+ 6
                // A record more than two days outside the 13 days d-6 ... d+6 can count in no window (home or UTC
                // dates differ by at most a day each), start no conversation period that reaches d, and is not
                // within the 2-hour call gap; only a long campaign gap can still reach it.
                if (offset < -2 || offset > 14) && (campaignGap == 0 || abs(recordTime - t) >= campaignGap) { continue }
                // Past that test the record lies within days of `t`, or within the campaign gap (whose test above
                // computed the same difference): no overflow.
                let distance = abs(recordTime &- t)
                let code = record.resultCode
                let recordIsCall = record.isCall
                let sameBucket = record.slot == recordSlot
                // Conversations are rare: their code is tested first.
                if _slowPath(code == Record.conversationCode) && regF && recordIsCall && sameBucket && !record.wrong
                    && recordTime <= t
                {
                    Self.conversation(
                        recordDay: recordDay,
                        recordUTCDay: recordUTCDay,
                        day: day,
                        utcDay: utcDay,
                        home: home,
                        release: &conversationRelease,
                        releaseDay: &conversationDay
                    )
                }
                guard !record.inbound else { continue }
                counted &+= 1
                all.add(offset)
                if (mineChannels >> record.channelCode) & 1 != 0 { mine.add(offset) }
                // Never true for a gap of 0 (or less): the distance is not negative.
                if distance < campaignGap {
                    campaignGapRelease = max(campaignGapRelease, recordTime + campaignGap)
                }
                let connectedOrPending = Record.connectedOrPending(code: code)
                if recordIsCall {
                    if isCall && distance < LimitField.minimumCallGapSeconds {
                        gapRelease = max(gapRelease, recordTime + LimitField.minimumCallGapSeconds)
                    }
                    if regF && sameBucket && !record.wrong && !record.excluded && connectedOrPending {
                        regHome.add(offset)
                        regUTC.add(recordUTCDay &- utcDay &+ 6)
                    }
                    if needCN && recordDay == day {
                        // Pending (0), answered and conversation connected; the rest were unanswered.
                        if code == 0 || code == Record.answeredCode || code == Record.conversationCode {
                            cnConnected += 1
                        }
                        if record.destination == candidateDestination && code != Record.answeredCode
                            && code != Record.conversationCode
                        {
                            cnUnanswered += 1
                        }
                    }
                }
                guard needProfileCounts else { continue }
                if needMA && sameBucket && record.destination < 64
                    && !account.isWorkPhone(Int(record.destination))
                    && ((recordIsCall && connectedOrPending)
                        || (record.channelCode == Record.smsCode && code != Record.failedCode))
                {
                    maPersonal.add(offset)
                }
                if needWAWork {
                    let recordIsWork: Bool =
                        record.channelCode == Record.emailCode
                        ? account.isWorkEmail(Int(record.destination)) : account.isWorkPhone(Int(record.destination))
                    if recordIsWork { waWork.add(offset) }
                }
            }
        }

        // Reg F call frequency (RF-14-B, RF-14-A), unless a consent excludes the call (RF-14-EXCL).
        if regF {
            if conversationRelease > t {
                scan.add(Hit(rule: .regF14B, release: conversationRelease, first: Int64(conversationDay)))
            }
            if let window = regHome.failingWindow(limit: Self.regFCallsPer7Days, bound: counted) {
                scan.add(
                    Hit(
                        rule: .regF14A,
                        release: Self.startOfDay(day + 1, zone: home),
                        first: Int64(day + window.start),
                        second: Int64(window.count)
                    )
                )
            } else if let window = regUTC.failingWindow(limit: Self.regFCallsPer7Days, bound: counted) {
                scan.add(
                    Hit(
                        rule: .regF14A,
                        release: Int64(utcDay + 1) * 86_400,
                        first: Int64(utcDay + window.start),
                        second: Int64(window.count),
                        third: 1
                    )
                )
            }
        }

        self.checkHouseLimits(
            at: t,
            channel: channel,
            day: day,
            home: home,
            limits,
            mineToday: mine.today,
            allToday: all.today,
            weeks: (mine, all, counted),
            gapRelease: gapRelease,
            campaignGapRelease: campaignGapRelease,
            into: &scan
        )

        if account.profileBits & Self.stateProfileBits != 0 {
            self.checkProfiles(
                at: t,
                channel: channel,
                candidateIsWork: candidateIsWork,
                day: day,
                home: home,
                account,
                ledger,
                recordSlot: recordSlot,
                all: all,
                maPersonal: maPersonal,
                waWork: waWork,
                counted: counted,
                cnConnected: cnConnected,
                cnUnanswered: cnUnanswered,
                into: &scan
            )
        }
    }

    /// The house limits (OQ-4) and campaign limits on the counts `checkCounts` found: today's in the medium and
    /// in all media, the 7-day windows on `weeks` (`counted` records added to `mine` and `all`; nil when no
    /// window can fail), the 2-hour call gap and the campaign's gap.
    @inline(__always)
    func checkHouseLimits(
        at t: Int64,
        channel: Channel,
        day: Int,
        home: ZoneID?,
        _ limits: CampaignLimits,
        mineToday: Int,
        allToday: Int,
        weeks: (mine: DayCounts, all: DayCounts, counted: Int)?,
        gapRelease: Int64,
        campaignGapRelease: Int64,
        into scan: inout Scan
    ) {
        if self.enforcesHouseLimits {
            // House limits (OQ-4) and campaign limits; the stricter wins and names itself.
            switch channel {
            case .call, .agentCall:
                Self.perDay(
                    today: mineToday,
                    house: 2,
                    campaign: limits.callsPerDay,
                    .houseCallDay,
                    .campaignCallDay,
                    day,
                    home,
                    &scan
                )
                if let weeks {
                    Self.perWeek(
                        weeks.mine,
                        bound: weeks.counted,
                        house: nil,
                        campaign: limits.callsPer7Days,
                        .houseCallDay,
                        .campaignCall7,
                        day,
                        home,
                        &scan
                    )
                }
                if gapRelease > t {
                    scan.add(
                        Hit(
                            rule: .houseCallGap,
                            release: gapRelease,
                            first: gapRelease - LimitField.minimumCallGapSeconds
                        )
                    )
                }
            case .sms:
                Self.perDay(
                    today: mineToday,
                    house: 1,
                    campaign: limits.smsPerDay,
                    .houseSMSDay,
                    .campaignSMSDay,
                    day,
                    home,
                    &scan
                )
                if let weeks {
                    Self.perWeek(
                        weeks.mine,
                        bound: weeks.counted,
                        house: Self.houseSMSPer7Days,
                        campaign: limits.smsPer7Days,
                        .houseSMS7,
                        .campaignSMS7,
                        day,
                        home,
                        &scan
                    )
                }
            case .email:
                Self.perDay(
                    today: mineToday,
                    house: 1,
                    campaign: limits.emailsPerDay,
                    .houseEmailDay,
                    .campaignEmailDay,
                    day,
                    home,
                    &scan
                )
                if let weeks {
                    Self.perWeek(
                        weeks.mine,
                        bound: weeks.counted,
                        house: Self.houseEmailsPer7Days,
                        campaign: limits.emailsPer7Days,
                        .houseEmail7,
                        .campaignEmail7,
                        day,
                        home,
                        &scan
                    )
                }
            }
            Self.perDay(
                today: allToday,
                house: 4,
                campaign: limits.contactsPerDay,
                .houseAllDay,
                .campaignAllDay,
                day,
                home,
                &scan
            )
            if let weeks {
                Self.perWeek(
                    weeks.all,
                    bound: weeks.counted,
                    house: Self.houseContactsPer7Days,
                    campaign: limits.contactsPer7Days,
                    .houseAll7,
                    .campaignAll7,
                    day,
                    home,
                    &scan
                )
            }
            if campaignGapRelease > t {
                scan.add(
                    Hit(
                        rule: .campaignGap,
                        release: campaignGapRelease,
                        first: campaignGapRelease - (limits.minimumGapSeconds ?? 0)
                    )
                )
            }
        }
    }

    /// RF-14-B for a conversation on home date `recordDay` (UTC date `recordUTCDay`): the conversation date is
    /// day 1 of seven, also on UTC dates (OQ-2). Raises `release` to the end of such a period containing the
    /// candidate's dates (`day`, `utcDay`), and `releaseDay` to its conversation's home date.
    @inline(__always)
    static func conversation(
        recordDay: Int,
        recordUTCDay: Int,
        day: Int,
        utcDay: Int,
        home: ZoneID?,
        release: inout Int64,
        releaseDay: inout Int
    ) {
        if day >= recordDay && day <= recordDay + 6 {
            let homeRelease = Self.startOfDay(recordDay + 7, zone: home)
            if homeRelease > release {
                release = homeRelease
                releaseDay = recordDay
            }
        }
        if utcDay >= recordUTCDay && utcDay <= recordUTCDay + 6 {
            let utcRelease = Int64(recordUTCDay + 7) * 86_400
            if utcRelease > release {
                release = utcRelease
                releaseDay = recordDay
            }
        }
    }

    /// The compact time before which `checkCounts` skips records (see there), 0 to skip none.
    @inline(__always)
    static func cutTime(at t: Int64, campaignGap: Int64, everyRecord: Bool) -> UInt32 {
        let reach = max(Self.countReachSeconds, campaignGap)
        let (cut, overflow) = t.subtractingReportingOverflow(reach)
        return overflow || cut <= ContactLedger.epoch || everyRecord ? 0 : UInt32(clamping: cut - ContactLedger.epoch)
    }

    /// `checkCounts` for an account without a state profile (`stateProfileBits`) when the records it counts,
    /// and one more, fit within every per-7-days limit: then no 7-day window can fail (`failingWindow` answers
    /// each from its bound alone) and the records are read only for the per-day counts, the gaps and RF-14-B,
    /// in a pass that keeps no Reg F counts. Returns false, having added nothing, when that is not so (then
    /// `checkCounts` counts in full).
    ///
    /// Every record is read and skipped exactly as in `checkCounts`, and the blocks are added in the same
    /// order, so the scan comes out the same.
    func checkCountsWithinWeeks(
        at t: Int64,
        instant: UTCInstant,
        day: Int,
        _ candidate: ContactCandidate,
        _ account: PolicyAccount,
        _ ledger: ContactLedger,
        _ limits: CampaignLimits,
        slot: Int?,
        into scan: inout Scan
    ) -> Bool {
        let home = account.homeZone
        let utcDay = Int(t.epochDay)
        let channel = candidate.channel
        let isCall = channel.isVoiceCall
        let recordSlot = slot.map { min($0, 15) } ?? -1
        let consent = isCall && slot != nil && ledger.consentActive(slot: slot!, at: instant)
        let regF = isCall && account.has(.usFederal) && !consent
        let mineChannels = Record.mediumCodes(channel)
        let campaignGap = limits.minimumGapSeconds ?? 0
        var mineToday = 0
        var allToday = 0
        var counted = 0
        var conversationRelease = Int64.min
        var conversationDay = 0
        var gapRelease = Int64.min
        var campaignGapRelease = Int64.min
        let cutTime = Self.cutTime(at: t, campaignGap: campaignGap, everyRecord: false)
        // A record's home date is its UTC date plus `delta` - 1 (`Record.delta`; 3: recomputed in the home zone),
        // so it is `day` exactly when its compact time plus `delta` days falls in the day that begins at `today`.
        let today = Int64(day + 1) * 86_400 - ContactLedger.epoch
        let inlineCount = Int(ledger.recordCount)
        let recordTotal = ledger.recordTotal
        if recordTotal > 0 {
            // As in `checkCounts`: the inline records read through a span of a local copy.
            let recordsCopy = ledger.records
            let inlineRecords = recordsCopy.span
            // Records are usually in time order, the old ones first: a tight loop passes over those.
            var firstIndex = 0
            while firstIndex < inlineCount
                && UInt32(truncatingIfNeeded: inlineRecords[unchecked: firstIndex]) < cutTime
            {
                firstIndex += 1
            }
            for recordIndex in firstIndex..<recordTotal {
                let record =
                    recordIndex < inlineCount
                    ? Record(raw: inlineRecords[unchecked: recordIndex]) : ledger.record(recordIndex)
                let time = record.time
                if time < cutTime { continue }
                let recordTime = ContactLedger.expand(time)
                // Where the record's home date lies against `day`, without a division: `shifted` falls in
                // 0 ..< 86,400 exactly when the date is `day`, and in -8 ..< 9 days exactly when the date is within
                // eight days of `day` (`checkCounts`' offset in -2 ... 14).
                let delta = record.delta
                let isToday: Bool
                let near: Bool
                if _slowPath(delta == 3) {
                    let offset = Self.homeDay(recordTime, zone: home) &- day
                    isToday = offset == 0
                    near = offset >= -8 && offset <= 8
                } else {
                    let shifted = Int64(time) &+ Int64(delta) &* 86_400 &- today
                    isToday = UInt64(bitPattern: shifted) < 86_400
                    near = UInt64(bitPattern: shifted &+ 8 * 86_400) < 17 * 86_400
                }
                // As in `checkCounts`.
                if !near && (campaignGap == 0 || abs(recordTime - t) >= campaignGap) { continue }
                let distance = abs(recordTime &- t)
                let recordIsCall = record.isCall
                if _slowPath(record.resultCode == Record.conversationCode) && regF && recordIsCall
                    && record.slot == recordSlot && !record.wrong && recordTime <= t
                {
                    let recordUTCDay = record.utcDay
                    Self.conversation(
                        recordDay: delta == 3 ? Self.homeDay(recordTime, zone: home) : recordUTCDay + Int(delta) - 1,
                        recordUTCDay: recordUTCDay,
                        day: day,
                        utcDay: utcDay,
                        home: home,
                        release: &conversationRelease,
                        releaseDay: &conversationDay
                    )
                }
                guard !record.inbound else { continue }
                counted &+= 1
                if isToday {
                    allToday &+= 1
                    if (mineChannels >> record.channelCode) & 1 != 0 { mineToday &+= 1 }
                }
                if distance < campaignGap {
                    campaignGapRelease = max(campaignGapRelease, recordTime + campaignGap)
                }
                if recordIsCall && isCall && distance < LimitField.minimumCallGapSeconds {
                    gapRelease = max(gapRelease, recordTime + LimitField.minimumCallGapSeconds)
                }
            }
        }
        guard counted + 1 <= self.lowestWeeklyLimit(channel: channel, regF: regF, limits) else { return false }
        // Reg F: RF-14-A's windows cannot fail (at most `counted` calls in any of them), nor the house's and
        // campaign's (which therefore need no counts but today's).
        if regF && conversationRelease > t {
            scan.add(Hit(rule: .regF14B, release: conversationRelease, first: Int64(conversationDay)))
        }
        self.checkHouseLimits(
            at: t,
            channel: channel,
            day: day,
            home: home,
            limits,
            mineToday: mineToday,
            allToday: allToday,
            weeks: nil,
            gapRelease: gapRelease,
            campaignGapRelease: campaignGapRelease,
            into: &scan
        )
        return true
    }

    /// The lowest per-7-days limit that `checkCounts` checks for an account without a state profile (Reg F's
    /// when it applies, the house and campaign limits of the medium and of all media), or `Int.max` for none.
    @inline(__always)
    func lowestWeeklyLimit(channel: Channel, regF: Bool, _ limits: CampaignLimits) -> Int {
        let lowest = regF ? Self.regFCallsPer7Days : Int.max
        guard self.enforcesHouseLimits else { return lowest }
        // As `perWeek` takes them: the stricter of house and campaign, either alone when the other is absent.
        let medium: Int =
            switch channel {
            case .call, .agentCall: limits.callsPer7Days ?? Int.max
            case .sms: min(Self.houseSMSPer7Days, limits.smsPer7Days ?? Self.houseSMSPer7Days)
            case .email: min(Self.houseEmailsPer7Days, limits.emailsPer7Days ?? Self.houseEmailsPer7Days)
            }
        let contacts = min(Self.houseContactsPer7Days, limits.contactsPer7Days ?? Self.houseContactsPer7Days)
        return min(lowest, medium, contacts)
    }

    /// The profiles `checkProfiles` checks (Massachusetts, Washington, New York City, China).
    static let stateProfileBits: UInt8 =
        JurisdictionProfile.massachusetts.bit | JurisdictionProfile.washington.bit
        | JurisdictionProfile.newYorkCity.bit | JurisdictionProfile.china.bit

    /// A per-day house or campaign limit: the stricter of the two, named by the one that binds.
    @inline(__always)
    static func perDay(
        today: Int,
        house: Int,
        campaign: Int?,
        _ houseRule: PolicyRule,
        _ campaignRule: PolicyRule,
        _ day: Int,
        _ home: ZoneID?,
        _ scan: inout Scan
    ) {
        let limit = min(house, campaign ?? house)
        if today + 1 > limit {
            let rule = limit < house ? campaignRule : houseRule
            scan.add(
                Hit(
                    rule: rule,
                    release: Self.startOfDay(day + 1, zone: home),
                    first: Int64(day),
                    second: Int64(today),
                    third: Int64(limit)
                )
            )
        }
    }

    /// A per-7-days house or campaign limit on every window containing `day`.
    @inline(__always)
    static func perWeek(
        _ counts: DayCounts,
        bound counted: Int,
        house: Int?,
        campaign: Int?,
        _ houseRule: PolicyRule,
        _ campaignRule: PolicyRule,
        _ day: Int,
        _ home: ZoneID?,
        _ scan: inout Scan
    ) {
        guard let limit = house.map({ min($0, campaign ?? $0) }) ?? campaign else { return }
        if let window = counts.failingWindow(limit: limit, bound: counted) {
            let rule = house == nil || limit < house! ? campaignRule : houseRule
            scan.add(
                Hit(
                    rule: rule,
                    release: Self.startOfDay(day + 1, zone: home),
                    first: Int64(day + window.start),
                    second: Int64(window.count),
                    third: Int64(limit)
                )
            )
        }
    }

    /// Jurisdiction profiles: Massachusetts, Washington, New York City, China.
    func checkProfiles(
        at t: Int64,
        channel: Channel,
        candidateIsWork: Bool,
        day: Int,
        home: ZoneID?,
        _ account: PolicyAccount,
        _ ledger: ContactLedger,
        recordSlot: Int,
        all: DayCounts,
        maPersonal: DayCounts,
        waWork: DayCounts,
        counted: Int,
        cnConnected: Int,
        cnUnanswered: Int,
        into scan: inout Scan
    ) {
        let isCall = channel.isVoiceCall
        var nextDay: Int64 { Self.startOfDay(day + 1, zone: home) }
        if account.has(.massachusetts) && (isCall || channel == .sms) {
            if !candidateIsWork || channel.destinationKind != .phone {
                if let window = maPersonal.failingWindow(limit: 2, bound: counted) {
                    scan.add(
                        Hit(
                            rule: .massachusetts7,
                            release: nextDay,
                            first: Int64(day + window.start),
                            second: Int64(window.count)
                        )
                    )
                }
            } else if let window = self.massachusettsWorkWindow(day: day, ledger, account, recordSlot: recordSlot) {
                scan.add(
                    Hit(
                        rule: .massachusetts30,
                        release: nextDay,
                        first: Int64(window.start),
                        second: Int64(window.count)
                    )
                )
            }
        }
        if account.has(.washington) {
            if let window = all.failingWindow(limit: 3, bound: counted) {
                scan.add(
                    Hit(
                        rule: .washington7,
                        release: nextDay,
                        first: Int64(day + window.start),
                        second: Int64(window.count)
                    )
                )
            }
            if candidateIsWork, let window = waWork.failingWindow(limit: 1, bound: counted) {
                scan.add(
                    Hit(
                        rule: .washingtonWork,
                        release: nextDay,
                        first: Int64(day + window.start),
                        second: Int64(window.count)
                    )
                )
            }
        }
        if account.has(.newYorkCity) {
            let limit = t < Self.nycAmendedRuleStart ? 2 : 3
            if let window = all.failingWindow(limit: limit, bound: counted) {
                scan.add(
                    Hit(
                        rule: .newYorkCity,
                        release: nextDay,
                        first: Int64(day + window.start),
                        second: Int64(window.count),
                        third: Int64(limit)
                    )
                )
            }
        }
        if account.has(.china) && isCall {
            if cnConnected + 1 > 3 {
                scan.add(Hit(rule: .chinaConnected, release: nextDay, first: Int64(day), second: Int64(cnConnected)))
            }
            if cnUnanswered + 1 > 6 {
                scan.add(Hit(rule: .chinaUnanswered, release: nextDay, first: Int64(day), second: Int64(cnUnanswered)))
            }
        }
    }

    /// Massachusetts' second limit: 2 telephone communications per 30 days to numbers other than personal ones,
    /// per debt, on every 30-day window containing `day`. Returns the failing window's first day and count.
    func massachusettsWorkWindow(
        day: Int,
        _ ledger: ContactLedger,
        _ account: PolicyAccount,
        recordSlot: Int
    )
        -> (start: Int, count: Int)?
    {
        var counts = InlineArray<59, UInt8>(repeating: 0)
        ledger.forEachRecord { record in
            guard !record.inbound, record.slot == recordSlot, account.isWorkPhone(Int(record.destination)),
                (record.isCall && record.connectedOrPending) || (record.channel == .sms && record.result != .failed)
            else { return }
            let recordDay =
                record.delta == 3
                ? Self.homeDay(record.instant, zone: account.homeZone) : record.utcDay + Int(record.delta) - 1
            let offset = recordDay - day + 29
            if offset >= 0 && offset < 59 { counts[offset] &+= 1 }
        }
        for start in 0..<30 {
            var sum = 0
            for index in start..<(start + 30) { sum += Int(counts[index]) }
            if sum + 1 > 2 { return (day - 29 + start, sum) }
        }
        return nil
    }
}
