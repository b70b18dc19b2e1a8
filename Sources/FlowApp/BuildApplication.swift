import Threading
import CursesScreen
import FlowCore
import FlowDashboard
import FlowHTTP
import FlowIngest
import Foundation
import Logging
import ServiceLifecycle
import TerminalUI

/// What `flowtop` / `flowtop watch` was asked for.
public struct DashboardOptions: Sendable {
    /// The SLOs to track (built-ins merged with `--slo` files) and the series cap.
    public var engine: EngineConfiguration
    public var socketPath: String
    /// Octal, as chmod takes it (`0600`, `0660`); the owner must keep read and write.
    public var socketMode: String
    /// A theme name or path; nil = `default`, or `mono` when NO_COLOR is set.
    public var theme: String?
    public var asciiOnly: Bool
    /// `braille` (default) or `blocks` for fonts without braille; `--ascii` wins.
    public var chart: String?
    /// Events per second of the built-in workload; nil = no demo.
    public var demoRate: Int?
    /// `--silences FILE`: silences added at start-up (its alert rules are in `engine`).
    public var silencesFile: String?
    /// `--notify FILE`: where alerts are sent (docs/notifiers.md); nil: nowhere.
    public var notifyFile: String?
    /// `--http ADDR` (and `--http-token-file`): the HTTP API beside the dashboard; nil: none.
    public var http: HTTPOptions?
    /// `--max-connections`: event socket clients at once.
    public var maxConnections = IngestServerConfiguration.defaultMaxConnections

    public init(engine: EngineConfiguration = EngineConfiguration(), socketPath: String, socketMode: String = "0600",
                theme: String? = nil, asciiOnly: Bool = false, chart: String? = nil, demoRate: Int? = nil,
                notifyFile: String? = nil) {
        self.engine = engine
        self.notifyFile = notifyFile
        self.chart = chart
        self.socketPath = socketPath
        self.socketMode = socketMode
        self.theme = theme
        self.asciiOnly = asciiOnly
        self.demoRate = demoRate
    }

    /// The same with `silencesFile` set.
    public func with(silencesFile file: String?) -> DashboardOptions {
        var copy = self
        copy.silencesFile = file
        return copy
    }

    /// The same with `--max-connections`.
    public func with(maxConnections: Int) -> DashboardOptions {
        var copy = self
        copy.maxConnections = maxConnections
        return copy
    }

    /// The same with the HTTP API of `--http` (nil: none).
    public func with(http: HTTPOptions?) -> DashboardOptions {
        var copy = self
        copy.http = http
        return copy
    }
}

/// The one place that creates and connects every part: engine host, socket server,
/// terminal loop, (with --notify) the notifiers, (with --http) the HTTP API and (with
/// --demo) the workload feeding the socket; `LiveEngine` holds what `flowtop serve`
/// shares. Every file is read here, so a mistake stops start-up before the terminal is
/// touched.
func buildApplication(_ options: DashboardOptions, clock: any EngineClock = WallClock()) throws -> ServiceGroup {
    let environment = ProcessInfo.processInfo.environment
    let directories = ThemeLocations.searchDirectories(
        executablePath: Bundle.main.executablePath ?? CommandLine.arguments.first,
        currentDirectory: FileManager.default.currentDirectoryPath, environment: environment)
    let theme: Theme
    do {
        theme = try Theme.select(nameOrPath: options.theme, searchDirectories: directories, environment: environment)
    } catch { throw UserFacingError(error.description) }

    let chartMode: ChartMode?
    switch options.chart {
    case nil, "braille"?: chartMode = .braille
    case "blocks"?: chartMode = .blocks
    case "ascii"?: chartMode = .ascii
    case let other?: throw UserFacingError("--chart must be braille, blocks or ascii, not '\(other)'")
    }

    // Nothing may write logs onto the dashboard's screen.
    let logger = Logger(label: "flowtop", factory: { _ in SwiftLogNoOpLogHandler() })
    let live = try LiveEngine.make(engine: options.engine, socketPath: options.socketPath, socketMode: options.socketMode,
                                   maxConnections: options.maxConnections, http: options.http,
                                   silencesFile: options.silencesFile, notifyFile: options.notifyFile, clock: clock,
                                   logger: logger)
    let (host, server, notify) = (live.host, live.server, live.notify)
    let http = try options.http.map { options throws(UserFacingError) in try live.httpServer(options, logger: logger) }
    let dashboard = DashboardLoop(
        host: host, theme: theme,
        context: DashboardContext(socketPath: options.socketPath, asciiOnly: options.asciiOnly, chartMode: chartMode),
        // The terminal is taken only once everything listens: a port in use ends start-up
        // before the screen is touched, and its error is read on a normal terminal.
        ready: {
            _ = try await server.waitUntilListening()
            if let http { _ = try await http.waitUntilListening() }
        },
        notifiers: { notify?.statuses.current() ?? [] })
    var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
        .init(service: server),
        .init(service: dashboard, successTerminationBehavior: .gracefullyShutdownGroup,
              failureTerminationBehavior: .gracefullyShutdownGroup),
    ]
    if let notify { services.append(.init(service: notify)) }
    if let http { services.append(.init(service: http)) }
    if let rate = options.demoRate { services.append(.init(service: live.demo(rate: rate, clock: clock))) }
    return ServiceGroup(configuration: ServiceGroupConfiguration(
        // The signals that end the dashboard the way `q` does (terminal restored, socket
        // file removed, exit 0): SIGTERM, SIGINT, SIGHUP (the terminal went away) and
        // SIGQUIT (Ctrl-\), which would otherwise have the Swift runtime print a backtrace
        // over the dashboard's screen.
        services: services, gracefulShutdownSignals: [.sigterm, .sigint, .sighup, .sigquit], logger: logger))
}

/// `flowtop` / `flowtop watch`: runs until the user quits or a signal arrives; leaves the
/// terminal sane on every path out.
public func runDashboard(_ options: DashboardOptions) async throws {
    TerminalGuard.install(terminationSignals: false)
    let group = try buildApplication(options)
    do {
        try await group.run()
    } catch let error as HTTPServerError {
        throw UserFacingError(error.description)   // a port in use: said plainly, once the terminal is back
    }
}

/// The `--demo` workload as a service: waits for the socket, then feeds it until shutdown.
final class DemoService: Service {
    private let server: IngestServer
    private let socketPath: String
    private let rate: Int
    private let clock: any EngineClock

    init(server: IngestServer, socketPath: String, rate: Int, clock: any EngineClock) {
        self.server = server
        self.socketPath = socketPath
        self.rate = rate
        self.clock = clock
    }

    func run() async throws {
        _ = try await server.waitUntilListening()
        let stop = StopFlag()
        let (path, rate, clock) = (socketPath, self.rate, self.clock)
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                _ = try await runOnThread {
                    try feedDemo(socketPath: path, rate: rate, seed: UInt64(clock.now()), duration: nil,
                                 backfillMinutes: 60, clock: clock, shouldStop: { stop.isSet })
                }
            } onCancel: { stop.set() }
        } onGracefulShutdown: { stop.set() }
    }
}
