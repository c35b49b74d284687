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
        if let inline = PackedText(inline: text) {
            self = inline
            return
        }
        let id = ActionTexts.shared.id(text)
        withUnsafeMutableBytes(of: &self.storage) { raw in
            raw.storeBytes(of: id, as: UInt32.self)
            raw[Self.capacity] = Self.interned
        }
    }

    /// `text` stored inline; nil when it is longer than 15 UTF-8 bytes. Touches no table (a string that short
    /// is stored inside the `String` value itself, so this reads no other memory either).
    @inline(__always)
    init?(inline text: String) {
        guard text.utf8.count <= Self.capacity else { return nil }
        // Read in place when the text's bytes are contiguous (always for a native string): `withUTF8` needs a
        // mutable copy of the string, a retain and a release per call.
        let stored: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            self.storeInline(bytes)
        }
        if stored == nil {
            var text = text
            text.withUTF8 { bytes in self.storeInline(bytes) }
        }
    }

    @inline(__always)
    private mutating func storeInline(_ bytes: UnsafeBufferPointer<UInt8>) {
        withUnsafeMutableBytes(of: &self.storage) { raw in
            raw.copyMemory(from: UnsafeRawBufferPointer(bytes))
            raw[Self.capacity] = UInt8(bytes.count)
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
