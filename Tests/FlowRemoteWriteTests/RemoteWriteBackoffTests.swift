import FlowCore
import FlowNotify
import FlowRemoteWrite
import Testing

/// What the spec asks of retries: 5xx, 429 and connection failures again after an
/// exponential backoff capped at 5 s (Retry-After honoured up to 5 minutes); other 4xx and
/// successes never.
@Suite("remote_write: retries and backoff")
struct RemoteWriteBackoffTests {
    /// Always the top of the jitter range, so the schedule is exact.
    struct NoJitter: RandomNumberGenerator {
        mutating func next() -> UInt64 { .max }
    }

    @Test("5xx waits 0.5 s, 1 s, 2 s, 4 s, then 5 s on every later attempt")
    func schedule() {
        var random = NoJitter()
        let backoff = RemoteWriteBackoff()
        let waits = (1...7).map { backoff.wait(after: .http(status: 503), attempt: $0, using: &random) }
        #expect(waits == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5), .seconds(5)])
    }

    @Test("429 with Retry-After waits what was asked, up to 5 minutes")
    func retryAfter() {
        var random = NoJitter()
        let backoff = RemoteWriteBackoff()
        #expect(backoff.wait(after: .http(status: 429, retryAfter: "30"), attempt: 1, using: &random) == .seconds(30))
        #expect(backoff.wait(after: .http(status: 429, retryAfter: "86400"), attempt: 1, using: &random) == .seconds(300))
        #expect(backoff.wait(after: .http(status: 429), attempt: 2, using: &random) == .seconds(1))
    }

    @Test("a connection failure is retried", arguments: [DeliveryOutcome.retryable(DeliveryFailure("could not connect"))])
    func connection(_ outcome: DeliveryOutcome) {
        var random = NoJitter()
        #expect(RemoteWriteBackoff().wait(after: outcome, attempt: 1, using: &random) == .milliseconds(500))
    }

    @Test("2xx and 4xx other than 429 are not retried", arguments: [200, 204, 400, 401, 404, 413])
    func notRetried(_ status: Int) {
        var random = NoJitter()
        #expect(RemoteWriteBackoff().wait(after: .http(status: status), attempt: 1, using: &random) == nil)
    }

    @Test("a bad URL, interval or retention is refused with a sentence")
    func configuration() throws {
        #expect(throws: UserFacingError.self) {
            try RemoteWriteConfiguration(url: "prom:9090", tokenFile: nil, instance: "a", externalLabels: [])
        }
        #expect(throws: UserFacingError.self) {
            try RemoteWriteConfiguration(url: "http://p/api/v1/write", tokenFile: nil, instance: "a", externalLabels: [],
                                         intervalMillis: 10)
        }
        #expect(throws: UserFacingError.self) {
            try RemoteWriteConfiguration(url: "http://p/api/v1/write", tokenFile: nil, instance: "a", externalLabels: [],
                                         intervalMillis: 60_000, retentionMillis: 1_000)
        }
        #expect(throws: UserFacingError.self) {
            try RemoteWriteConfiguration(url: "http://p/api/v1/write", tokenFile: "/nonexistent/token", instance: "a",
                                         externalLabels: [])
        }
        let ok = try RemoteWriteConfiguration(url: "https://u:secret@mimir:443/api/v1/push?x=1", tokenFile: nil,
                                              instance: "a", externalLabels: ["region=eu"],
                                              extraHeaders: ["X-Scope-OrgID=team=a"])
        #expect(ok.endpoint == "https://mimir:443/api/v1/push")
        #expect(ok.headers.map { "\($0.0): \($0.1)" } == ["X-Scope-OrgID: team=a"])
    }

    @Test("headers the protocol sets, bad names and control characters are refused",
          arguments: ["Authorization=Bearer x", "content-type=text/plain", "X Bad=1", "=v", "X-Scope-OrgID", "X-A=a\u{1b}b"])
    func badHeaders(_ header: String) {
        #expect(throws: UserFacingError.self) {
            try RemoteWriteConfiguration(url: "http://p/api/v1/write", tokenFile: nil, instance: "a", externalLabels: [],
                                         extraHeaders: [header])
        }
    }
}
