/// How remote_write is doing (`--remote-write`, docs/fleet.md): made by its service
/// (FlowRemoteWrite), read by `/metrics`, the `remote_write` health check and the notifier
/// status view. It lives here, below all of them, as `NotifierStatus` does, so the one value
/// travels the whole way.
///
/// Counts are samples (one series' value at one instant), from this process's start;
/// `pending` is what the on-disk queue holds and has not sent, queued before a restart
/// included. `lastError` is the client's summary ("HTTP 503: ...", "could not connect to
/// 127.0.0.1:9090"), made without the token, so it is safe to show and to log.
///
/// ```swift
/// let status = RemoteWriteStatus(endpoint: "http://127.0.0.1:9090/api/v1/write", sent: 4_000, pending: 120)
/// status.isFailing   // false: nothing has failed since the last success
/// ```
public struct RemoteWriteStatus: Sendable, Hashable, Codable {
    /// The receiver's URL without credentials or query ("http://prom:9090/api/v1/write").
    public var endpoint: String
    /// Samples appended to the queue by this process.
    public var sampled: Int64
    /// Samples the receiver took.
    public var sent: Int64
    /// Samples the receiver refused for good (a 4xx other than 429): never retried.
    public var failed: Int64
    /// Samples dropped unsent: older than the retention when their turn came, or lost to a
    /// damaged queue record.
    public var dropped: Int64
    /// Requests that failed and will be tried again (5xx, 429, no connection).
    public var retries: Int64
    /// Samples in the queue not yet sent.
    public var pending: Int64
    /// Bytes of queue segments on disk.
    public var queueBytes: Int64
    /// The timestamp of the oldest sample not yet sent; nil when none waits.
    public var oldestPendingAt: EpochMillis?
    public var lastSuccessAt: EpochMillis?
    public var lastError: String?
    public var lastErrorAt: EpochMillis?
    /// Whether the batch at the head is waiting out a backoff after a failed attempt.
    public var isRetrying: Bool

    public init(endpoint: String, sampled: Int64 = 0, sent: Int64 = 0, failed: Int64 = 0, dropped: Int64 = 0,
                retries: Int64 = 0, pending: Int64 = 0, queueBytes: Int64 = 0, oldestPendingAt: EpochMillis? = nil,
                lastSuccessAt: EpochMillis? = nil, lastError: String? = nil, lastErrorAt: EpochMillis? = nil,
                isRetrying: Bool = false) {
        self.endpoint = endpoint
        self.sampled = sampled
        self.sent = sent
        self.failed = failed
        self.dropped = dropped
        self.retries = retries
        self.pending = pending
        self.queueBytes = queueBytes
        self.oldestPendingAt = oldestPendingAt
        self.lastSuccessAt = lastSuccessAt
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.isRetrying = isRetrying
    }

    /// The latest attempt failed (nothing succeeded after it).
    public var isFailing: Bool {
        guard let errorAt = lastErrorAt else { return false }
        return errorAt > (lastSuccessAt ?? .min)
    }
}
