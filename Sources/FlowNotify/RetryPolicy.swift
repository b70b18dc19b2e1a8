/// What one delivery attempt came to, in the terms the retry policy decides on.
///
/// Transports say what happened (`HTTPTransport` from a status code or a connection error,
/// `SMTPClient` from a reply code); `RetryPolicy` says what to do next. Every failure carries
/// a summary fit for a log line and the status view: it never holds a URL, a routing key or a
/// password, since a Slack webhook URL *is* the secret.
///
/// ```swift
/// switch DeliveryOutcome.http(status: 503, retryAfter: "2") {
/// case .retryable(let failure): print(failure.retryAfter as Any)   // Optional(2 seconds)
/// default: break
/// }
/// ```
public enum DeliveryOutcome: Sendable, Equatable {
    /// The receiver took the message (HTTP 2xx, SMTP 250 after DATA).
    case delivered
    /// Worth another try later: HTTP 429 and 5xx, SMTP 4xx, connection errors and timeouts.
    case retryable(DeliveryFailure)
    /// Sending the same message again will fail the same way: other HTTP 4xx, SMTP 5xx, a
    /// message the transport cannot send at all.
    case permanent(DeliveryFailure)

    /// The outcome of an HTTP response: 2xx delivered, 429 and 5xx retryable (with the
    /// server's `Retry-After` seconds, if it gave them), anything else permanent.
    public static func http(status: Int, retryAfter: String? = nil, detail: String = "") -> DeliveryOutcome {
        let summary = detail.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(detail)"
        switch status {
        case 200..<300:
            return .delivered
        case 429, 500..<600:
            return .retryable(DeliveryFailure(summary, retryAfter: retryAfter.flatMap(parseRetryAfterSeconds)))
        default:
            return .permanent(DeliveryFailure(summary))
        }
    }

    /// `Retry-After` as delay-seconds (RFC 9110 §10.2.3). The HTTP-date form is ignored: the
    /// backoff applies instead, which is the safe reading of a date we would have to trust.
    static func parseRetryAfterSeconds(_ value: String) -> Duration? {
        let trimmed = value.trimmingWhitespace()
        guard let seconds = Int(trimmed), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }

    public var failure: DeliveryFailure? {
        switch self {
        case .delivered: nil
        case .retryable(let failure), .permanent(let failure): failure
        }
    }
}

/// Why a delivery attempt failed, in words a user can act on and without secrets.
public struct DeliveryFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line: "HTTP 400: invalid_payload", "connection refused (127.0.0.1:9093)",
    /// "SMTP 550 after RCPT TO: mailbox unavailable".
    public var summary: String
    /// How long the receiver asked us to wait (HTTP `Retry-After`), if it did.
    public var retryAfter: Duration?

    public init(_ summary: String, retryAfter: Duration? = nil) {
        self.summary = summary
        self.retryAfter = retryAfter
    }

    public var description: String { summary }
}

/// When to try a failed delivery again: exponential backoff with jitter, up to a number of
/// attempts or an age, whichever comes first.
///
/// The n-th retry waits `baseDelay * factor^(n-1)`, capped at `maxDelay`, then scaled by a
/// random factor in `1-jitter ... 1` so that notifiers failing together do not retry in step.
/// A receiver's `Retry-After` replaces the backoff (still capped at `maxDelay`, so a hostile
/// or broken receiver cannot park the queue for an hour). The random source is a parameter,
/// so tests get the same delays on every run.
///
/// ```swift
/// let policy = RetryPolicy()                        // 1s, 2s, 4s ... 60s; 8 attempts
/// var random = SystemRandomNumberGenerator()
/// policy.decision(after: .retryable(failure), attempt: 1, age: .zero, using: &random)
/// // .retry(after: ~1s)
/// ```
public struct RetryPolicy: Sendable, Equatable {
    /// The wait before the first retry.
    public var baseDelay: Duration
    /// How much each wait grows over the previous one.
    public var factor: Double
    /// No wait is longer than this, `Retry-After` included.
    public var maxDelay: Duration
    /// Attempts in all, the first one included; 1 means never retry.
    public var maxAttempts: Int
    /// Give up on a message once it has waited this long since it was queued, if set.
    public var maxAge: Duration?
    /// The share of each wait that is random, 0 (none) to 1 (anywhere from zero to the wait).
    public var jitter: Double

    public init(
        baseDelay: Duration = .seconds(1), factor: Double = 2, maxDelay: Duration = .seconds(60),
        maxAttempts: Int = 8, maxAge: Duration? = nil, jitter: Double = 0.2
    ) {
        self.baseDelay = baseDelay
        self.factor = max(1, factor)
        self.maxDelay = maxDelay
        self.maxAttempts = max(1, maxAttempts)
        self.maxAge = maxAge
        self.jitter = min(1, max(0, jitter))
    }

    /// What the queue does with a message after an attempt.
    public enum Decision: Sendable, Equatable {
        /// Delivered: take the next message.
        case done
        /// Try the same message again after this wait.
        case retry(after: Duration)
        /// Count it as failed and take the next message.
        case giveUp(DeliveryFailure)
    }

    /// The decision after attempt number `attempt` (1 for the first) of a message queued
    /// `age` ago.
    public func decision(
        after outcome: DeliveryOutcome, attempt: Int, age: Duration, using random: inout some RandomNumberGenerator
    ) -> Decision {
        switch outcome {
        case .delivered:
            return .done
        case .permanent(let failure):
            return .giveUp(failure)
        case .retryable(let failure):
            guard attempt < maxAttempts else {
                return .giveUp(DeliveryFailure("\(failure.summary) (gave up after \(attempt) attempts)"))
            }
            let wait = failure.retryAfter.map { min($0, maxDelay) } ?? delay(beforeRetry: attempt, using: &random)
            if let maxAge, age + wait > maxAge {
                return .giveUp(DeliveryFailure("\(failure.summary) (gave up: older than \(maxAge))"))
            }
            return .retry(after: wait)
        }
    }

    /// The backoff before retry number `retry` (1 for the wait after the first attempt).
    public func delay(beforeRetry retry: Int, using random: inout some RandomNumberGenerator) -> Duration {
        let base = baseDelay / .seconds(1)
        let capped = min(maxDelay / .seconds(1), base * power(factor, max(0, retry - 1)))
        let scale = jitter == 0 ? 1 : Double.random(in: (1 - jitter)...1, using: &random)
        return .milliseconds(Int64((capped * scale * 1000).rounded()))
    }
}

/// `factor^exponent` for the backoff without Foundation; exponents stay small (attempts).
private func power(_ factor: Double, _ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<min(exponent, 64) {
        result *= factor
        if result > 1e12 { break }
    }
    return result
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
