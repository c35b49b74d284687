import ArgumentParser
import DunSim

/// Reads the scenario and the strategies `dun simulate` compares.
enum SimulationInputs {
    static func scenario(path: String?) throws -> Scenario {
        guard let path else { return Scenario() }
        throw ValidationError("\(path):1:1: error: scenario files need the YAML-lite reader, which is not merged yet")
    }

    static func strategies(campaigns: [String], baseline: String?) throws -> [Strategy] {
        if let baseline {
            throw ValidationError("\(baseline):1:1: error: campaign files need the campaign decoder, not merged yet")
        }
        if let first = campaigns.first {
            throw ValidationError("\(first):1:1: error: campaign files need the campaign decoder, not merged yet")
        }
        return [Strategy.agency()] + Strategy.builtInChallengers
    }
}
