import CursesScreen
import FlowCore
import FlowDashboard
import FlowFleet
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TerminalUI
import Threading

/// `flowtop --prometheus URL`: the dashboard's SLO and alert panes for a whole fleet, read
/// from Prometheus every few seconds (docs/fleet.md). The same frame loop as every other
/// dashboard; the SLO detail's breakdown lists each engine (`instance:...`) beside the
/// tenants and models, and Enter on one shows that engine's series.
///
/// Keys that would change an engine (silence, acknowledge) are refused with a note: a
/// fleet's silences belong to Alertmanager. The funnel and attribution panes stay empty:
/// they come from the engines' APIs, not from Prometheus.
public func runFleetDashboard(_ source: FleetSource, definitions: [SLODefinition], terminal: TerminalOptions,
                              refreshSeconds: Int64 = 5) async throws {
    let (theme, chartMode) = try look(terminal)
    let snapshots = FleetSnapshots(reader: try source.reader(), definitions: definitions, target: source.url,
                                   refresh: .seconds(refreshSeconds))
    TerminalGuard.install(terminationSignals: false)
    let logger = Logger(label: "flowtop", factory: { _ in SwiftLogNoOpLogHandler() })
    let context = DashboardContext(socketPath: source.url, socketIsDefault: false, asciiOnly: terminal.asciiOnly,
                                   chartMode: chartMode, link: .connecting(target: source.url))
    let dashboard = FleetDashboard(snapshots: snapshots, theme: theme, context: context,
                                   initialState: DashboardLoop.initialState(terminal: terminal,
                                                                            environment: ProcessInfo.processInfo.environment),
                                   mouse: terminal.mouse)
    let group = ServiceGroup(configuration: ServiceGroupConfiguration(
        services: [.init(service: dashboard, successTerminationBehavior: .gracefullyShutdownGroup,
                         failureTerminationBehavior: .gracefullyShutdownGroup)],
        gracefulShutdownSignals: [.sigterm, .sigint, .sighup, .sigquit], logger: logger))
    try await group.run()
}

final class FleetDashboard: Service {
    private let snapshots: FleetSnapshots
    private let theme: Theme
    private let context: DashboardContext
    private let initialState: DashboardState
    private let mouse: Bool

    init(snapshots: FleetSnapshots, theme: Theme, context: DashboardContext, initialState: DashboardState, mouse: Bool) {
        self.snapshots = snapshots
        self.theme = theme
        self.context = context
        self.initialState = initialState
        self.mouse = mouse
    }

    func run() async throws {
        let stop = StopFlag()
        let (snapshots, theme, context, initialState, mouse) = (self.snapshots, self.theme, self.context, self.initialState, self.mouse)
        snapshots.start()
        defer { snapshots.stop() }
        let interrupted = try await DashboardLoop.onTerminal(theme: theme, mouse: mouse, stop: stop) { screen in
            FleetDashboard.loop(screen: screen, snapshots: snapshots, context: context, state: initialState, stop: stop)
        }
        if interrupted { throw DashboardInterrupted() }
    }

    @discardableResult
    static func loop(screen: some Screen, snapshots: FleetSnapshots, context: DashboardContext, state: DashboardState,
                     stop: StopFlag) -> Bool {
        let clock = WallClock()
        var driver = FrameDriver(loop: FrameLoop(context: context, size: screen.size, startedAt: clock.now(),
                                                 dashboard: state),
                                 clock: clock)
        driver.run(screen: screen, snapshots: snapshots,
                   engine: { FrameLoop.EngineTick(version: 0, now: clock.now()) },
                   execute: { _ in .refused("the fleet view changes no engine: silence and acknowledge in Alertmanager") },
                   link: { snapshots.badge(now: clock.now()) }, stop: { stop.isSet })
        DashboardLoop.saveState(driver.loop.dashboard, environment: ProcessInfo.processInfo.environment)
        return driver.loop.quitByInterrupt
    }
}

/// The fleet as the frame loop's snapshot source: a task reads the counts every `refresh`
/// (and at once when asked); a changed view is answered from the last counts at once,
/// without a query, so opening an SLO or an engine's series is instant.
final class FleetSnapshots: SnapshotSource, Sendable {
    private struct State {
        var query = SnapshotQuery()
        var counts: FleetCounts?
        var fresh: EngineSnapshot?
        var failure: (since: EpochMillis, reason: String)?
        var task: Task<Void, Never>?
        /// When this viewer first saw each alert that still holds, by fingerprint.
        var firstSeen: [String: EpochMillis] = [:]

        /// The snapshot of `query` from the last counts, remembering its alerts.
        mutating func make(_ definitions: [SLODefinition]) {
            guard let counts else { return }
            let snapshot = FleetSnapshot.make(counts, definitions: definitions, query: query, firstSeen: firstSeen)
            if query.tenant == nil {
                firstSeen = Dictionary(snapshot.alerting.alerts.map { ($0.alert.fingerprint, $0.alert.activeAt) },
                                       uniquingKeysWith: min)
            }
            fresh = snapshot
        }
    }

    private let reader: FleetReader
    private let definitions: [SLODefinition]
    private let target: String
    private let refresh: Duration
    private let state = Mutex(State())

    init(reader: FleetReader, definitions: [SLODefinition], target: String, refresh: Duration) {
        self.reader = reader
        self.definitions = definitions
        self.target = target
        self.refresh = refresh
    }

    func start() {
        let task = Task { [self] in
            let clock = WallClock()
            while !Task.isCancelled {
                do {
                    let counts = try await reader.read(at: nil, now: clock.now())
                    state.withLock { s in
                        s.counts = counts
                        s.failure = nil
                        s.make(definitions)
                    }
                } catch {
                    state.withLock { s in s.failure = (s.failure?.since ?? clock.now(), "\(error)") }
                }
                try? await Task.sleep(for: refresh)
            }
        }
        state.withLock { $0.task = task }
    }

    func stop() {
        state.withLock { $0.task }?.cancel()
    }

    func request(_ query: SnapshotQuery) {
        state.withLock { s in
            guard s.query != query else { return }
            s.query = query
            s.make(definitions)
        }
    }

    func take() -> EngineSnapshot? {
        state.withLock { s in
            defer { s.fresh = nil }
            return s.fresh
        }
    }

    var isWorking: Bool { false }

    /// The header's words: the query API and how many engines it holds; unreachable, with
    /// the reason, while the last read failed.
    func badge(now: EpochMillis) -> LinkBadge {
        state.withLock { s in
            if let failure = s.failure {
                return .unreachable(target: target, seconds: max(0, now - failure.since) / 1000, reason: failure.reason)
            }
            guard let counts = s.counts else { return .connecting(target: target) }
            let engines = counts.instanceNames.count
            return .attached(label: "fleet via \(target) (\(engines) engine\(engines == 1 ? "" : "s"))")
        }
    }
}
