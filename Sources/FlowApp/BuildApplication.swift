import CursesScreen
import FlowCore
import FlowDashboard
import FlowHTTP
import FlowIngest
import FlowNotify
import Foundation
import Logging
import ServiceLifecycle
import TerminalUI
import Threading

/// What a live flowtop was asked for: `flowtop` / `flowtop watch` (with `terminal`) or
/// `flowtop serve` (without). One type, so the two commands cannot drift apart in what
/// they accept for the engine, the socket, the notifiers, the HTTP API or the demo.
public struct ApplicationOptions: Sendable {
    /// The SLOs to track (built-ins merged with `--slo` files), alert rules and caps.
    public var engine: EngineConfiguration
    public var socketPath: String
    /// Octal, as chmod takes it (`0600`, `0660`); the owner must keep read and write.
    public var socketMode: String
    /// `--max-connections`: event socket clients at once.
    public var maxConnections = ApplicationOptions.defaultMaxConnections
    /// `--silences FILE`: silences added at start-up (its alert rules are in `engine`).
    public var silencesFile: String?
    /// `--notify FILE`: where alerts are sent (docs/notifiers.md); nil: nowhere.
    public var notifyFile: String?
    /// `--http ADDR` (and `--http-token-file`): the HTTP API; nil: none (serve always has one).
    public var http: HTTPOptions?
    /// The built-in workload written into the socket; nil = no demo.
    public var demo: DemoMode?
    /// The dashboard on this terminal; nil: none (`serve`, which logs to standard error instead).
    public var terminal: TerminalOptions?
    /// Where the engine's state is kept across restarts; in memory only unless asked.
    public var storage: StorageOptions = .ephemeral
    /// `--remote-write URL` and its flags (docs/fleet.md); nil: nothing is sent.
    public var remoteWrite: RemoteWriteOptions?

    /// `--max-connections` unless given (512).
    public static let defaultMaxConnections = IngestServerConfiguration.defaultMaxConnections

    public init(engine: EngineConfiguration = EngineConfiguration(), socketPath: String, socketMode: String = "0600",
                http: HTTPOptions? = nil, demo: DemoMode? = nil, silencesFile: String? = nil, notifyFile: String? = nil,
                terminal: TerminalOptions? = nil) {
        self.engine = engine
        self.socketPath = socketPath
        self.socketMode = socketMode
        self.http = http
        self.demo = demo
        self.silencesFile = silencesFile
        self.notifyFile = notifyFile
        self.terminal = terminal
    }
}

/// Where a live engine keeps its state (docs/storage.md).
public enum StorageOptions: Sendable, Equatable {
    /// In memory only: gone when the process ends (`--ephemeral`, `--demo`).
    case ephemeral
    /// A data directory (`--data-dir`; nil: the XDG default), with group commits at most
    /// `fsyncIntervalMillis` apart (`--fsync-interval`).
    case dataDirectory(String?, fsyncIntervalMillis: Int64)
}

/// How the dashboard looks and starts: `--theme`, `--ascii`, `--chart`, `--pane`, `--fresh`,
/// `--no-mouse`.
public struct TerminalOptions: Sendable {
    /// A theme name or path; nil = `default`, or `mono` when NO_COLOR is set.
    public var theme: String?
    public var asciiOnly: Bool
    /// `braille` (default) or `blocks` for fonts without braille; `--ascii` wins.
    public var chart: String?
    /// `--pane`: the one pane to show, at full size (`slo`, `alerts`, `funnel`,
    /// `attribution`); nil: all four.
    public var pane: String?
    /// `--fresh`: start from the default view, not from what the last run kept in
    /// `ui.json` (which is still written on quit).
    public var fresh: Bool
    /// The wheel scrolls and a click selects; off (`--no-mouse`), the terminal's own
    /// selection and tmux's copy mode keep the mouse.
    public var mouse: Bool
    /// `--alert-group-by` as given (`slo,severity`, `...`): which labels make one row of
    /// the alerts pane; nil: `slo,severity`.
    public var alertGroupBy: String? = nil

    /// The grouping `--alert-group-by` asks for; nil without one; an error naming the bad
    /// label otherwise.
    public static func alertGrouping(_ text: String?) throws(UserFacingError) -> AlertGrouping? {
        try text.map { text throws(UserFacingError) in try AlertGrouping(parsing: text) }
    }

    public init(theme: String? = nil, asciiOnly: Bool = false, chart: String? = nil, pane: String? = nil,
                fresh: Bool = false, mouse: Bool = true) {
        self.theme = theme
        self.asciiOnly = asciiOnly
        self.chart = chart
        self.pane = pane
        self.fresh = fresh
        self.mouse = mouse
    }

    /// Refuses a `--pane` that names no pane, naming the four there are.
    public static func checkPane(_ name: String?) throws(UserFacingError) {
        guard let name, DashboardPane(name: name) == nil else { return }
        let names = DashboardPane.allCases.map(\.name)
        throw UserFacingError("--pane must be \(names.dropLast().joined(separator: ", ")) or \(names.last ?? ""), "
            + "not '\(name)'")
    }
}

/// The one place that creates and connects every part: engine host, socket server,
/// (with a terminal) the terminal loop, (with --notify) the notifiers, (with --http, and
/// always for serve) the HTTP API and (with --demo) the workload feeding the socket.
/// Every file is read here, so a mistake stops start-up before anything listens or the
/// terminal is touched.
///
/// With a terminal, nothing may log onto the screen and SIGTERM, SIGINT, SIGHUP (the
/// terminal went away) and SIGQUIT (Ctrl-\, which would otherwise have the Swift runtime
/// print a backtrace over the screen) end it the way `q` does. Without one, SIGTERM or
/// SIGINT shut it down gracefully: the demo stops writing, the notifiers flush, the HTTP
/// server finishes the requests in flight, the socket closes and its file goes.
func buildApplication(_ options: ApplicationOptions, clock: any EngineClock = WallClock(),
                      logger: Logger) throws -> ServiceGroup {
    let dashboardLook = try options.terminal.map { terminal throws(UserFacingError) in try look(terminal) }
    let live = try LiveEngine.make(engine: options.engine, socketPath: options.socketPath, socketMode: options.socketMode,
                                   maxConnections: options.maxConnections, http: options.http,
                                   silencesFile: options.silencesFile, notifyFile: options.notifyFile,
                                   storage: options.storage, remoteWrite: options.remoteWrite,
                                   role: options.terminal == nil ? "serve" : "dashboard",
                                   clock: clock, logger: logger)
    let (host, server, notify) = (live.host, live.server, live.notify)
    let http = try options.http.map { options throws(UserFacingError) in try live.httpServer(options, logger: logger) }
    var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
    // First, so the last to stop: the final checkpoint sees everything the others fed in.
    if let store = live.store { services.append(.init(service: store)) }
    services.append(.init(service: server))
    // After the store, so it stops before it: the queue lives in the store's directory.
    if let remoteWrite = live.remoteWrite { services.append(.init(service: remoteWrite)) }
    if let dashboardLook, let terminal = options.terminal {
        let (theme, chartMode) = dashboardLook
        let dashboard = DashboardLoop(
            host: host, theme: theme,
            context: DashboardContext(socketPath: options.socketPath, socketIsDefault: options.socketPath == defaultSocketPath(),
                                      asciiOnly: terminal.asciiOnly, chartMode: chartMode),
            terminal: terminal,
            // The terminal is taken only once everything listens: a port in use ends start-up
            // before the screen is touched, and its error is read on a normal terminal.
            ready: {
                _ = try await server.waitUntilListening()
                if let http { _ = try await http.waitUntilListening() }
            },
            notifiers: { notify?.statuses.current() ?? [] }, viewers: live.viewers)
        services.append(.init(service: dashboard, successTerminationBehavior: .gracefullyShutdownGroup,
                              failureTerminationBehavior: .gracefullyShutdownGroup))
        if let notify { services.append(.init(service: notify)) }
        if let http { services.append(.init(service: http)) }
    } else {
        if let http { services.append(.init(service: http)) }
        if let notify { services.append(.init(service: notify)) }
    }
    // After the HTTP API, so it stops first: its end closes the viewers' event streams,
    // which the HTTP server's graceful shutdown would otherwise wait for.
    services.append(.init(service: ViewerHubService(hub: live.viewers)))
    if let demo = options.demo { services.append(.init(service: live.demo(demo, clock: clock))) }
    return ServiceGroup(configuration: ServiceGroupConfiguration(
        services: services,
        gracefulShutdownSignals: options.terminal == nil ? [.sigterm, .sigint] : [.sigterm, .sigint, .sighup, .sigquit],
        logger: logger))
}

/// The theme and chart mode of `--theme` and `--chart`; refuses a `--pane` that names no pane.
func look(_ terminal: TerminalOptions) throws(UserFacingError) -> (Theme, ChartMode) {
    try TerminalOptions.checkPane(terminal.pane)
    _ = try TerminalOptions.alertGrouping(terminal.alertGroupBy)
    let environment = ProcessInfo.processInfo.environment
    let directories = ThemeLocations.searchDirectories(
        executablePath: Bundle.main.executablePath ?? CommandLine.arguments.first,
        currentDirectory: FileManager.default.currentDirectoryPath, environment: environment)
    let theme: Theme
    do {
        theme = try Theme.select(nameOrPath: terminal.theme, searchDirectories: directories, environment: environment)
    } catch { throw UserFacingError(error.description) }
    switch terminal.chart {
    case nil, "braille"?: return (theme, .braille)
    case "blocks"?: return (theme, .blocks)
    case "ascii"?: return (theme, .ascii)
    case let other?: throw UserFacingError("--chart must be braille, blocks or ascii, not '\(other)'")
    }
}

/// Runs `flowtop` / `flowtop watch` (with a terminal: until the user quits or a signal
/// arrives, leaving the terminal sane on every path out) or `flowtop serve` (without:
/// until SIGTERM or SIGINT, logging to standard error one line when the socket listens
/// and one when the HTTP API does, each with its address). Start-up errors come back as
/// `UserFacingError`s.
public func runApplication(_ options: ApplicationOptions) async throws {
    let logger: Logger
    if options.terminal != nil {
        TerminalGuard.install(terminationSignals: false)
        // Nothing may write logs onto the dashboard's screen.
        logger = Logger(label: "flowtop", factory: { _ in SwiftLogNoOpLogHandler() })
    } else {
        var stderr = Logger(label: "flowtop", factory: { StreamLogHandler.standardError(label: $0) })
        stderr.logLevel = .info
        logger = stderr
    }
    do {
        try await buildApplication(options, logger: logger).run()
    } catch let error as HTTPServerError {
        throw UserFacingError(error.description)   // a port in use: said plainly, once the terminal is back
    }
}

/// Which built-in workload `--demo` writes.
public enum DemoMode: Sendable, Equatable {
    /// One SalesFlow deployment at its own pace, 30 days of history first (`DemoBusiness`):
    /// numbers that read as a real customer's.
    case business
    /// `--demo-rate N`: the load generator at N events a second, an hour of history first.
    case loadGenerator(eventsPerSecond: Int)
}

/// The `--demo` workload as a service: waits for the socket, then feeds it until shutdown.
final class DemoService: Service {
    private let server: IngestServer
    private let socketPath: String
    private let mode: DemoMode
    private let clock: any EngineClock

    init(server: IngestServer, socketPath: String, mode: DemoMode, clock: any EngineClock) {
        self.server = server
        self.socketPath = socketPath
        self.mode = mode
        self.clock = clock
    }

    func run() async throws {
        _ = try await server.waitUntilListening()
        let stop = StopFlag()
        let (path, mode, clock) = (socketPath, self.mode, self.clock)
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                _ = try await runOnThread {
                    switch mode {
                    case .business:
                        try feedBusinessDemo(socketPath: path, seed: UInt64(clock.now()), clock: clock,
                                             shouldStop: { stop.isSet })
                    case .loadGenerator(let rate):
                        try feedDemo(socketPath: path, rate: rate, seed: UInt64(clock.now()), duration: nil,
                                     backfillMinutes: 60, clock: clock, shouldStop: { stop.isSet })
                    }
                }
            } onCancel: { stop.set() }
        } onGracefulShutdown: { stop.set() }
    }
}
