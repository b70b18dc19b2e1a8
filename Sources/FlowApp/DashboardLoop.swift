import CursesScreen
import FlowCore
import FlowDashboard
import Foundation
import ServiceLifecycle
import TerminalUI

/// The terminal front-end as a service: on a thread of its own (ncurses calls block), it
/// reads keys, takes an engine snapshot when the engine or the second changed, draws at
/// most 10 frames a second, and writes only changed cells. Quitting (`q`, Ctrl-C) ends the
/// service, which shuts the whole group down; a graceful shutdown (SIGTERM) ends the loop.
final class DashboardLoop: Service {
    private let host: EngineHost
    private let theme: Theme
    private let context: DashboardContext
    /// Waited for before the terminal is touched, so start-up errors print plainly.
    private let ready: @Sendable () async throws -> Void

    init(host: EngineHost, theme: Theme, context: DashboardContext, ready: @escaping @Sendable () async throws -> Void) {
        self.host = host
        self.theme = theme
        self.context = context
        self.ready = ready
    }

    func run() async throws {
        try await ready()
        let stop = StopFlag()
        let host = self.host, theme = self.theme, context = self.context
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await runOnThread {
                    let screen: CursesScreen
                    do { screen = try CursesScreen(theme: theme) } catch { throw UserFacingError("\(error)") }
                    defer { screen.shutdown() }
                    DashboardLoop.loop(screen: screen, host: host, context: context, stop: stop)
                }
            } onCancel: { stop.set() }
        } onGracefulShutdown: { stop.set() }
    }

    /// The frame loop. Idle cost: one 100 ms key wait and one snapshot per second.
    /// Snapshots are taken by a `SnapshotPump`, so a slow one never delays keys or frames;
    /// while one is on its way the key wait is short, to draw it soon after it lands.
    static func loop(screen: some Screen, host: EngineHost, context: DashboardContext, stop: StopFlag) {
        let pump = SnapshotPump { query in host.snapshot(query) }
        defer { pump.stop() }
        var state = DashboardState()
        var snapshot: EngineSnapshot?
        var lastVersion = UInt64.max
        var lastSecond = Int64.min
        var lastQuery = state.query
        var dirty = true
        var lastFrame = Date.distantPast
        while !stop.isSet {
            var forceSnapshot = false
            if let fresh = pump.take() {
                snapshot = fresh
                dirty = true
            }
            if let key = screen.readKey(timeoutMillis: pump.isWorking ? 20 : 100) {
                switch state.handle(key, snapshot: snapshot) {
                case .quit: return
                case .refresh: forceSnapshot = true
                case .redraw: dirty = true
                case DashboardCommand.none: break
                }
            }
            let second = host.clock.now() / 1000
            if forceSnapshot || state.query != lastQuery
                || (!state.isPaused && (host.version != lastVersion || second != lastSecond)) {
                lastVersion = host.version
                lastSecond = second
                lastQuery = state.query
                pump.request(state.query)
            }
            if snapshot == nil, pump.waitUntilIdle(seconds: 0.5), let first = pump.take() {
                // The very first frame waits (briefly) for data rather than drawing empty panes.
                snapshot = first
                dirty = true
            }
            if dirty, Date().timeIntervalSince(lastFrame) >= 0.1 {
                var grid = CellGrid(width: screen.size.width, height: screen.size.height)
                render(snapshot, state: state, context: context, into: &grid)
                screen.present(grid)
                lastFrame = Date()
                dirty = false
            }
        }
    }
}
