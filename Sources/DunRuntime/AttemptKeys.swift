public import DunStore

/// Deterministic idempotency keys for live attempts.
public enum AttemptKeys {
    /// `RUN.CAMPAIGN.VARIANT.STEP.ACCOUNT.SERIAL`, each component reduced to `[A-Za-z0-9_-]` (other bytes as
    /// `_XX` hex), so the key is a plain token a gateway header and an email Message-ID accept. Keys longer
    /// than 120 characters keep a readable prefix and end in a 64-bit FNV-1a hash of the full key.
    ///
    /// The serial is the engine's per-account attempt serial: the engine is deterministic, so a replay after
    /// a restart derives the same key for the same decision, and a retry (a new decision) a new one.
    public static func key(
        runID: String,
        campaign: String,
        variant: String,
        step: String,
        accountID: String,
        serial: UInt32
    ) -> AttemptKey {
        let full = [runID, campaign, variant, step, accountID].map(Self.token).joined(separator: ".") + ".\(serial)"
        guard full.utf8.count > 120 else { return AttemptKey(rawValue: full) }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in full.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return AttemptKey(
            rawValue: String(full.prefix(100)) + "-" + String(repeating: "0", count: 16 - hex.count) + hex
        )
    }

    static func token(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "_" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output.isEmpty ? "_" : output
    }
}
