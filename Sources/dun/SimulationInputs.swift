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

    static let defaultBaseline = "campaigns/agency-baseline.yaml"

    /// The baseline (`--baseline FILE`, else `campaigns/agency-baseline.yaml`) followed by the challengers: the
    /// campaign files given, or with none, every other bundled `campaigns/*.yaml`. Every strategy is a campaign
    /// run through the engine and the contact policy.
    static func strategies(campaigns: [String], baseline: String?) throws -> [Strategy] {
        let baselinePath = baseline ?? Self.defaultBaseline
        var strategies = [Strategy.agency(try Self.campaign(baselinePath))]
        if !campaigns.isEmpty {
            for path in campaigns { strategies.append(Strategy(campaign: try Self.campaign(path))) }
            return strategies
        }
        for path in Self.bundledCampaigns() where path != Self.defaultBaseline && path != baselinePath {
            strategies.append(Strategy(campaign: try Self.campaign(path)))
        }
        return strategies
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
