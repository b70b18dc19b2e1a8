import FlowCore
import FlowHTTP
import FlowIngest
import Foundation
import Logging
import ServiceLifecycle

/// What `flowtop serve` was asked for: the engine, its socket, the HTTP API, notifiers
/// and the demo workload, without a terminal.
public struct ServeOptions: Sendable {
    public var engine: EngineConfiguration
    public var socketPath: String
    /// Octal, as chmod takes it; the owner must keep read and write.
    public var socketMode: String
    public var http: HTTPOptions
    /// Events per second of the built-in workload; nil = no demo.
    public var demoRate: Int?
    public var silencesFile: String?
    public var notifyFile: String?
    /// `--max-connections`: event socket clients at once.
    public var maxConnections = IngestServerConfiguration.defaultMaxConnections
    /// `--max-connections` unless given (512).
    public static let defaultMaxConnections = IngestServerConfiguration.defaultMaxConnections

    public init(engine: EngineConfiguration = EngineConfiguration(), socketPath: String, socketMode: String = "0600",
                http: HTTPOptions = HTTPOptions(address: HTTPOptions.defaultServeAddress), demoRate: Int? = nil,
                silencesFile: String? = nil, notifyFile: String? = nil) {
        self.engine = engine
        self.socketPath = socketPath
        self.socketMode = socketMode
        self.http = http
        self.demoRate = demoRate
        self.silencesFile = silencesFile
        self.notifyFile = notifyFile
    }
}

/// The parts every live process has, dashboard or not: the engine host (with the
/// silences of `--silences`), the event socket and the notifiers of `--notify`. Every
/// file is read here, so a mistake stops start-up before anything listens.
///
/// ```swift
/// let live = try LiveEngine.make(engine: configuration, socketPath: path, socketMode: "0600",
///                                silencesFile: nil, notifyFile: "notify.yaml", clock: WallClock(), logger: logger)
/// let http = try live.httpServer(HTTPOptions(address: "127.0.0.1:8000"), logger: logger)
/// ```
struct LiveEngine {
    let host: EngineHost
    let server: IngestServer
    let notify: NotificationService?
    let startedAt: EpochMillis

    static func make(engine configuration: EngineConfiguration, socketPath: String, socketMode: String,
                     maxConnections: Int = IngestServerConfiguration.defaultMaxConnections, http: HTTPOptions? = nil,
                     silencesFile: String?, notifyFile: String?, clock: any EngineClock, logger: Logger) throws -> LiveEngine {
        guard let mode = SocketFileMode(octal: socketMode), mode.bits & 0o600 == 0o600 else {
            throw UserFacingError(
                "--socket-mode must be an octal file mode that lets the owner read and write, such as 0600 or 0660, not '\(socketMode)'")
        }
        try checkOpenFileLimit(socketConnections: maxConnections, httpConnections: http?.maxConnections ?? 0)
        var configuration = configuration
        configuration.analysisRefreshMillis = 1000   // live: the funnel pass at most once a second
        var engine = Engine(configuration: configuration)
        let now = clock.now()
        if let file = silencesFile {
            try addSilences(try loadSilences(file: file, now: now), from: file, to: &engine, at: now)
        }
        let notifiers = try loadNotifierConfiguration(file: notifyFile)
        let host = EngineHost(engine: engine, clock: clock)
        let notify = try notifiers.map { configuration throws(UserFacingError) in
            try NotificationService.live(configuration, host: host, logger: logger)
        }
        let server = IngestServer(host: host, configuration: IngestServerConfiguration(
                                    socketPath: socketPath, socketMode: mode, maxConnections: maxConnections),
                                  logger: logger)
        return LiveEngine(host: host, server: server, notify: notify, startedAt: now)
    }

    /// The HTTP API over these parts (`--http`).
    func httpServer(_ options: HTTPOptions, logger: Logger) throws(UserFacingError) -> AnalyticsHTTPServer {
        try makeHTTPServer(options, parts: HTTPServiceParts(host: host, server: server, notifiers: notify?.statuses,
                                                             startedAt: startedAt), logger: logger)
    }

    /// `--demo`: the workload written into this socket.
    func demo(rate: Int, clock: any EngineClock) -> DemoService {
        DemoService(server: server, socketPath: server.configuration.socketPath, rate: rate, clock: clock)
    }
}

/// `flowtop serve`: the engine, its socket, the HTTP API, the notifiers and (with
/// `--demo`) the workload, as one service group that SIGTERM or SIGINT shuts down
/// gracefully: the demo stops writing, the notifiers flush, the HTTP server finishes
/// the requests in flight, the socket closes and its file goes.
func buildServer(_ options: ServeOptions, clock: any EngineClock = WallClock(), logger: Logger) throws -> ServiceGroup {
    let live = try LiveEngine.make(engine: options.engine, socketPath: options.socketPath, socketMode: options.socketMode,
                                   maxConnections: options.maxConnections, http: options.http,
                                   silencesFile: options.silencesFile, notifyFile: options.notifyFile, clock: clock,
                                   logger: logger)
    var services: [any Service] = [live.server, try live.httpServer(options.http, logger: logger)]
    if let notify = live.notify { services.append(notify) }
    if let rate = options.demoRate { services.append(live.demo(rate: rate, clock: clock)) }
    return ServiceGroup(configuration: ServiceGroupConfiguration(
        services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
}

/// Runs `flowtop serve` until SIGTERM or SIGINT, logging to standard error (one line
/// when the socket listens, one when the HTTP API does, each with its address).
/// Start-up errors come back as `UserFacingError`s.
public func runServer(_ options: ServeOptions) async throws {
    var logger = Logger(label: "flowtop", factory: { StreamLogHandler.standardError(label: $0) })
    logger.logLevel = .info
    do {
        try await buildServer(options, logger: logger).run()
    } catch let error as HTTPServerError {
        throw UserFacingError(error.description)
    }
}

/// Descriptors kept for everything but client connections: the listeners, notifier
/// connections, files read at start-up, the terminal.
let reservedFileDescriptors = 64

/// Raises the soft open-file limit to the hard one, then checks that the connection caps
/// fit under it: at the limit `accept` fails for every client, the probes' too, so a
/// configuration that could get there is refused at start-up, saying what to change.
func checkOpenFileLimit(socketConnections: Int, httpConnections: Int) throws(UserFacingError) {
    guard let limit = OpenFileLimit.raise() else { return }
    let needed = UInt64(socketConnections) + UInt64(httpConnections) + UInt64(reservedFileDescriptors)
    guard needed > limit else { return }
    throw UserFacingError(
        "--max-connections \(socketConnections)"
            + (httpConnections > 0 ? " and --http-max-connections \(httpConnections)" : "")
            + " need up to \(needed) open files, but this process may open only \(limit) (ulimit -n); "
            + "lower them or raise the limit (ulimit -n, or LimitNOFILE= under systemd)")
}
