public import DunCore

extension FieldParser {
    /// Parses inconvenient-time spans: `;`-separated `[DAYS ]HH:MM-HH:MM`, DAYS a `,`-list of day names or
    /// three-letter abbreviations (every day when absent). Example: `mon,tue 09:00-12:00;21:00-23:00`.
    public static func inconvenientTimes(_ text: String) -> Result<[InconvenientTime], FieldError> {
        let failure = Result<[InconvenientTime], FieldError>.failure(
            FieldError("expected spans like 'mon,tue 09:00-12:00;20:00-21:00'", found: text)
        )
        var spans: [InconvenientTime] = []
        for part in text.split(separator: ";") {
            let words = part.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count == 1 || words.count == 2, let range = words.last else { return failure }
            var days: [Weekday] = []
            if words.count == 2 {
                for name in words[0].split(separator: ",") {
                    guard let day = Weekday(name: name) else { return failure }
                    days.append(day)
                }
            }
            let bounds = range.split(separator: "-")
            guard bounds.count == 2, let from = LocalTime(text: bounds[0]), let to = LocalTime(text: bounds[1]) else {
                return failure
            }
            spans.append(InconvenientTime(days: days, from: from, to: to))
        }
        return .success(spans)
    }

    /// The inverse of `inconvenientTimes(_:)`.
    public static func format(_ spans: [InconvenientTime]) -> String {
        spans.map { span in
            let range = "\(span.from)-\(span.to)"
            guard !span.days.isEmpty else { return range }
            return span.days.map { String($0.rawValue.prefix(3)) }.joined(separator: ",") + " " + range
        }.joined(separator: ";")
    }
}
