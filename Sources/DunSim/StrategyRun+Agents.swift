import DunCore

/// Agent calls on the agency's seats: a capacity pool worked through the shift in priority order.
extension StrategyRun {
    /// Works one day's shift; returns the cents collected during it.
    ///
    /// The pool holds `seats × shift × occupancy` agent-minutes. Accounts are taken in priority order; each
    /// call's instant is the shift start plus the minutes used so far over the seats, in the agency's zone.
    /// An account whose local time is still before 08:00 waits in its zone's queue and is called first once
    /// its zone opens (deferred, not dropped).
    mutating func agentShift(_ day: Int, _ weekday: Int) -> Int64 {
        let agency = self.scenario.agency
        guard let shift = agency.shifts[weekday] else { return 0 }
        let shiftMinutes = Double(shift.end.minuteOfDay - shift.start.minuteOfDay)
        guard shiftMinutes > 0 else { return 0 }
        let seats = agency.agentsPer1000 * Double(self.population.count) / 1_000
        self.outcome.agentPaidHours += seats * shiftMinutes / 60
        let pool = seats * shiftMinutes * agency.occupancy
        guard pool > 0 else { return 0 }
        let rate = pool / shiftMinutes
        let zones = self.scenario.portfolio.zones
        for z in self.earlyQueues.indices { self.earlyQueues[z].removeAll(keepingCapacity: true) }
        var heads = [Int](repeating: 0, count: zones.count)
        var used = 0.0
        var cursor = 0
        var collected: Int64 = 0
        let n = self.priorityOrder.count
        // Two passes when the agency works contactable accounts first (accounts it has reached before, then
        // the rest), each in priority order (SIMULATION.md §5.7: "elevated balances, high-contact-probability").
        let passes = agency.reachedFirst ? 2 : 1
        while used < pool {
            let clock = Double(shift.start.minuteOfDay) + used / rate
            // Deferred accounts whose zone has opened come first: they were reached earlier in the order.
            var account = -1
            var bestPosition = Int.max
            var bestZone = -1
            for z in zones.indices where heads[z] < self.earlyQueues[z].count {
                let offset = (zones[z].utcOffsetHours - agency.utcOffsetHours) * 60
                guard clock + Double(offset) >= 480 else { continue }
                let candidate = Int(self.earlyQueues[z][heads[z]])
                if candidate < bestPosition {
                    bestPosition = candidate
                    bestZone = z
                }
            }
            if bestZone >= 0 {
                heads[bestZone] += 1
                account = Int(self.priorityOrder[bestPosition])
            } else {
                guard cursor < n * passes else {
                    // Nothing left but accounts whose zone has not opened: agents wait for the earliest zone.
                    var wait = Double.infinity
                    for z in zones.indices where heads[z] < self.earlyQueues[z].count {
                        let opens = 480 - Double((zones[z].utcOffsetHours - agency.utcOffsetHours) * 60)
                        wait = min(wait, opens)
                    }
                    guard wait.isFinite, wait < Double(shift.end.minuteOfDay) else { break }
                    used = max(used + 0.01, (wait - Double(shift.start.minuteOfDay)) * rate)
                    continue
                }
                let position = cursor % n
                let pass = cursor / n
                cursor += 1
                let i = Int(self.priorityOrder[position])
                if passes == 2 && (self.state[i] & Bit.reached != 0) != (pass == 0) { continue }
                guard self.agentEligible(i, day) else { continue }
                let massachusetts = self.population.traits[i] & Population.Trait.massachusetts != 0
                if let rule = self.callBlock(i, day, massachusetts: massachusetts) {
                    self.defer_(rule)
                    continue
                }
                let zone = self.zoneIndex(of: i)
                let local = clock + Double((Int(self.population.utcOffsetHours[i]) - agency.utcOffsetHours) * 60)
                if local < 480 {
                    self.defer_(.inconvenientTime)
                    self.earlyQueues[zone].append(Int32(position))
                    continue
                }
                if local >= 1_260 {
                    self.defer_(.inconvenientTime)
                    continue
                }
                account = i
            }
            let i = account
            let massachusetts = self.population.traits[i] & Population.Trait.massachusetts != 0
            let local = clock + Double((Int(self.population.utcOffsetHours[i]) - agency.utcOffsetHours) * 60)
            let before = self.paid[i]
            let minutes = self.call(i, day, weekday, localMinute: Int(local), ai: false, massachusetts: massachusetts)
            self.lastAgentAttempt[i] = Int16(day)
            self.outcome.agentMinutes += minutes
            self.outcome.messageCostMillicents += Int64(
                (minutes * Double(self.scenario.costs.voicePerMinuteMillicents)).rounded()
            )
            used += minutes
            collected += self.paid[i] - before
        }
        return collected
    }

    /// The agency's own filters: a balance left, no cease, no dispute pause, no open promise or plan, a number
    /// not known to be bad, and not tried within the retry gap.
    @inline(__always)
    func agentEligible(_ i: Int, _ day: Int) -> Bool {
        self.balance[i] > 0
            && self.state[i] & (Bit.cease | Bit.badNumber) == 0
            && day >= Int(self.pauseUntil[i])
            && self.promiseDay[i] < 0
            && self.planRemaining[i] == 0
            && day - Int(self.lastAgentAttempt[i]) >= self.scenario.agency.retryGapDays
    }

    @inline(__always)
    func zoneIndex(of i: Int) -> Int {
        let offset = Int(self.population.utcOffsetHours[i])
        return self.scenario.portfolio.zones.firstIndex { $0.utcOffsetHours == offset } ?? 0
    }
}
