import FlowCore
import FlowViewer
import FlowWire
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import Threading

/// What the ingest server listens on and how it treats lines.
///
/// ```swift
/// var configuration = IngestServerConfiguration(socketPath: SocketPath.defaultPath())
/// configuration.socketMode = SocketFileMode(octal: "0660") ?? .ownerOnly
/// ```
public struct IngestServerConfiguration: Sendable {
    public var socketPath: String
    /// Applied to the socket file right after bind; 0600 unless widened on purpose.
    public var socketMode: SocketFileMode
    /// Lines longer than this are rejected as `line_too_long` (EVENTS.md: 64 KiB).
    public var maxLineLength: Int
    /// Client connections open at once (`--max-connections`); a client past it is
    /// accepted and closed at once, with one warning in the log per episode.
    public var maxConnections: Int
    /// Where a connection that opens with a viewer's hello goes (docs/viewers.md); nil:
    /// every connection is an event client.
    public var viewers: ViewerHub?

    /// Why 512: each connection is a file descriptor, and the usual soft limit is 1,024;
    /// half of it leaves room for HTTP, notifier connections and files. Memory per idle
    /// connection is a few KiB, per busy one at most about 400 KiB (docs/reliability.md).
    public static let defaultMaxConnections = 512

    public init(socketPath: String, socketMode: SocketFileMode = .ownerOnly, maxLineLength: Int = 64 * 1024,
                maxConnections: Int = IngestServerConfiguration.defaultMaxConnections) {
        self.socketPath = socketPath
        self.socketMode = socketMode
        self.maxLineLength = maxLineLength
        self.maxConnections = max(1, maxConnections)
    }
}

/// The event socket: accepts any number of clients on a Unix stream socket, parses their
/// NDJSON lines into the engine in batches and answers `sync` with a `sync_ack` (EVENTS.md).
///
/// Two stages on two cores: each connection's lines are framed and parsed on its event
/// loop into batches, which go whole to the engine-apply thread (`EngineApplier`: one
/// `EngineHost.apply` per batch, never one lock per event). A connection with
/// `IngestChannelHandler.maxBatchesInFlight` batches not yet applied reads no more, so a
/// slow engine slows its readers down instead of queueing without bound.
///
/// A service-lifecycle `Service`: `run()` prepares the path (refusing to clobber anything
/// but a stale socket), starts the apply thread, listens until graceful shutdown or task
/// cancellation, then closes every connection, applies what they sent, stops the apply
/// thread and removes its socket file.
///
/// ```swift
/// let server = IngestServer(host: host, configuration: .init(socketPath: SocketPath.defaultPath()))
/// let group = ServiceGroup(services: [server, dashboard], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
/// try await group.run()
/// // elsewhere, for the header:
/// let path = try await server.waitUntilListening()
/// let clients = server.openConnections
/// ```
public final class IngestServer: Service, Sendable {
    public let configuration: IngestServerConfiguration
    private let host: EngineHost
    private let eventLoopGroup: (any EventLoopGroup)?
    private let logger: Logger
    private let connections = ConnectionRegistry()
    private let signal = OnceSignal<String>()
    private let started = Atomic<Bool>(false)
    private let activityRecorder = IngestActivityRecorder()
    private let applier: EngineApplier
    /// `accept` failing (the open-file limit) and clients refused at `maxConnections`.
    private let acceptFailures = EpisodeLog()
    private let refusals = EpisodeLog()

    /// - Parameters:
    ///   - eventLoopGroup: the loops to serve on; nil makes one with a thread per core for
    ///     the duration of `run()`.
    public init(host: EngineHost, configuration: IngestServerConfiguration,
                eventLoopGroup: (any EventLoopGroup)? = nil,
                logger: Logger = Logger(label: "flowtop.ingest")) {
        self.host = host
        applier = EngineApplier(host: host)
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// Client connections open now (for the header and health checks).
    public var openConnections: Int { connections.count }

    /// The socket path while the server listens; nil before and after.
    public var listeningPath: String? { signal.value }

    /// Starting, listening, stopped or failed to start (for the health checks).
    public var listeningState: IngestListeningState { IngestListeningState(signal.phase) }

    /// When bytes and events last arrived and whether some still wait for the engine
    /// (for the health checks); read without a lock.
    public var activity: IngestActivity { activityRecorder.current }

    /// Returns the socket path once the server listens; throws the start-up error
    /// (a `SocketPathError`, say) if it could not, or `IngestServerError.stopped` after it stopped.
    public func waitUntilListening() async throws -> String {
        try await signal.wait()
    }

    public func run() async throws {
        guard started.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            throw IngestServerError.alreadyRunning
        }
        if let eventLoopGroup {
            try await serve(on: eventLoopGroup)
            return
        }
        let owned = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        do {
            try await serve(on: owned)
        } catch {
            try? await owned.shutdownGracefully()
            throw error
        }
        try await owned.shutdownGracefully()
    }

    /// Serves with the apply thread running; it stops once every connection is closed and
    /// what they sent is applied.
    private func serve(on group: any EventLoopGroup) async throws {
        let applier = self.applier
        async let applying: Void = runOnThread { applier.runLoop() }
        do {
            try await listen(on: group)
        } catch {
            applier.stop()
            try? await applying
            throw error
        }
        applier.stop()
        try await applying
    }

    private func listen(on group: any EventLoopGroup) async throws {
        let path = configuration.socketPath
        let serverChannel: any Channel
        let socketFile: SocketFileIdentity?
        do {
            try SocketPath.prepareForListening(at: path)
            serverChannel = try await bind(on: group, path: path)
            socketFile = SocketFileIdentity.current(at: path)
            do {
                try socketFile?.setMode(configuration.socketMode)
            } catch {
                try? await serverChannel.close()
                socketFile?.removeIfUnchanged()
                throw error
            }
        } catch {
            signal.fail(error)
            throw error
        }
        signal.succeed(path)
        logger.info("listening for events", metadata: ["socket": "\(path)", "mode": "\(configuration.socketMode)"])

        await withTaskCancellationOrGracefulShutdownHandler {
            try? await serverChannel.closeFuture.get()
        } onCancelOrGracefulShutdown: {
            serverChannel.close(promise: nil)
        }
        // Stop taking new clients before dropping the current ones, then free the path.
        try? await serverChannel.close()
        await connections.closeAll()
        socketFile?.removeIfUnchanged()
        signal.stop(with: IngestServerError.stopped)
        logger.info("stopped listening for events", metadata: ["socket": "\(path)"])
    }

    /// Unsent output a connection may hold before it is read from no more (the client is
    /// not reading its acks): 64 KiB, about 30 acks with 20 errors each.
    public static let writeBufferWaterMark = ChannelOptions.Types.WriteBufferWaterMark(low: 16 * 1024, high: 64 * 1024)

    private func bind(on group: any EventLoopGroup, path: String) async throws -> any Channel {
        let host = self.host
        let connections = self.connections
        let logger = self.logger
        let activity = self.activityRecorder
        let maxLineLength = configuration.maxLineLength
        let maxConnections = configuration.maxConnections
        let viewers = configuration.viewers
        let (acceptFailures, refusals) = (self.acceptFailures, self.refusals)
        let parser = WireParser(knownSLOs: host.sloNames, horizon: host.horizon)
        let applier = self.applier
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // At the open-file limit `accept` fails at once, and would be retried
                    // as fast as the loop spins: wait a second between tries, and say so once.
                    let backoff = AcceptBackoffHandler(shouldForwardIOErrorCaught: false) { error in
                        acceptFailures.occurred {
                            logger.error("cannot accept event connections; retrying every second", metadata: [
                                "error": "\(error)", "hint": "\(POSIX.openFileLimitHint)"])
                        }
                        return .seconds(1)
                    }
                    try channel.pipeline.syncOperations.addHandler(backoff)
                }
            }
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(.writeBufferWaterMark, value: Self.writeBufferWaterMark)
            .childChannelInitializer { channel in
                acceptFailures.ended { count in
                    logger.notice("accepting event connections again", metadata: ["failed_accepts": "\(count)"])
                }
                do throws(ConnectionRegistry.Refusal) {
                    try connections.register(channel, limit: maxConnections)
                } catch {
                    if case .full(let limit) = error {
                        refusals.occurred {
                            logger.warning("event socket connection limit reached; closing new connections until some end",
                                           metadata: ["max_connections": "\(limit)", "hint": "raise it with --max-connections"])
                        }
                    }
                    return channel.eventLoop.makeFailedFuture(error)
                }
                channel.closeFuture.whenComplete { _ in
                    refusals.ended { count in
                        logger.notice("event socket accepting connections again", metadata: ["refused": "\(count)"])
                    }
                }
                return channel.eventLoop.makeCompletedFuture {
                    let ingest = ConnectionIngest(parser: parser, maxLineLength: maxLineLength,
                                                  feed: EngineApplierFeed(applier: applier, eventLoop: channel.eventLoop))
                    let handler = IngestChannelHandler(ingest: ingest, clock: host.clock, logger: logger, activity: activity,
                                                       journal: host.journal)
                    if let viewers {
                        try channel.pipeline.syncOperations.addHandler(ViewerSniffHandler(hub: viewers, ingest: handler))
                    }
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
        do {
            return try await bootstrap.bind(unixDomainSocketPath: path).get()
        } catch let error as IOError where POSIX.POSIXFailure(call: "bind", code: error.errnoCode).isAddressInUse {
            // Another process bound the path between our check and our bind.
            throw SocketPathError.addressInUse(path: path)
        } catch {
            throw SocketPathError.system(operation: "listen on", path: path, message: "\(error)")
        }
    }
}
