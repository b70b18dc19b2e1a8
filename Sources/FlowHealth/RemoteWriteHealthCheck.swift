import FlowCore
import FlowReports

/// `remote_write`: whether the receiver of `--remote-write` keeps up (docs/fleet.md),
/// judged from the queue's backlog and the latest answers, as `notifier:NAME` is judged
/// from real deliveries.
///
/// Degraded while the oldest unsent sample is `remoteWriteBacklogMillis` (5 min) old or
/// older (the receiver has been failing that long, or cannot keep up), or when a batch was
/// refused for good (a 4xx), or a round could not be queued (a full disk), within
/// `notifierFailureMillis` (15 min): samples were lost.
/// A failure younger than that is healthy with what is wrong in the detail: a receiver
/// restarting for a minute loses nothing. Never unhealthy: Prometheus being down must not
/// take the engine out of its load balancer, and the queue keeps the samples.
///
/// ```swift
/// RemoteWriteHealthCheck.verdict(RemoteWriteStatus(endpoint: "http://prom:9090/api/v1/write", pending: 400,
///                                                  oldestPendingAt: t - 600_000, lastError: "HTTP 503",
///                                                  lastErrorAt: t - 2_000, isRetrying: true),
///                                now: t, thresholds: HealthThresholds())
/// // degraded: "400 samples waiting, the oldest 10m old; failing: HTTP 503 (2s ago); retrying; ..."
/// ```
public enum RemoteWriteHealthCheck {
    public static func verdict(_ rw: RemoteWriteStatus, now: EpochMillis, thresholds: HealthThresholds) -> CheckVerdict {
        let name = "remote_write"
        let counts = "\(rw.pending) pending, \(rw.sent) sent, \(rw.failed) failed, \(rw.dropped) dropped"
        var parts: [String] = []
        var degraded = false
        if let oldest = rw.oldestPendingAt, rw.pending > 0 {
            let age = now - oldest
            degraded = degraded || age >= thresholds.remoteWriteBacklogMillis
            parts.append("\(rw.pending) \(rw.pending == 1 ? "sample" : "samples") waiting, the oldest "
                         + "\(HealthEvaluation.span(age)) old")
        }
        if rw.isFailing, let errorAt = rw.lastErrorAt {
            let what = "\(rw.lastError ?? "sending failed") (\(HealthEvaluation.ago(now - errorAt)))"
            if rw.isRetrying {
                parts.append("failing: \(what); retrying")
            } else if now - errorAt < thresholds.notifierFailureMillis {
                degraded = true
                parts.append("samples lost: \(what)")
            }
        }
        if parts.isEmpty {
            parts.append(rw.lastSuccessAt.map { "last sent \(HealthEvaluation.ago(now - $0))" } ?? "nothing sent yet")
        }
        return CheckVerdict(name, degraded ? .degraded : .healthy, "\(parts.joined(separator: "; ")); \(counts)")
    }
}
