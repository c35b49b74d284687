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
}

@inline(__always) private func ln(_ x: Double) -> Double { log(x) }
@inline(__always) private func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inline(__always) private func cosine(_ x: Double) -> Double { cos(x) }
