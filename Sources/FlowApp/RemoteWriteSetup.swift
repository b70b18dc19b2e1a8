import FlowCore
import FlowHTTP
import FlowRemoteWrite
import FlowStore
import Logging
import Threading

#if canImport(Glibc)
import Glibc
#endif

/// `--remote-write URL` and its flags, as `serve` (and the dashboard) take them
/// (docs/fleet.md).
public struct RemoteWriteOptions: Sendable, Equatable {
    public var url: String
    public var tokenFile: String?
    /// `--remote-write-instance`; nil: this machine's host name.
    public var instance: String?
    /// `--external-label k=v`, as given.
    public var externalLabels: [String] = []
    /// `--remote-write-header Name=Value`, as given.
    public var headers: [String] = []
    public var intervalMillis = RemoteWriteConfiguration.defaultIntervalMillis
    public var retentionMillis = RemoteWriteConfiguration.defaultRetentionMillis

    public init(url: String, tokenFile: String? = nil) {
        self.url = url
        self.tokenFile = tokenFile
    }

    /// The flags checked and the token read; before the data directory is opened, so a
    /// mistake stops start-up with nothing touched.
    func configuration() throws(UserFacingError) -> RemoteWriteConfiguration {
        try RemoteWriteConfiguration(url: url, tokenFile: tokenFile, instance: instance ?? hostName(),
                                     externalLabels: externalLabels, extraHeaders: headers,
                                     intervalMillis: intervalMillis,
                                     retentionMillis: retentionMillis)
    }
}

/// Why `--remote-write` refuses `--ephemeral`: its queue, and so its promise (no sample
/// lost over an outage or a restart), lives in the data directory.
let remoteWriteNeedsDataDirectory = UserFacingError(
    "--remote-write keeps its queue in the data directory (docs/fleet.md); drop --ephemeral, or give --data-dir DIR with --demo")

/// This machine's name (`gethostname`), the default `instance` label: what Prometheus
/// would show as the instance of a scraped node, without the port.
func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
    let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return name.isEmpty ? "localhost" : name
}

/// The remote_write service over a live engine: its queue in the data directory's
/// `remote-write/` folder, its samples the very ones `/metrics` would show at that instant.
/// Needs a data directory: the queue's promise (no sample lost over an outage or a restart)
/// rests on it.
func makeRemoteWrite(_ configuration: RemoteWriteConfiguration, store: EngineStore?, host: EngineHost,
                     context: @escaping @Sendable () -> ExpositionContext,
                     clock: any EngineClock, logger: Logger) throws(UserFacingError) -> RemoteWriteService {
    guard let store else { throw remoteWriteNeedsDataDirectory }
    let path = store.directory.path + "/" + SampleQueueFormat.directoryName
    let queue: SampleQueue
    do {
        let (opened, notes) = try SampleQueue.open(directory: path)
        for note in notes { logger.warning("remote_write queue: \(note)") }
        queue = opened
    } catch {
        throw UserFacingError("--remote-write: cannot open its queue: \(error)")
    }
    return RemoteWriteService(configuration: configuration, queue: queue, clock: clock, logger: logger) {
        try await runOnThread { PrometheusExposition.samples(host.metrics(), context: context()) }
    }
}
