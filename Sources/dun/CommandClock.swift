import DunCore
import DunRuntime

/// The wall clock for one-shot commands (`dun import`, `dun record`) when `--at` is not given.
/// The wall-clock read goes through DunRuntime's `SystemUTCClock`, the one place dun reads the wall clock.
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
        return SystemUTCClock().now()
    }
}

/// A command-line error printed as `error: message` with exit status 1.
struct CommandError: Error, CustomStringConvertible {
    var description: String

    init(_ message: String) {
        self.description = message
    }
}
