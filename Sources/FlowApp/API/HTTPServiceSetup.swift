import FlowCore
import FlowViewer
import FlowHealth
import FlowHTTP
import FlowIngest
import FlowNotify
import Logging

/// `--http ADDR` and `--http-token-file FILE`, as `watch` and `serve` take them.
public struct HTTPOptions: Sendable, Equatable {
    /// `127.0.0.1:8000`, `[::1]:8000`, `0.0.0.0:8000` (the last needs a token).
    public var address: String
    public var tokenFile: String?
    /// `--http-max-connections`: HTTP connections at once.
    public var maxConnections = HTTPServerConfiguration.defaultMaxConnections

    /// Where `flowtop serve` listens when `--http` is not given.
    public static let defaultServeAddress = HTTPListenAddress.defaultServe
    /// `--http-max-connections` unless given.
    public static let defaultMaxConnections = HTTPServerConfiguration.defaultMaxConnections

    public init(address: String, tokenFile: String? = nil) {
        self.address = address
        self.tokenFile = tokenFile
    }
}

/// The parts of a live process the HTTP API reads: the engine, the socket (open
/// connections, health), the notifiers (delivery counts, health), and when it started.
/// `LiveEngine` builds them once; remote_write reads its `/metrics` samples through
/// the same `exposition()` as a scrape.
struct HTTPServiceParts: Sendable {
    var host: EngineHost
    var server: IngestServer?
    var notifiers: NotifierStatusProvider?
    var startedAt: EpochMillis
    /// The data directory's status now; nil when the engine keeps nothing.
    var store: (@Sendable () -> StoreStatus)? = nil
    /// Viewers attach over HTTP through this hub (`--connect`); nil: they cannot.
    var viewers: ViewerHub? = nil
    /// remote_write's status now; nil without `--remote-write` (and the status nil until
    /// its service is made, before any service runs: `RemoteWriteStatusBox`).
    var remoteWrite: (@Sendable () -> RemoteWriteStatus?)? = nil

    /// What `/metrics` reads beside the engine, now: open connections, notifier counts,
    /// the start time, the store's and remote_write's status. The one place it is put
    /// together, so a remote_write round holds the series a scrape would show.
    func exposition() -> ExpositionContext {
        ExpositionContext(openConnections: server?.openConnections ?? 0, notifiers: notifiers?.current() ?? [],
                          startedAt: startedAt, store: store?(), remoteWrite: remoteWrite?() ?? nil)
    }
}

/// Builds the HTTP service of `--http`, checking everything that can be checked before
/// anything listens: the address parses, a non-loopback address comes with a token, the
/// token file is private to its owner (as notifier secrets are: `SecretSource`) and
/// holds a usable bearer token.
///
/// ```swift
/// let http = try makeHTTPServer(HTTPOptions(address: "127.0.0.1:8000"), parts: parts, logger: logger)
/// services.append(.init(service: http))
/// ```
func makeHTTPServer(_ options: HTTPOptions, parts: HTTPServiceParts, logger: Logger) throws(UserFacingError) -> AnalyticsHTTPServer {
    let (address, token) = try checkHTTPOptions(options)
    return try userFacing {
        var statuses: (@Sendable () -> [NotifierStatus])?
        if let notifiers = parts.notifiers { statuses = { notifiers.current() } }
        let health = HealthMonitor(host: parts.host, server: parts.server, notifiers: statuses, store: parts.store,
                                   remoteWrite: parts.remoteWrite)
        let source = EngineAnalyticsSource(host: parts.host, monitor: health, exposition: { parts.exposition() })
        var configuration = HTTPServerConfiguration(address: address, token: token, maxConnections: options.maxConnections)
        configuration.viewers = parts.viewers
        return try AnalyticsHTTPServer(configuration: configuration, source: source, logger: logger)
    }
}

/// The checks of `makeHTTPServer` that need no engine (the address parses, a non-loopback
/// one has a usable token), made before the data directory is opened, so such a mistake
/// stops start-up before any state is touched. Returns the address and the token, for
/// `makeHTTPServer`.
@discardableResult
func checkHTTPOptions(_ options: HTTPOptions) throws(UserFacingError) -> (HTTPListenAddress, Secret?) {
    try userFacing {
        let address = try HTTPListenAddress(options.address)
        let token = try options.tokenFile.map { file throws(UserFacingError) in try readBearerToken(file: file) }
        guard address.isLoopback || token != nil else { throw HTTPServerError.tokenRequired(address) }
        return (address, token)
    }
}

/// `body`'s errors in words for the terminal: an `HTTPServerError` by its description, a
/// `UserFacingError` as it is, anything else as it prints.
private func userFacing<T>(_ body: () throws -> T) throws(UserFacingError) -> T {
    do {
        return try body()
    } catch let error as HTTPServerError {
        throw UserFacingError(error.description)
    } catch let error as UserFacingError {
        throw error
    } catch {
        throw UserFacingError("\(error)")
    }
}

/// The shortest token accepted: 16 characters is 96 bits of `openssl rand -base64 12`.
let minimumTokenLength = 16

/// The token of `--http-token-file`: a file only its owner can read, holding one token of
/// the characters a `Bearer` header can carry (RFC 6750), at least 16 of them.
func readBearerToken(file: String) throws(UserFacingError) -> Secret {
    let secret: Secret
    do {
        secret = try SecretSource(.file(file), origin: "--http-token-file").read()
    } catch {
        throw UserFacingError(error.description)
    }
    let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=")
    guard secret.revealed.allSatisfy(allowed.contains) else {
        throw UserFacingError("--http-token-file: \(file) must hold one token of letters, digits and -._~+/= "
                              + "(no spaces); make one with: (umask 077; openssl rand -hex 32 > \(file))")
    }
    guard secret.revealed.count >= minimumTokenLength else {
        throw UserFacingError("--http-token-file: the token in \(file) is shorter than \(minimumTokenLength) characters; "
                              + "make a longer one with: (umask 077; openssl rand -hex 32 > \(file))")
    }
    return secret
}
