import ArgumentParser
import DunCampaign
import DunCore
import DunSim

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Reads the scenario and the strategies `dun simulate` compares.
enum SimulationInputs {
    static let defaultScenario = "simulators/default.yaml"
    static let campaignDirectory = "campaigns"

    /// The scenario at `path`; with no path, `simulators/default.yaml` when it exists and can be read, else the
    /// built-in defaults (the same values).
    static func scenario(path: String?) throws -> Scenario {
        if let path { return try Self.loadScenario(path) }
        guard FileManager.default.fileExists(atPath: Self.defaultScenario) else { return Scenario() }
        do {
            return try ScenarioLoader.load(file: Self.defaultScenario)
        } catch {
            Self.note(
                "\(Self.defaultScenario) could not be read (\(error.diagnostics.first?.message ?? "")); "
                    + "using the built-in defaults, which are the same values"
            )
            return Scenario()
        }
    }

    static func loadScenario(_ path: String) throws -> Scenario {
        do {
            return try ScenarioLoader.load(file: path)
        } catch {
            throw InputError(error.description)
        }
    }

    /// The baseline (a campaign file, or the built-in agency) followed by the challengers: the campaign files
    /// given, or with none, every bundled `campaigns/*.yaml` (run through the engine), or when those cannot be
    /// read, the built-in challengers.
    static func strategies(campaigns: [String], baseline: String?) throws -> [Strategy] {
        var strategies: [Strategy] = []
        if let baseline {
            strategies.append(Strategy(campaign: try Self.campaign(baseline), isBaseline: true))
        } else {
            strategies.append(Strategy.agency())
        }
        if !campaigns.isEmpty {
            for path in campaigns { strategies.append(Strategy(campaign: try Self.campaign(path))) }
            return strategies
        }
        let bundled = Self.bundledCampaigns()
        var loaded: [Strategy] = []
        for path in bundled {
            let result = CampaignLoader.load(file: path)
            guard let campaign = result.campaign else {
                Self.note(
                    "\(path) could not be read (\(result.diagnostics.first?.message ?? "")); "
                        + "using the built-in challengers"
                )
                return strategies + Strategy.builtInChallengers
            }
            loaded.append(Strategy(campaign: campaign))
        }
        return strategies + (loaded.isEmpty ? Strategy.builtInChallengers : loaded)
    }

    static func bundledCampaigns() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Self.campaignDirectory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { Self.campaignDirectory + "/" + $0 }
    }

    static func campaign(_ path: String) throws -> Campaign {
        do {
            return try CampaignLoader.campaign(file: path)
        } catch {
            throw InputError(error.description)
        }
    }

    static func note(_ text: String) {
        var bytes = Array("note: \(text)\n".utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }
}
