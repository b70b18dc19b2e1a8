import FlowNotify

/// How long to wait before sending a failed batch again, as the remote-write spec asks:
/// 5xx, 429 and connection failures are retried with exponential backoff (FlowNotify's
/// `RetryPolicy`: 500 ms doubling, capped at 5 s as Prometheus' `max_backoff`, with 20%
/// jitter) and never given up on (the queue's retention decides when samples are too old);
/// a 429's `Retry-After` seconds are honoured up to 5 minutes. Other 4xx are not retried.
///
/// ```swift
/// var random = SystemRandomNumberGenerator()
/// RemoteWriteBackoff().wait(after: .http(status: 503), attempt: 3, using: &random)   // about 2 s
/// RemoteWriteBackoff().wait(after: .http(status: 400), attempt: 1, using: &random)   // nil: drop it
/// ```
public struct RemoteWriteBackoff: Sendable, Equatable {
    public var policy = RetryPolicy(baseDelay: .milliseconds(500), factor: 2, maxDelay: .seconds(5),
                                    maxAttempts: .max, maxAge: nil, jitter: 0.2)
    /// The longest `Retry-After` honoured.
    public var maxRetryAfter: Duration = .seconds(300)

    public init() {}

    /// The wait before the next attempt after attempt number `attempt` (1 for the first)
    /// ended in `outcome`; nil when the batch must not be sent again (delivered, or refused
    /// for good).
    public func wait(after outcome: DeliveryOutcome, attempt: Int,
                     using random: inout some RandomNumberGenerator) -> Duration? {
        guard case .retryable(let failure) = outcome else { return nil }
        if let asked = failure.retryAfter { return min(asked, maxRetryAfter) }
        return policy.delay(beforeRetry: attempt, using: &random)
    }
}
