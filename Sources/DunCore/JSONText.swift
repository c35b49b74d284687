/// Minimal JSON text for dun's hand-written encoders, which fix their key order so the same value gives the
/// same bytes in every process.
public enum JSONText {
    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped, everything else as is.
    public static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    /// A JSON object from string fields, in the given order.
    public static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(self.quoted($0.0)):\(self.quoted($0.1))" }.joined(separator: ",") + "}"
    }
}
