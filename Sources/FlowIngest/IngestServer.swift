import FlowCore
import FlowWire
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

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

    public init(socketPath: String, socketMode: SocketFileMode = .ownerOnly, maxLineLength: Int = 64 * 1024) {
        self.socketPath = socketPath
        self.socketMode = socketMode
        self.maxLineLength = maxLineLength
    }
}

/// The event socket: accepts any number of clients on a Unix stream socket, parses their
/// NDJSON lines into the engine in batches (one `EngineHost.apply` per read burst, never
/// one lock per event) and answers `sync` with a `sync_ack` (EVENTS.md).
///
/// A service-lifecycle `Service`: `run()` prepares the path (refusing to clobber anything
/// but a stale socket), listens until graceful shutdown or task cancellation, then closes
/// every connection and removes its socket file. Reads are processed on the event loop,
/// so a slow engine slows its readers down instead of queueing without bound.
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

    /// - Parameters:
    ///   - eventLoopGroup: the loops to serve on; nil makes one with a thread per core for
    ///     the duration of `run()`.
    public init(host: EngineHost, configuration: IngestServerConfiguration,
                eventLoopGroup: (any EventLoopGroup)? = nil,
                logger: Logger = Logger(label: "flowtop.ingest")) {
        self.host = host
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

    private func serve(on group: any EventLoopGroup) async throws {
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

    private func bind(on group: any EventLoopGroup, path: String) async throws -> any Channel {
        let host = self.host
        let connections = self.connections
        let logger = self.logger
        let activity = self.activityRecorder
        let maxLineLength = configuration.maxLineLength
        let parser = WireParser(knownSLOs: host.sloNames)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                connections.register(channel)
                return channel.eventLoop.makeCompletedFuture {
                    let ingest = ConnectionIngest(parser: parser, maxLineLength: maxLineLength) { events, rejected in
                        host.apply(events, rejected: rejected)
                    }
                    let handler = IngestChannelHandler(ingest: ingest, clock: host.clock, logger: logger, activity: activity)
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
