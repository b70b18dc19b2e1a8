import FlowCore
import FlowReports

/// When a check changes its verdict, in milliseconds. The defaults suit Kubernetes'
/// probe defaults (every 10 s, 3 failures in a row): a stuck engine fails liveness after
/// 30 s and is killed about 30 s later; a wedge shorter than 10 s never leaves the load
/// balancer.
///
/// ```swift
/// var thresholds = HealthThresholds()
/// thresholds.quietEventsMillis = 60 * 60_000   // producers that are quiet for long stretches
/// let monitor = HealthMonitor(host: host, server: server, notifiers: nil, thresholds: thresholds)
/// ```
public struct HealthThresholds: Sendable, Equatable {
    /// No accepted event for this long (or since start): `last_event` is degraded.
    public var quietEventsMillis: EpochMillis = 15 * 60_000
    /// Bytes read but not in the engine for this long: `ingest_progress` is unhealthy and
    /// readiness fails.
    public var ingestWedgedMillis: EpochMillis = 10_000
    /// ... for this long: liveness fails too.
    public var ingestStuckMillis: EpochMillis = 60_000
    /// A wait for the engine's lock (now, or the last one) this long: `engine_lock` degraded.
    public var lockSlowMillis: EpochMillis = 1_000
    /// A wait still going on this long: unhealthy, readiness fails.
    public var lockWedgedMillis: EpochMillis = 10_000
    /// ... this long: liveness fails too.
    public var lockStuckMillis: EpochMillis = 30_000
    /// A notifier whose latest delivery failed stays degraded this long after the failure,
    /// or as long as it retries or has messages queued.
    public var notifierFailureMillis: EpochMillis = 15 * 60_000
    /// remote_write's oldest unsent sample this old (the receiver failing, or too slow for
    /// the backlog): `remote_write` is degraded.
    public var remoteWriteBacklogMillis: EpochMillis = 5 * 60_000
    /// The engine's lock is tried at most this often, however often the probes come.
    public var lockCheckIntervalMillis: EpochMillis = 1_000

    /// The defaults above; change a field to tune one check.
    public init() {}
}
