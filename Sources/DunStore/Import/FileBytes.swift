#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and writes with POSIX calls (no Foundation in the store's import path).
public enum FileBytes {
    /// An I/O failure naming the file and the system's reason.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// `path: error: cannot read: No such file or directory`.
        public var description: String
    }

    /// Reads the whole file at `path`.
    public static func read(_ path: String) throws(Failure) -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw Self.failure(path, "cannot read") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
            if count < chunk.count {
                if ferror(file) != 0 { throw Self.failure(path, "cannot read") }
                return bytes
            }
        }
    }

    /// Writes `text` to `path`, replacing it.
    public static func write(_ text: String, to path: String) throws(Failure) {
        guard let file = fopen(path, "wb") else { throw Self.failure(path, "cannot write") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let closed = fclose(file)
        guard written == bytes.count, closed == 0 else { throw Self.failure(path, "cannot write") }
    }

    private static func failure(_ path: String, _ what: String) -> Failure {
        Failure(description: "\(path): error: \(what): \(String(cString: strerror(errno)))")
    }
}
