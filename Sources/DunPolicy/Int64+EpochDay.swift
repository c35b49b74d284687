extension Int64 {
    /// The day (since 1970-01-01) of these seconds: floor division by 86,400, inlined here because
    /// `floorDiv(_:)` is a call into DunCore and the policy asks several times per decision and per record.
    @inline(__always)
    var epochDay: Int64 {
        let quotient = self / 86_400
        return self % 86_400 < 0 ? quotient - 1 : quotient
    }
}
