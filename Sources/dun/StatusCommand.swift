import ArgumentParser
import DunCore
import DunDashboard
import DunStatus
import DunStore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `dun status`: the full-screen dashboard over the store, attaching to a `dun run` in another process.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Watch a run: channels, capacity, outcomes, gateway health, compliance and events.",
        discussion: """
            Reads the store about once a second (WAL: it never blocks the runner). Keys: q quits, tab moves \
            between panels, / finds an account and shows its timeline with every deferral and its reason, esc \
            returns. --once prints one plain-text frame and exits; so does any output that is not a terminal. \
            NO_COLOR turns color off.
            """
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print one frame as plain text and exit.")
    var once = false

    @Option(help: "Columns (default: the terminal's width, or 80).")
    var width: Int?

    @Option(help: "Rows (default: the terminal's height, or 24).")
    var height: Int?

    @Option(help: "Show this account's timeline (as '/' does).")
    var account: String?

    func validate() throws {
        if let width, width < 40 { throw ValidationError("--width must be at least 40") }
        if let height, height < 10 { throw ValidationError("--height must be at least 10") }
    }

    func run() throws {
        let path = self.store.database
        guard FileManager.default.fileExists(atPath: path) else {
            printError("\(path): error: no store here (create one with `dun import accounts` or `dun run`)")
            throw ExitCode(1)
        }
        let source: StatusSource
        do {
            source = StatusSource(store: try SQLiteStore(path: path, readOnly: true))
        } catch {
            printError("\(path): error: cannot open the store (\(error))")
            throw ExitCode(1)
        }
        let session = TerminalSession()
        let interactive = !self.once && TerminalSession.outputIsTerminal && TerminalSession.inputIsTerminal
        if !interactive {
            let size = TerminalSession.outputIsTerminal ? session.size() : (width: 80, height: 24)
            let view = DashboardView(width: self.width ?? size.width, height: self.height ?? size.height, color: false)
            do {
                let frame = view.render(try source.snapshot(account: self.account))
                print(frame.joined(separator: "\n"))
            } catch {
                printError("\(path): error: cannot read the store (\(error))")
                throw ExitCode(1)
            }
            return
        }
        let color = TerminalSession.colorAllowed(environment: ProcessInfo.processInfo.environment)
        var loop = DashboardLoop(session: session, color: color, width: self.width, height: self.height)
        if let account {
            loop.state.shownAccount = account
        }
        loop.run { query in try source.snapshot(account: query) }
    }
}
