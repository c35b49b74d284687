import DunDashboard

/// The interactive dashboard: render, write the changed lines, wait up to a second for keys, repeat.
///
/// The wait for input is the refresh tick (no timer, no clock). The terminal is restored on every way out:
/// `q`, ctrl-c (raw mode reads it as a key), SIGINT/SIGTERM from elsewhere and crash signals (the session's
/// handlers), and a thrown snapshot error is shown on screen rather than ending the loop.
struct DashboardLoop {
    let session: TerminalSession
    let color: Bool
    let width: Int?
    let height: Int?
    var state = DashboardState()

    init(session: TerminalSession, color: Bool, width: Int?, height: Int?) {
        self.session = session
        self.color = color
        self.width = width
        self.height = height
    }

    /// Runs until the operator quits. `snapshot` is called once per refresh with the searched account, if any.
    mutating func run(_ snapshot: (String?) throws -> DashboardSnapshot) {
        self.session.start()
        defer { self.session.restore() }
        var writer = TerminalWriter()
        var last: DashboardSnapshot?
        var problem: String?
        while !self.state.quit {
            do {
                last = try snapshot(self.state.shownAccount)
                problem = nil
            } catch {
                // A busy or briefly locked store: keep the last frame and say why it is stale.
                problem = "store not readable: \(error)"
            }
            self.draw(last, problem: problem, writer: &writer)
            let bytes = self.session.readInput(waitingUpTo: 1000)
            for key in DashboardState.Key.decode(bytes) { self.state.handle(key) }
        }
    }

    /// Draws one frame from `snapshot` (the newest one that could be read).
    func draw(_ snapshot: DashboardSnapshot?, problem: String?, writer: inout TerminalWriter) {
        let size = self.session.size()
        let width = self.width ?? size.width
        let height = self.height ?? size.height
        let view = DashboardView(width: width, height: height, color: self.color)
        guard let snapshot else {
            let lines = [problem ?? "reading the store…"] + Array(repeating: "", count: max(0, height - 1))
            self.session.write(writer.update(to: lines, width: width, height: height))
            return
        }
        var frame = view.render(snapshot, state: self.state)
        if let problem, frame.count > 1 {
            frame[frame.count - 2] = String(problem.prefix(width))
        }
        self.session.write(writer.update(to: frame, width: width, height: height))
    }
}
