/// A text stored as plain memory: up to 15 UTF-8 bytes inline, a longer one as its `ActionTexts` id.
///
/// For texts that are mostly short and many (an account's debt bucket is usually its debt's id): interning
/// each would keep one table entry per account for the life of the process. The representation is canonical
/// (the length decides it), so two packed texts are equal exactly when their bytes are.
struct PackedText: Sendable, Hashable {
    /// Bytes 0–14 of the text (or the `ActionTexts` id in bytes 0–3), then the byte count in byte 15
    /// (`interned` for an id).
    private var storage: (UInt64, UInt64) = (0, 0)

    private static let interned: UInt8 = 0xFF
    private static let capacity = 15

    init(_ text: String) {
        var text = text
        let stored: Bool = text.withUTF8 { bytes in
            guard bytes.count <= Self.capacity else { return false }
            withUnsafeMutableBytes(of: &self.storage) { raw in
                raw.copyMemory(from: UnsafeRawBufferPointer(bytes))
                raw[Self.capacity] = UInt8(bytes.count)
            }
            return true
        }
        guard !stored else { return }
        let id = ActionTexts.shared.id(text)
        withUnsafeMutableBytes(of: &self.storage) { raw in
            raw.storeBytes(of: id, as: UInt32.self)
            raw[Self.capacity] = Self.interned
        }
    }

    /// The text.
    var string: String {
        withUnsafeBytes(of: self.storage) { raw in
            let count = raw[Self.capacity]
            if count == Self.interned { return ActionTexts.shared.text(raw.load(as: UInt32.self)) }
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<Int(count)]), as: UTF8.self)
        }
    }

    static func == (lhs: PackedText, rhs: PackedText) -> Bool {
        lhs.storage == rhs.storage
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(self.storage.0)
        hasher.combine(self.storage.1)
    }
}
