import CursesScreen
import FlowCore
import FlowDashboard
import FlowHTTP
import FlowIngest
import FlowViewer
import Foundation
import Logging
import ServiceLifecycle
import TerminalUI
import Threading

/// The dashboard over an engine that runs elsewhere: `flowtop` when an engine already
/// listens on the socket, or `flowtop --connect URL`. The same frame loop as the
/// dashboard that holds its engine, fed by an `EngineLink` instead of the engine: the view
/// state is this viewer's own, and keys that change the engine go to it as commands.
///
/// When the engine goes, the last data stays on screen, dimmed under "engine unreachable,
/// retrying", and the link reconnects by itself; `q` quits at once whatever the link is doing.
enum AttachedDashboard {
    /// The frame loop over the link, until a key quits or `stop` is set; returns whether
    /// Ctrl-C ended it.
    @discardableResult
    static func loop(screen: some Screen, link: EngineLink, context: DashboardContext, state: DashboardState,
                     stop: StopFlag) -> Bool {
        let clock = WallClock()
        link.start(query: state.query)
        defer { link.stop() }
        let source = LinkSnapshots(link: link)
        var driver = FrameDriver(loop: FrameLoop(context: context, size: screen.size, startedAt: clock.now(),
                                                 dashboard: state),
                                 clock: clock)
        let environment = ProcessInfo.processInfo.environment
        DashboardLoop.timeFrames(&driver, environment: environment)
        defer { DashboardLoop.saveFrameTimes(driver, environment: environment) }
        driver.run(screen: screen, snapshots: source,
                   engine: { FrameLoop.EngineTick(version: 0, now: clock.now()) },
                   execute: { command in
                       guard let viewerCommand = ViewerCommand(command) else { return .done }
                       return CommandOutcome(link.execute(viewerCommand))
                   },
                   link: { badge(link.state, now: clock.now()) }, stop: { stop.isSet })
        DashboardLoop.saveState(driver.loop.dashboard, environment: environment)
        return driver.loop.quitByInterrupt
    }

    /// The header's and banner's words for where the link stands.
    static func badge(_ state: LinkState, now: EpochMillis) -> LinkBadge {
        switch state {
        case .connecting(let target):
            return .connecting(target: target)
        case .attached(let engine, let target, _):
            let name = "\(engine.role) pid \(engine.pid)"
            return .attached(label: target.hasPrefix("/") ? name : "\(target) (\(name))")
        case .unreachable(let target, let since, let reason):
            return .unreachable(target: target, seconds: max(0, now - since) / 1000, reason: reason)
        }
    }
}

/// The link as the frame loop's snapshot source: asking sends the view when it changed;
/// snapshots arrive when the engine pushes them (about one a second), never on demand.
final class LinkSnapshots: SnapshotSource {
    let link: EngineLink

    init(link: EngineLink) {
        self.link = link
    }

    func request(_ query: SnapshotQuery) { link.request(query) }
    func take() -> EngineSnapshot? { link.take() }
    var isWorking: Bool { false }
}

/// `--connect URL [--token-file F]`: a remote `flowtop serve` whose HTTP API a viewer
/// watches (docs/viewers.md), e.g. through an SSH port-forward.
public struct RemoteEngine: Sendable {
    /// `http://HOST:PORT` or `https://HOST:PORT`, without a path.
    public var url: String
    public var tokenFile: String?

    public init(url: String, tokenFile: String?) {
        self.url = url
        self.tokenFile = tokenFile
    }
}

/// Whether an engine answers on the event socket at `path` now (a connection is taken and
/// closed at once; nothing is sent).
public func engineListens(at path: String) -> Bool {
    guard let probe = try? SocketViewerConnection(path: path, timeoutMillis: 1000) else { return false }
    probe.close()
    return true
}

/// Runs the dashboard attached to the engine listening on the event socket at `socketPath`
/// (`remote` nil) or behind the HTTP API at `remote` (`--connect`), until the user quits
/// or a signal arrives.
public func runAttachedDashboard(socketPath: String, remote: RemoteEngine? = nil, terminal: TerminalOptions) async throws {
    let (theme, chartMode) = try look(terminal)
    let dialer: any ViewerDialer
    if let remote {
        let base = try HTTPViewerDialer.base(of: remote.url)   // the address first, then the token file
        let token = try remote.tokenFile.map { file throws(UserFacingError) in try readBearerToken(file: file) }
        dialer = HTTPViewerDialer(base: base, token: token)
    } else {
        dialer = UnixViewerDialer(path: socketPath)
    }
    let link = EngineLink(dialer: dialer, user: DashboardLoop.author(ProcessInfo.processInfo.environment),
                          clock: WallClock())
    let context = DashboardContext(socketPath: socketPath, socketIsDefault: socketPath == defaultSocketPath(),
                                   asciiOnly: terminal.asciiOnly, chartMode: chartMode,
                                   link: .connecting(target: dialer.target))
    let state = DashboardLoop.initialState(terminal: terminal, environment: ProcessInfo.processInfo.environment)
    try await runDashboardService(theme: theme, mouse: terminal.mouse) { screen, stop in
        AttachedDashboard.loop(screen: screen, link: link, context: context, state: state, stop: stop)
    }
}

/// Runs a dashboard's frame loop on the terminal as the one service of a group that ends
/// on SIGTERM, SIGINT, SIGHUP or SIGQUIT, as every dashboard does (an attached one, the
/// fleet's); `loop` answers whether Ctrl-C ended it (`DashboardInterrupted`, exit 130).
func runDashboardService(theme: Theme, mouse: Bool,
                         _ loop: @escaping @Sendable (CursesScreen, StopFlag) -> Bool) async throws {
    TerminalGuard.install(terminationSignals: false)
    let logger = Logger(label: "flowtop", factory: { _ in SwiftLogNoOpLogHandler() })
    let group = ServiceGroup(configuration: ServiceGroupConfiguration(
        services: [.init(service: DashboardService(theme: theme, mouse: mouse, loop: loop),
                         successTerminationBehavior: .gracefullyShutdownGroup,
                         failureTerminationBehavior: .gracefullyShutdownGroup)],
        gracefulShutdownSignals: [.sigterm, .sigint, .sighup, .sigquit], logger: logger))
    try await group.run()
}

/// The frame loop on the terminal, as a service (`runDashboardService`).
private struct DashboardService: Service {
    let theme: Theme
    let mouse: Bool
    let loop: @Sendable (CursesScreen, StopFlag) -> Bool

    func run() async throws {
        let stop = StopFlag()
        let loop = self.loop
        let interrupted = try await DashboardLoop.onTerminal(theme: theme, mouse: mouse, stop: stop) { screen in
            loop(screen, stop)
        }
        if interrupted { throw DashboardInterrupted() }
    }
}
