/// Masks phone numbers and email addresses in text bound for logs: `+14155550123` → `+1415•••0123`,
/// `jane.doe@example.com` → `j•••@example.com`.
///
/// Personal contact data never reaches a log line or a dashboard unmasked; the store keeps the full values.
public enum Redaction {
    /// The text with every E.164-looking number (a `+` and 8–15 digits) and every email address masked.
    public static func redact(_ text: String) -> String {
        var output = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "+" {
                var end = index + 1
                while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
                let digits = end - index - 1
                if (8...15).contains(digits) {
                    output += Self.phone(String(characters[index..<end]))
                    index = end
                    continue
                }
            }
            if character == "@" {
                // Walk back over the local part already copied, and forward over the domain.
                var localLength = 0
                for scalar in output.reversed() {
                    guard Self.isLocalPart(scalar) else { break }
                    localLength += 1
                }
                var end = index + 1
                while end < characters.count, Self.isDomain(characters[end]) { end += 1 }
                if localLength > 0, end > index + 1 {
                    let local = String(output.suffix(localLength))
                    output.removeLast(localLength)
                    output += Self.email(local: local, domain: String(characters[(index + 1)..<end]))
                    index = end
                    continue
                }
            }
            output.append(character)
            index += 1
        }
        return output
    }

    /// `+1415•••0123`: country code and area kept, the middle masked, the last four kept.
    public static func phone(_ number: String) -> String {
        let characters = Array(number)
        guard characters.count > 8 else { return "+•••" }
        return String(characters.prefix(5)) + "•••" + String(characters.suffix(4))
    }

    /// `j•••@example.com`.
    public static func email(local: String, domain: String) -> String {
        "\(local.prefix(1))•••@\(domain)"
    }

    /// Masks one destination (a phone number or an email address).
    public static func destination(_ destination: String) -> String {
        if let at = destination.firstIndex(of: "@") {
            return Self.email(
                local: String(destination[..<at]),
                domain: String(destination[destination.index(after: at)...])
            )
        }
        return Self.phone(destination)
    }

    private static func isLocalPart(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || ".!#$%&'*+/=?^_`{|}~-".contains(character))
    }

    private static func isDomain(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "." || character == "-")
    }
}
