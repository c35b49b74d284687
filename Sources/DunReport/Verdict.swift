/// What a difference and its interval mean, in words an analyst can act on.
public enum Verdict: String, Hashable, Sendable {
    /// The interval excludes zero and the difference is positive.
    case better
    /// The interval excludes zero and the difference is negative.
    case worse
    /// The interval includes zero.
    case notSignificant = "not_significant"
    /// No interval could be computed, or the sample is below the minimum.
    case tooSmall = "too_small"

    /// The fewest accounts (times replications) behind a comparison before dun will call it.
    public static let minimumSample = 200

    /// Classifies a difference estimate.
    ///
    /// - Parameters:
    ///   - difference: The paired difference (treatment − baseline) with its interval.
    ///   - units: How many accounts × replications lie behind it.
    public init(difference: Estimate, units: Int) {
        guard let interval = difference.ci95, units >= Self.minimumSample else {
            self = .tooSmall
            return
        }
        if interval.lower > 0 {
            self = .better
        } else if interval.upper < 0 {
            self = .worse
        } else {
            self = .notSignificant
        }
    }

    /// A plain sentence for the table's footnotes.
    public var sentence: String {
        switch self {
        case .better: "better than the baseline (the 95% interval excludes zero)"
        case .worse: "worse than the baseline (the 95% interval excludes zero)"
        case .notSignificant: "not significant: the 95% interval includes zero, so this run cannot tell them apart"
        case .tooSmall: "sample too small to tell: run more accounts or replications"
        }
    }
}
