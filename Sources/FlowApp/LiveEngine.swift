import FlowConfig
import FlowCore
import FlowHTTP
import FlowIngest
import FlowNotify
import FlowRemoteWrite
import FlowStore
import FlowViewer
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

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
    /// The data directory's store; nil when the engine keeps nothing.
    let store: StoreService?
    /// The viewers attached through the event socket (and the HTTP API's viewer stream).
    let viewers: ViewerHub
    /// `--remote-write`: the samples of /metrics sent to a Prometheus-compatible receiver.
    let remoteWrite: RemoteWriteService?
    /// What the HTTP API and remote_write read of these parts (`HTTPServiceParts.exposition`).
    let parts: HTTPServiceParts

    static func make(engine configuration: EngineConfiguration, socketPath: String, socketMode: String,
                     maxConnections: Int = IngestServerConfiguration.defaultMaxConnections, http: HTTPOptions? = nil,
                     silencesFile: String?, notifyFile: String?, storage: StorageOptions = .ephemeral,
                     remoteWrite remoteWriteOptions: RemoteWriteOptions? = nil,
                     role: String = "serve", clock: any EngineClock, logger: Logger) throws -> LiveEngine {
        guard let mode = SocketFileMode(octal: socketMode), mode.bits & 0o600 == 0o600 else {
            throw UserFacingError(
                "--socket-mode must be an octal file mode that lets the owner read and write, such as 0600 or 0660, not '\(socketMode)'")
        }
        try checkOpenFileLimit(socketConnections: maxConnections, httpConnections: http?.maxConnections ?? 0)
        var configuration = configuration
        configuration.analysisRefreshMillis = 1000   // live: the funnel pass at most once a second
        let now = clock.now()
        let notifiers = try loadNotifierConfiguration(file: notifyFile)
        let silences = try silencesFile.map { file throws(UserFacingError) in (file, try loadSilences(file: file, now: now)) }
        // Every file is read, and the HTTP options checked, before the data directory is
        // locked and its journal replayed.
        if let http { try checkHTTPOptions(http) }
        let remoteWriteConfiguration = try remoteWriteOptions.map { options throws(UserFacingError) in
            try options.configuration()
        }
        if remoteWriteConfiguration != nil, storage == .ephemeral { throw remoteWriteNeedsDataDirectory }
        var (engine, engineStore) = try openEngine(storage, configuration: configuration, logger: logger)
        if let (file, list) = silences {
            try addSilences(list, from: file, to: &engine, at: now)
        }
        let host = EngineHost(engine: engine, clock: clock, journal: engineStore?.journal)
        let store = engineStore.map { StoreService(store: $0, host: host, clock: clock, logger: logger) }
        let notify = try notifiers.map { configuration throws(UserFacingError) in
            try NotificationService.live(configuration, host: host,
                                         log: NotifierLog.open(directory: engineStore?.directory.path, logger: logger),
                                         logger: logger)
        }
        let statuses = notify?.statuses
        let remoteWriteStatus = RemoteWriteStatusBox()
        let viewers = ViewerHub(host: host,
                                identity: EngineIdentity(role: role, pid: getpid(), startedAt: now, socket: socketPath),
                                decorate: { snapshot in
                                    snapshot.notifiers = statuses?.current() ?? []
                                    snapshot.remoteWrite = remoteWriteStatus.current()
                                })
        var ingest = IngestServerConfiguration(socketPath: socketPath, socketMode: mode, maxConnections: maxConnections)
        ingest.viewers = viewers
        let server = IngestServer(host: host, configuration: ingest, logger: logger)
        var parts = HTTPServiceParts(host: host, server: server, notifiers: statuses, startedAt: now)
        parts.viewers = viewers
        if let service = store {
            let (engineStore, interval) = (service.store, service.intervalMillis)
            parts.store = { engineStore.status(checkpointIntervalMillis: interval) }
        }
        if remoteWriteConfiguration != nil { parts.remoteWrite = { remoteWriteStatus.current() } }
        let exposed = parts
        let remoteWrite = try remoteWriteConfiguration.map { configuration throws(UserFacingError) in
            try makeRemoteWrite(configuration, store: engineStore, host: host, context: { exposed.exposition() },
                                clock: clock, logger: logger)
        }
        remoteWriteStatus.service = remoteWrite
        return LiveEngine(host: host, server: server, notify: notify, startedAt: now, store: store, viewers: viewers,
                          remoteWrite: remoteWrite, parts: parts)
    }

    /// The HTTP API over these parts (`--http`).
    func httpServer(_ options: HTTPOptions, logger: Logger) throws(UserFacingError) -> AnalyticsHTTPServer {
        try makeHTTPServer(options, parts: parts, logger: logger)
    }

    /// `--demo`: the workload written into this socket.
    func demo(_ mode: DemoMode, clock: any EngineClock) -> DemoService {
        DemoService(server: server, socketPath: server.configuration.socketPath, mode: mode, clock: clock)
    }
}

/// remote_write's status for the parts made before its service (the viewers' snapshots,
/// its own samples of `/metrics`): nil until the service is set, and without `--remote-write`.
final class RemoteWriteStatusBox: Sendable {
    private let held = Mutex<RemoteWriteService?>(nil)

    /// Set once, in `LiveEngine.make`, before any service runs.
    var service: RemoteWriteService? {
        get { held.withLock { $0 } }
        set { held.withLock { $0 = newValue } }
    }

    func current() -> RemoteWriteStatus? { service?.status }
}

/// The engine `storage` asks for: from its data directory (checkpoint plus journal), or a
/// new one in memory.
func openEngine(_ storage: StorageOptions, configuration: EngineConfiguration,
                logger: Logger) throws(UserFacingError) -> (Engine, EngineStore?) {
    guard case .dataDirectory(let path, let fsyncMillis) = storage else {
        return (Engine(configuration: configuration), nil)
    }
    let (engine, store) = try EngineStore.open(dataDirectory: path, fsyncIntervalMillis: fsyncMillis,
                                               configuration: configuration, logger: logger)
    return (engine, store)
}

/// The viewer hub's push thread as a service: started with the group, stopped (every
/// viewer's connection closed) when it shuts down.
final class ViewerHubService: Service {
    let hub: ViewerHub

    init(hub: ViewerHub) {
        self.hub = hub
    }

    func run() async throws {
        hub.start()
        try? await gracefulShutdown()   // returns at shutdown, throws at cancellation
        hub.stop()
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
