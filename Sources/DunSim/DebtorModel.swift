import CDunPrefetch
import DunCore

/// The simulated debtors of one strategy run: per-account behaviour state (balance, capacity, willingness,
/// fatigue, promises, plans) and the outcome counters. It decides no contact: the engine does, under the
/// contact policy; this model only answers the engine's attempts (see `EngineRun`). All state is
/// struct-of-arrays, allocated once per run.
struct DebtorModel {
    let scenario: Scenario
    let strategy: Strategy
    let population: Population
    let horizon: Int
    let drawKey: UInt64
    /// The scenario's per-event numbers, flattened (see `DebtorRates`).
    let rates: DebtorRates

    // Per-account state.
    var balance: [Int64]
    var paid: [Int64]
    var writtenOff: [Int64]
    var capacity: [Int64]
    var willingness: [Double]
    /// The fields every attempt reads and writes (state bits, fatigue, traits, hour type), side by side: at a
    /// large scale an attempt then touches one cache line of them instead of one per array.
    var hot: [Hot]
    var promiseDay: [Int16]
    var promiseAmount: [Int64]
    var promiseKeep: [Float]
    var planRemaining: [UInt8]
    var planNextDay: [Int16]
    var planAmount: [Int64]
    /// Per account, 1 when its day (`accountDay`) can only be a self-cure draw: a balance and capacity left, no
    /// promise or plan open. Kept by `updateIdle` wherever one of those changes (`recomputeIdle` after writing
    /// them directly), so the daily pass (`accountsWithADay`) reads one byte for most accounts, not four arrays.
    var idle: [UInt8] = []
    /// Sum of `paid` (kept as payments happen, so a day's total is not a pass over every account).
    var collectedTotal: Int64 = 0

    // Per-run tables.
    let decay: [Double]
    /// The self-cure hazard per unit of willingness on each day (`selfCureDaily · m(t)`).
    let selfCure: [Double]
    let fatigueDecay: [Float]
    var outcome: RunOutcome
    /// When set, what the debtor did (payments, promises, plans, disputes, cease, opt-outs) is appended here
    /// for a driver to feed to the engine; a caller-owned buffer, drained after each step.
    var signals: [Signal] = []
    var recordsSignals = false
    /// Told at the end of every virtual day (dashboards); nil in ordinary runs.
    var dayObserver: ((_ day: Int, _ outcome: RunOutcome) -> Void)?

    /// Something a simulated debtor did that the engine must hear about.
    struct Signal {
        enum Kind: UInt8 { case payment, promise, plan, dispute, cease, optOut, settled }
        var account: Int32
        var kind: Kind
        var amount: Int64
    }

    @inline(__always)
    mutating func signal(_ i: Int, _ kind: Signal.Kind, _ amount: Int64) {
        if self.recordsSignals { self.signals.append(Signal(account: Int32(i), kind: kind, amount: amount)) }
    }

    /// An account's hot fields (see `hot`).
    struct Hot {
        /// Dynamic state bits (`Bit`).
        var state: UInt16
        /// The day `fatigue` was last updated.
        var fatigueDay: Int16
        var fatigue: Float
        /// The population's `Trait` bits.
        var traits: UInt16
        /// The population's hour type.
        var hourType: UInt8
        /// The driver's index of the account's home (`EngineRun.homes`).
        var home: UInt8
    }

    /// How a call went (`call`).
    enum CallOutcome: UInt8 {
        /// The number is bad (a SIT tone): the line time of an unanswered call.
        case badNumber
        case noAnswer
        case wrongParty
        case rightParty

        /// The call's minutes: the agent's handle time, or the line time.
        func minutes(_ rates: DebtorRates) -> Double {
            switch self {
            case .badNumber, .noAnswer: rates.ahtNoAnswerMinutes
            case .wrongParty: rates.ahtWrongPartyMinutes
            case .rightParty: rates.ahtRPCMinutes
            }
        }
    }

    /// Dynamic state bits.
    enum Bit {
        static let phoneValid: UInt16 = 1 << 0
        static let badNumber: UInt16 = 1 << 1
        static let optedOutSMS: UInt16 = 1 << 2
        static let cease: UInt16 = 1 << 3
        static let paidAny: UInt16 = 1 << 4
        static let reached: UInt16 = 1 << 5
        static let triedPhone: UInt16 = 1 << 9
    }

    /// Draw purposes; each gets its own counter-based stream so that a strategy's extra draws never shift
    /// another's (common random numbers across strategies).
    enum Purpose: UInt64 {
        case answer = 1
        case rightParty, outcome, promiseDelay, promiseKeep, planMonths, planKeep, complaint
        case selfCure, smsRead, smsClick, smsOptOut, emailOpen, emailClick, portal, skipTrace, aiAnswer
        case aiRightParty, aiOutcome
    }

    init(scenario: Scenario, strategy: Strategy, population: Population, seed: UInt64) {
        self.scenario = scenario
        self.strategy = strategy
        self.population = population
        let n = population.count
        let horizon = scenario.portfolio.horizonDays
        self.horizon = horizon
        self.rates = DebtorRates(scenario)
        self.drawKey = SplitMix64.mix(seed ^ 0x5DEE_CE66_D1CE_4E5B)
        self.balance = population.balance
        self.paid = [Int64](repeating: 0, count: n)
        self.writtenOff = [Int64](repeating: 0, count: n)
        self.capacity = population.capacity
        self.willingness = population.willingness
        self.hot = (0..<n).map { i in
            let traits = population.traits[i]
            return Hot(
                state: (traits & Population.Trait.phoneValid) != 0 ? Bit.phoneValid : 0,
                fatigueDay: 0,
                fatigue: 0,
                traits: traits,
                hourType: population.hourType[i],
                home: 0
            )
        }
        self.promiseDay = [Int16](repeating: -1, count: n)
        self.promiseAmount = [Int64](repeating: 0, count: n)
        self.promiseKeep = [Float](repeating: 0, count: n)
        self.planRemaining = [UInt8](repeating: 0, count: n)
        self.planNextDay = [Int16](repeating: -1, count: n)
        self.planAmount = [Int64](repeating: 0, count: n)
        let portfolio = scenario.portfolio
        self.decay = (0...horizon + 1).map {
            Math.exp(-Double(portfolio.placementDPD + $0 - 180) / portfolio.decayTauDays)
        }
        let selfCureDaily = scenario.behaviour.selfCureDaily
        self.selfCure = self.decay.map { $0 * selfCureDaily }
        let perDay = scenario.behaviour.fatigueDecayPerDay
        self.fatigueDecay = (0...horizon + 1).map { Float(Math.pow(perDay, Double($0))) }
        self.outcome = RunOutcome(strategy: strategy.name, accounts: n, horizonDays: horizon)
        self.recomputeIdle()
    }

    /// Works `idle` out for every account.
    mutating func recomputeIdle() {
        self.idle = [UInt8](repeating: 0, count: self.population.count)
        for i in 0..<self.population.count { self.updateIdle(i) }
    }

    /// Works `idle[i]` out again after account `i`'s balance, capacity, promise or plan changed.
    @inline(__always)
    mutating func updateIdle(_ i: Int) {
        let idle =
            self.balance[i] > 0 && self.promiseDay[i] < 0 && self.planRemaining[i] == 0 && self.capacity[i] > 0
        self.idle[i] = idle ? 1 : 0
    }

    /// A uniform draw in [0, 1) that depends only on (seed, account, day, purpose).
    @inline(__always)
    func draw(_ account: Int, _ day: Int, _ purpose: Purpose) -> Double {
        let key =
            self.drawKey &+ UInt64(truncatingIfNeeded: account) &* 0x9E37_79B9_7F4A_7C15
            &+ ((UInt64(truncatingIfNeeded: day) << 8) | purpose.rawValue) &* 0xC2B2_AE3D_27D4_EB4F
        return Double(SplitMix64.mix(key) >> 11) * 0x1p-53
    }

    /// Asks the cache for debtor `i`'s hot record, which answering an attempt reads first (a hint; it changes
    /// nothing).
    @inline(__always)
    func prefetch(_ i: Int) {
        guard i >= 0, i < self.hot.count else { return }
        self.hot.withUnsafeBufferPointer { dun_prefetch_write(UnsafeRawPointer($0.baseAddress! + i)) }
    }

    /// Fatigue at `day`, decayed since it was last touched.
    @inline(__always)
    func currentFatigue(_ i: Int, _ day: Int) -> Float {
        let elapsed = day - Int(self.hot[i].fatigueDay)
        return self.hot[i].fatigue * self.fatigueDecay[min(max(0, elapsed), self.fatigueDecay.count - 1)]
    }

    @inline(__always)
    mutating func addFatigue(_ i: Int, _ day: Int, _ amount: Double) {
        self.hot[i].fatigue = self.currentFatigue(i, day) + Float(amount)
        self.hot[i].fatigueDay = Int16(day)
    }

    /// The counters so far with the paying accounts and placed total filled in (for day observers).
    func partialOutcome() -> RunOutcome {
        var outcome = self.outcome
        outcome.placedCents = self.population.placedCents
        outcome.payingAccounts = 0
        for account in self.hot where account.state & Bit.paidAny != 0 { outcome.payingAccounts += 1 }
        return outcome
    }

    mutating func finish() {
        var outcome = self.outcome
        outcome.placedCents = self.population.placedCents
        outcome.placedPerAccount = self.population.balance
        for i in 0..<self.population.count {
            outcome.writtenOffCents += self.writtenOff[i]
            outcome.remainingCents += self.balance[i]
            if self.paid[i] + self.balance[i] + self.writtenOff[i] != self.population.balance[i] {
                outcome.conservationViolations += 1
            }
            if self.hot[i].state & Bit.paidAny != 0 { outcome.payingAccounts += 1 }
        }
        if self.strategy.outsourced {
            outcome.commissionCents = Int64(
                (Double(outcome.collectedCents) * self.scenario.agency.commission).rounded()
            )
            outcome.agentWageCents = 0
        } else {
            outcome.agentWageCents = Int64(
                (outcome.agentPaidHours * Double(self.scenario.costs.agentHour.cents)).rounded()
            )
        }
        self.outcome = outcome
    }
}
