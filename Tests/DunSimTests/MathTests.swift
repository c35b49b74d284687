import Testing

@testable import DunSim

struct MathTests {
    /// `Math.roundedInt64` must be `Int64(x.rounded())` exactly: the simulator's costs and handle times go
    /// through it, and a different rounding anywhere would change the output.
    @Test func roundedInt64MatchesRounded() {
        let edges: [Double] = [
            0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
            4_503_599_627_370_495.5, -4_503_599_627_370_495.5, 9_007_199_254_740_992, 1e18, -1e18,
            Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, 1.0.nextDown, 2.5.nextUp, 2.5.nextDown,
        ]
        for x in edges {
            #expect(Math.roundedInt64(x) == Int64(x.rounded()), "x = \(x)")
        }
        var random = SplitMix64(seed: 7)
        for _ in 0..<100_000 {
            // Handle times and costs (a few to a few thousand), halves and arbitrary magnitudes.
            let scale = [1.0, 60, 1_000, 1e6, 1e12][Int(random.next() % 5)]
            var x = (random.uniform() * 2 - 1) * scale
            if random.next() % 4 == 0 { x = (x * 2).rounded() / 2 }
            #expect(Math.roundedInt64(x) == Int64(x.rounded()), "x = \(x)")
        }
    }
}
