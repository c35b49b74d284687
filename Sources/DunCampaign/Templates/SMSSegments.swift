/// How many SMS segments a text takes (3GPP TS 23.038 / 23.040).
///
/// GSM-7: 160 septets in one segment, 153 per segment when concatenated; characters of the extension
/// table (`^ { } \ [ ~ ] | €` and form feed) take two septets. Any character outside GSM-7 switches the
/// whole message to UCS-2: 70 UTF-16 units in one segment, 67 per segment when concatenated.
public struct SMSSegments: Hashable, Sendable {
    /// The encoding a message needs.
    public enum Encoding: String, Hashable, Sendable {
        case gsm7 = "GSM-7"
        case ucs2 = "UCS-2"
    }

    public var encoding: Encoding
    /// Septets (GSM-7) or UTF-16 code units (UCS-2).
    public var units: Int
    public var segments: Int

    /// Counts the segments of `text`.
    public init(text: String) {
        var septets = 0
        var isGSM = true
        for scalar in text.unicodeScalars {
            if Self.basic.contains(scalar) {
                septets += 1
            } else if Self.extension.contains(scalar) {
                septets += 2
            } else {
                isGSM = false
                break
            }
        }
        if isGSM {
            self.encoding = .gsm7
            self.units = septets
            self.segments = septets <= 160 ? 1 : (septets + 152) / 153
        } else {
            let units = text.utf16.count
            self.encoding = .ucs2
            self.units = units
            self.segments = units <= 70 ? 1 : (units + 66) / 67
        }
    }

    /// The GSM 03.38 basic character set (the escape code itself excluded).
    static let basic: Set<Unicode.Scalar> = Set(
        ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà").unicodeScalars
    )

    /// The GSM 03.38 extension table: each costs an escape plus the character.
    static let `extension`: Set<Unicode.Scalar> = Set("^{}\\[~]|€\u{0C}".unicodeScalars)
}
