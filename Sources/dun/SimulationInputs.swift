import ArgumentParser
import DunCampaign
import DunCore
import DunSim

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads the scenario and the strategies `dun simulate` compares.
enum SimulationInputs {
    static func scenario(path: String?) throws -> Scenario {
        guard let path else { return Scenario() }
        do {
            return try ScenarioLoader.load(file: path)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The baseline (a campaign file, or the built-in agency) followed by the challengers (campaign files, or
    /// the built-in ones when none is given).
    static func strategies(campaigns: [String], baseline: String?, builtIn: Bool) throws -> [Strategy] {
        var strategies: [Strategy] = []
        if let baseline {
            strategies.append(Strategy(campaign: try Self.campaign(baseline), isBaseline: true))
        } else {
            strategies.append(Strategy.agency())
        }
        if campaigns.isEmpty && builtIn {
            strategies += Strategy.builtInChallengers
        }
        for path in campaigns {
            strategies.append(Strategy(campaign: try Self.campaign(path)))
        }
        return strategies
    }

    static func campaign(_ path: String) throws -> Campaign {
        do {
            return try CampaignLoader.campaign(file: path)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
