public import DunCore

/// The contact rules of COMPLIANCE.md as one pure function: law ∩ jurisdiction profiles ∩ house limits ∩
/// campaign limits. The same value is used by `dun plan`, `dun policy check`, the simulator and live runs.
///
/// Decisions the rule text leaves open, as implemented (COMPLIANCE.md decisions and OQs):
/// - Time of day (OQ-5): allowed only when 08:00:00 < local < 21:00:00 in every candidate zone, so the first
///   permitted second is 08:00:01; calls are not initiated after 20:55:00.
/// - Calendar dates (OQ-2) are home-zone dates; Reg F's two call tests are also run on UTC dates, and both
///   must pass.
/// - Every 7-consecutive-day window containing the candidate's date is checked (OQ-1), for Reg F and for every
///   "per 7 days" house, campaign or state limit; Massachusetts' 30-day limit likewise.
/// - House counts (per day, per 7 days, the 2-hour call gap) count every dispatched attempt, including busy
///   calls and failed messages; Reg F counts only connected (or still pending) calls (RF-14-CALL).
/// - A consumer-initiated contact allows one reply in the same medium within 24 hours (house choice; the
///   comments name no period) despite an inconvenient-time designation, an attorney notice or an opt-out of
///   that medium; never outside 08:00–21:00 (OQ-11) and never after a cease.
/// - The rule reported for a block is the one, among those blocking at the candidate's instant, whose own
///   release is latest (terminal rules first; ties go to the order of checks: status, destination, time,
///   Reg F, house, campaign, state). `nextAllowed` is the earliest instant at which every rule allows the
///   same contact: the policy re-evaluates at the latest release of the blocking rules until nothing blocks
///   (each release is an exact lower bound, so the result is exact); nil when some rule can never release
///   or nothing is permitted within 400 days.
public struct ContactPolicy: Sendable {
    /// Profiles added to every account (beyond those implied by its address).
    public var profiles: [JurisdictionProfile]
    /// The UK "reasonable hours" window (local), default 08:00–21:00.
    public var ukHours: (from: LocalTime, to: LocalTime)
    /// Tests of the law alone switch the house and campaign limits off; nothing else may.
    var enforcesHouseLimits = true

    public init(profiles: [JurisdictionProfile] = [], ukHours: (from: LocalTime, to: LocalTime)? = nil) {
        self.profiles = profiles
        self.ukHours = ukHours ?? (LocalTime(hour: 8), LocalTime(hour: 21))
    }

    /// How far ahead `nextAllowed` is searched.
    static let horizonSeconds: Int64 = 400 * 86_400

    /// Judges `candidate` for `account` given what has already happened (`ledger`).
    ///
    /// - Parameters:
    ///   - candidate: The proposed contact, with its instant.
    ///   - account: The account, with its zones and profiles resolved (see `PolicyAccount`).
    ///   - ledger: The account's contact history in the compact form the policy keeps.
    ///   - limits: The campaign's own limits (they only tighten).
    /// - Returns: `.allowed`, or `.blocked` with the rule, a sentence and the next permitted instant.
    ///   Allocates nothing when the contact is allowed.
    public func evaluate(
        _ candidate: ContactCandidate,
        account: PolicyAccount,
        ledger: ContactLedger,
        limits: CampaignLimits
    ) -> PolicyDecision {
        self.evaluate(
            candidate,
            key: ContactLedger.key(candidate.debtBucket),
            account: account,
            ledger: ledger,
            limits: limits
        )
    }

    /// `evaluate(_:account:ledger:limits:)` with the debt bucket's key (`ContactLedger.key(_:)`) already
    /// computed, for the engine, which keeps it per account.
    package func evaluate(
        _ candidate: ContactCandidate,
        key: UInt32,
        account: PolicyAccount,
        ledger: ContactLedger,
        limits: CampaignLimits
    ) -> PolicyDecision {
        self.decide(candidate, key: key, account: account, ledger: ledger, limits: limits)
    }

    /// `evaluate(_:key:account:ledger:limits:)` for a caller that holds the account and ledger in place (the
    /// engine's per-account arrays). They are `inout` only so that they are passed by reference: across the
    /// module boundary a borrowed argument of this size is first copied into a temporary (184 bytes of ledger
    /// and 57 of account per decision). Neither is modified.
    package func evaluate(
        _ candidate: ContactCandidate,
        key: UInt32,
        account: inout PolicyAccount,
        ledger: inout ContactLedger,
        limits: CampaignLimits
    ) -> PolicyDecision {
        self.decide(candidate, key: key, account: account, ledger: ledger, limits: limits)
    }

    @inline(__always)
    private func decide(
        _ candidate: ContactCandidate,
        key: UInt32,
        account: PolicyAccount,
        ledger: ContactLedger,
        limits: CampaignLimits
    ) -> PolicyDecision {
        let slot = ledger.slot(of: key)
        let start = candidate.at.secondsSinceEpoch
        var first = Scan()
        self.scan(at: start, candidate, account, ledger, limits, slot: slot, key: key, into: &first)
        guard first.blocked else { return .allowed }
        var worst = first.worst
        var next = first.maxRelease
        var previous = (at: start, onlyWindows: first.onlyWindows)
        var iterations = 0
        while next != Hit.terminal {
            if next - start > Self.horizonSeconds || iterations > 5_000 {
                next = Hit.terminal
                break
            }
            // Most blocks are the time of day alone, released later the same day: that needs no full scan.
            if previous.onlyWindows && self.windowsOnlyAllow(at: next, after: previous.at, candidate, account, ledger) {
                // Debug builds (every test) check the shortcut against the full scan.
                assert(
                    {
                        var check = Scan()
                        self.scan(at: next, candidate, account, ledger, limits, slot: slot, key: key, into: &check)
                        return !check.blocked
                    }()
                )
                break
            }
            var later = Scan()
            self.scan(at: next, candidate, account, ledger, limits, slot: slot, key: key, into: &later)
            if !later.blocked { break }
            if later.maxRelease == Hit.terminal { worst = later.worst }
            previous = (next, later.onlyWindows)
            next = later.maxRelease
            iterations += 1
        }
        let nextAllowed = next == Hit.terminal ? nil : UTCInstant(secondsSinceEpoch: next)
        return .blocked(
            PolicyBlock(
                pending: PendingReason(hit: worst, candidate: candidate, account: account, ukHours: self.ukHours),
                nextAllowed: nextAllowed
            )
        )
    }

    /// The earliest instant at or after `candidate.at` at which every rule allows the contact, or nil.
    public func nextAllowed(
        _ candidate: ContactCandidate,
        account: PolicyAccount,
        ledger: ContactLedger,
        limits: CampaignLimits
    ) -> UTCInstant? {
        switch self.evaluate(candidate, account: account, ledger: ledger, limits: limits) {
        case .allowed: candidate.at
        case .blocked(let block): block.nextAllowed
        }
    }
}
