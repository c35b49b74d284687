import DunCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The wall clock for one-shot commands (`dun import`, `dun record`) when `--at` is not given.
///
/// TODO: use DunRuntime's SystemUTCClock once that module lands; this is the only other wall-clock read.
enum CommandClock {
    /// The current instant, or the one `--at` names.
    static func instant(_ at: String?) throws -> UTCInstant {
        if let at {
            guard let instant = ISO8601.parse(at) else {
                throw CommandError(
                    "--at: expected an ISO-8601 instant with offset like 2026-03-01T14:30:00Z, found '\(at)'"
                )
            }
            return instant
        }
        return UTCInstant(secondsSinceEpoch: Int64(time(nil)))
    }
}

/// A command-line error printed as `error: message` with exit status 1.
struct CommandError: Error, CustomStringConvertible {
    var description: String

    init(_ message: String) {
        self.description = message
    }
}
