extension Unicode.Scalar {
    /// Whether the scalar is an ASCII letter or digit.
    var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}
