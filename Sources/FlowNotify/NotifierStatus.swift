import FlowCore

/// How one notifier's deliveries are going, as a value the header and the notifier-status
/// view draw from (they never reach into a queue).
///
/// Counts run from the queue's start. `lastError` is a transport's summary ("HTTP 400:
/// invalid_payload", "could not connect to 127.0.0.1:9093: ..."), made without URLs or keys,
/// so it is safe to show and to log.
///
/// ```swift
/// let status = queue.status
/// if status.failures > 0 { header.append("notify: \(status.failures) failed") }
/// ```
public struct NotifierStatus: Sendable, Equatable {
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

    public init(
        name: String, queued: Int = 0, sent: Int = 0, failed: Int = 0, retries: Int = 0, dropped: Int = 0,
        lastError: String? = nil, lastErrorAt: EpochMillis? = nil, lastSuccessAt: EpochMillis? = nil,
        isRetrying: Bool = false
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
    }

    /// Messages that will never reach the receiver: failed plus dropped. The header's count.
    public var failures: Int { failed + dropped }
}
