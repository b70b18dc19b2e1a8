import CursesScreen
import FlowCore
import FlowDashboard
import FlowFleet
import FlowHTTP
import FlowViewer
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
/// fleet's silences belong to Alertmanager. The funnel and attribution panes come from the
/// engines' APIs (`engines`, `--connect URL` repeated), added up (`FleetBusiness`); without
/// them they stay empty.
public func runFleetDashboard(_ source: FleetSource, definitions: [SLODefinition], engines: [String] = [],
                              terminal: TerminalOptions, refreshSeconds: Int64 = 5) async throws {
    let (theme, chartMode) = try look(terminal)
    let reader = try source.reader()
    let links = try engines.map { url throws(UserFacingError) in
        EngineLink(dialer: HTTPViewerDialer(base: try HTTPViewerDialer.base(of: url), token: reader.client.endpoint.token),
                   user: DashboardLoop.author(ProcessInfo.processInfo.environment), clock: WallClock())
    }
    let snapshots = FleetSnapshots(reader: reader, definitions: definitions, target: source.url, links: links,
                                   refresh: .seconds(refreshSeconds))
    let context = DashboardContext(socketPath: source.url, socketIsDefault: false, asciiOnly: terminal.asciiOnly,
                                   chartMode: chartMode, link: .connecting(target: source.url))
    let state = DashboardLoop.initialState(terminal: terminal, environment: ProcessInfo.processInfo.environment)
    snapshots.start()
    defer { snapshots.stop() }
    try await runDashboardService(theme: theme, mouse: terminal.mouse) { screen, stop in
        FleetDashboard.loop(screen: screen, snapshots: snapshots, context: context, state: state, stop: stop)
    }
}

/// The frame loop over the fleet's snapshots, until a key quits or `stop` is set; returns
/// whether Ctrl-C ended it.
enum FleetDashboard {
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
        /// The last snapshot handed out, for the engines' funnel and attribution to update.
        var last: EngineSnapshot?
        /// A detail was opened whose history the last read does not hold: read again now.
        var wake = false

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
    /// The engines' APIs the funnel and attribution come from, and the last snapshot of each.
    private let links: [EngineLink]
    private let business: Mutex<[EngineSnapshot?]>

    init(reader: FleetReader, definitions: [SLODefinition], target: String, links: [EngineLink] = [],
         refresh: Duration) {
        self.reader = reader
        self.definitions = definitions
        self.target = target
        self.refresh = refresh
        self.links = links
        business = Mutex(Array(repeating: nil, count: links.count))
    }

    func start() {
        for link in links { link.start(query: SnapshotQuery()) }
        let task = Task { [self] in
            let clock = WallClock()
            while !Task.isCancelled {
                let detail = state.withLock { s in
                    s.wake = false
                    return s.query.detail
                }
                do {
                    let counts = try await reader.read(at: nil, now: clock.now(), detail: detail)
                    state.withLock { s in
                        s.counts = counts
                        s.failure = nil
                        s.make(definitions)
                    }
                } catch {
                    state.withLock { s in s.failure = (s.failure?.since ?? clock.now(), "\(error)") }
                }
                // Until the next refresh, or at once when the view opens another SLO's detail.
                let due = ContinuousClock.now + refresh
                while ContinuousClock.now < due, !Task.isCancelled, !state.withLock({ $0.wake }) {
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
        }
        state.withLock { $0.task = task }
    }

    func stop() {
        state.withLock { $0.task }?.cancel()
        for link in links { link.stop() }
    }

    func request(_ query: SnapshotQuery) {
        for link in links { link.request(query) }
        state.withLock { s in
            guard s.query != query else { return }
            s.query = query
            if let detail = query.detail, s.counts?.history?.query != detail { s.wake = true }
            s.make(definitions)
        }
    }

    /// The newest fleet snapshot, with the engines' funnel and attribution added up; a new
    /// snapshot from an engine's API alone makes a new one too.
    func take() -> EngineSnapshot? {
        var arrived = false
        let parts = business.withLock { last -> [EngineSnapshot] in
            for (i, link) in links.enumerated() {
                if let snapshot = link.take() {
                    last[i] = snapshot
                    arrived = true
                }
            }
            return last.compactMap { $0 }
        }
        return state.withLock { s in
            defer { s.fresh = nil }
            guard var snapshot = s.fresh ?? (arrived ? s.last : nil) else { return nil }
            if !links.isEmpty {
                snapshot.funnel = FleetBusiness.funnel(parts.map(\.funnel))
                snapshot.attribution = FleetBusiness.attribution(parts.map(\.attribution), model: s.query.model,
                                                                 periodDays: s.query.attributionPeriodDays)
            }
            s.last = snapshot
            return snapshot
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
