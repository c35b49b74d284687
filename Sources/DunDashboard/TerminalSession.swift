#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal the dashboard runs in: raw keyboard input, the screen size, and restoring both on every exit.
///
/// `start()` saves the terminal's settings, switches to raw input and the alternate screen; `restore()` puts
/// everything back and is idempotent. Signal handlers for SIGINT, SIGTERM, SIGHUP and the crash signals
/// (SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGFPE, SIGTRAP — Swift runtime traps) restore the terminal before the
/// process ends, so a crash never leaves the operator's shell in raw mode.
public final class TerminalSession: @unchecked Sendable {
    // The saved settings live in a global so async-signal-safe handlers can reach them without Swift
    // runtime calls; only `tcsetattr` and `write` run in a handler.
    private let input: Int32
    private let output: Int32
    /// Set once input reaches end of file: from then on the wait is a plain timeout, never a busy loop.
    private var inputClosed = false

    /// Whether standard output is a terminal (and so the dashboard should be interactive).
    public static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Whether standard input is a terminal (keys can be read).
    public static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Whether the environment asks for no color (`NO_COLOR` set to anything non-empty) or the terminal is dumb.
    public static func colorAllowed(environment: [String: String]) -> Bool {
        if let value = environment["NO_COLOR"], !value.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    public init(input: Int32 = 0, output: Int32 = 1) {
        self.input = input
        self.output = output
    }

    /// Enters raw mode and the alternate screen, and installs the restoring signal handlers.
    public func start() {
        if isatty(self.input) == 1, tcgetattr(self.input, &savedTermios) == 0 {
            savedTermiosValid = 1
            savedFileDescriptor = self.input
            var raw = savedTermios
            raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
            raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
            withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
                bytes[Int(VMIN)] = 0
                bytes[Int(VTIME)] = 0
            }
            tcsetattr(self.input, TCSAFLUSH, &raw)
        }
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGFPE, SIGTRAP] {
            signal(signalNumber, restoreAndReraise)
        }
        self.write(TerminalWriter.enter)
    }

    /// Restores the terminal's settings and screen. Safe to call more than once.
    public func restore() {
        restoreTerminal()
    }

    /// The terminal's size in columns and rows; 80×24 when it cannot be read.
    public func size() -> (width: Int, height: Int) {
        var window = winsize()
        if ioctl(self.output, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 {
            return (Int(window.ws_col), Int(window.ws_row))
        }
        return (80, 24)
    }

    /// Waits up to `milliseconds` for input and returns the bytes read (empty on timeout). This wait is also the
    /// dashboard's refresh tick, so the dashboard needs no timer of its own.
    public func readInput(waitingUpTo milliseconds: Int32) -> [UInt8] {
        if self.inputClosed {
            _ = poll(nil, 0, milliseconds)
            return []
        }
        var descriptor = pollfd(fd: self.input, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(self.input, &buffer, buffer.count)
        if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) { self.inputClosed = true }
        return count > 0 ? Array(buffer.prefix(count)) : []
    }

    /// Writes text to the terminal.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(self.output, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }
}

nonisolated(unsafe) private var savedTermios = termios()
nonisolated(unsafe) private var savedTermiosValid: Int32 = 0
nonisolated(unsafe) private var savedFileDescriptor: Int32 = STDIN_FILENO

private func restoreTerminal() {
    if savedTermiosValid == 1 {
        tcsetattr(savedFileDescriptor, TCSAFLUSH, &savedTermios)
    }
    let bytes: StaticString = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"
    _ = Glibc.write(STDOUT_FILENO, bytes.utf8Start, bytes.utf8CodeUnitCount)
}

private func restoreAndReraise(_ signalNumber: Int32) {
    restoreTerminal()
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
}
