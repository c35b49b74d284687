#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A progress bar with an estimate of the time left, on stderr, only when stderr is a terminal.
///
/// It reads the monotonic clock for the estimate only; nothing it reads reaches a result.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let started: Double
    private var lock = pthread_mutex_t()

    private init(label: String) {
        self.label = label
        self.started = Self.seconds()
        pthread_mutex_init(&self.lock, nil)
    }

    deinit { pthread_mutex_destroy(&self.lock) }

    /// A bar when stderr is a terminal; nil otherwise (quiet when piped or in CI).
    static func onTerminal(label: String) -> ProgressBar? {
        isatty(2) == 1 ? ProgressBar(label: label) : nil
    }

    /// Shows `done` of `total` jobs.
    func update(_ done: Int, _ total: Int) {
        pthread_mutex_lock(&self.lock)
        defer { pthread_mutex_unlock(&self.lock) }
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let elapsed = Self.seconds() - self.started
        let remaining = done == 0 ? 0 : elapsed / Double(done) * Double(total - done)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = "\r\(self.label) [\(bar)] \(done)/\(total) ETA \(Int(remaining.rounded(.up)))s "
        Self.writeError(line)
    }

    /// Clears the line.
    func finish() {
        Self.writeError("\r" + String(repeating: " ", count: 70) + "\r")
    }

    private static func writeError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }

    private static func seconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
