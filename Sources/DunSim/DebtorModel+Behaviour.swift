import DunCore

/// The debtor behaviour model (SIMULATION.md §5.3-5.5): how a simulated debtor answers each attempt, and
/// what happens to promises, plans and payments. These are the simulated gateways' answers.
extension DebtorModel {
    /// One account's day: capacity replenishment, due promises and instalments, self-cure. Returns the cents
    /// collected. Contacts are the engine's: nothing here decides one.
    @inline(__always)
    mutating func accountDay(_ i: Int, _ day: Int) -> Int64 {
        guard self.balance[i] > 0 else { return 0 }
        defer { self.updateIdle(i) }
        let before = self.paid[i]
        if day > 0 && day % 30 == 0 {
            let replenish = Double(self.population.capacity[i]) * self.rates.capacityMonthlyReplenish
            self.capacity[i] += Math.roundedInt64(replenish)
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
            if self.draw(i, day, .planKeep) < self.rates.planInstallmentKeep {
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
        return self.paid[i] - before
    }

    /// The accounts whose day (`accountDay`) does something on `day`, ascending, into `due` (cleared first).
    ///
    /// On most days most accounts only draw for self-cure and do not cure; `accountDay` changes nothing for
    /// them. This read-only pass finds the rest (a replenishment day, a promise or instalment due, a cure), so
    /// the daily pass over the whole portfolio stays a scan of a few arrays, and running `accountDay` on the
    /// accounts found, in order, is exactly running it on every account.
    func accountsWithADay(_ day: Int, into due: inout [Int32]) {
        due.removeAll(keepingCapacity: true)
        let n = self.population.count
        if day > 0 && day % 30 == 0 {
            for i in 0..<n where self.balance[i] > 0 { due.append(Int32(i)) }
            return
        }
        let cure = self.selfCure[day]
        let day16 = day <= Int(Int16.max) ? Int16(day) : -2
        // Unchecked reads: this scan runs over every account every day. An idle account (`idle`) has no promise
        // or instalment due (its promise day is negative, `day16` never is, and it has no plan) and may cure;
        // any other is due only by a promise or instalment.
        self.idle.withUnsafeBufferPointer { idle in
            self.willingness.withUnsafeBufferPointer { willingness in
                for i in 0..<n {
                    if idle[i] != 0 {
                        if self.draw(i, day, .selfCure) < cure * willingness[i] { due.append(Int32(i)) }
                    } else if self.hasPaymentDue(i, day16) {
                        due.append(Int32(i))
                    }
                }
            }
        }
    }

    /// Whether account `i` (not idle) has a balance and a promise or instalment due on `day16`; out of line, so
    /// the scan over idle accounts keeps its registers.
    @inline(never)
    func hasPaymentDue(_ i: Int, _ day16: Int16) -> Bool {
        self.balance[i] > 0
            && (self.promiseDay[i] == day16 || (self.planRemaining[i] > 0 && self.planNextDay[i] == day16))
    }

    // MARK: - Channels

    /// Places one call; returns how it went (its minutes are `CallOutcome.minutes`).
    mutating func call(
        _ i: Int,
        _ day: Int,
        _ weekday: Int,
        localMinute: Int,
        ai: Bool
    ) -> CallOutcome {
        // The rates are read where they are used, not copied up front (a copy loads every field the function
        // might need), and the account's hot record is read once and written back once per outcome (every
        // write through `self.hot[i]` checks the array's uniqueness).
        self.outcome.callAttempts += 1
        var hot = self.hot[i]
        hot.state |= Bit.triedPhone
        guard hot.state & Bit.phoneValid != 0 else {
            // A bad number: the SIT tone flags it and it is not redialled.
            hot.state |= Bit.badNumber
            self.hot[i] = hot
            return .badNumber
        }
        let current = self.currentFatigue(i, day)
        let fatigue = Double(current)
        let hour = localMinute / 60
        let band = hour >= 9 && hour < 17 ? 0 : (hour >= 17 && hour < 21 ? 1 : 2)
        let hourMultiplier = self.rates.hours[min(2, Int(hot.hourType)) * 3 + band]
        let unfatigued = self.rates.answerBase * hourMultiplier * self.rates.dow[weekday]
        // `addFatigue`, on the local record.
        hot.fatigue = current + Float(self.rates.fatigueCall)
        hot.fatigueDay = Int16(day)
        // The answer probability is `unfatigued · exp(exponent)`. With `exponent ≤ 0` the factor is in [0, 1], so
        // the rounded product is at most `max(unfatigued, 0)`: a draw at or above `unfatigued` is no answer
        // whatever the factor, and libm's `pow` (about 130 instructions) is skipped. Draws are stateless, so
        // drawing first changes no number.
        let draw = self.draw(i, day, ai ? .aiAnswer : .answer)
        let exponent = -self.rates.fatigueK * fatigue
        guard !(exponent <= 0 && draw >= unfatigued) else {
            self.hot[i] = hot
            return .noAnswer
        }
        let fatigueFactor = Math.exp(exponent)
        guard draw < unfatigued * fatigueFactor else {
            self.hot[i] = hot
            return .noAnswer
        }
        if self.draw(i, day, .complaint) < self.rates.complaintPerContact * (1 + fatigue) {
            self.outcome.complaints += 1
        }
        guard self.draw(i, day, ai ? .aiRightParty : .rightParty) < self.rates.rightPartyGivenAnswer else {
            self.hot[i] = hot
            return .wrongParty
        }
        self.outcome.rightPartyContacts += 1
        if hot.state & Bit.reached == 0 {
            hot.state |= Bit.reached
            if day < 90 { self.outcome.reachedByDay90 += 1 }
        }
        self.hot[i] = hot
        self.conversation(i, day, ai: ai, fatigueFactor: fatigueFactor)
        return .rightParty
    }

    /// A right-party conversation (SIMULATION.md §5.4).
    mutating func conversation(_ i: Int, _ day: Int, ai: Bool, fatigueFactor: Double) {
        let behaviour = self.rates
        let s = self.decay[day] * 2 * self.willingness[i] * fatigueFactor
        let hasCapacity = self.capacity[i] > behaviour.hasCapacityThresholdCents
        let commit = ai ? behaviour.aiCommitMultiplier : 1
        let resolve = hasCapacity ? behaviour.resolveNowRPC * s * commit : 0
        let plan = hasCapacity ? behaviour.planRPC * s * commit : 0
        let promise = behaviour.promiseRPC * s * commit
        let prone = self.hot[i].traits & Population.Trait.disputeProne != 0
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
            let amount = min(self.balance[i], max(self.capacity[i], behaviour.promiseMinimumCents))
            var keep = behaviour.promiseKeepBase + (self.capacity[i] >= amount ? behaviour.promiseKeepIfAffordable : 0)
            if ai { keep *= behaviour.aiKeepMultiplier }
            self.promiseDay[i] = Int16(min(day + delay, Int(Int16.max)))
            self.promiseAmount[i] = amount
            self.promiseKeep[i] = Float(keep)
            self.updateIdle(i)
            self.signal(i, .promise, amount)
        } else if u < resolve + plan + promise + dispute {
            self.outcome.disputes += 1
            self.signal(i, .dispute, 0)
        } else if u < total {
            self.outcome.ceases += 1
            self.hot[i].state |= Bit.cease
            self.signal(i, .cease, 0)
        } else {
            self.willingness[i] *= behaviour.annoyance
        }
    }

    /// The debtor's response to a delivered SMS: fatigue, complaint, opt-out (STOP), read, click to the portal.
    mutating func deliverSMS(_ i: Int, _ day: Int) {
        let behaviour = self.rates
        self.outcome.smsSent += 1
        self.outcome.messageCostMillicents += self.rates.smsMillicents
        let fatigue = Double(self.currentFatigue(i, day))
        self.addFatigue(i, day, behaviour.fatigueSMS)
        if self.draw(i, day, .complaint) < behaviour.complaintPerContact * (1 + fatigue) {
            self.outcome.complaints += 1
        }
        if self.draw(i, day, .smsOptOut) < behaviour.smsOptOutBase + behaviour.smsOptOutPerFatigue * fatigue {
            self.outcome.optOuts += 1
            self.hot[i].state |= Bit.optedOutSMS
            self.signal(i, .optOut, 0)
            return
        }
        guard self.draw(i, day, .smsRead) < behaviour.smsRead else { return }
        if self.clicks(i, day, .smsClick, rate: behaviour.smsClick, fatigue: fatigue) { self.portal(i, day) }
    }

    /// The debtor's response to a delivered email: fatigue, complaint, open, click to the portal.
    mutating func deliverEmail(_ i: Int, _ day: Int) {
        let behaviour = self.rates
        self.outcome.emailsSent += 1
        self.outcome.messageCostMillicents += self.rates.emailMillicents
        let fatigue = Double(self.currentFatigue(i, day))
        self.addFatigue(i, day, behaviour.fatigueEmail)
        if self.draw(i, day, .complaint) < behaviour.complaintPerContact * (1 + fatigue) {
            self.outcome.complaints += 1
        }
        guard self.draw(i, day, .emailOpen) < behaviour.emailOpen else { return }
        if self.clicks(i, day, .emailClick, rate: behaviour.emailClickGivenOpen, fatigue: fatigue) {
            self.portal(i, day)
        }
    }

    /// Whether the debtor clicks through a read message: a `purpose` draw below
    /// `rate · (decay · 2 · willingness · exp(−k · fatigue))`.
    ///
    /// With a non-positive exponent and non-negative factors, the fatigue factor is in [0, 1] and the rounded
    /// products cannot exceed `rate · (decay · 2 · willingness)`: a draw at or above that is no click whatever
    /// the factor, and libm's `pow` is skipped. Draws are stateless, so drawing first changes no number.
    @inline(__always)
    func clicks(_ i: Int, _ day: Int, _ purpose: Purpose, rate: Double, fatigue: Double) -> Bool {
        let draw = self.draw(i, day, purpose)
        let unfatigued = self.decay[day] * 2 * self.willingness[i]
        let exponent = -self.rates.fatigueK * fatigue
        if exponent <= 0 && unfatigued >= 0 && rate >= 0 && draw >= rate * unfatigued { return false }
        return draw < rate * (unfatigued * Math.exp(exponent))
    }

    /// A click to the self-serve portal: resolve (with a settlement offer), set up a plan, or leave.
    mutating func portal(_ i: Int, _ day: Int) {
        let behaviour = self.rates
        guard self.capacity[i] > behaviour.hasCapacityThresholdCents else { return }
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
        let behaviour = self.rates
        self.outcome.plans += 1
        let span = behaviour.planMonthsMax - behaviour.planMonthsMin + 1
        let months = behaviour.planMonthsMin + min(span - 1, Int(self.draw(i, day, .planMonths) * Double(span)))
        let even = (self.balance[i] + Int64(months) - 1) / Int64(months)
        let affordable = Int64((0.3 * Double(self.capacity[i])).rounded()) + 1_000
        self.planAmount[i] = max(1, min(even, affordable))
        self.planRemaining[i] = UInt8(months)
        self.planNextDay[i] = Int16(min(day + behaviour.planFirstDueDays, Int(Int16.max)))
        self.updateIdle(i)
        self.signal(i, .plan, self.planAmount[i])
    }

    /// Moves `cents` from balance to paid and `writeOff` from balance to written off; money is conserved.
    @inline(__always)
    mutating func pay(_ i: Int, _ day: Int, _ cents: Int64, writeOff: Int64) {
        let amount = max(0, min(cents, self.balance[i]))
        let written = max(0, min(writeOff, self.balance[i] - amount))
        self.balance[i] -= amount + written
        self.paid[i] += amount
        self.collectedTotal += amount
        self.writtenOff[i] += written
        self.capacity[i] = max(0, self.capacity[i] - amount)
        if amount > 0 {
            self.hot[i].state |= Bit.paidAny
            self.signal(i, .payment, amount)
        }
        if self.balance[i] == 0 {
            self.promiseDay[i] = -1
            self.planRemaining[i] = 0
            // A settlement leaves nothing owed, but the engine only saw the payment, not the write-off: without
            // this signal the account would keep its place in the call queue as if the rest were still due.
            if written > 0 { self.signal(i, .settled, written) }
        }
        self.updateIdle(i)
    }

    /// Skip tracing: a share of flagged bad numbers come back repaired (SIMULATION.md §5.7).
    mutating func skipTrace(_ day: Int) {
        for i in 0..<self.population.count where self.hot[i].state & Bit.badNumber != 0 {
            if self.draw(i, day, .skipTrace) < self.scenario.agency.skipTraceRepair {
                self.hot[i].state &= ~Bit.badNumber
                self.hot[i].state |= Bit.phoneValid
            }
        }
    }
}
