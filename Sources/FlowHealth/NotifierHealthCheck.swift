import FlowCore
import FlowReports

/// `notifier:NAME`: whether a notifier's receiver takes its messages, judged from its
/// real deliveries (`NotifierStatus`). flowtop sends no test messages to find out: they
/// would reach real Slack channels and pagers.
///
/// Degraded while the latest attempt failed and that is still news: it is being retried,
/// messages are queued behind it, or it happened within `notifierFailureMillis` (15 min).
/// Never unhealthy: a dead Slack must not take the analytics out of the load balancer.
/// `lastError` is safe to show: transports write it without URLs, keys or passwords.
///
/// ```swift
/// NotifierHealthCheck.verdict(NotifierStatus(name: "slack", retries: 2, lastError: "HTTP 500",
///                                            lastErrorAt: t - 5_000, isRetrying: true),
///                             now: t, thresholds: HealthThresholds())
/// // degraded: "failing: HTTP 500 (5s ago); retrying; 1 queued, 0 sent, 0 failed, 0 dropped"
/// ```
public enum NotifierHealthCheck {
    public static func verdict(_ status: NotifierStatus, now: EpochMillis, thresholds: HealthThresholds) -> CheckVerdict {
        let name = "notifier:\(status.name)"
        let counts = "\(status.queued) queued, \(status.sent) sent, \(status.failed) failed, \(status.dropped) dropped"
        if let errorAt = status.lastErrorAt, errorAt > (status.lastSuccessAt ?? .min) {
            let what = "\(status.lastError ?? "delivery failed") (\(HealthEvaluation.ago(now - errorAt)))"
            let news = status.isRetrying || status.queued > 0 || now - errorAt < thresholds.notifierFailureMillis
            if news {
                return CheckVerdict(name, .degraded, "failing: \(what)\(status.isRetrying ? "; retrying" : ""); \(counts)")
            }
            return CheckVerdict(name, .healthy, "nothing to send since the last failure: \(what); \(counts)")
        }
        guard let success = status.lastSuccessAt else {
            return CheckVerdict(name, .healthy, "nothing sent yet; \(counts)")
        }
        return CheckVerdict(name, .healthy, "last delivery \(HealthEvaluation.ago(now - success)); \(counts)")
    }
}
