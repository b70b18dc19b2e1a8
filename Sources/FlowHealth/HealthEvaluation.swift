import FlowCore
import FlowReports
import TerminalUI

/// The health verdicts as a pure function of a `HealthObservation` and the thresholds:
/// each check's status and detail, the overall status (the worst), and which Kubernetes
/// probes fail.
///
/// The probes, as an ops engineer expects them:
/// - **startup** fails until the event socket listens;
/// - **readiness** fails exactly when the status is unhealthy (not listening, ingest or
///   the engine's lock wedged);
/// - **liveness** fails only when the process is stuck: the engine's lock not taken for
///   `lockStuckMillis` (30 s) or read bytes not in the engine for `ingestStuckMillis`
///   (60 s). Never for a dead notifier or quiet producers: a restart cures neither, and it
///   throws away everything the engine holds.
///
/// ```swift
/// let report = HealthEvaluation.report(observation, thresholds: HealthThresholds())
/// report.passes(.readiness)
/// ```
public enum HealthEvaluation {
    public static func report(_ seen: HealthObservation, thresholds: HealthThresholds) -> HealthReport {
        var verdicts: [CheckVerdict] = []
        var failing: Set<ProbeKind> = []
        if let ingest = seen.ingest {
            verdicts.append(IngestHealthChecks.socket(ingest))
            verdicts.append(IngestHealthChecks.progress(ingest.activity, now: seen.now, thresholds: thresholds))
            verdicts.append(IngestHealthChecks.lastEvent(ingest.activity, now: seen.now, startedAt: seen.startedAt,
                                                         thresholds: thresholds))
            if case .listening = ingest.state {} else { failing.insert(.startup) }
        }
        verdicts.append(engineLock(seen.engineLock, now: seen.now, thresholds: thresholds))
        verdicts += seen.notifiers.map { NotifierHealthCheck.verdict($0, now: seen.now, thresholds: thresholds) }
        if let store = seen.store { verdicts.append(storeCheck(store, now: seen.now)) }
        if let remoteWrite = seen.remoteWrite {
            verdicts.append(RemoteWriteHealthCheck.verdict(remoteWrite, now: seen.now, thresholds: thresholds))
        }

        let status = verdicts.map(\.result.status).max() ?? .healthy
        if status == .unhealthy { failing.insert(.readiness) }
        if verdicts.contains(where: \.failsLiveness) { failing.insert(.liveness) }
        return HealthReport(status: status, checks: verdicts.map(\.result), checkedAt: seen.now, failingProbes: failing)
    }

    /// `engine_lock`: whether the engine's one lock (ingest batches, snapshots, alerts)
    /// can be taken. A check waiting now decides; otherwise the last one's wait does.
    public static func engineLock(_ lock: EngineLockObservation, now: EpochMillis, thresholds: HealthThresholds) -> CheckVerdict {
        let name = "engine_lock"
        if let since = lock.waitingSince {
            let waited = now - since
            if waited >= thresholds.lockStuckMillis {
                return CheckVerdict(name, .unhealthy, "not taken for \(span(waited)): the engine is stuck; "
                                    + "liveness fails from \(span(thresholds.lockStuckMillis))", failsLiveness: true)
            }
            if waited >= thresholds.lockWedgedMillis {
                return CheckVerdict(name, .unhealthy, "not taken for \(span(waited)); readiness fails from "
                                    + "\(span(thresholds.lockWedgedMillis)), liveness from \(span(thresholds.lockStuckMillis))")
            }
            if waited >= thresholds.lockSlowMillis {
                return CheckVerdict(name, .degraded, "waiting for it for \(span(waited))")
            }
        }
        guard let takenAt = lock.lastTakenAt, let wait = lock.lastWaitMillis else {
            return CheckVerdict(name, .healthy, "first check running")
        }
        let when = ago(now - takenAt)
        if wait >= thresholds.lockSlowMillis {
            return CheckVerdict(name, .degraded, "taken \(when) after waiting \(span(wait))")
        }
        return CheckVerdict(name, .healthy, "taken \(when) in \(wait) ms")
    }

    /// `store`: unhealthy while changes cannot be made durable (syncs answer
    /// `durable: false`; the engine runs on from memory, so liveness holds: a restart
    /// would lose what memory has); degraded while checkpoints fail or lag three intervals
    /// (restarts get slower as the journal grows).
    public static func storeCheck(_ store: StoreStatus, now: EpochMillis) -> CheckVerdict {
        let name = "store"
        if let problem = store.problem {
            return CheckVerdict(name, .unhealthy, "not durable: \(problem)")
        }
        let size = StoreStatus.byteText(store.bytesOnDisk)
        if let problem = store.checkpointProblem {
            return CheckVerdict(name, .degraded, "checkpoint failed: \(problem); \(size) in \(store.path)")
        }
        if let at = store.lastCheckpointAt, now - at > 3 * store.checkpointIntervalMillis {
            return CheckVerdict(name, .degraded, "last checkpoint \(ago(now - at)); \(size) in \(store.path)")
        }
        let fsync = store.lastFsyncSeconds.map { "\(($0 * 10_000).rounded() / 10) ms" } ?? "none yet"
        return CheckVerdict(name, .healthy, "\(size) in \(store.path); last fsync \(fsync)")
    }

    /// How long, as the details say it: "0.3s", "1.5s" and "12s" (tenths only under
    /// ten seconds, where they matter against the 1 s threshold), "1m 5s", "15m", "3h".
    public static func span(_ millis: EpochMillis) -> String {
        let millis = max(0, millis)
        if millis < 10_000 && millis % 1000 >= 100 { return "\(millis / 1000).\(millis % 1000 / 100)s" }
        let text = DurationFormat.duration(seconds: Double(millis / 1000))
        for zero in [" 0s", " 0m", " 0h"] where text.hasSuffix(zero) { return String(text.dropLast(zero.count)) }
        return text
    }

    /// "3s ago", "20m ago".
    public static func ago(_ millis: EpochMillis) -> String { span(millis) + " ago" }
}

/// One check's result and whether it fails the liveness probe.
public struct CheckVerdict: Sendable, Equatable {
    public var result: HealthCheckResult
    public var failsLiveness: Bool

    public init(_ name: String, _ status: HealthStatus, _ detail: String, failsLiveness: Bool = false) {
        result = HealthCheckResult(name: name, status: status, detail: detail)
        self.failsLiveness = failsLiveness
    }
}
