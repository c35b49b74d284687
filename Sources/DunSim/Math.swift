#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The few libm functions the simulator needs, behind one name so model code reads plainly.
enum Math {
    @inline(__always) static func log(_ x: Double) -> Double { ln(x) }
    @inline(__always) static func exp(_ x: Double) -> Double { power(2.718_281_828_459_045, x) }
    @inline(__always) static func cos(_ x: Double) -> Double { cosine(x) }
    @inline(__always) static func pow(_ x: Double, _ y: Double) -> Double { power(x, y) }

    /// `Int64(x.rounded())` (to nearest, ties away from zero) without a call into libm's `round`: the
    /// conversion truncates, and the part it dropped (exact: a double's fractional part is representable)
    /// says whether to step away from zero. Traps where `Int64(x.rounded())` would (NaN, out of range).
    @inline(__always) static func roundedInt64(_ x: Double) -> Int64 {
        let truncated = Int64(x)
        if x >= 0 {
            return x - Double(truncated) >= 0.5 ? truncated + 1 : truncated
        }
        return Double(truncated) - x >= 0.5 ? truncated - 1 : truncated
    }
}

@inline(__always) private func ln(_ x: Double) -> Double { log(x) }
@inline(__always) private func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inline(__always) private func cosine(_ x: Double) -> Double { cos(x) }
