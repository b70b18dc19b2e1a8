/// How one notifier's deliveries are going: made by its delivery queue (FlowNotify), read by
/// the health checks, and carried in `EngineSnapshot.notifiers` to the header and the
/// notifier-status view (FlowDashboard), which never reach into a queue. It lives here,
/// below both, so the one value travels the whole way instead of being copied into a twin.
///
/// Counts run from the queue's start. `lastError` is a transport's summary ("HTTP 400:
/// invalid_payload", "could not connect to 127.0.0.1:9093: ..."), made without URLs or keys,
/// so it is safe to show and to log. `refusedGroups` is not a count of messages: it is how
/// many alert groups the notifier did not follow at its last planning because it already
/// followed as many as it may (docs/notifiers.md, "Grouping"); their alerts are not sent.
///
/// ```swift
/// var snapshot = host.snapshot(query)
/// snapshot.notifiers = [NotifierStatus(name: "slack", sent: 3, failed: 1, lastError: "HTTP 500")]
/// snapshot.notifiers.reduce(0) { $0 + $1.failures }   // 1: the header says "notify 1 failed"
/// ```
public struct NotifierStatus: Sendable, Hashable, Codable {
    /// The notifier's configured name ("slack-oncall", "alertmanager").
    public var name: String
    /// Messages waiting, the one being sent (or waiting to be retried) included.
    public var queued: Int
    /// Messages the receiver took.
    public var sent: Int
    /// Messages given up on: refused for good (HTTP 4xx, SMTP 5xx) or out of retries.
    public var failed: Int
    /// Attempts that failed and were tried again.
    public var retries: Int
    /// Messages never sent: pushed out of a full queue (oldest first) or still queued when
    /// the queue stopped.
    public var dropped: Int
    /// The latest failure's summary, retried or not; cleared by no later success, so the
    /// view can still say what went wrong last.
    public var lastError: String?
    public var lastErrorAt: EpochMillis?
    public var lastSuccessAt: EpochMillis?
    /// Whether the message at the head is waiting out a backoff after a failed attempt.
    public var isRetrying: Bool
    /// Groups not followed at the notifier's last planning: its group cap was reached. The
    /// queue does not know it (0 there); the app adds it from the planner.
    public var refusedGroups: Int

    public init(
        name: String, queued: Int = 0, sent: Int = 0, failed: Int = 0, retries: Int = 0, dropped: Int = 0,
        lastError: String? = nil, lastErrorAt: EpochMillis? = nil, lastSuccessAt: EpochMillis? = nil,
        isRetrying: Bool = false, refusedGroups: Int = 0
    ) {
        self.name = name
        self.queued = queued
        self.sent = sent
        self.failed = failed
        self.retries = retries
        self.dropped = dropped
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.lastSuccessAt = lastSuccessAt
        self.isRetrying = isRetrying
        self.refusedGroups = refusedGroups
    }

    /// Messages that will never reach the receiver: failed plus dropped. The header's count.
    public var failures: Int { failed + dropped }
}
