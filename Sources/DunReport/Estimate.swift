/// A closed interval `[lower, upper]` of real numbers.
public struct Interval: Hashable, Sendable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether `value` lies within the interval (ends included).
    public func contains(_ value: Double) -> Bool {
        self.lower <= value && value <= self.upper
    }
}

/// A point estimate with its 95% confidence interval, when one could be computed.
public struct Estimate: Hashable, Sendable {
    /// The point estimate.
    public var mean: Double
    /// The 95% confidence interval; nil when the sample is too small to give one.
    public var ci95: Interval?
    /// The number of independent units behind the estimate (accounts, or replications).
    public var sampleSize: Int

    public init(mean: Double, ci95: Interval?, sampleSize: Int) {
        self.mean = mean
        self.ci95 = ci95
        self.sampleSize = sampleSize
    }
}
