public import DunCore

/// Everything the policy needs to remember about an account's contacts, kept compact (the engine holds one
/// per account, see `MemoryLayout<ContactLedger>.size`).
///
/// Record every attempt when it is dispatched (`recordAttempt`), its result when known (`recordResult`; until
/// then a call counts as connected), and what the consumer did (`recordEvent`). Create it with
/// `init(for:)` so that contact dates are fixed in the consumer's home zone at record time.
///
/// Layout: up to 16 attempts inline (8 bytes each: instant, channel, destination, debt slot, result, flags),
/// 4 debt buckets inline, opt-out and wrong-number bitmasks for the first 8 destinations of each kind, one
/// pending-reply instant per medium. More attempts, buckets, destinations and any call consents go to small
/// spill arrays, which only allocate on that rare path (never inside `ContactPolicy.evaluate`). Old attempts
/// are forgotten once no 7-day window (30 days for work numbers, Massachusetts) reaching the newest one needs
/// them.
public struct ContactLedger: Sendable {
    static let epoch: Int64 = 946_684_800  // 2000-01-01T00:00:00Z
    static let inlineCapacity = 16

    // Field order is memory order: the summary a decision reads first (count, flags, masks, reply instants,
    // bucket keys) comes before the records, so a decision on a short history touches one or two cache lines.
    var recordCount: UInt8
    var flags: UInt8
    var hasHomeZone: Bool
    /// Phones 0-7 that are work numbers (kept 30 days for the Massachusetts 30-day count).
    var workMask: UInt8
    var homeZoneRaw: UInt16
    /// Bits 0-7 phones, 8-15 emails that turned out to be someone else's.
    var wrongMask: UInt16
    /// Four bits per inline bucket (see `BucketState`).
    var bucketStates: UInt16
    /// Tests set this to make the policy's counts read every record (no skipping of old ones) in its full count
    /// (not `ContactPolicy.checkCountsWithinWeeks`), to compare. It fills padding: no extra bytes.
    var countsEveryRecord: Bool
    /// Bits 0-7 SMS opt-out per phone, 8-15 email opt-out per address, 16-23 call opt-out per phone,
    /// 24 no SMS at all, 25 no email at all, 26 no calls at all.
    var optOutMask: UInt32
    /// Per medium (call, SMS, email): when a consumer-initiated contact allows one reply (0: none).
    var replyAt: InlineArray<3, UInt32>
    var bucketKeys: InlineArray<4, UInt32>
    /// Everything rare, in one copy-on-write box that is nil for most accounts (so copying a ledger retains
    /// nothing).
    var spill: LedgerSpillBox?
    var records: InlineArray<16, UInt64>

    /// A ledger that fixes contact dates in UTC (prefer `init(for:)`: the policy then has to recompute each
    /// record's home date on every decision).
    public init() {
        self.records = InlineArray(repeating: 0)
        self.recordCount = 0
        self.bucketKeys = InlineArray(repeating: 0)
        self.bucketStates = 0
        self.spill = nil
        self.optOutMask = 0
        self.wrongMask = 0
        self.flags = 0
        self.replyAt = InlineArray(repeating: 0)
        self.homeZoneRaw = 0
        self.hasHomeZone = false
        self.workMask = 0xFF
        self.countsEveryRecord = false
    }

    /// A ledger for `account`: contact dates are fixed in its home zone (OQ-2) when recorded.
    public init(for account: PolicyAccount) {
        self.init()
        if let zone = account.homeZone {
            self.homeZoneRaw = zone.rawValue
            self.hasHomeZone = true
        }
        self.workMask = UInt8(truncatingIfNeeded: account.workPhoneMask)
    }

    // MARK: recording

    /// Records a dispatched attempt. Until its result is recorded a call counts as connected (RF-14-CALL).
    /// A call placed while a call consent for its debt is active is excluded from RF-14-A (RF-14-EXCL).
    /// Consumes the one-reply allowance of its medium, if any.
    public mutating func recordAttempt(_ candidate: ContactCandidate) {
        self.recordAttempt(candidate, key: Self.key(candidate.debtBucket))
    }

    /// `recordAttempt(_:)` with the debt bucket's key already computed (`ContactLedger.key(_:)`), for callers
    /// that keep it per account.
    package mutating func recordAttempt(_ candidate: ContactCandidate, key: UInt32) {
        self.recordAttempt(channel: candidate.channel, destination: candidate.destination, at: candidate.at, key: key)
    }

    /// `recordAttempt(_:key:)` from the candidate's parts: with the key known the debt bucket's text is not
    /// needed, so the engine need not build a candidate around it (a retain and release of the text per
    /// dispatch).
    package mutating func recordAttempt(channel: Channel, destination: Int, at instant: UTCInstant, key: UInt32) {
        let slot = self.ensureSlot(key)
        // Fields are read directly (and the rare cases only when the spill exists): calling a non-mutating
        // method on `self` here copies the whole ledger first.
        var record = Record(
            time: Self.compact(instant),
            channel: channel,
            destination: destination,
            slot: slot,
            delta: Self.dayDelta(hasHomeZone: self.hasHomeZone, homeZoneRaw: self.homeZoneRaw, at: instant)
        )
        if self.spill != nil {
            if channel.isVoiceCall && self.spilledConsentActive(slot: slot, at: instant) {
                record.excluded = true
            }
            if self.isWrong(kind: channel.destinationKind, destination: destination) {
                record.wrong = true
            }
        } else if destination >= 0 && destination < 8 {
            let shift = UInt16(destination) + (channel.destinationKind == .email ? 8 : 0)
            if self.wrongMask & (1 << shift) != 0 { record.wrong = true }
        }
        self.replyAt[Self.medium(channel)] = 0
        self.append(record)
    }

    /// Records an attempt's result. A conversation starts RF-14-B and ends any call consent for the debt;
    /// `wrongNumber` blocks the destination for good.
    public mutating func recordResult(_ result: AttemptResult, of candidate: ContactCandidate) {
        self.recordResult(result, of: candidate, key: Self.key(candidate.debtBucket))
    }

    /// `recordResult(_:of:)` with the debt bucket's key already computed.
    package mutating func recordResult(_ result: AttemptResult, of candidate: ContactCandidate, key: UInt32) {
        let time = Self.compact(candidate.at)
        let slot = self.slot(of: key) ?? 15
        let code = UInt64(Record.code(of: result))
        self.updateRecords { record in
            guard record.time == time, record.channelCode == Record.channelCode(candidate.channel),
                record.destination == Record.clampDestination(candidate.destination), record.slot == min(slot, 15),
                !record.inbound, record.resultCode == 0
            else { return false }
            record.resultCode = code
            return true
        }
        if result == .conversation && candidate.channel.isVoiceCall {
            self.endConsents(slot: slot, at: candidate.at)
        }
        if result == .wrongNumber {
            self.markWrong(kind: candidate.channel.destinationKind, destination: candidate.destination)
        }
    }

    /// Records something the consumer did or told the collector, at the instant the collector learned it.
    public mutating func recordEvent(_ event: ConsumerEvent, at instant: UTCInstant) {
        switch event {
        case .optOut(let channel, let destination):
            self.setDestinationBit(
                kind: channel.destinationKind,
                destination: destination,
                bit: DestinationBits.optOut(channel)
            )
            // The message that carried the opt-out is not a contact to reply to (only the 14(h)(2)(i)
            // confirmation, which the engine sends outside the policy); a later inbound contact is.
            self.replyAt[Self.medium(channel)] = 0
        case .optIn(let channel, let destination):
            self.liftOptOut(channel, destination: destination)
        case .optOutMedium(let channel):
            self.replyAt[Self.medium(channel)] = 0
            switch channel {
            case .sms: self.optOutMask |= 1 << 24
            case .email: self.optOutMask |= 1 << 25
            case .call, .agentCall: self.optOutMask |= 1 << 26
            }
        case .cease: self.flags |= Flag.cease
        case .dispute: self.flags |= Flag.dispute
        case .verificationSent:
            self.flags &= ~Flag.dispute
            self.mapBucketStates { $0 & ~BucketState.dispute }
        case .attorney: self.flags |= Flag.attorney
        case .bankruptcy: self.flags |= Flag.bankruptcy
        case .deceased: self.flags |= Flag.deceased
        case .employerProhibits: self.flags |= Flag.employerProhibits
        case .ceaseDebt(let bucket): self.setBucketState(bucket, BucketState.cease)
        case .attorneyDebt(let bucket): self.setBucketState(bucket, BucketState.attorney)
        case .disputeDebt(let bucket): self.setBucketState(bucket, BucketState.dispute)
        case .verificationSentDebt(let bucket):
            let slot = self.ensureSlot(Self.key(bucket))
            self.setState(slot: slot, self.state(slot: slot) & ~BucketState.dispute)
        case .inbound(let channel, let destination, let bucket, let conversation):
            self.replyAt[Self.medium(channel)] = max(1, Self.compact(instant))
            if conversation && channel.isVoiceCall {
                let slot = self.ensureSlot(Self.key(bucket))
                var record = Record(
                    time: Self.compact(instant),
                    channel: channel,
                    destination: destination,
                    slot: slot,
                    delta: self.dayDelta(at: instant)
                )
                record.inbound = true
                record.resultCode = UInt64(Record.code(of: .conversation))
                self.append(record)
                self.endConsents(slot: slot, at: instant)
            }
        case .callConsent(let bucket, let until):
            let slot = self.ensureSlot(Self.key(bucket))
            let day = self.homeDay(at: instant)
            self.consents.append(
                CallConsent(
                    slot: UInt8(min(slot, 255)),
                    start: Self.compact(instant),
                    until: Self.compact(until),
                    lastHomeDay: Int32(clamping: day + 6),
                    lastUTCDay: Int32(clamping: instant.utcDate.daysSinceEpoch + 6)
                )
            )
        case .callConsentRevoked(let bucket):
            if let slot = self.slot(of: Self.key(bucket)) { self.endConsents(slot: slot, at: instant) }
        case .wrongNumber(let destination):
            self.markWrong(kind: .phone, destination: destination)
        case .wrongAddress(let destination):
            self.markWrong(kind: .email, destination: destination)
        }
    }

    // MARK: queries used by the policy

    /// How many records the ledger holds (inline and spilled).
    var recordTotal: Int { Int(self.recordCount) + (self.spill?.value.overflow.count ?? 0) }

    /// Record `index` (0 ..< recordTotal).
    @inline(__always)
    func record(_ index: Int) -> Record {
        // Through the span: subscripting the inline array itself copies all 128 bytes to the stack per read.
        index < Int(self.recordCount)
            ? Record(raw: self.records.span[index]) : Record(raw: self.overflow[index - Int(self.recordCount)])
    }

    func forEachRecord(_ body: (Record) -> Void) {
        for index in 0..<Int(self.recordCount) { body(Record(raw: self.records[index])) }
        for raw in self.overflow { body(Record(raw: raw)) }
    }

    var hasRecords: Bool { self.recordCount > 0 }

    @inline(__always)
    func slot(of key: UInt32) -> Int? {
        for index in 0..<4 where self.bucketKeys[index] == key { return index }
        guard self.spill != nil else { return nil }
        for (index, entry) in self.extraBuckets.enumerated() where UInt32(truncatingIfNeeded: entry) == key {
            return 4 + index
        }
        return nil
    }

    @inline(__always)
    func state(slot: Int) -> UInt8 {
        if slot < 4 { return UInt8((self.bucketStates >> UInt16(slot * 4)) & 0xF) }
        let index = slot - 4
        return index < self.extraBuckets.count ? UInt8(truncatingIfNeeded: self.extraBuckets[index] >> 32) : 0
    }

    @inline(__always)
    func destinationBits(kind: DestinationKind, destination: Int) -> UInt8 {
        // Most ledgers have no spill and most destinations are among the first eight: the masks answer, inline.
        guard self.spill == nil && destination >= 0 && destination < 8 else {
            return self.spilledDestinationBits(kind: kind, destination: destination)
        }
        let shift = UInt32(destination)
        switch kind {
        case .phone:
            return (self.optOutMask & (1 << shift) != 0 ? DestinationBits.smsOptOut : 0)
                | (self.optOutMask & (1 << (16 + shift)) != 0 ? DestinationBits.callOptOut : 0)
                | (self.wrongMask & (1 << UInt16(shift)) != 0 ? DestinationBits.wrong : 0)
        case .email:
            return (self.optOutMask & (1 << (8 + shift)) != 0 ? DestinationBits.emailOptOut : 0)
                | (self.wrongMask & (1 << UInt16(8 + shift)) != 0 ? DestinationBits.wrong : 0)
        }
    }

    /// `destinationBits(kind:destination:)` in general (a spilled ledger or a destination beyond the eighth).
    @inline(never)
    func spilledDestinationBits(kind: DestinationKind, destination: Int) -> UInt8 {
        if destination >= 0 && destination < 8 {
            var bits: UInt8 = 0
            let shift = UInt32(destination)
            switch kind {
            case .phone:
                if self.optOutMask & (1 << shift) != 0 { bits |= DestinationBits.smsOptOut }
                if self.optOutMask & (1 << (16 + shift)) != 0 { bits |= DestinationBits.callOptOut }
                if self.wrongMask & (1 << UInt16(shift)) != 0 { bits |= DestinationBits.wrong }
                if let spill = self.spill, spill.value.callsRevokedPhones & (1 << UInt8(shift)) != 0 {
                    bits |= DestinationBits.callsRevoked
                }
            case .email:
                if self.optOutMask & (1 << (8 + shift)) != 0 { bits |= DestinationBits.emailOptOut }
                if self.wrongMask & (1 << UInt16(8 + shift)) != 0 { bits |= DestinationBits.wrong }
            }
            return bits
        }
        guard self.spill != nil else { return 0 }
        let tag = Self.extraTag(kind: kind, destination: destination)
        for entry in self.extraDestinations where entry & ~0xFF == tag { return UInt8(truncatingIfNeeded: entry) }
        return 0
    }

    func isWrong(kind: DestinationKind, destination: Int) -> Bool {
        self.destinationBits(kind: kind, destination: destination) & DestinationBits.wrong != 0
    }

    /// Whether a call consent (RF-14-EXCL) for `slot` covers an outbound call at `instant`.
    @inline(__always)
    func consentActive(slot: Int, at instant: UTCInstant) -> Bool {
        // Most ledgers have no spill: answer without a call.
        guard self.spill != nil else { return false }
        return self.spilledConsentActive(slot: slot, at: instant)
    }

    func spilledConsentActive(slot: Int, at instant: UTCInstant) -> Bool {
        guard let spill = self.spill, !spill.value.consents.isEmpty else { return false }
        let time = Self.compact(instant)
        let homeDay = self.homeDay(at: instant)
        let utcDay = Int(instant.secondsSinceEpoch.epochDay)
        for consent in self.consents where Int(consent.slot) == min(slot, 255) {
            if consent.start <= time && time < consent.until && homeDay <= Int(consent.lastHomeDay)
                && utcDay <= Int(consent.lastUTCDay)
            {
                return true
            }
        }
        return false
    }

    /// The home-zone date (days since epoch) of `instant` as the ledger fixes it.
    func homeDay(at instant: UTCInstant) -> Int {
        let delta = self.dayDelta(at: instant)
        return Int(instant.secondsSinceEpoch.epochDay) + (delta == 3 ? 0 : Int(delta) - 1)
    }

    // MARK: internals

    static func compact(_ instant: UTCInstant) -> UInt32 {
        UInt32(clamping: instant.secondsSinceEpoch - Self.epoch)
    }

    static func expand(_ time: UInt32) -> Int64 { Int64(time) + Self.epoch }

    /// FNV-1a of the bucket id; 0 is reserved for "empty". Two buckets sharing a key would share counters,
    /// which only makes the policy stricter.
    package static func key(_ bucket: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bucket.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return hash == 0 ? 1 : hash
    }

    @inline(__always)
    static func medium(_ channel: Channel) -> Int {
        switch channel {
        case .call, .agentCall: 0
        case .sms: 1
        case .email: 2
        }
    }

    static func extraTag(kind: DestinationKind, destination: Int) -> UInt32 {
        (kind == .email ? 1 << 30 : 0) | (UInt32(clamping: destination) & 0x3F_FFFF) << 8
    }

    /// Home date minus UTC date, plus one (0...2), or 3 when the ledger has no home zone (the policy then
    /// recomputes the date from the account's home zone).
    func dayDelta(at instant: UTCInstant) -> UInt8 {
        Self.dayDelta(hasHomeZone: self.hasHomeZone, homeZoneRaw: self.homeZoneRaw, at: instant)
    }

    /// `dayDelta(at:)` from the two fields it reads. Inlined, with the offset read from the zone's span table
    /// (`ZoneOffsets`: no bounds checks): every recorded attempt asks.
    @inline(__always)
    static func dayDelta(hasHomeZone: Bool, homeZoneRaw: UInt16, at instant: UTCInstant) -> UInt8 {
        guard hasHomeZone else { return 3 }
        let offset = ZoneOffsets(ZoneID(rawValue: homeZoneRaw)).offset(at: instant.secondsSinceEpoch)
        // Integer day numbers (floor division), not civil dates. The home date is the UTC date plus the floor of
        // (second of the UTC day + offset) / 86,400; clamped to -1 ... 1, that is the sign of where the sum
        // falls against 0 ..< 86,400 (one division instead of two).
        let seconds = instant.secondsSinceEpoch
        let local = (seconds &- seconds.epochDay &* 86_400) + Int64(offset)
        return local < 0 ? 0 : local >= 86_400 ? 2 : 1
    }

    /// Buckets beyond the fourth: key | state << 32.
    var extraBuckets: [UInt64] {
        get { self.spill?.value.extraBuckets ?? [] }
        _modify {
            self.uniqueSpill()
            yield &self.spill!.value.extraBuckets
        }
    }

    /// Records beyond the sixteenth.
    var overflow: [UInt64] {
        get { self.spill?.value.overflow ?? [] }
        _modify {
            self.uniqueSpill()
            yield &self.spill!.value.overflow
        }
    }

    var consents: [CallConsent] {
        get { self.spill?.value.consents ?? [] }
        _modify {
            self.uniqueSpill()
            yield &self.spill!.value.consents
        }
    }

    /// Destinations beyond the eighth: kind << 30 | destination << 8 | DestinationBits.
    var extraDestinations: [UInt32] {
        get { self.spill?.value.extraDestinations ?? [] }
        _modify {
            self.uniqueSpill()
            yield &self.spill!.value.extraDestinations
        }
    }

    mutating func uniqueSpill() {
        if self.spill == nil {
            self.spill = LedgerSpillBox(LedgerSpill())
        } else if !isKnownUniquelyReferenced(&self.spill!) {
            self.spill = LedgerSpillBox(self.spill!.value)
        }
    }

    /// The slot of the bucket with `key`, given one if it has none.
    @inline(__always)
    mutating func ensureSlot(_ key: UInt32) -> Int {
        // Usually the account's one debt bucket, in the first slot: answered inline.
        if self.bucketKeys[0] == key { return 0 }
        return self.ensureSlotInGeneral(key)
    }

    /// `ensureSlot(_:)` in general.
    @inline(never)
    mutating func ensureSlotInGeneral(_ key: UInt32) -> Int {
        if let slot = self.slot(of: key) { return slot }
        for index in 0..<4 where self.bucketKeys[index] == 0 {
            self.bucketKeys[index] = key
            return index
        }
        self.extraBuckets.append(UInt64(key))
        return 4 + self.extraBuckets.count - 1
    }

    mutating func setBucketState(_ bucket: String, _ bit: UInt8) {
        let slot = self.ensureSlot(Self.key(bucket))
        self.setState(slot: slot, self.state(slot: slot) | bit)
    }

    mutating func setState(slot: Int, _ state: UInt8) {
        if slot < 4 {
            let shift = UInt16(slot * 4)
            self.bucketStates = (self.bucketStates & ~(0xF << shift)) | (UInt16(state & 0xF) << shift)
        } else {
            let index = slot - 4
            let key = self.extraBuckets[index] & 0xFFFF_FFFF
            self.extraBuckets[index] = key | UInt64(state) << 32
        }
    }

    mutating func mapBucketStates(_ transform: (UInt8) -> UInt8) {
        for slot in 0..<(4 + self.extraBuckets.count) { self.setState(slot: slot, transform(self.state(slot: slot))) }
    }

    mutating func setDestinationBit(kind: DestinationKind, destination: Int, bit: UInt8) {
        guard destination >= 0 else { return }
        if destination < 8 {
            let shift = UInt32(destination)
            switch kind {
            case .phone:
                if bit & DestinationBits.smsOptOut != 0 { self.optOutMask |= 1 << shift }
                if bit & DestinationBits.callOptOut != 0 { self.optOutMask |= 1 << (16 + shift) }
                if bit & DestinationBits.wrong != 0 { self.wrongMask |= 1 << UInt16(shift) }
            case .email:
                if bit & DestinationBits.emailOptOut != 0 { self.optOutMask |= 1 << (8 + shift) }
                if bit & DestinationBits.wrong != 0 { self.wrongMask |= 1 << UInt16(8 + shift) }
            }
            return
        }
        let tag = Self.extraTag(kind: kind, destination: destination)
        if let index = self.extraDestinations.firstIndex(where: { $0 & ~0xFF == tag }) {
            self.extraDestinations[index] |= UInt32(bit)
        } else {
            self.extraDestinations.append(tag | UInt32(bit))
        }
    }

    /// `ConsumerEvent.optIn`: clears the destination's opt-out bit for the channel. An SMS opt-out lifted this
    /// way leaves its T-01 revocation of automated calls behind (`DestinationBits.callsRevoked`).
    mutating func liftOptOut(_ channel: Channel, destination: Int) {
        guard destination >= 0 else { return }
        let kind = channel.destinationKind
        let bit = DestinationBits.optOut(channel)
        guard self.destinationBits(kind: kind, destination: destination) & bit != 0 else { return }
        if destination < 8 {
            let shift = UInt32(destination)
            switch channel {
            case .sms:
                self.optOutMask &= ~(1 << shift)
                self.uniqueSpill()
                self.spill!.value.callsRevokedPhones |= 1 << UInt8(shift)
            case .email: self.optOutMask &= ~(1 << (8 + shift))
            case .call, .agentCall: self.optOutMask &= ~(1 << (16 + shift))
            }
            return
        }
        let tag = Self.extraTag(kind: kind, destination: destination)
        if let index = self.extraDestinations.firstIndex(where: { $0 & ~0xFF == tag }) {
            self.extraDestinations[index] &= ~UInt32(bit)
            if channel == .sms { self.extraDestinations[index] |= UInt32(DestinationBits.callsRevoked) }
        }
    }

    mutating func markWrong(kind: DestinationKind, destination: Int) {
        self.setDestinationBit(kind: kind, destination: destination, bit: DestinationBits.wrong)
        let clamped = Record.clampDestination(destination)
        // Outbound calls to it stop counting (comment 14(b)(2)(i)-3); a conversation the consumer started from
        // it was still with the consumer and keeps its RF-14-B period.
        self.updateRecords { record in
            guard record.destination == clamped, record.channel.destinationKind == kind, !record.inbound else {
                return false
            }
            record.wrong = true
            return false
        }
    }

    mutating func endConsents(slot: Int, at instant: UTCInstant) {
        guard self.spill != nil else { return }
        let time = Self.compact(instant)
        // A conversation ends the consents given before it (comment 14(b)(3)(i)-2), not one given after it
        // (D-10: consent given during a conversation covers the calls that follow).
        for index in self.consents.indices
        where Int(self.consents[index].slot) == min(slot, 255) && self.consents[index].start <= time {
            self.consents[index].until = min(self.consents[index].until, time)
        }
    }

    /// Applies `body` to every record, newest first; stops when it returns true.
    mutating func updateRecords(_ body: (inout Record) -> Bool) {
        for index in (self.spill?.value.overflow.indices ?? 0..<0).reversed() {
            var record = Record(raw: self.overflow[index])
            let stop = body(&record)
            self.overflow[index] = record.raw
            if stop { return }
        }
        var index = Int(self.recordCount) - 1
        while index >= 0 {
            var record = Record(raw: self.records[index])
            let stop = body(&record)
            self.records[index] = record.raw
            if stop { return }
            index -= 1
        }
    }

    @inline(__always)
    mutating func append(_ record: Record) {
        // Usually there is room inline and no spill (so no overflow): stored inline, without a call.
        if Int(self.recordCount) < Self.inlineCapacity && self.spill == nil {
            self.records[Int(self.recordCount)] = record.raw
            self.recordCount += 1
        } else {
            self.appendInGeneral(record)
        }
    }

    /// `append(_:)` in general: prunes a full inline array first, spills what does not fit.
    @inline(never)
    mutating func appendInGeneral(_ record: Record) {
        if Int(self.recordCount) == Self.inlineCapacity { self.prune(newest: record) }
        if Int(self.recordCount) < Self.inlineCapacity && (self.spill?.value.overflow.isEmpty ?? true) {
            self.records[Int(self.recordCount)] = record.raw
            self.recordCount += 1
        } else {
            self.overflow.append(record.raw)
        }
    }

    /// Forgets records that no decision at or after seven days before the newest record can need: older
    /// than 14 days, or 31 days for telephone contacts to work numbers.
    mutating func prune(newest: Record) {
        // Plain loops over the inline records, no closures: this runs on every sixteenth attempt.
        // Dates grow with times: the newest date is that of the latest time (one division, not one per record),
        // and a record's date is at least a day D exactly when its compact time is at least D's start.
        let count = Int(self.recordCount)
        var newestTime = newest.time
        for index in 0..<count { newestTime = max(newestTime, Record(raw: self.records[index]).time) }
        let overflow = self.spill?.value.overflow ?? []
        for raw in overflow { newestTime = max(newestTime, Record(raw: raw).time) }
        let newestDay = Int64(Record(raw: UInt64(newestTime)).utcDay)
        let bounds = (all: (newestDay - 14) * 86_400 - Self.epoch, work: (newestDay - 31) * 86_400 - Self.epoch)
        let workMask = self.workMask
        var keptCount = 0
        for index in 0..<count {
            let raw = self.records[index]
            guard Self.keeps(Record(raw: raw), from: bounds, workMask: workMask) else { continue }
            self.records[keptCount] = raw
            keptCount += 1
        }
        var kept: [UInt64] = []
        for raw in overflow where Self.keeps(Record(raw: raw), from: bounds, workMask: workMask) {
            if keptCount < Self.inlineCapacity {
                self.records[keptCount] = raw
                keptCount += 1
            } else {
                kept.append(raw)
            }
        }
        var cleared = keptCount
        while cleared < count {
            self.records[cleared] = 0
            cleared += 1
        }
        self.recordCount = UInt8(keptCount)
        if self.spill != nil || !kept.isEmpty { self.overflow = kept }
    }

    /// Whether `prune` keeps `record`: dated (UTC) at most 14 days before the newest record, or 31 days for a
    /// telephone contact to a work number. `from` holds the compact times at which those two dates begin.
    @inline(__always)
    static func keeps(_ record: Record, from bounds: (all: Int64, work: Int64), workMask: UInt8) -> Bool {
        if Int64(record.time) >= bounds.all { return true }
        let work = record.destination < 8 && workMask & (1 << UInt8(record.destination)) != 0
        return work && record.channel != .email && Int64(record.time) >= bounds.work
    }
}

/// One recorded attempt or inbound conversation, packed in 8 bytes.
struct Record {
    var raw: UInt64

    init(raw: UInt64) { self.raw = raw }

    init(time: UInt32, channel: Channel, destination: Int, slot: Int, delta: UInt8) {
        var info: UInt64 = Record.channelCode(channel)
        info |= Record.clampDestination(destination) << 2
        info |= UInt64(min(slot, 15)) << 10
        info |= UInt64(delta & 3) << 18
        self.raw = UInt64(time) | info << 32
    }

    static func channelCode(_ channel: Channel) -> UInt64 {
        switch channel {
        case .sms: 0
        case .email: 1
        case .call: 2
        case .agentCall: 3
        }
    }

    /// The `channelCode`s of every channel in `channel`'s medium (`ContactLedger.medium`), one bit each: calls
    /// and agent calls share one.
    @inline(__always)
    static func mediumCodes(_ channel: Channel) -> UInt64 {
        switch channel {
        case .call, .agentCall: 1 << Self.channelCode(.call) | 1 << Self.channelCode(.agentCall)
        case .sms, .email: 1 << Self.channelCode(channel)
        }
    }

    static func clampDestination(_ destination: Int) -> UInt64 { UInt64(max(0, min(destination, 255))) }

    /// 1 + the result's position in `AttemptResult.allCases` (0 means "no result yet").
    static func code(of result: AttemptResult) -> Int {
        switch result {
        case .delivered: 1
        case .failed: 2
        case .answered: 3
        case .busy: 4
        case .notInService: 5
        case .noAnswer: 6
        case .voicemail: 7
        case .limitedContentMessage: 8
        case .conversation: 9
        case .wrongNumber: 10
        }
    }

    var time: UInt32 { UInt32(truncatingIfNeeded: self.raw) }
    var instant: Int64 { ContactLedger.expand(self.time) }
    var utcDay: Int { Int(self.instant.epochDay) }
    var info: UInt64 { self.raw >> 32 }
    var channelCode: UInt64 { self.info & 3 }
    var channel: Channel {
        switch self.channelCode {
        case 0: .sms
        case 1: .email
        case 2: .call
        default: .agentCall
        }
    }
    var isCall: Bool { self.channelCode >= 2 }
    var destination: UInt64 { (self.info >> 2) & 0xFF }
    var slot: Int { Int((self.info >> 10) & 0xF) }
    var resultCode: UInt64 {
        get { (self.info >> 14) & 0xF }
        set { self.raw = (self.raw & ~(UInt64(0xF) << 46)) | (newValue & 0xF) << 46 }
    }
    var result: AttemptResult? {
        let code = Int(self.resultCode)
        switch code {
        case 1: return .delivered
        case 2: return .failed
        case 3: return .answered
        case 4: return .busy
        case 5: return .notInService
        case 6: return .noAnswer
        case 7: return .voicemail
        case 8: return .limitedContentMessage
        case 9: return .conversation
        case 10: return .wrongNumber
        default: return nil
        }
    }
    var delta: UInt8 { UInt8((self.info >> 18) & 3) }
    var excluded: Bool {
        get { self.info & (1 << 20) != 0 }
        set { self.setBit(20, newValue) }
    }
    var inbound: Bool {
        get { self.info & (1 << 21) != 0 }
        set { self.setBit(21, newValue) }
    }
    var wrong: Bool {
        get { self.info & (1 << 22) != 0 }
        set { self.setBit(22, newValue) }
    }

    mutating func setBit(_ bit: UInt64, _ value: Bool) {
        if value { self.raw |= 1 << (32 + bit) } else { self.raw &= ~(1 << (32 + bit)) }
    }

    /// Whether a call with this record's result "connected" (RF-14-CALL); pending calls count.
    var connectedOrPending: Bool {
        guard let result = self.result else { return true }
        return result.connected
    }

    static let smsCode: UInt64 = 0
    static let emailCode: UInt64 = 1
    static let failedCode: UInt64 = 2
    static let answeredCode: UInt64 = 3
    static let conversationCode: UInt64 = 9
    /// Result codes of `failed` (2), `busy` (4) and `notInService` (5): the results that did not connect
    /// (`AttemptResult.connected`).
    static let unconnectedCodes: UInt64 = 1 << 2 | 1 << 4 | 1 << 5

    /// `connectedOrPending` from a result code alone.
    @inline(__always)
    static func connectedOrPending(code: UInt64) -> Bool {
        (Self.unconnectedCodes >> code) & 1 == 0
    }

    /// The medium (`ContactLedger.medium`): 0 calls, 1 SMS, 2 email.
    var medium: Int { self.isCall ? 0 : Int(self.channelCode) + 1 }
}

struct CallConsent: Sendable {
    var slot: UInt8
    var start: UInt32
    var until: UInt32
    var lastHomeDay: Int32
    var lastUTCDay: Int32
}

enum Flag {
    static let cease: UInt8 = 1
    static let dispute: UInt8 = 2
    static let attorney: UInt8 = 4
    static let bankruptcy: UInt8 = 8
    static let deceased: UInt8 = 16
    static let employerProhibits: UInt8 = 32
}

enum BucketState {
    static let cease: UInt8 = 1
    static let attorney: UInt8 = 2
    static let dispute: UInt8 = 4
}

enum DestinationBits {
    static let smsOptOut: UInt8 = 1
    static let emailOptOut: UInt8 = 2
    static let callOptOut: UInt8 = 4
    static let wrong: UInt8 = 8
    /// Automated calls stay revoked (T-01) after an SMS opt-out was lifted by `ConsumerEvent.optIn`.
    static let callsRevoked: UInt8 = 16

    static func optOut(_ channel: Channel) -> UInt8 {
        switch channel {
        case .sms: smsOptOut
        case .email: emailOptOut
        case .call, .agentCall: callOptOut
        }
    }
}

/// The rare parts of a ledger: more than 16 records, more than 4 buckets, call consents, more than 8
/// destinations of a kind.
struct LedgerSpill: Sendable {
    var overflow: [UInt64] = []
    var extraBuckets: [UInt64] = []
    var consents: [CallConsent] = []
    var extraDestinations: [UInt32] = []
    /// Phones 0-7 whose SMS opt-out was lifted by `ConsumerEvent.optIn`: automated calls stay revoked (T-01).
    var callsRevokedPhones: UInt8 = 0
}

/// The copy-on-write box of `LedgerSpill`: `ContactLedger` copies it before any mutation unless it holds the
/// only reference, so ledgers keep value semantics.
final class LedgerSpillBox: @unchecked Sendable {
    var value: LedgerSpill

    init(_ value: LedgerSpill) {
        self.value = value
    }
}
