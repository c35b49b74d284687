/// A seeded percentile bootstrap for the mean of paired differences.
///
/// Used where a t interval's normality is doubtful (few replications, skewed per-account recoveries). The
/// generator is SplitMix64 seeded by the caller, so the interval is the same in every process.
public enum Bootstrap {
    /// The percentile 95% interval of the mean of `differences`, from `resamples` resamples.
    ///
    /// - Returns: The estimate; `ci95` is nil with fewer than two differences.
    public static func meanInterval(_ differences: [Double], resamples: Int = 2_000, seed: UInt64) -> Estimate {
        let n = differences.count
        guard n > 0 else { return Estimate(mean: 0, ci95: nil, sampleSize: 0) }
        let mean = differences.reduce(0, +) / Double(n)
        guard n >= 2, resamples >= 40 else { return Estimate(mean: mean, ci95: nil, sampleSize: n) }
        var state = seed
        var means = [Double](repeating: 0, count: resamples)
        for r in 0..<resamples {
            var sum = 0.0
            for _ in 0..<n {
                sum += differences[Int(Self.next(&state) % UInt64(n))]
            }
            means[r] = sum / Double(n)
        }
        means.sort()
        let lowerIndex = Int((Double(resamples) * 0.025).rounded(.down))
        let upperIndex = min(resamples - 1, Int((Double(resamples) * 0.975).rounded(.up)) - 1)
        return Estimate(mean: mean, ci95: Interval(lower: means[lowerIndex], upper: means[upperIndex]), sampleSize: n)
    }

    private static func next(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
