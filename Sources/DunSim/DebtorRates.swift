import DunCore

/// The scenario's numbers that the behaviour model reads on every attempt, flattened into one trivially
/// copyable value (no arrays, no strings): reading them copies a few words and retains nothing, where reading
/// `Scenario.behaviour` would retain its arrays once per event.
struct DebtorRates {
    // Phone.
    var answerBase: Double
    var rightPartyGivenAnswer: Double
    /// Hour multiplier by `hourType * 3 + band` (band 0: 09-17, 1: 17-21, 2: other hours).
    var hours: InlineArray<9, Double>
    /// Monday first.
    var dow: InlineArray<7, Double>
    var fatigueK: Double
    var fatigueCall: Double
    var fatigueSMS: Double
    var fatigueEmail: Double
    var complaintPerContact: Double
    // Conversation.
    var resolveNowRPC: Double
    var planRPC: Double
    var promiseRPC: Double
    var promiseKeepBase: Double
    var promiseKeepIfAffordable: Double
    var promiseDelayMaxDays: Int
    var promiseMinimumCents: Int64
    var hasCapacityThresholdCents: Int64
    var planMonthsMin: Int
    var planMonthsMax: Int
    var planFirstDueDays: Int
    var planInstallmentKeep: Double
    var settlementFractionAgent: Double
    var settlementFractionPortal: Double
    var disputeRPC: Double
    var disputeIfProne: Double
    var ceaseRPC: Double
    var annoyance: Double
    var aiCommitMultiplier: Double
    var aiKeepMultiplier: Double
    // Digital.
    var smsRead: Double
    var smsClick: Double
    var smsOptOutBase: Double
    var smsOptOutPerFatigue: Double
    var emailOpen: Double
    var emailClickGivenOpen: Double
    var portalResolve: Double
    var portalPlan: Double
    // Money and time.
    var capacityMonthlyReplenish: Double
    var smsMillicents: Int64
    var emailMillicents: Int64
    var voicePerMinuteMillicents: Int64
    // Agency handle times.
    var ahtRPCMinutes: Double
    var ahtWrongPartyMinutes: Double
    var ahtNoAnswerMinutes: Double
    var occupancy: Double

    init(_ scenario: Scenario) {
        let behaviour = scenario.behaviour
        let agency = scenario.agency
        self.answerBase = behaviour.answerBase
        self.rightPartyGivenAnswer = behaviour.rightPartyGivenAnswer
        var hours = InlineArray<9, Double>(repeating: 1)
        let tables = [behaviour.dayTypeHours, behaviour.eveningTypeHours, behaviour.flexibleTypeHours]
        for type in 0..<3 {
            for band in 0..<3 where band < tables[type].count {
                hours[type * 3 + band] = tables[type][band]
            }
        }
        self.hours = hours
        var dow = InlineArray<7, Double>(repeating: 1)
        for day in 0..<min(7, behaviour.dowMultipliers.count) { dow[day] = behaviour.dowMultipliers[day] }
        self.dow = dow
        self.fatigueK = behaviour.fatigueK
        self.fatigueCall = behaviour.fatigueCall
        self.fatigueSMS = behaviour.fatigueSMS
        self.fatigueEmail = behaviour.fatigueEmail
        self.complaintPerContact = behaviour.complaintPerContact
        self.resolveNowRPC = behaviour.resolveNowRPC
        self.planRPC = behaviour.planRPC
        self.promiseRPC = behaviour.promiseRPC
        self.promiseKeepBase = behaviour.promiseKeepBase
        self.promiseKeepIfAffordable = behaviour.promiseKeepIfAffordable
        self.promiseDelayMaxDays = behaviour.promiseDelayMaxDays
        self.promiseMinimumCents = behaviour.promiseMinimum.cents
        self.hasCapacityThresholdCents = behaviour.hasCapacityThreshold.cents
        self.planMonthsMin = behaviour.planMonthsMin
        self.planMonthsMax = behaviour.planMonthsMax
        self.planFirstDueDays = behaviour.planFirstDueDays
        self.planInstallmentKeep = behaviour.planInstallmentKeep
        self.settlementFractionAgent = behaviour.settlementFractionAgent
        self.settlementFractionPortal = behaviour.settlementFractionPortal
        self.disputeRPC = behaviour.disputeRPC
        self.disputeIfProne = behaviour.disputeIfProne
        self.ceaseRPC = behaviour.ceaseRPC
        self.annoyance = behaviour.annoyance
        self.aiCommitMultiplier = behaviour.aiCommitMultiplier
        self.aiKeepMultiplier = behaviour.aiKeepMultiplier
        self.smsRead = behaviour.smsRead
        self.smsClick = behaviour.smsClick
        self.smsOptOutBase = behaviour.smsOptOutBase
        self.smsOptOutPerFatigue = behaviour.smsOptOutPerFatigue
        self.emailOpen = behaviour.emailOpen
        self.emailClickGivenOpen = behaviour.emailClickGivenOpen
        self.portalResolve = behaviour.portalResolve
        self.portalPlan = behaviour.portalPlan
        self.capacityMonthlyReplenish = scenario.portfolio.capacityMonthlyReplenish
        self.smsMillicents = scenario.costs.smsMillicents
        self.emailMillicents = scenario.costs.emailMillicents
        self.voicePerMinuteMillicents = scenario.costs.voicePerMinuteMillicents
        self.ahtRPCMinutes = agency.ahtRPCMinutes
        self.ahtWrongPartyMinutes = agency.ahtWrongPartyMinutes
        self.ahtNoAnswerMinutes = agency.ahtNoAnswerMinutes
        self.occupancy = agency.occupancy
    }
}
