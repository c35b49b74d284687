public import DunReport

extension Comparison {
    /// Summarises outcomes (`outcomes[r][s]`, as `run` returns them) into the comparison report.
    ///
    /// With two or more replications, liquidation and the paired difference use a t interval over the
    /// replications' values; with one, a delta-method interval over accounts (paired per account for the
    /// difference). Paying share is a Wilson interval on the pooled accounts.
    public func report(from outcomes: [[RunOutcome]]) -> ComparisonReport {
        let replications = outcomes.count
        let baseline = self.baselineIndex
        var strategies: [StrategyReport] = []
        for (s, strategy) in self.strategies.enumerated() {
            let runs = outcomes.map { $0[s] }
            let accounts = runs.reduce(0) { $0 + $1.accounts }
            let perReplication = Double(max(1, replications))
            func mean(_ value: (RunOutcome) -> Double) -> Double { runs.reduce(0) { $0 + value($1) } / perReplication }
            func meanCents(_ value: (RunOutcome) -> Int64) -> Int64 {
                Int64((Double(runs.reduce(Int64(0)) { $0 + value($1) }) / perReplication).rounded())
            }
            let liquidation30 = Self.liquidation(runs, \.paid30)
            let liquidation90 = Self.liquidation(runs, \.paid90)
            let liquidation180 = Self.liquidation(runs, \.paid180)
            var difference: Estimate?
            var verdict: Verdict?
            if s != baseline {
                let estimate = Self.pairedDifference(runs, outcomes.map { $0[baseline] })
                difference = estimate
                verdict = Verdict(difference: estimate, units: accounts)
            }
            let attempts = runs.reduce(0) { $0 + $1.callAttempts }
            let contacts = runs.reduce(0) { $0 + $1.rightPartyContacts }
            let promises = runs.reduce(0) { $0 + $1.promises }
            let kept = runs.reduce(0) { $0 + $1.promisesKept }
            let broken = runs.reduce(0) { $0 + $1.promisesBroken }
            let reached = runs.reduce(0) { $0 + $1.reachedByDay90 }
            let messages = runs.reduce(0) { $0 + $1.smsSent + $1.emailsSent }
            let days = runs.first?.horizonDays ?? 0
            var curve = [Double](repeating: 0, count: days + 1)
            for run in runs where run.placedCents > 0 {
                for day in 0...days {
                    curve[day] += Double(run.collectedByDay[day]) / Double(run.placedCents) / perReplication
                }
            }
            var totals: [String: Int] = [:]
            for run in runs {
                for (rule, count) in run.deferredByRule { totals[rule, default: 0] += count }
            }
            // Sorted by rule id: dictionary order never reaches the report.
            let deferred = totals.keys.sorted().map { RuleCount(rule: $0, count: Double(totals[$0]!) / perReplication) }
            var endings: [String: Int] = [:]
            for run in runs {
                for (reason, count) in run.endedByReason { endings[reason, default: 0] += count }
            }
            let ended = endings.keys.sorted().map {
                RuleCount(rule: $0, count: Double(endings[$0]!) / perReplication)
            }
            strategies.append(
                StrategyReport(
                    name: strategy.name,
                    isBaseline: s == baseline,
                    payingShare: Statistics.wilson(
                        successes: runs.reduce(0) { $0 + $1.payingAccounts },
                        trials: accounts
                    ),
                    liquidation30: liquidation30,
                    liquidation90: liquidation90,
                    liquidation180: liquidation180,
                    placedCents: meanCents(\.placedCents),
                    collectedCents: meanCents(\.collectedCents),
                    messageCostCents: meanCents { ($0.messageCostMillicents + 500) / 1_000 },
                    agentWageCents: meanCents(\.agentWageCents),
                    commissionCents: meanCents(\.commissionCents),
                    netRecoveredCents: meanCents(\.netRecoveredCents),
                    attemptsPerAccount: Double(attempts) / Double(max(1, accounts)),
                    messagesPerAccount: Double(messages) / Double(max(1, accounts)),
                    rightPartyContactsPerAccount: Double(contacts) / Double(max(1, accounts)),
                    rightPartyContactsPerAttempt: Double(contacts) / Double(max(1, attempts)),
                    promisesPerContact: Double(promises) / Double(max(1, contacts)),
                    promisesKeptShare: Double(kept) / Double(max(1, kept + broken)),
                    reachedByDay90: Double(reached) / Double(max(1, accounts)),
                    optOuts: mean { Double($0.optOuts) },
                    complaints: mean { Double($0.complaints) },
                    disputes: mean { Double($0.disputes) },
                    deferredByRule: deferred,
                    liquidation180VersusBaseline: difference,
                    verdict: verdict,
                    curve: curve,
                    endedBy: ended
                )
            )
        }
        var report = ComparisonReport(
            scenario: self.scenario.name,
            seed: self.seed,
            replications: replications,
            accounts: self.scenario.portfolio.accounts,
            days: self.scenario.portfolio.horizonDays,
            strategies: strategies
        )
        report.notes = self.notes(strategies)
        return report
    }

    /// Plain notes: agent steps that can never meet the agents' shifts, and enrolments the law ended because
    /// texting was not permitted (no consent, or consent older than 60 days: RF-6-SMS).
    func notes(_ reports: [StrategyReport]) -> [String] {
        var notes: [String] = []
        let accounts = Double(max(1, self.scenario.portfolio.accounts))
        for (strategy, report) in zip(self.strategies, reports) {
            let steps = strategy.agentStepsOutsideShifts(self.scenario)
            if !steps.isEmpty {
                notes.append(
                    "\(strategy.name): agent-call step(s) \(steps.joined(separator: ", ")) have send windows that never "
                        + "meet the agents' shifts (in the agency's zone); those calls only wait (CAMPAIGN-WINDOW and "
                        + "CAPACITY deferrals) until a stop rule ends the enrolment."
                )
            }
            if let sms = report.endedBy.first(where: { $0.rule == "RF-6-SMS" }), sms.count / accounts >= 0.01 {
                let share = Int((sms.count / accounts * 100).rounded())
                notes.append(
                    "\(strategy.name): \(share)% of enrolments ended on RF-6-SMS: the account has no text consent "
                        + "(or it is older than 60 days, 12 CFR 1006.6(d)(5)), so the SMS step cannot be sent. That is "
                        + "the law working; a live run's audience (requires_channels: sms) would not enrol them."
                )
            }
        }
        return notes
    }

    static func liquidation(_ runs: [RunOutcome], _ paid: KeyPath<RunOutcome, [Int64]>) -> Estimate {
        if runs.count >= 2 {
            return Statistics.meanInterval(
                runs.map { Double($0[keyPath: paid].reduce(0, +)) / Double(max(1, $0.placedCents)) }
            )
        }
        guard let run = runs.first else { return Estimate(mean: 0, ci95: nil, sampleSize: 0) }
        return Statistics.ratioInterval(Self.sums(run[keyPath: paid], placed: run))
    }

    static func pairedDifference(_ runs: [RunOutcome], _ baselines: [RunOutcome]) -> Estimate {
        if runs.count >= 2 {
            let differences = zip(runs, baselines).map { run, base in
                Double(run.paid180.reduce(0, +) - base.paid180.reduce(0, +)) / Double(max(1, run.placedCents))
            }
            return Statistics.meanInterval(differences)
        }
        guard let run = runs.first, let base = baselines.first else {
            return Estimate(mean: 0, ci95: nil, sampleSize: 0)
        }
        var sums = RatioSums()
        let placed = Self.placedPerAccount(run)
        for i in placed.indices {
            sums.add(numerator: Double(run.paid180[i] - base.paid180[i]), denominator: Double(placed[i]))
        }
        return Statistics.ratioInterval(sums)
    }

    static func sums(_ paid: [Int64], placed run: RunOutcome) -> RatioSums {
        var sums = RatioSums()
        let placed = Self.placedPerAccount(run)
        for i in paid.indices { sums.add(numerator: Double(paid[i]), denominator: Double(placed[i])) }
        return sums
    }

    static func placedPerAccount(_ run: RunOutcome) -> [Int64] {
        run.placedPerAccount
    }
}
