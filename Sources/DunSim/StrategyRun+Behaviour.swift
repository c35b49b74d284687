import DunCore

/// The debtor behaviour model (SIMULATION.md §5.3-5.5): how a simulated debtor answers each attempt, and
/// what happens to promises, plans and payments. These are the simulated gateways' answers.
extension StrategyRun {
    /// One account's day: capacity replenishment, due promises and instalments, self-cure, then the
    /// strategy's messages and automated calls. Returns the cents collected.
    @inline(__always)
    mutating func accountDay(_ i: Int, _ day: Int, _ weekday: Int) -> Int64 {
        guard self.balance[i] > 0 else { return 0 }
        let before = self.paid[i]
        if day > 0 && day % 30 == 0 {
            let replenish = Double(self.population.capacity[i]) * self.scenario.portfolio.capacityMonthlyReplenish
            self.capacity[i] += Int64(replenish.rounded())
        }
        if Int(self.promiseDay[i]) == day {
            self.promiseDay[i] = -1
            if self.draw(i, day, .promiseKeep) < Double(self.promiseKeep[i]) {
                self.outcome.promisesKept += 1
                self.pay(i, day, min(self.promiseAmount[i], self.balance[i]), writeOff: 0)
            } else {
                self.outcome.promisesBroken += 1
            }
        }
        if self.planRemaining[i] > 0 && Int(self.planNextDay[i]) == day {
            if self.draw(i, day, .planKeep) < self.scenario.behaviour.planInstallmentKeep {
                self.planRemaining[i] -= 1
                self.planNextDay[i] = Int16(min(day + 30, Int(Int16.max)))
                if self.planRemaining[i] > 0 { self.signal(i, .plan, self.planAmount[i]) }
                self.pay(i, day, min(self.planAmount[i], self.balance[i]), writeOff: 0)
            } else {
                self.planRemaining[i] = 0
            }
        }
        guard self.balance[i] > 0 else { return self.paid[i] - before }
        let committed = self.promiseDay[i] >= 0 || self.planRemaining[i] > 0
        if !committed && self.capacity[i] > 0 {
            let hazard = self.selfCure[day] * self.willingness[i]
            if self.draw(i, day, .selfCure) < hazard {
                self.pay(i, day, min(self.balance[i], self.capacity[i]), writeOff: 0)
                return self.paid[i] - before
            }
        }
        if self.smsDue[day] { self.state[i] |= Bit.smsPending }
        if self.emailDue[day] { self.state[i] |= Bit.emailPending }
        if self.callDue[day] { self.state[i] |= Bit.callPending }
        let pending = Bit.smsPending | Bit.emailPending | Bit.callPending
        guard self.state[i] & pending != 0 else { return self.paid[i] - before }
        // Contact pauses while a promise or plan is open (house practice), under a dispute until it is
        // verified (RF-38), and ends with a cease request (RF-6-CEASE).
        if committed || self.state[i] & Bit.cease != 0 || day < Int(self.pauseUntil[i]) {
            return self.paid[i] - before
        }
        let traits = self.population.traits[i]
        let massachusetts = traits & Population.Trait.massachusetts != 0
        if self.state[i] & Bit.callPending != 0 {
            self.automatedCall(i, day, weekday, massachusetts: massachusetts)
        }
        if self.state[i] & Bit.smsPending != 0 && self.balance[i] > 0 {
            self.sms(i, day, traits: traits, massachusetts: massachusetts)
        }
        if self.state[i] & Bit.emailPending != 0 && self.balance[i] > 0 {
            self.email(i, day, traits: traits)
        }
        return self.paid[i] - before
    }

    // MARK: - Rule state

    /// Whether a ring of the last `size` contact days holds `size` contacts within the 7 days ending `day`.
    @inline(__always)
    func ringFull(_ ring: [Int16], _ i: Int, size: Int, _ day: Int) -> Bool {
        var count = 0
        for slot in 0..<size where Int(ring[i * size + slot]) > day - 7 { count += 1 }
        return count >= size
    }

    @inline(__always)
    static func record(_ ring: inout [Int16], _ i: Int, size: Int, _ day: Int) {
        var oldest = 0
        for slot in 1..<size where ring[i * size + slot] < ring[i * size + oldest] { oldest = slot }
        ring[i * size + oldest] = Int16(day)
    }

    /// The first rule that blocks a call to account `i` on `day`, if any.
    @inline(__always)
    func callBlock(_ i: Int, _ day: Int, massachusetts: Bool) -> DeferralRule? {
        if day - Int(self.lastConversation[i]) < 7 { return .conversationQuiet }
        if self.ringFull(self.callRing, i, size: 7, day) { return .callFrequency }
        if massachusetts && self.ringFull(self.maRing, i, size: 2, day) { return .massachusetts }
        return nil
    }

    @inline(__always)
    mutating func defer_(_ rule: DeferralRule) {
        self.outcome.deferred[rule.rawValue] += 1
    }

    // MARK: - Channels

    mutating func automatedCall(_ i: Int, _ day: Int, _ weekday: Int, massachusetts: Bool) {
        guard self.state[i] & Bit.badNumber == 0 else {
            self.state[i] &= ~Bit.callPending
            return
        }
        if let rule = self.callBlock(i, day, massachusetts: massachusetts) {
            self.defer_(rule)
            return
        }
        self.state[i] &= ~Bit.callPending
        // Automated calls rotate through 09:00-20:00 local so that every hour type is tried.
        let localMinute = (9 + (day * 5) % 12) * 60
        let minutes = self.call(i, day, weekday, localMinute: localMinute, ai: true, massachusetts: massachusetts)
        self.outcome.voiceMinutes += minutes
        self.outcome.messageCostMillicents += Int64(
            (minutes * Double(self.scenario.costs.voicePerMinuteMillicents)).rounded()
        )
    }

    /// Places one call; returns the minutes it took (the agent's handle time, or the line time).
    mutating func call(
        _ i: Int,
        _ day: Int,
        _ weekday: Int,
        localMinute: Int,
        ai: Bool,
        massachusetts: Bool
    ) -> Double {
        let behaviour = self.scenario.behaviour
        let agency = self.scenario.agency
        self.outcome.callAttempts += 1
        Self.record(&self.callRing, i, size: 7, day)
        if massachusetts { Self.record(&self.maRing, i, size: 2, day) }
        self.state[i] |= Bit.triedPhone
        guard self.state[i] & Bit.phoneValid != 0 else {
            // A bad number: the SIT tone flags it and it is not redialled.
            self.state[i] |= Bit.badNumber
            return agency.ahtNoAnswerMinutes
        }
        let fatigue = Double(self.currentFatigue(i, day))
        let hour = localMinute / 60
        let band = hour >= 9 && hour < 17 ? 0 : (hour >= 17 && hour < 21 ? 1 : 2)
        let hourMultiplier: Double
        switch self.population.hourType[i] {
        case 0: hourMultiplier = behaviour.dayTypeHours[band]
        case 1: hourMultiplier = behaviour.eveningTypeHours[band]
        default: hourMultiplier = behaviour.flexibleTypeHours[band]
        }
        let fatigueFactor = Math.exp(-behaviour.fatigueK * fatigue)
        let answer =
            behaviour.answerBase * hourMultiplier * behaviour.dowMultipliers[weekday] * fatigueFactor
        self.addFatigue(i, day, behaviour.fatigueCall)
        guard self.draw(i, day, ai ? .aiAnswer : .answer) < answer else { return agency.ahtNoAnswerMinutes }
        if self.draw(i, day, .complaint) < behaviour.complaintPerContact * (1 + fatigue) {
            self.outcome.complaints += 1
        }
        guard self.draw(i, day, ai ? .aiRightParty : .rightParty) < behaviour.rightPartyGivenAnswer else {
            return agency.ahtWrongPartyMinutes
        }
        self.outcome.rightPartyContacts += 1
        if self.state[i] & Bit.reached == 0 {
            self.state[i] |= Bit.reached
            if day < 90 { self.outcome.reachedByDay90 += 1 }
        }
        self.lastConversation[i] = Int16(day)
        self.conversation(i, day, ai: ai, fatigueFactor: fatigueFactor)
        return agency.ahtRPCMinutes
    }

    /// A right-party conversation (SIMULATION.md §5.4).
    mutating func conversation(_ i: Int, _ day: Int, ai: Bool, fatigueFactor: Double) {
        let behaviour = self.scenario.behaviour
        let s = self.decay[day] * 2 * self.willingness[i] * fatigueFactor
        let hasCapacity = self.capacity[i] > behaviour.hasCapacityThreshold.cents
        let commit = ai ? behaviour.aiCommitMultiplier : 1
        let resolve = hasCapacity ? behaviour.resolveNowRPC * s * commit : 0
        let plan = hasCapacity ? behaviour.planRPC * s * commit : 0
        let promise = behaviour.promiseRPC * s * commit
        let prone = self.population.traits[i] & Population.Trait.disputeProne != 0
        let dispute = behaviour.disputeRPC + (prone ? behaviour.disputeIfProne : 0)
        let cease = behaviour.ceaseRPC
        let total = resolve + plan + promise + dispute + cease
        var u = self.draw(i, day, ai ? .aiOutcome : .outcome)
        if total > 1 { u *= total }
        if u < resolve {
            self.settle(i, day, fraction: behaviour.settlementFractionAgent)
        } else if u < resolve + plan {
            self.startPlan(i, day)
        } else if u < resolve + plan + promise {
            self.outcome.promises += 1
            let delay = 1 + Int(self.draw(i, day, .promiseDelay) * Double(behaviour.promiseDelayMaxDays))
            let amount = min(self.balance[i], max(self.capacity[i], behaviour.promiseMinimum.cents))
            var keep = behaviour.promiseKeepBase + (self.capacity[i] >= amount ? behaviour.promiseKeepIfAffordable : 0)
            if ai { keep *= behaviour.aiKeepMultiplier }
            self.promiseDay[i] = Int16(min(day + delay, Int(Int16.max)))
            self.promiseAmount[i] = amount
            self.promiseKeep[i] = Float(keep)
            self.signal(i, .promise, amount)
        } else if u < resolve + plan + promise + dispute {
            self.outcome.disputes += 1
            self.pauseUntil[i] = Int16(min(day + behaviour.disputePauseDays, Int(Int16.max)))
            self.signal(i, .dispute, 0)
        } else if u < total {
            self.outcome.ceases += 1
            self.state[i] |= Bit.cease
            self.signal(i, .cease, 0)
        } else {
            self.willingness[i] *= behaviour.annoyance
        }
    }

    mutating func sms(_ i: Int, _ day: Int, traits: UInt16, massachusetts: Bool) {
        guard traits & Population.Trait.smsCapable != 0, self.state[i] & Bit.optedOutSMS == 0 else {
            self.state[i] &= ~Bit.smsPending
            return
        }
        if self.ringFull(self.smsRing, i, size: 3, day) {
            self.defer_(.houseSMS)
            return
        }
        if massachusetts && self.ringFull(self.maRing, i, size: 2, day) {
            self.defer_(.massachusetts)
            return
        }
        self.state[i] &= ~Bit.smsPending
        self.deliverSMS(i, day, massachusetts: massachusetts)
    }

    /// The debtor's response to a delivered SMS: fatigue, complaint, opt-out (STOP), read, click to the portal.
    mutating func deliverSMS(_ i: Int, _ day: Int, massachusetts: Bool) {
        let behaviour = self.scenario.behaviour
        self.outcome.smsSent += 1
        self.outcome.messageCostMillicents += self.scenario.costs.smsMillicents
        Self.record(&self.smsRing, i, size: 3, day)
        if massachusetts { Self.record(&self.maRing, i, size: 2, day) }
        let fatigue = Double(self.currentFatigue(i, day))
        self.addFatigue(i, day, behaviour.fatigueSMS)
        if self.draw(i, day, .complaint) < behaviour.complaintPerContact * (1 + fatigue) {
            self.outcome.complaints += 1
        }
        if self.draw(i, day, .smsOptOut) < behaviour.smsOptOutBase + behaviour.smsOptOutPerFatigue * fatigue {
            self.outcome.optOuts += 1
            self.state[i] |= Bit.optedOutSMS
            self.signal(i, .optOut, 0)
            return
        }
        guard self.draw(i, day, .smsRead) < behaviour.smsRead else { return }
        let s = self.decay[day] * 2 * self.willingness[i] * Math.exp(-behaviour.fatigueK * fatigue)
        if self.draw(i, day, .smsClick) < behaviour.smsClick * s { self.portal(i, day) }
    }

    mutating func email(_ i: Int, _ day: Int, traits: UInt16) {
        guard traits & Population.Trait.emailValid != 0 else {
            self.state[i] &= ~Bit.emailPending
            return
        }
        if self.ringFull(self.emailRing, i, size: 5, day) {
            self.defer_(.houseEmail)
            return
        }
        self.state[i] &= ~Bit.emailPending
        self.deliverEmail(i, day)
    }

    /// The debtor's response to a delivered email: fatigue, complaint, open, click to the portal.
    mutating func deliverEmail(_ i: Int, _ day: Int) {
        let behaviour = self.scenario.behaviour
        self.outcome.emailsSent += 1
        self.outcome.messageCostMillicents += self.scenario.costs.emailMillicents
        Self.record(&self.emailRing, i, size: 5, day)
        let fatigue = Double(self.currentFatigue(i, day))
        self.addFatigue(i, day, behaviour.fatigueEmail)
        if self.draw(i, day, .complaint) < behaviour.complaintPerContact * (1 + fatigue) {
            self.outcome.complaints += 1
        }
        guard self.draw(i, day, .emailOpen) < behaviour.emailOpen else { return }
        let s = self.decay[day] * 2 * self.willingness[i] * Math.exp(-behaviour.fatigueK * fatigue)
        if self.draw(i, day, .emailClick) < behaviour.emailClickGivenOpen * s { self.portal(i, day) }
    }

    /// A click to the self-serve portal: resolve (with a settlement offer), set up a plan, or leave.
    mutating func portal(_ i: Int, _ day: Int) {
        let behaviour = self.scenario.behaviour
        guard self.capacity[i] > behaviour.hasCapacityThreshold.cents else { return }
        let u = self.draw(i, day, .portal)
        if u < behaviour.portalResolve {
            self.settle(i, day, fraction: behaviour.settlementFractionPortal)
        } else if u < behaviour.portalResolve + behaviour.portalPlan {
            self.startPlan(i, day)
        }
    }

    // MARK: - Money

    /// Pays in full if capacity allows, else settles at `fraction` of the balance (the rest written off), else
    /// pays what capacity allows.
    mutating func settle(_ i: Int, _ day: Int, fraction: Double) {
        let balance = self.balance[i]
        let capacity = self.capacity[i]
        if capacity >= balance {
            self.pay(i, day, balance, writeOff: 0)
            return
        }
        let settlement = Int64((Double(balance) * fraction).rounded(.up))
        if capacity >= settlement {
            self.outcome.settlements += 1
            self.pay(i, day, settlement, writeOff: balance - settlement)
        } else {
            self.pay(i, day, capacity, writeOff: 0)
        }
    }

    mutating func startPlan(_ i: Int, _ day: Int) {
        let behaviour = self.scenario.behaviour
        self.outcome.plans += 1
        let span = behaviour.planMonthsMax - behaviour.planMonthsMin + 1
        let months = behaviour.planMonthsMin + min(span - 1, Int(self.draw(i, day, .planMonths) * Double(span)))
        let even = (self.balance[i] + Int64(months) - 1) / Int64(months)
        let affordable = Int64((0.3 * Double(self.capacity[i])).rounded()) + 1_000
        self.planAmount[i] = max(1, min(even, affordable))
        self.planRemaining[i] = UInt8(months)
        self.planNextDay[i] = Int16(min(day + behaviour.planFirstDueDays, Int(Int16.max)))
        self.signal(i, .plan, self.planAmount[i])
    }

    /// Moves `cents` from balance to paid and `writeOff` from balance to written off; money is conserved.
    @inline(__always)
    mutating func pay(_ i: Int, _ day: Int, _ cents: Int64, writeOff: Int64) {
        let amount = max(0, min(cents, self.balance[i]))
        let written = max(0, min(writeOff, self.balance[i] - amount))
        self.balance[i] -= amount + written
        self.paid[i] += amount
        self.writtenOff[i] += written
        self.capacity[i] = max(0, self.capacity[i] - amount)
        if amount > 0 {
            self.state[i] |= Bit.paidAny
            self.signal(i, .payment, amount)
        }
        if self.balance[i] == 0 {
            self.promiseDay[i] = -1
            self.planRemaining[i] = 0
        }
    }

    /// Skip tracing: a share of flagged bad numbers come back repaired (SIMULATION.md §5.7).
    mutating func skipTrace(_ day: Int) {
        for i in 0..<self.population.count where self.state[i] & Bit.badNumber != 0 {
            if self.draw(i, day, .skipTrace) < self.scenario.agency.skipTraceRepair {
                self.state[i] &= ~Bit.badNumber
                self.state[i] |= Bit.phoneValid
            }
        }
    }
}
