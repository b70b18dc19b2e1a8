import FlowCore
import FlowReports
import FlowIngest

/// What the health monitor saw at one moment, as plain values: the verdicts
/// (`HealthEvaluation`) are a pure function of this and the thresholds, so tests give
/// any situation with a manual clock instead of wedging a real engine.
///
/// ```swift
/// let seen = HealthObservation(now: t, startedAt: t - 60_000,
///                              ingest: IngestObservation(state: .listening(path: "/tmp/s.sock")),
///                              engineLock: EngineLockObservation(lastTakenAt: t - 1_000, lastWaitMillis: 0))
/// HealthEvaluation.report(seen, thresholds: HealthThresholds()).status   // .healthy
/// ```
public struct HealthObservation: Sendable, Equatable {
    public var now: EpochMillis
    /// When the monitor was made (the process's start, near enough).
    public var startedAt: EpochMillis
    /// The event socket; nil in a mode without one (its checks are left out).
    public var ingest: IngestObservation?
    public var engineLock: EngineLockObservation
    /// One per configured notifier; empty without `--notify`.
    public var notifiers: [NotifierStatus] = []
    /// The data directory; nil when the engine keeps nothing (`--ephemeral`).
    public var store: StoreStatus?
    /// remote_write; nil without `--remote-write`.
    public var remoteWrite: RemoteWriteStatus? = nil
}

/// The event socket's side: whether it listens, its clients, its progress.
public struct IngestObservation: Sendable, Equatable {
    public var state: IngestListeningState
    public var openConnections: Int = 0
    public var activity: IngestActivity = IngestActivity()
}

/// The engine lock checks (`EngineLockProbe`): one may be waiting now; the last one
/// that got the lock says when and after how long.
public struct EngineLockObservation: Sendable, Equatable {
    /// When the check still waiting for the lock started; nil when none waits.
    public var waitingSince: EpochMillis?
    public var lastTakenAt: EpochMillis?
    /// How long the last completed check waited for the lock.
    public var lastWaitMillis: EpochMillis?
}
