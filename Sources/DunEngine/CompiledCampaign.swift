import DunCore

/// A campaign lowered for the hot path: step targets resolved to indices, windows to seconds, completions to
/// a bit mask, routes to a table indexed by outcome.
struct CompiledCampaign: Sendable {
    /// A step target: a step index, or `stop`.
    static let stop: Int32 = -1
    /// "No route for this outcome."
    static let noRoute: Int32 = -2

    enum Kind: UInt8, Sendable {
        case contact
        case branch
        case end
    }

    struct Rule: Sendable {
        var conditions: [Condition]
        var target: Int32
    }

    /// The hot part of a step: plain values only, so reading one copies no references. Small (its window is in
    /// `windows`), so reading one is a few register moves rather than a block copy.
    struct CompiledStep: Sendable {
        var kind: Kind
        var channel: Channel
        var timing: StepTiming
        var retryCount: Int
        var retrySpacing: Int64
        /// Bit `Completion` position set when that completion ends the step.
        var completeMask: UInt8
        var next: Int32
        var otherwise: Int32
    }

    var steps: [CompiledStep]
    /// Per step: its send window (the step's own, else the campaign's).
    var windows: [CompiledWindow]
    /// Per step: its template id (contact steps).
    var templates: [String]
    /// Per step: the template id's `ActionTexts` id (what an `Attempt` holds).
    var templateTexts: [UInt32]
    /// Per step: the end reason's `ActionTexts` id (end steps).
    var endReasonTexts: [UInt32]
    /// The `after_days` stop rule's ending sentence as an `ActionTexts` id (when there is one).
    var stopAfterDaysText: UInt32 = ActionTexts.empty
    /// Per step and `StepOutcome` position (`step * outcomeCount + outcome`): a target or `noRoute`.
    var routes: [Int32]
    /// Per step: the branch rules (branch steps).
    var rules: [[Rule]]
    /// Per step: the end reason (end steps).
    var endReasons: [String]
    /// `StepOutcome.allCases.count`, as a literal: a `static let` computed from `allCases` is a lazily initialised
    /// global, and every read of one on the hot path checks its initialisation (`swift_once`). `init` asserts it.
    static let outcomeCount = 11
    /// Entry step per variant (one entry when the campaign has no variants).
    var entries: [Int32]
    var weights: [Int]
    var blackout: BlackoutCalendar
    var hasBlackout: Bool
    /// The campaign's own limits, handed to the policy with every candidate.
    var limits: CampaignLimits
    var stopOnReply = false
    var stopOnAnyPayment = false
    var pauseOnOpenPromise = false
    var stopAfterDays: Int64?
    var stopAfterAttempts: Int?
    var stopBelowCents: Int64?
    /// The campaign's audience sets no criterion: every account matches (enrolment skips the check).
    var audienceIsEveryone: Bool
    /// The campaign's priority, for the waiting order and the queue's tie-break.
    var priority: Priority

    init(_ campaign: Campaign) {
        assert(Self.outcomeCount == StepOutcome.allCases.count, "outcomeCount must match StepOutcome")
        func resolve(_ target: StepTarget?, following index: Int) -> Int32 {
            switch target {
            case .stop: return CompiledCampaign.stop
            case .step(let id): return Int32(campaign.stepIndex(id: id) ?? -1)
            case nil: return index + 1 < campaign.steps.count ? Int32(index + 1) : CompiledCampaign.stop
            }
        }
        let campaignWindow = CompiledWindow(campaign.window)
        var templates: [String] = []
        var allRoutes: [Int32] = []
        var allRules: [[Rule]] = []
        var endReasons: [String] = []
        var windows: [CompiledWindow] = []
        self.steps = campaign.steps.enumerated().map { index, step in
            var routes = [Int32](repeating: CompiledCampaign.noRoute, count: StepOutcome.allCases.count)
            for route in step.routes {
                routes[route.outcome.position] = resolve(route.target, following: index)
            }
            allRoutes += routes
            var kind = Kind.contact
            var channel = Channel.sms
            var template = ""
            var rules: [Rule] = []
            var otherwise = CompiledCampaign.stop
            var endReason = ""
            switch step.action {
            case .contact(let stepChannel, let stepTemplate):
                channel = stepChannel
                template = stepTemplate
            case .branch(let branchRules, let branchOtherwise):
                kind = .branch
                rules = branchRules.map {
                    Rule(conditions: $0.conditions, target: resolve($0.target, following: index))
                }
                otherwise = resolve(branchOtherwise, following: index)
            case .end(let reason):
                kind = .end
                endReason = reason
            }
            var mask: UInt8 = 0
            if step.completeOn.isEmpty {
                // Default: anything but an unanswered or busy call completes; only those are retried.
                mask = 0b1111
            } else {
                for completion in step.completeOn { mask |= 1 << completion.position }
            }
            templates.append(template)
            windows.append(step.window.map(CompiledWindow.init) ?? campaignWindow)
            allRules.append(rules)
            endReasons.append(endReason)
            return CompiledStep(
                kind: kind,
                channel: channel,
                timing: step.timing,
                retryCount: Swift.max(0, step.retry.count),
                retrySpacing: Swift.max(0, step.retry.spacingSeconds),
                completeMask: mask,
                next: resolve(step.next, following: index),
                otherwise: otherwise
            )
        }
        self.templates = templates
        self.templateTexts = templates.map { ActionTexts.shared.id($0) }
        self.windows = windows
        self.routes = allRoutes
        self.rules = allRules
        self.endReasons = endReasons
        self.endReasonTexts = endReasons.map { ActionTexts.shared.id($0) }
        if campaign.variants.isEmpty {
            self.entries = [campaign.steps.isEmpty ? CompiledCampaign.stop : 0]
            self.weights = [1]
        } else {
            self.entries = campaign.variants.map { variant in
                guard let entry = variant.entry else { return campaign.steps.isEmpty ? CompiledCampaign.stop : 0 }
                return Int32(campaign.stepIndex(id: entry) ?? -1)
            }
            self.weights = campaign.variants.map(\.weight)
        }
        self.blackout = BlackoutCalendar(campaign.blackout)
        self.hasBlackout = !self.blackout.isEmpty
        self.limits = campaign.limits
        self.audienceIsEveryone = campaign.audience == Audience()
        self.priority = campaign.priority
        for rule in campaign.stopRules {
            switch rule {
            case .paidInFull: break
            case .anyPayment: self.stopOnAnyPayment = true
            case .openPromise: self.pauseOnOpenPromise = true
            case .reply: self.stopOnReply = true
            case .afterDays(let days): self.stopAfterDays = Swift.min(self.stopAfterDays ?? .max, Int64(days))
            case .afterAttempts(let count): self.stopAfterAttempts = Swift.min(self.stopAfterAttempts ?? .max, count)
            case .balanceBelow(let amount):
                self.stopBelowCents = Swift.max(self.stopBelowCents ?? .min, amount.cents)
            }
        }
        if let days = self.stopAfterDays {
            self.stopAfterDaysText = ActionTexts.shared.id("stop rule: after \(days) days")
        }
    }
}

/// A send window in seconds of the local day, per weekday (Monday first); `open == close` means closed.
struct CompiledWindow: Sendable, Hashable {
    /// Opening second of the local day, per weekday (lane 7 unused).
    var open: SIMD8<Int32>
    /// Closing second of the local day (exclusive), per weekday.
    var close: SIMD8<Int32>

    init(_ window: SendWindow) {
        self.open = .zero
        self.close = .zero
        for (index, day) in Weekday.allCases.enumerated() {
            if let range = window.range(on: day), range.start < range.end {
                self.open[index] = Int32(range.start.minuteOfDay * 60)
                self.close[index] = Int32(range.end.minuteOfDay * 60)
            }
        }
    }

    /// Always open.
    static let always = CompiledWindow(
        SendWindow(
            weekdays: LocalTimeRange(start: LocalTime(hour: 0), end: LocalTime(hour: 24)),
            saturday: LocalTimeRange(start: LocalTime(hour: 0), end: LocalTime(hour: 24)),
            sunday: LocalTimeRange(start: LocalTime(hour: 0), end: LocalTime(hour: 24))
        )
    )

    /// The first instant at or after `instant` at which the window is open in `zone` on a day that is not
    /// blacked out; `EnrolmentCursor.never` when there is none within 400 days.
    func nextOpening(atOrAfter instant: Int64, zone: LocalZone, blackout: BlackoutCalendar?) -> Int64 {
        let (day, second) = zone.local(instant)
        var offset: Int64 = 0
        while offset < 400 {
            let candidate = day + offset
            let weekday = CompiledWindow.weekday(ofDay: candidate)
            let open = Int64(self.open[weekday])
            let close = Int64(self.close[weekday])
            if open < close, blackout.map({ !$0.contains(day: candidate) }) ?? true {
                if offset > 0 { return zone.instant(day: candidate, second: open) }
                if second < close { return second >= open ? instant : zone.instant(day: candidate, second: open) }
            }
            offset += 1
        }
        return EnrolmentCursor.never
    }

    /// The end (exclusive) of the open stretch that contains `opening`, an instant at which the window is open in
    /// `zone`: its local day's closing second. Nil when the zone's offset changes before then, so that callers
    /// may treat every instant of `[opening, end)` as open on the same local day (a blackout is per day).
    func openUntil(from opening: Int64, zone: LocalZone) -> Int64? {
        let (day, second) = zone.local(opening)
        let close = Int64(self.close[CompiledWindow.weekday(ofDay: day)])
        guard second < close else { return nil }
        let until = zone.instant(day: day, second: close)
        guard until > opening, zone.offset(at: opening) == zone.offset(at: until - 1) else { return nil }
        return until
    }

    /// The weekday index (0 = Monday) of a local day number.
    @inline(__always)
    static func weekday(ofDay day: Int64) -> Int {
        Int((day + 3).floorMod(7))
    }
}

extension StepOutcome {
    /// Position in `allCases`.
    var position: Int {
        switch self {
        case .noResponse: 0
        case .delivered: 1
        case .answered: 2
        case .conversation: 3
        case .replied: 4
        case .promised: 5
        case .brokePromise: 6
        case .paidPartial: 7
        case .paidInFull: 8
        case .bounced: 9
        case .wrongNumber: 10
        }
    }
}

extension Completion {
    /// Bit position in a completion mask.
    var position: UInt8 {
        switch self {
        case .delivered: 0
        case .answered: 1
        case .conversation: 2
        case .permanentFailure: 3
        }
    }
}
