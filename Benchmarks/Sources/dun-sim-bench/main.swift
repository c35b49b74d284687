// dun-sim-bench: the simulator's speed and memory targets (issue 4, item 7), measured in one process.
//
//   dun-sim-bench single [ACCOUNTS] [RUNS]   one strategy (the agency baseline), one replication, one core
//   dun-sim-bench engine [ACCOUNTS] [FILE]   one campaign through the scheduler engine, one core
//   dun-sim-bench all [ACCOUNTS]             agency baseline + every other bundled campaign, on all cores
//
// Prints one line per measurement: what, accounts, seconds (median of RUNS), and peak RSS (VmHWM).
import DunCampaign
import DunSim

#if canImport(Glibc)
import Glibc
#endif

func seconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// CPU seconds (user + system) this process has used: on a shared machine, wall time includes waiting.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}

func peakRSSMegabytes() -> Double {
    guard let file = fopen("/proc/self/status", "r") else { return 0 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, 256, file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix("VmHWM:") {
            let digits = text.filter { $0.isNumber }
            return (Double(digits) ?? 0) / 1_024
        }
    }
    return 0
}

func scenario(accounts: Int) -> Scenario {
    var scenario = Scenario()
    scenario.portfolio.accounts = accounts
    scenario.portfolio.horizonDays = 180
    return scenario
}

/// The agency baseline: campaigns/agency-baseline.yaml on the scenario's agent seats.
func baseline() -> Strategy {
    guard let campaign = CampaignLoader.load(file: "campaigns/agency-baseline.yaml").campaign else {
        print("cannot load campaigns/agency-baseline.yaml (run from the repository root)")
        exit(1)
    }
    return .agency(campaign)
}

/// The engine's work and why enrolments ended or waited, for one outcome (one line each).
func describe(_ outcome: RunOutcome) -> String {
    let accounts = Double(max(1, outcome.accounts))
    let attempts = outcome.callAttempts + outcome.smsSent + outcome.emailsSent
    func perAccount(_ count: Int) -> String { String(Double(Int(Double(count) / accounts * 100)) / 100) }
    let deferred = outcome.deferredByRule.sorted { $0.0 < $1.0 }.map { "\($0.0)=\(perAccount($0.1))" }
    let ended = outcome.endedByReason.map { "\($0.0)=\(perAccount($0.1))" }
    return "  \(outcome.strategy): per account: attempts=\(perAccount(attempts)) "
        + "decisions=\(perAccount(outcome.engineDecisions)) policy_evaluations=\(perAccount(outcome.policyEvaluations)) "
        + "deferrals=\(perAccount(outcome.engineDeferrals))\n    deferred_by_rule: \(deferred.joined(separator: " "))"
        + "\n    ended_by: \(ended.joined(separator: " "))"
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

let arguments = CommandLine.arguments
let mode = arguments.count > 1 ? arguments[1] : "single"
switch mode {
case "single":
    let accounts = arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000
    let runs = max(1, arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3)
    var singleScenario = scenario(accounts: accounts)
    // `single N RUNS fixed-offset`: the agency's shifts at a fixed UTC−5 (no DST), as before the IANA zone.
    if arguments.count > 4 && arguments[4] == "fixed-offset" { singleScenario.agency.zone = nil }
    let comparison = Comparison(scenario: singleScenario, strategies: [baseline()], seed: 1)
    var times: [Double] = []
    var cpu: [Double] = []
    var last: RunOutcome?
    for _ in 0..<runs {
        let start = seconds()
        let startCPU = cpuSeconds()
        let outcome = comparison.runJob(replication: 0, strategy: 0)
        times.append(seconds() - start)
        cpu.append(cpuSeconds() - startCPU)
        last = outcome
    }
    // The headline figures, so the SimPy peer (Benchmarks/peers/simpy_agency.py) can be compared with them.
    guard let outcome = last else { exit(1) }
    let report = comparison.report(from: [[outcome]]).strategies[0]
    func fixed(_ value: Double) -> String {
        let scaled = (value * 10_000).rounded()
        return String(Int(scaled) / 10_000) + "." + String(String(Int(abs(scaled)) % 10_000 + 10_000).dropFirst())
    }
    print(
        "single agency accounts=\(accounts) days=180 runs=\(runs) median_wall_s=\(median(times)) "
            + "median_cpu_s=\(median(cpu)) collected_cents=\(outcome.collectedCents) peak_rss_mb=\(peakRSSMegabytes())"
    )
    print(
        "figures attempts_per_account=\(fixed(report.attemptsPerAccount)) "
            + "rpc_per_attempt=\(fixed(report.rightPartyContactsPerAttempt)) "
            + "liq_d30=\(fixed(report.liquidation30.mean)) liq_d90=\(fixed(report.liquidation90.mean)) "
            + "liq_d180=\(fixed(report.liquidation180.mean)) promises_per_rpc=\(fixed(report.promisesPerContact)) "
            + "promises_kept=\(fixed(report.promisesKeptShare)) reached_d90=\(fixed(report.reachedByDay90)) "
            + "paying_share=\(fixed(Double(outcome.payingAccounts) / Double(max(1, outcome.accounts)))) "
            + "disputes=\(outcome.disputes) ceases=\(outcome.ceases) settlements=\(outcome.settlements) "
            + "plans=\(outcome.plans)"
    )
    print(describe(outcome))
case "engine":
    let accounts = arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000
    let path = arguments.count > 3 ? arguments[3] : "campaigns/hybrid.yaml"
    guard let campaign = CampaignLoader.load(file: path).campaign else {
        print("cannot load \(path)")
        exit(1)
    }
    let comparison = Comparison(
        scenario: scenario(accounts: accounts),
        strategies: [Strategy(campaign: campaign)],
        seed: 1
    )
    let start = seconds()
    let startCPU = cpuSeconds()
    let outcome = comparison.runJob(replication: 0, strategy: 0)
    print(
        "engine \(path) accounts=\(accounts) days=180 wall_s=\(seconds() - start) cpu_s=\(cpuSeconds() - startCPU) attempts=\(outcome.callAttempts) "
            + "messages=\(outcome.smsSent + outcome.emailsSent) peak_rss_mb=\(peakRSSMegabytes())"
    )
    print(describe(outcome))
case "all":
    let accounts = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
    var strategies: [Strategy] = [baseline()]
    let names = ["call-heavy", "digital-first", "hybrid"]
    let campaigns = names.compactMap { CampaignLoader.load(file: "campaigns/\($0).yaml").campaign }
    strategies += campaigns.map { Strategy(campaign: $0) }
    let comparison = Comparison(scenario: scenario(accounts: accounts), strategies: strategies, seed: 1)
    let start = seconds()
    let startCPU = cpuSeconds()
    let outcomes = await comparison.run()
    let elapsed = seconds() - start
    let cpu = cpuSeconds() - startCPU
    let report = comparison.report(from: outcomes)
    print(
        "all strategies=\(strategies.count) accounts=\(accounts) days=180 replications=1 wall_s=\(elapsed) cpu_s=\(cpu) "
            + "peak_rss_mb=\(peakRSSMegabytes()) baseline_l180=\(report.strategies[0].liquidation180.mean)"
    )
    for outcome in outcomes[0] { print(describe(outcome)) }
case "calibrate":
    // The calibration test's run (20 seeds × 2,000 accounts, the agency baseline), in release, with the metric
    // means; `calibrate fixed-offset` runs the agency's shifts at a fixed UTC−5 instead of America/New_York.
    var scenario = scenario(accounts: 2_000)
    if arguments.count > 2 && arguments[2] == "fixed-offset" { scenario.agency.zone = nil }
    let comparison = Comparison(scenario: scenario, strategies: [baseline()], replications: 20, seed: 2_026)
    let startCPU = cpuSeconds()
    let outcomes = comparison.runSerial().map { $0[0] }
    func mean(_ value: (RunOutcome) -> Double) -> Double { outcomes.reduce(0) { $0 + value($1) } / 20 }
    let metrics: [(String, Double)] = [
        ("rpc_per_attempt", mean { Double($0.rightPartyContacts) / Double($0.callAttempts) }),
        ("ptp_per_rpc", mean { Double($0.promises) / Double($0.rightPartyContacts) }),
        ("ptp_kept", mean { Double($0.promisesKept) / Double($0.promisesKept + $0.promisesBroken) }),
        ("reached_d90", mean { Double($0.reachedByDay90) / Double($0.accounts) }),
        ("attempts_per_account", mean { Double($0.callAttempts) / Double($0.accounts) }),
        ("liquidation_d30", mean { Double($0.collectedByDay[30]) / Double($0.placedCents) }),
        ("liquidation_d90", mean { Double($0.collectedByDay[90]) / Double($0.placedCents) }),
        ("liquidation_d180", mean { Double($0.collectedByDay[180]) / Double($0.placedCents) }),
    ]
    print("calibrate zone=\(scenario.agency.zone ?? "fixed UTC-5") cpu_s=\(cpuSeconds() - startCPU)")
    for (name, value) in metrics { print("  \(name) \(value)") }
default:
    print("usage: dun-sim-bench single|engine|all|calibrate [ACCOUNTS] …")
    exit(2)
}
