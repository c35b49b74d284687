import DunCore

/// One blocking rule found by a scan: its own release (an exact lower bound for the next permitted instant)
/// and up to three numbers that the sentence names.
struct Hit {
    static let terminal = Int64.max

    var rule: PolicyRule
    var release: Int64
    var first: Int64 = 0
    var second: Int64 = 0
    var third: Int64 = 0
}

/// The outcome of checking every rule at one instant.
struct Scan {
    var blocked = false
    /// Whether every blocking rule is a time-of-day window (RF-6-TIME and its UK and China forms).
    var onlyWindows = true
    var maxRelease: Int64 = Int64.min
    var worst = Hit(rule: .time, release: Int64.min)

    mutating func add(_ hit: Hit) {
        if !self.blocked || hit.release > self.worst.release { self.worst = hit }
        self.blocked = true
        self.maxRelease = max(self.maxRelease, hit.release)
        if hit.rule != .time && hit.rule != .ukTime && hit.rule != .cnTime { self.onlyWindows = false }
    }
}

/// Per-day counts for the 13 days d-6 ... d+6 around a candidate's date d.
struct DayCounts {
    var counts = InlineArray<13, UInt8>(repeating: 0)

    @inline(__always)
    mutating func add(_ offset: Int) {
        guard offset >= 0 && offset < 13 else { return }
        self.counts[offset] &+= 1
    }

    var today: Int { Int(self.counts[6]) }

    /// The first 7-day window containing day d (window start s = d-6 ... d) that would hold more than `limit`
    /// with one more contact on d: (start offset from d, count in it), or nil. `bound` is at least the number of
    /// `add`s (`checkCounts` counts once the records it adds from, for all its counts, rather than each count
    /// keeping its own total on every add).
    @inline(__always)
    func failingWindow(limit: Int, bound: Int) -> (start: Int, count: Int)? {
        // Usually even all the records counted leave room: answered here, without a call.
        guard bound + 1 > limit else { return nil }
        return self.searchFailingWindow(limit: limit)
    }

    func searchFailingWindow(limit: Int) -> (start: Int, count: Int)? {
        var sum = 0
        for index in 0..<7 { sum += Int(self.counts[index]) }
        for start in 0..<7 {
            if start > 0 { sum += Int(self.counts[start + 6]) - Int(self.counts[start - 1]) }
            if sum + 1 > limit { return (start - 6, sum) }
        }
        return nil
    }
}

extension ContactPolicy {
    static let dayStart = 8 * 3_600 + 1
    static let dayEndMessages = 21 * 3_600 - 1
    static let dayEndCalls = 20 * 3_600 + 55 * 60
    static let replyValiditySeconds: Int64 = 86_400
    static let sixtyDays: Int64 = 60 * 86_400

    /// Whether the one reply a consumer-initiated contact allows (comments 6(b)(1)-2, 14(h)(1)) is open at
    /// `instant`: `replyAt` is the ledger's compact instant of that contact on the medium, 0 for none.
    @inline(__always)
    static func replyAllowed(_ replyAt: UInt32, at instant: Int64) -> Bool {
        replyAt != 0 && instant >= ContactLedger.expand(replyAt)
            && instant - ContactLedger.expand(replyAt) <= Self.replyValiditySeconds
    }

    /// Checks every rule at `t` into `scan` (a new `Scan()`: filled in place rather than returned, which would
    /// copy it out twice).
    // swiftlint:disable:next function_body_length cyclomatic_complexity
    func scan(
        at t: Int64,
        _ candidate: ContactCandidate,
        _ policyAccount: PolicyAccount,
        _ ledger: ContactLedger,
        _ limits: CampaignLimits,
        slot: Int?,
        key: UInt32,
        into scan: inout Scan
    ) {
        let status = ledger.flags | policyAccount.statusBits
        let channel = candidate.channel
        let destination = candidate.destination
        let instant = UTCInstant(secondsSinceEpoch: t)
        let medium = ContactLedger.medium(channel)
        let replyAt = ledger.replyAt[medium]
        let replyAllowed = Self.replyAllowed(replyAt, at: t)
        let bucketState = slot.map { ledger.state(slot: $0) } ?? 0

        // Status of the consumer and the debt.
        if status & Flag.deceased != 0 {
            scan.add(Hit(rule: .deceased, release: Hit.terminal))
        }
        if status & Flag.bankruptcy != 0 {
            scan.add(Hit(rule: .bankruptcy, release: Hit.terminal))
        }
        if status & Flag.cease != 0 || bucketState & BucketState.cease != 0 {
            scan.add(Hit(rule: .cease, release: Hit.terminal))
        }
        if !replyAllowed
            && (status & Flag.attorney != 0 || bucketState & BucketState.attorney != 0
                || policyAccount.attorneyRepresents(key: key))
        {
            scan.add(Hit(rule: .attorney, release: Hit.terminal))
        }
        if status & Flag.dispute != 0 || bucketState & BucketState.dispute != 0 {
            scan.add(Hit(rule: .dispute, release: Hit.terminal))
        }

        // The destination.
        let kind = channel.destinationKind
        let destinationCount = kind == .phone ? policyAccount.phoneCount : policyAccount.emailCount
        guard destination >= 0 && destination < destinationCount else {
            scan.add(Hit(rule: .noDestination, release: Hit.terminal, first: Int64(destination)))
            return
        }
        let bits = ledger.destinationBits(kind: kind, destination: destination)
        if bits & DestinationBits.wrong != 0 {
            scan.add(Hit(rule: .wrongDestination, release: Hit.terminal))
        }
        let mediumBit: UInt32 =
            switch channel {
            case .sms: 1 << 24
            case .email: 1 << 25
            case .call, .agentCall: 1 << 26
            }
        if !replyAllowed {
            if ledger.optOutMask & mediumBit != 0 {
                scan.add(Hit(rule: .mediumOptOut, release: Hit.terminal))
            } else if bits & DestinationBits.optOut(channel) != 0 {
                scan.add(
                    Hit(rule: channel.isVoiceCall ? .mediumOptOut : .destinationOptOut, release: Hit.terminal)
                )
            }
        }
        if channel == .call && bits & (DestinationBits.smsOptOut | DestinationBits.callsRevoked) != 0 {
            scan.add(Hit(rule: .tcpaRevoked, release: Hit.terminal))
        }
        switch kind {
        case .phone:
            let phone = policyAccount.phone(destination)
            if phone.kind == .work && status & Flag.employerProhibits != 0 {
                scan.add(Hit(rule: .work, release: Hit.terminal))
            }
            if channel == .call && phone.kind == .mobile && !phone.autodialConsent {
                scan.add(Hit(rule: .tcpaConsent, release: Hit.terminal))
            }
            if channel == .sms { self.checkSMS(phone, at: t, into: &scan) }
        case .email:
            let email = policyAccount.emailProvenance(destination)
            switch email.provenance {
            case .unknown:
                scan.add(Hit(rule: .emailEligibility, release: Hit.terminal))
            case .creditorNotice:
                if email.employerProvided {
                    scan.add(Hit(rule: .employerEmail, release: Hit.terminal))
                } else if let deadline = policyAccount.emailFacts[destination].optOutDeadline {
                    if t < deadline {
                        scan.add(Hit(rule: .emailEligibility, release: deadline, first: deadline))
                    }
                } else {
                    scan.add(Hit(rule: .emailEligibility, release: Hit.terminal, first: 0))
                }
            case .consumerUsed, .consumerConsented, .priorCollectorUsed:
                break
            }
        }

        // Time of day in every candidate zone.
        let homeOffset = self.checkTime(
            at: t,
            channel: channel,
            policyAccount,
            replyAllowed: replyAllowed,
            into: &scan
        )

        // Counts, on home-zone dates (the home zone is usually a candidate zone, whose offset at `t` is already
        // known).
        let day: Int
        if let homeOffset {
            day = Int((t + homeOffset).epochDay)
        } else {
            day = Self.homeDay(t, zone: policyAccount.homeZone)
        }
        // Most accounts have no state profile and few recent contacts: the lean count answers for them.
        if policyAccount.profileBits & Self.stateProfileBits != 0 || ledger.countsEveryRecord
            || !self.checkCountsWithinWeeks(
                at: t,
                instant: instant,
                day: day,
                candidate,
                policyAccount,
                ledger,
                limits,
                slot: slot,
                into: &scan
            )
        {
            self.checkCounts(
                at: t,
                instant: instant,
                day: day,
                candidate,
                policyAccount,
                ledger,
                limits,
                slot: slot,
                into: &scan
            )
        }
    }

    /// Whether the contact is allowed at `t`, given that the scan at `earlier` (< `t`) found only time-of-day
    /// windows blocking; false when that cannot be shown without a full scan.
    ///
    /// Everything else a scan checks is the same at `t` as at `earlier`, or can only have released, when: both
    /// instants fall on the same home and UTC dates (same day counts and RF-14-B periods), no record lies after
    /// `earlier` (no new count, conversation or gap; a gap or conversation that did not block at `earlier`
    /// cannot block later), the ledger keeps no call consents (their expiry would change RF-14-A counts), and
    /// the one-reply allowance is the same. Then only the time of day (with any designations) and the text
    /// basis's 60-day freshness can differ, and those are checked at `t`.
    func windowsOnlyAllow(
        at t: Int64,
        after earlier: Int64,
        _ candidate: ContactCandidate,
        _ account: PolicyAccount,
        _ ledger: ContactLedger
    ) -> Bool {
        guard ledger.spill == nil, t > earlier, t.epochDay == earlier.epochDay else { return false }
        let home = account.homeZone
        guard Self.homeDay(t, zone: home) == Self.homeDay(earlier, zone: home) else { return false }
        for index in 0..<Int(ledger.recordCount) where ledger.record(index).instant > earlier { return false }
        let channel = candidate.channel
        let replyAt = ledger.replyAt[ContactLedger.medium(channel)]
        let reply = Self.replyAllowed(replyAt, at: t)
        guard reply == Self.replyAllowed(replyAt, at: earlier) else { return false }
        var scan = Scan()
        if channel == .sms {
            guard candidate.destination >= 0 && candidate.destination < account.phoneCount else { return false }
            self.checkSMS(account.phone(candidate.destination), at: t, into: &scan)
        }
        self.checkTime(at: t, channel: channel, account, replyAllowed: reply, into: &scan)
        return !scan.blocked
    }

    func checkSMS(_ phone: PhoneFacts, at t: Int64, into scan: inout Scan) {
        // 1006.6(d)(5): a basis (consent, or the consumer texting from the number) and, within the past 60
        // days, that basis renewed or a reassigned-number check.
        let basis = phone.smsBasis
        guard basis != Int64.min else {
            scan.add(Hit(rule: .smsEligibility, release: Hit.terminal, first: 0))
            return
        }
        if basis > t {
            scan.add(Hit(rule: .smsEligibility, release: basis, first: 1))
        } else if t - phone.smsFresh > Self.sixtyDays {
            scan.add(Hit(rule: .smsEligibility, release: Hit.terminal, first: 2, second: phone.smsFresh))
        }
    }

    /// Checks the time of day in every candidate zone; returns the UTC offset at `t` of the home zone when it
    /// is a candidate zone (else nil).
    @discardableResult
    func checkTime(
        at t: Int64,
        channel: Channel,
        _ account: PolicyAccount,
        replyAllowed: Bool,
        into scan: inout Scan
    ) -> Int64? {
        let zoneCount = account.zoneCount
        guard zoneCount > 0 else {
            scan.add(Hit(rule: .noZone, release: Hit.terminal))
            return nil
        }
        let home = account.homeZone
        var homeOffset: Int64? = nil
        var lo = Self.dayStart
        var hi = channel.isVoiceCall ? Self.dayEndCalls : Self.dayEndMessages
        if account.has(.unitedKingdom) {
            let ukLo = self.ukHours.from.minuteOfDay * 60 + 1
            let ukHi = self.ukHours.to.minuteOfDay * 60 - (channel.isVoiceCall ? 300 : 1)
            lo = max(lo, ukLo)
            hi = min(hi, ukHi)
        }
        let windowRule: PolicyRule =
            account.has(.usFederal)
            ? .time : account.has(.unitedKingdom) ? .ukTime : account.has(.china) ? .cnTime : .time
        let checkDesignations = !replyAllowed && account.hasDesignations
        var windowRelease = Int64.min
        var designationRelease = Int64.min
        var worstZone: ZoneID? = nil
        var worstLocalSecond: Int64 = 0
        var designation = -1
        for zoneIndex in 0..<zoneCount {
            let zone = account.zone(zoneIndex)
            let offset = Int64(TimeZoneTable.offsetSeconds(of: zone, at: UTCInstant(secondsSinceEpoch: t)))
            if zone == home { homeOffset = offset }
            let local = t + offset
            let day = local.epochDay
            let second = Int(local - day * 86_400)
            var targetLocal: Int64? = nil
            if second < lo {
                targetLocal = day * 86_400 + Int64(lo)
            } else if second > hi {
                targetLocal = (day + 1) * 86_400 + Int64(lo)
            }
            if let target = targetLocal {
                let release = Self.utc(ofLocal: target, zone: zone, guess: offset)
                if release > windowRelease {
                    windowRelease = max(release, t + 1)
                    worstZone = zone
                    worstLocalSecond = Int64(second)
                }
                continue
            }
            guard checkDesignations else { continue }
            for (index, span) in account.account.inconvenientTimes.enumerated() {
                if let end = Self.designationEnd(span, day: day, second: second) {
                    let release = max(Self.utc(ofLocal: end, zone: zone, guess: offset), t + 1)
                    if release > designationRelease {
                        designationRelease = release
                        designation = index
                    }
                }
            }
        }
        if windowRelease != Int64.min {
            scan.add(
                Hit(
                    rule: windowRule,
                    release: windowRelease,
                    first: Int64(worstZone?.rawValue ?? 0),
                    second: worstLocalSecond,
                    third: Int64(hi)
                )
            )
        }
        if designationRelease != Int64.min {
            scan.add(Hit(rule: .inconvenient, release: designationRelease, first: Int64(designation)))
        }
        return homeOffset
    }

    /// When the local instant `day`/`second` lies in the designated span, the local instant the span ends.
    static func designationEnd(_ span: InconvenientTime, day: Int64, second: Int) -> Int64? {
        let from = span.from.minuteOfDay * 60
        let to = span.to.minuteOfDay * 60
        func applies(_ day: Int64) -> Bool {
            span.days.isEmpty || span.days.contains(CivilDate(daysSinceEpoch: Int(day)).weekday)
        }
        if from < to {
            return second >= from && second < to && applies(day) ? day * 86_400 + Int64(to) : nil
        }
        if second >= from && applies(day) { return (day + 1) * 86_400 + Int64(to) }
        if second < to && applies(day - 1) { return day * 86_400 + Int64(to) }
        return nil
    }

    /// The UTC instant of a local wall-clock instant in `zone` (the later one when the wall clock repeats).
    static func utc(ofLocal local: Int64, zone: ZoneID, guess: Int64) -> Int64 {
        var offset = guess
        for _ in 0..<3 {
            let next = Int64(
                TimeZoneTable.offsetSeconds(of: zone, at: UTCInstant(secondsSinceEpoch: local - offset))
            )
            if next == offset { break }
            offset = next
        }
        return local - offset
    }

    /// The UTC instant at which home-zone day `day` begins.
    static func startOfDay(_ day: Int, zone: ZoneID?) -> Int64 {
        let local = Int64(day) * 86_400
        guard let zone else { return local }
        let guess = Int64(TimeZoneTable.offsetSeconds(of: zone, at: UTCInstant(secondsSinceEpoch: local)))
        return Self.utc(ofLocal: local, zone: zone, guess: guess)
    }

    static func homeDay(_ t: Int64, zone: ZoneID?) -> Int {
        guard let zone else { return Int(t.epochDay) }
        let offset = Int64(TimeZoneTable.offsetSeconds(of: zone, at: UTCInstant(secondsSinceEpoch: t)))
        return Int((t + offset).epochDay)
    }
}
