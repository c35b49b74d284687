/// Confidence intervals used by every report: proportions, means, paired differences and ratios.
///
/// Every function is pure and deterministic; none reads a random number generator.
public enum Statistics {
    /// The 0.975 quantile of the standard normal distribution.
    public static let z975 = 1.959_963_984_540_054

    /// The Wilson score interval for a proportion (Wilson 1927), which stays inside [0, 1] and behaves at 0
    /// and n successes.
    ///
    /// - Parameters:
    ///   - successes: How many trials succeeded (0...trials).
    ///   - trials: How many trials there were.
    ///   - z: The normal quantile; 1.96 for 95%.
    /// - Returns: The estimate; `ci95` is nil when `trials` is 0.
    public static func wilson(successes: Int, trials: Int, z: Double = z975) -> Estimate {
        guard trials > 0 else { return Estimate(mean: 0, ci95: nil, sampleSize: 0) }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        return Estimate(
            mean: p,
            // At 0 and n successes the bound is exactly 0 or 1; clamp rounding there.
            ci95: Interval(
                lower: successes == 0 ? 0 : max(0, centre - half),
                upper: successes == trials ? 1 : min(1, centre + half)
            ),
            sampleSize: trials
        )
    }

    /// The two-sided 95% Student t quantile (`t_{0.975, df}`).
    ///
    /// Exact table values for 1...30 degrees of freedom, then the Cornish-Fisher expansion, which is within
    /// 1e-4 of the true quantile beyond 30.
    public static func t975(degreesOfFreedom df: Int) -> Double {
        precondition(df >= 1, "a t quantile needs at least one degree of freedom")
        if df <= Self.t975Table.count { return Self.t975Table[df - 1] }
        let z = Self.z975
        let v = Double(df)
        let z3 = z * z * z
        let z5 = z3 * z * z
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
    }

    private static let t975Table: [Double] = [
        12.706_205, 4.302_653, 3.182_446, 2.776_445, 2.570_582, 2.446_912, 2.364_624, 2.306_004, 2.262_157,
        2.228_139, 2.200_985, 2.178_813, 2.160_369, 2.144_787, 2.131_450, 2.119_905, 2.109_816, 2.100_922,
        2.093_024, 2.085_963, 2.079_614, 2.073_873, 2.068_658, 2.063_899, 2.059_539, 2.055_529, 2.051_831,
        2.048_407, 2.045_230, 2.042_272,
    ]

    /// The mean of `values` with a t-based 95% interval (`mean ± t · s/√n`).
    ///
    /// - Returns: The estimate; `ci95` is nil with fewer than two values.
    public static func meanInterval(_ values: [Double]) -> Estimate {
        let n = values.count
        guard n > 0 else { return Estimate(mean: 0, ci95: nil, sampleSize: 0) }
        let mean = values.reduce(0, +) / Double(n)
        guard n >= 2 else { return Estimate(mean: mean, ci95: nil, sampleSize: n) }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        let half = Self.t975(degreesOfFreedom: n - 1) * (variance / Double(n)).squareRoot()
        return Estimate(mean: mean, ci95: Interval(lower: mean - half, upper: mean + half), sampleSize: n)
    }

    /// The mean paired difference `treatment[i] − control[i]` with a t-based 95% interval over the pairs.
    ///
    /// Pairs share their luck (common random numbers, or one seed per replication), so the interval is on
    /// the differences, not on two independent means.
    public static func pairedDifference(treatment: [Double], control: [Double]) -> Estimate {
        precondition(treatment.count == control.count, "paired samples must have equal length")
        return Self.meanInterval(zip(treatment, control).map { $0 - $1 })
    }

    /// The ratio `Σ numerator ÷ Σ denominator` over units (accounts) with a delta-method 95% interval,
    /// computed from running sums so that a million accounts need no array.
    public static func ratioInterval(_ sums: RatioSums) -> Estimate {
        let n = Double(sums.count)
        guard sums.count > 0, sums.denominator > 0 else { return Estimate(mean: 0, ci95: nil, sampleSize: sums.count) }
        let ratio = sums.numerator / sums.denominator
        guard sums.count >= 2 else { return Estimate(mean: ratio, ci95: nil, sampleSize: sums.count) }
        // Residuals e_i = y_i − r·x_i sum to zero by construction of r.
        let residualSquares = max(
            0,
            sums.numeratorSquares - 2 * ratio * sums.crossProducts + ratio * ratio * sums.denominatorSquares
        )
        let meanDenominator = sums.denominator / n
        let standardError = (residualSquares / (n - 1) / n).squareRoot() / meanDenominator
        let half = Self.z975 * standardError
        return Estimate(
            mean: ratio,
            ci95: Interval(lower: ratio - half, upper: ratio + half),
            sampleSize: sums.count
        )
    }
}

/// Running sums for a ratio estimator over units: Σy, Σx, Σy², Σx², Σxy and the unit count.
public struct RatioSums: Hashable, Sendable {
    public var count: Int = 0
    public var numerator: Double = 0
    public var denominator: Double = 0
    public var numeratorSquares: Double = 0
    public var denominatorSquares: Double = 0
    public var crossProducts: Double = 0

    public init() {}

    /// Adds one unit with numerator `y` and denominator `x`.
    public mutating func add(numerator y: Double, denominator x: Double) {
        self.count += 1
        self.numerator += y
        self.denominator += x
        self.numeratorSquares += y * y
        self.denominatorSquares += x * x
        self.crossProducts += x * y
    }

    /// Adds every unit of `other`.
    public mutating func merge(_ other: RatioSums) {
        self.count += other.count
        self.numerator += other.numerator
        self.denominator += other.denominator
        self.numeratorSquares += other.numeratorSquares
        self.denominatorSquares += other.denominatorSquares
        self.crossProducts += other.crossProducts
    }
}
