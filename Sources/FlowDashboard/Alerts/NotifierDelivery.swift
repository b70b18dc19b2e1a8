import FlowCore

/// How one notifier's deliveries are going, as the header and the notifier-status view
/// (`N`) show it: the dashboard's own copy of a notifier's status, so FlowDashboard draws
/// it without depending on the module that sends (the app converts, once per frame).
///
/// Counts run from start-up. `refusedGroups` is not a count of messages: it is how many
/// alert groups the notifier did not follow at its last planning because it already
/// followed as many as it may (docs/notifiers.md, "Grouping"); their alerts are not sent.
///
/// ```swift
/// var context = DashboardContext(socketPath: path)
/// context.notifiers = [NotifierDelivery(name: "slack", sent: 3, failed: 1, lastError: "HTTP 500",
///                                       lastErrorAt: now - 60_000)]
/// context.notifyFailures   // 1: the header says "notify 1 failed"
/// ```
public struct NotifierDelivery: Sendable, Hashable {
    /// "alertmanager", "slack", "pagerduty" or "email".
    public var name: String
    /// Messages waiting, the one being sent or waiting for its retry included.
    public var queued: Int
    /// Messages the receiver took.
    public var sent: Int
    /// Messages given up on: refused for good or out of retries.
    public var failed: Int
    /// Attempts that failed and were tried again.
    public var retries: Int
    /// Messages never sent: pushed out of a full queue, or still queued at shutdown.
    public var dropped: Int
    /// The message at the head of the queue is waiting out a backoff.
    public var isRetrying: Bool
    public var lastSuccessAt: EpochMillis?
    public var lastErrorAt: EpochMillis?
    /// The transport's summary of the latest failure ("HTTP 500: internal_error"); it
    /// holds no URL or key, so it is safe to show.
    public var lastError: String?
    /// Groups not followed at the notifier's last planning: its group cap was reached.
    public var refusedGroups: Int

    public init(name: String, queued: Int = 0, sent: Int = 0, failed: Int = 0, retries: Int = 0, dropped: Int = 0,
                isRetrying: Bool = false, lastSuccessAt: EpochMillis? = nil, lastErrorAt: EpochMillis? = nil,
                lastError: String? = nil, refusedGroups: Int = 0) {
        self.name = name
        self.queued = queued
        self.sent = sent
        self.failed = failed
        self.retries = retries
        self.dropped = dropped
        self.isRetrying = isRetrying
        self.lastSuccessAt = lastSuccessAt
        self.lastErrorAt = lastErrorAt
        self.lastError = lastError
        self.refusedGroups = refusedGroups
    }

    /// Messages that will never reach the receiver: failed plus dropped.
    public var failures: Int { failed + dropped }
}
