import FlowCore
import FlowIngest
import FlowReports

/// The engine's health checks (docs/health.md): the event socket listening, ingest making
/// progress, the last event's age, the engine's lock, and each notifier's deliveries;
/// with a status (healthy, degraded, unhealthy) and the Kubernetes probes' verdicts.
///
/// A thin layer: it reads what the parts already expose (`IngestServer.listeningState`,
/// `.activity`, `.openConnections`; `NotifierStatusProvider.current()`; an
/// `EngineLockProbe` over `host.alerting()`), all without waiting on anything, and hands
/// the values to `HealthEvaluation`, which decides; with a data directory also the store's
/// status (`store`) and, with `--remote-write`, the sender's (`remote_write`).
///
/// ```swift
/// let monitor = HealthMonitor(host: host, server: server, notifiers: { statuses.current() })
/// let (ok, report) = monitor.probe(.readiness)   // 200 when ok, else 503; report.json() as the body
/// ```
public final class HealthMonitor: Sendable {
    private let server: IngestServer?
    private let notifiers: (@Sendable () -> [NotifierStatus])?
    private let store: (@Sendable () -> StoreStatus)?
    private let remoteWrite: (@Sendable () -> RemoteWriteStatus?)?
    private let thresholds: HealthThresholds
    private let clock: any EngineClock
    private let startedAt: EpochMillis
    private let lock: EngineLockProbe

    /// `clock` is the host's unless given (tests pass a manual one that nothing else
    /// reads, so the checks' own calls never wait on the engine's). `notifiers` reads
    /// every notifier's status now (nil: no notifiers configured); `remoteWrite` its status
    /// (nil: no `--remote-write`; a nil status: its service not made yet, no check).
    public init(host: EngineHost, server: IngestServer?, notifiers: (@Sendable () -> [NotifierStatus])?,
                store: (@Sendable () -> StoreStatus)? = nil, remoteWrite: (@Sendable () -> RemoteWriteStatus?)? = nil,
                thresholds: HealthThresholds = HealthThresholds(), clock: (any EngineClock)? = nil) {
        let clock = clock ?? host.clock
        self.server = server
        self.notifiers = notifiers
        self.store = store
        self.remoteWrite = remoteWrite
        self.thresholds = thresholds
        self.clock = clock
        startedAt = clock.now()
        lock = EngineLockProbe(clock: clock, interval: thresholds.lockCheckIntervalMillis) { _ = host.alerting() }
    }

    /// What every part shows now, as plain values.
    public func observe() -> HealthObservation {
        let engineLock = lock.observe()
        let ingest = server.map {
            IngestObservation(state: $0.listeningState, openConnections: $0.openConnections, activity: $0.activity)
        }
        return HealthObservation(now: clock.now(), startedAt: startedAt, ingest: ingest, engineLock: engineLock,
                                 notifiers: notifiers?() ?? [], store: store?(), remoteWrite: remoteWrite?() ?? nil)
    }

    public func report() -> HealthReport {
        HealthEvaluation.report(observe(), thresholds: thresholds)
    }

    /// Whether the probe passes (HTTP 200, else 503), with the report that decided it.
    public func probe(_ kind: ProbeKind) -> (ok: Bool, report: HealthReport) {
        let report = report()
        return (report.passes(kind), report)
    }
}
