/// Cohorts: the outcome of a portfolio run in parts is the sum of the parts.
extension RunOutcome {
    /// Sizes the per-account arrays before cohorts are merged in; `placed` is the portfolio's placed balance
    /// per account (every cohort's placed balances are its members' entries of it, so it is shared, not rebuilt).
    mutating func prepareMerge(placed: [Int64]) {
        self.paid30 = [Int64](repeating: 0, count: placed.count)
        self.paid90 = self.paid30
        self.paid180 = self.paid30
        self.placedPerAccount = placed
    }

    /// Adds a cohort's outcome; `members` are its accounts' indices in the whole portfolio, in cohort order.
    mutating func merge(_ part: RunOutcome, members: StrideTo<Int>) {
        self.placedCents += part.placedCents
        for day in self.collectedByDay.indices { self.collectedByDay[day] += part.collectedByDay[day] }
        for (local, global) in members.enumerated() {
            self.paid30[global] = part.paid30[local]
            self.paid90[global] = part.paid90[local]
            self.paid180[global] = part.paid180[local]
        }
        self.writtenOffCents += part.writtenOffCents
        self.remainingCents += part.remainingCents
        self.conservationViolations += part.conservationViolations
        self.payingAccounts += part.payingAccounts
        self.callAttempts += part.callAttempts
        self.rightPartyContacts += part.rightPartyContacts
        self.promises += part.promises
        self.promisesKept += part.promisesKept
        self.promisesBroken += part.promisesBroken
        self.plans += part.plans
        self.settlements += part.settlements
        self.optOuts += part.optOuts
        self.complaints += part.complaints
        self.disputes += part.disputes
        self.ceases += part.ceases
        self.smsSent += part.smsSent
        self.emailsSent += part.emailsSent
        self.reachedByDay90 += part.reachedByDay90
        self.agentMinutes += part.agentMinutes
        self.agentPaidHours += part.agentPaidHours
        self.voiceMinutes += part.voiceMinutes
        self.messageCostMillicents += part.messageCostMillicents
        self.agentWageCents += part.agentWageCents
        self.commissionCents += part.commissionCents
        self.engineDecisions += part.engineDecisions
        self.policyEvaluations += part.policyEvaluations
        self.engineDeferrals += part.engineDeferrals
        Self.add(part.deferredByRule, to: &self.deferredByRule)
        Self.add(part.endedByReason, to: &self.endedByReason)
        self.endedByReason.sort { $0.0 < $1.0 }
    }

    static func add(_ counts: [(String, Int)], to total: inout [(String, Int)]) {
        for (key, count) in counts {
            if let index = total.firstIndex(where: { $0.0 == key }) {
                total[index].1 += count
            } else {
                total.append((key, count))
            }
        }
    }
}
