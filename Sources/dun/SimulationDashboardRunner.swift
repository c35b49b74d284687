import DunCore
import DunDashboard
import DunRuntime
import DunSim
import DunStatus

/// `dun simulate --dashboard`: runs the comparison serially and draws the status dashboard from the
/// simulator's daily progress, at most ten frames a wall second; `q` hides the dashboard (the simulation
/// goes on). The wall clock is read only to state the virtual clock's speed.
enum SimulationDashboardRunner {
    static func run(_ comparison: Comparison, color: Bool) -> [[RunOutcome]] {
        let session = TerminalSession()
        let clock = SystemUTCClock()
        let wallStart = clock.nowMilliseconds()
        var board = SimulationDashboard(
            strategies: comparison.strategies.map(\.name),
            replications: comparison.replications
        )
        var writer = TerminalWriter()
        var state = DashboardState()
        var lastFrame: Int64 = 0
        var showing = true
        var virtualDays: Int64 = 0
        session.start()
        defer { session.restore() }
        let outcomes = comparison.runSerial { progress in
            board.update(progress)
            virtualDays += 1
            guard showing else { return }
            let now = clock.nowMilliseconds()
            let last = progress.day == progress.horizonDays
            guard now - lastFrame >= 100 || last else { return }
            lastFrame = now
            for key in DashboardState.Key.decode(session.readInput(waitingUpTo: 0)) { state.handle(key) }
            if state.quit {
                showing = false
                session.restore()
                return
            }
            let elapsed = Double(max(1, now - wallStart)) / 1000
            let speed = Double(virtualDays * 86_400) / elapsed
            let size = session.size()
            let view = DashboardView(width: size.width, height: size.height, color: color)
            let frame = view.render(board.snapshot(speed: speed), state: state)
            session.write(writer.update(to: frame, width: size.width, height: size.height))
        }
        return outcomes
    }
}
