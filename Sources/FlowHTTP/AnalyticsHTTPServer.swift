import FlowCore
import FlowViewer
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// Where the API listens and whether it asks for a token.
public struct HTTPServerConfiguration: Sendable {
    public var address: HTTPListenAddress
    /// `--http-token-file`: required unless `address` is loopback.
    public var token: Secret?
    /// Connections open at once (`--http-max-connections`); past it the server takes no
    /// new connection until one closes (they wait in the listen backlog).
    public var maxConnections: Int
    /// How long a connection may take to send a request's headers, from its start or the
    /// end of its last response, before it is closed.
    public var headerTimeout: TimeAmount
    /// How long a keep-alive connection may sit idle before it is closed.
    public var idleTimeout: TimeAmount
    /// The viewer protocol's stream (`ViewerRoutes`); nil: no viewer can attach over HTTP.
    public var viewers: ViewerHub?

    /// Why 128: scrapers, probes and dashboards need a handful each; the rest of the
    /// process's open files go to the event socket (`IngestServerConfiguration`).
    public static let defaultMaxConnections = 128

    public init(address: HTTPListenAddress, token: Secret? = nil,
                maxConnections: Int = HTTPServerConfiguration.defaultMaxConnections,
                headerTimeout: TimeAmount = .seconds(10), idleTimeout: TimeAmount = .seconds(60)) {
        self.address = address
        self.token = token
        self.maxConnections = max(1, maxConnections)
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
    }
}

/// The HTTP API (`--http`, `flowtop serve`) as a service-lifecycle `Service`: a
/// Hummingbird application serving `AnalyticsEndpoints.all` from an `AnalyticsSource`.
///
/// Start-up errors are caught where they can be: a non-loopback address without a token
/// is refused by `init` (before anything listens), a port in use or an address the
/// machine lacks is thrown by `run()` as `HTTPServerError.cannotListen`, with what to do.
/// Once listening it logs one line with the bound address (port 0 resolved) and
/// `waitUntilListening()` returns it. A graceful shutdown stops taking connections and
/// lets requests in flight finish.
///
/// ```swift
/// let http = try AnalyticsHTTPServer(configuration: .init(address: try HTTPListenAddress("127.0.0.1:0")),
///                                    source: source, logger: logger)
/// let group = ServiceGroup(services: [http], gracefulShutdownSignals: [.sigterm], logger: logger)
/// // elsewhere:
/// let bound = try await http.waitUntilListening()   // 127.0.0.1:41873
/// ```
public final class AnalyticsHTTPServer: Service, Sendable {
    public let configuration: HTTPServerConfiguration
    private let source: any AnalyticsSource
    private let logger: Logger
    private let signal = OnceSignal<HTTPListenAddress>()

    public init(configuration: HTTPServerConfiguration, source: any AnalyticsSource, logger: Logger) throws(HTTPServerError) {
        guard configuration.address.isLoopback || configuration.token != nil else {
            throw .tokenRequired(configuration.address)
        }
        self.configuration = configuration
        self.source = source
        self.logger = logger
    }

    /// The address once listening (with the real port when 0 was asked for); throws the
    /// start-up error if it could not listen, `HTTPServerError.stopped` once it stopped.
    public func waitUntilListening() async throws -> HTTPListenAddress {
        try await signal.wait()
    }

    public func run() async throws {
        let address = configuration.address
        let routes = AnalyticsRouter.build(source: source, token: configuration.token, viewers: configuration.viewers,
                                           logger: logger)
        // Hummingbird's own start-up line would repeat ours; its warnings still show.
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        let (signal, logger, token) = (self.signal, self.logger, configuration.token)
        let headerTimeout = configuration.headerTimeout
        let app = Application(
            router: routes.router,
            // Requests the HTTP parser refuses (an unknown method) answered in JSON too;
            // headers that never finish and idle keep-alives closed.
            server: AnalyticsHTTPChannel.builder(configuration: .init(
                additionalChannelHandlers: [HeaderDeadlineHandler(deadline: headerTimeout)],
                idleTimeout: configuration.idleTimeout)),
            configuration: ApplicationConfiguration(
                address: .hostname(address.host, port: address.port), reuseAddress: true,
                availableConnectionsDelegate: HTTPConnectionLimit(maxConnections: configuration.maxConnections, logger: logger)),
            onServerRunning: { channel in
                let bound = HTTPListenAddress(host: address.host, port: channel.localAddress?.port ?? address.port)
                logger.info("listening for HTTP", metadata: [
                    "url": "http://\(bound)\(AnalyticsEndpoints.prefix)/",
                    "auth": .string(token == nil ? "none (loopback)" : "bearer token"),
                ])
                signal.succeed(bound)
            },
            logger: quiet)
        do {
            try await app.run()
        } catch {
            guard signal.isPending else { throw error }
            let failure = HTTPServerError.cannotListen(address, Self.reason(error))
            signal.fail(failure)
            throw failure
        }
        signal.stop(with: HTTPServerError.stopped)
        logger.info("stopped listening for HTTP", metadata: ["address": "\(address)"])
    }

    /// Why a bind failed, in words that say what to do.
    static func reason(_ error: any Error) -> String {
        guard let io = error as? IOError else { return "\(error)" }
        switch io.errnoCode {
        case EADDRINUSE: return "the port is already in use (another flowtop serve, or another server?); choose another with --http"
        case EACCES: return "permission denied (ports below 1024 need privileges); choose a port above 1023"
        case EADDRNOTAVAIL: return "this machine has no such address"
        default: return String(cString: strerror(io.errnoCode))
        }
    }
}

/// Why the HTTP API did not start, as a message that says what to do.
public enum HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `--http` text that is not HOST:PORT.
    case badAddress(String, String)
    /// A bind other machines can reach, without `--http-token-file`.
    case tokenRequired(HTTPListenAddress)
    case cannotListen(HTTPListenAddress, String)
    /// The server stopped (or never started) and no longer listens.
    case stopped

    public var description: String {
        switch self {
        case .badAddress(let text, let why): "--http '\(text)': \(why)"
        case .tokenRequired(let address):
            "--http \(address) can be reached from other machines, so it needs --http-token-file FILE "
                + "(a bearer token, in a file only its owner can read: chmod 600); or listen on 127.0.0.1 or [::1]"
        case .cannotListen(let address, let why): "cannot listen for HTTP on \(address): \(why)"
        case .stopped: "the HTTP server has stopped"
        }
    }
}
