import FlowCore
import FlowIngest
import FlowNotify

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
struct HealthObservation: Sendable, Equatable {
    var now: EpochMillis
    /// When the monitor was made (the process's start, near enough).
    var startedAt: EpochMillis
    /// The event socket; nil in a mode without one (its checks are left out).
    var ingest: IngestObservation?
    var engineLock: EngineLockObservation
    /// One per configured notifier; empty without `--notify`.
    var notifiers: [NotifierStatus] = []
}

/// The event socket's side: whether it listens, its clients, its progress.
struct IngestObservation: Sendable, Equatable {
    var state: IngestListeningState
    var openConnections: Int = 0
    var activity: IngestActivity = IngestActivity()
}

/// The engine lock checks (`EngineLockProbe`): one may be waiting now; the last one
/// that got the lock says when and after how long.
struct EngineLockObservation: Sendable, Equatable {
    /// When the check still waiting for the lock started; nil when none waits.
    var waitingSince: EpochMillis?
    var lastTakenAt: EpochMillis?
    /// How long the last completed check waited for the lock.
    var lastWaitMillis: EpochMillis?
}
