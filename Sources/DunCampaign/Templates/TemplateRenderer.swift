public import DunCore

/// Fills a template's `{placeholder}` fields with an account's values.
///
/// ```swift
/// let message = try TemplateRenderer.render(template, values: [.firstName: "Ana", .balance: "$120.00"])
/// ```
public enum TemplateRenderer {
    /// A rendered message: the subject (email only) and the body.
    public struct Message: Hashable, Sendable {
        public var subject: String?
        public var body: String

        public init(subject: String?, body: String) {
            self.subject = subject
            self.body = body
        }
    }

    /// Why a template could not be rendered.
    public struct RenderError: Error, Hashable, Sendable, CustomStringConvertible {
        /// Placeholders used by the template with no value given, in order of first use.
        public var missing: [String]
        /// Fields that are not placeholders (unknown names, unclosed braces).
        public var malformed: [String]

        public init(missing: [String], malformed: [String]) {
            self.missing = missing
            self.malformed = malformed
        }

        public var description: String {
            var parts: [String] = []
            if !self.missing.isEmpty {
                parts.append("no value for \(self.missing.map { "{\($0)}" }.joined(separator: ", "))")
            }
            if !self.malformed.isEmpty { parts.append("malformed \(self.malformed.joined(separator: ", "))") }
            return "cannot render template: " + parts.joined(separator: "; ")
        }
    }

    /// Renders `template`'s subject and body.
    ///
    /// - Parameters:
    ///   - template: A template that passed lint (its placeholders are all known).
    ///   - values: The value of each placeholder the template uses; extra values are ignored.
    /// - Returns: The message with every field filled and `{{`/`}}` turned into single braces.
    /// - Throws: `RenderError` naming every placeholder without a value and every malformed field.
    public static func render(
        _ template: Template,
        values: [Placeholder: String]
    ) throws(RenderError) -> Message {
        var error = RenderError(missing: [], malformed: [])
        let subject = template.subject.map { Self.fill($0, values: values, error: &error) }
        let body = Self.fill(template.body, values: values, error: &error)
        guard error.missing.isEmpty, error.malformed.isEmpty else { throw error }
        return Message(subject: subject, body: body)
    }

    /// Renders plain text with the same rules as `render(_:values:)`.
    public static func render(text: String, values: [Placeholder: String]) throws(RenderError) -> String {
        var error = RenderError(missing: [], malformed: [])
        let result = Self.fill(text, values: values, error: &error)
        guard error.missing.isEmpty, error.malformed.isEmpty else { throw error }
        return result
    }

    static func fill(_ text: String, values: [Placeholder: String], error: inout RenderError) -> String {
        var result = ""
        for piece in TemplateText.pieces(text) {
            switch piece {
            case .literal(let literal):
                result += literal
            case .placeholder(let name):
                if let placeholder = Placeholder(rawValue: name), let value = values[placeholder] {
                    result += value
                } else if Placeholder(rawValue: name) != nil {
                    if !error.missing.contains(name) { error.missing.append(name) }
                } else {
                    error.malformed.append("{\(name)}")
                }
            case .malformed(let text):
                error.malformed.append(text)
            }
        }
        return result
    }
}
