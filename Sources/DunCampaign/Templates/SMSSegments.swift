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
            if scalar.isASCII {
                let cost = Self.asciiCost[Int(scalar.value)]
                guard cost > 0 else {
                    isGSM = false
                    break
                }
                septets += Int(cost)
            } else if Self.basic.contains(scalar) {
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

    /// Septets per ASCII character: 1 in the basic set, 2 in the extension table, 0 when not GSM-7.
    static let asciiCost: [UInt8] = (0..<128).map { value in
        let scalar = Unicode.Scalar(UInt8(value))
        if Self.basic.contains(scalar) { return 1 }
        if Self.extension.contains(scalar) { return 2 }
        return 0
    }

    /// The GSM 03.38 extension table: each costs an escape plus the character.
    static let `extension`: Set<Unicode.Scalar> = Set("^{}\\[~]|€\u{0C}".unicodeScalars)
}
