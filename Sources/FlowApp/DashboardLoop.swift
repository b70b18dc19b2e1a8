import CursesScreen
import FlowConfig
import FlowCore
import FlowDashboard
import FlowFormats
import FlowNotify
import FlowViewer
import Foundation
import ServiceLifecycle
import TerminalUI
import Threading

/// The terminal front-end as a service: on a thread of its own (ncurses calls block), it
/// runs the dashboard's `FrameLoop` against the real terminal, the wall clock and a
/// `SnapshotPump`, which takes each snapshot on a thread of its own and adds the notifiers'
/// statuses to it. Quitting (`q`, Ctrl-C) ends the service, which shuts the whole group
/// down; a graceful shutdown (SIGTERM) ends the loop. After Ctrl-C the service throws
/// `DashboardInterrupted` once the terminal is back, so the group still shuts down
/// gracefully and the command exits 130.
final class DashboardLoop: Service {
    private let host: EngineHost
    private let theme: Theme
    private let context: DashboardContext
    /// `--pane` and `--fresh`: how the dashboard starts.
    private let terminal: TerminalOptions
    /// Waited for before the terminal is touched, so start-up errors print plainly.
    private let ready: @Sendable () async throws -> Void
    /// How each notifier of `--notify` is doing, put into every snapshot for the header and
    /// the notifier-status view; empty without notifiers.
    private let notifiers: @Sendable () -> [NotifierStatus]
    /// The viewers attached to this dashboard's engine, for the header and the question
    /// before quitting; nil when none can attach.
    private let viewers: ViewerHub?

    init(host: EngineHost, theme: Theme, context: DashboardContext, terminal: TerminalOptions = TerminalOptions(),
         ready: @escaping @Sendable () async throws -> Void,
         notifiers: @escaping @Sendable () -> [NotifierStatus] = { [] }, viewers: ViewerHub? = nil) {
        self.viewers = viewers
        self.host = host
        self.theme = theme
        self.context = context
        self.terminal = terminal
        self.ready = ready
        self.notifiers = notifiers
    }

    func run() async throws {
        try await ready()
        let stop = StopFlag()
        let host = self.host, theme = self.theme, context = self.context, notifiers = self.notifiers
        let terminal = self.terminal
        let viewers = self.viewers
        let interrupted = try await Self.onTerminal(theme: theme, mouse: terminal.mouse, stop: stop) { screen in
            DashboardLoop.loop(screen: screen, host: host, context: context, terminal: terminal, stop: stop,
                               notifiers: notifiers, viewers: viewers)
        }
        if interrupted { throw DashboardInterrupted() }
    }

    /// `FLOWTOP_CURSES_OUTPUT=1`: ncurses draws the frames (`doupdate`), as before the
    /// dashboard wrote their escape sequences itself; for a terminal that shows those
    /// wrongly, and for comparing the two (docs/benchmarks.md).
    static var cursesOutput: Bool { ProcessInfo.processInfo.environment["FLOWTOP_CURSES_OUTPUT"] == "1" }

    /// Runs `body` on a thread of its own (ncurses calls block) with the terminal taken,
    /// giving it back however `body` ends; cancellation and graceful shutdown set `stop`.
    /// Returns what `body` does: whether Ctrl-C ended the dashboard.
    static func onTerminal(theme: Theme, mouse: Bool, stop: StopFlag,
                           _ body: @escaping @Sendable (CursesScreen) -> Bool) async throws -> Bool {
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await runOnThread {
                    let screen: CursesScreen
                    do {
                        screen = try CursesScreen(theme: theme, mouse: mouse, cursesOutput: cursesOutput)
                    } catch { throw UserFacingError("\(error)") }
                    defer { screen.shutdown() }
                    return body(screen)
                }
            } onCancel: { stop.set() }
        } onGracefulShutdown: { stop.set() }
    }

    /// The frame loop, wired: the pump takes snapshots (with the notifiers' statuses in
    /// them) off this thread, the wall clock paces frames, and engine commands run here.
    /// It starts from the choices the last run kept (`initialState`) and keeps this run's
    /// for the next (`saveState`), however it ends. Returns whether Ctrl-C ended it.
    @discardableResult
    static func loop(screen: some Screen, host: EngineHost, context: DashboardContext, terminal: TerminalOptions,
                     stop: StopFlag, notifiers: @escaping @Sendable () -> [NotifierStatus] = { [] },
                     viewers: ViewerHub? = nil) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        let author = Self.author(environment)
        let pump = SnapshotPump { query in
            var snapshot = host.snapshot(query)
            snapshot.notifiers = notifiers()
            return snapshot
        }
        pump.start()
        defer { pump.stop() }
        let clock = WallClock()
        let start = initialState(terminal: terminal, environment: environment)
        var driver = FrameDriver(loop: FrameLoop(context: context, size: screen.size, startedAt: clock.now(),
                                                 dashboard: start),
                                 clock: clock)
        timeFrames(&driver, environment: environment)
        defer { saveFrameTimes(driver, environment: environment) }
        driver.run(screen: screen, snapshots: pump,
                   engine: { FrameLoop.EngineTick(version: host.version, now: host.clock.now()) },
                   execute: { command in
                       defer { viewers?.changed() }   // attached viewers see it now, not at the next second
                       return execute(command, on: host, author: author)
                   },
                   link: { viewers.map { .embedded(viewers: $0.count) } }, stop: { stop.isSet })
        saveState(driver.loop.dashboard, environment: environment)
        return driver.loop.quitByInterrupt
    }

    /// With `FLOWTOP_FRAME_TIMES=FILE`, each frame's time is kept and, when the dashboard
    /// ends, its percentiles written to FILE as JSON (`scripts/dashboard-bench.sh`).
    static func timeFrames(_ driver: inout FrameDriver, environment: [String: String]) {
        if environment["FLOWTOP_FRAME_TIMES"] != nil { driver.frameTimes = FrameTimes() }
    }

    static func saveFrameTimes(_ driver: FrameDriver, environment: [String: String]) {
        guard let path = environment["FLOWTOP_FRAME_TIMES"], let times = driver.frameTimes else { return }
        try? (times.summaryJSON + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Carries out a command that changes the engine's alerting, as an attached viewer's
    /// would be (`ViewerCommand.execute`): one set of rules and words for both.
    static func execute(_ command: DashboardCommand, on host: EngineHost, author: String) -> CommandOutcome {
        guard let viewerCommand = ViewerCommand(command) else { return .done }
        return CommandOutcome(viewerCommand.execute(on: host, author: author))
    }

    /// Who silences and acknowledges: `$USER`, else `$LOGNAME`, else "flowtop".
    static func author(_ environment: [String: String]) -> String {
        [environment["USER"], environment["LOGNAME"]].compactMap { $0 }.first { !$0.isEmpty } ?? "flowtop"
    }
}

/// Ctrl-C ended the dashboard: thrown by the dashboard service after the terminal is given
/// back, so the command exits 130 (128 + SIGINT) as shells and scripts expect of an
/// interrupted program, while `q` exits 0.
public struct DashboardInterrupted: Error, Sendable {
    public init() {}
}
