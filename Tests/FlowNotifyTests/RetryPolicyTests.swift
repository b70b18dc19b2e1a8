import FlowNotify
import FlowTestKit
import Testing

@Suite struct RetryPolicyTests {
    let failure = DeliveryFailure("HTTP 503")

    @Test func backoffDoublesFromOneSecondAndStopsAtTheCap() {
        let policy = RetryPolicy(jitter: 0)
        var random = SeededGenerator(seed: 1)
        let delays = (1...8).map { policy.delay(beforeRetry: $0, using: &random) }
        #expect(delays == [1, 2, 4, 8, 16, 32, 60, 60].map { Duration.seconds($0) })
    }

    @Test func jitterShortensEachWaitByAtMostItsShareAndRepeatsForASeed() {
        let policy = RetryPolicy(jitter: 0.2)
        var first = SeededGenerator(seed: 42)
        var second = SeededGenerator(seed: 42)
        let a = (1...6).map { policy.delay(beforeRetry: $0, using: &first) }
        let b = (1...6).map { policy.delay(beforeRetry: $0, using: &second) }
        #expect(a == b)
        for (retry, delay) in zip(1..., a) {
            let full = Duration.seconds(1 << (retry - 1))
            #expect(delay <= full && delay >= full * 0.8, "retry \(retry): \(delay)")
        }
        #expect(Set(a.enumerated().map { $0.element / Duration.seconds(1 << $0.offset) }).count > 1)
    }

    @Test(arguments: [200, 201, 202, 204])
    func twoHundredsAreDelivered(status: Int) {
        #expect(DeliveryOutcome.http(status: status) == .delivered)
    }

    @Test(arguments: [429, 500, 502, 503, 504])
    func tooManyRequestsAndServerErrorsAreRetried(status: Int) {
        #expect(DeliveryOutcome.http(status: status) == .retryable(DeliveryFailure("HTTP \(status)")))
    }

    @Test(arguments: [400, 401, 403, 404, 410, 413, 301])
    func otherStatusesAreNotRetried(status: Int) {
        #expect(DeliveryOutcome.http(status: status, detail: "no") == .permanent(DeliveryFailure("HTTP \(status): no")))
    }

    @Test func retryAfterSecondsReplaceTheBackoff() {
        let policy = RetryPolicy(jitter: 0)
        var random = SeededGenerator(seed: 1)
        let outcome = DeliveryOutcome.http(status: 429, retryAfter: " 7 ")
        #expect(policy.decision(after: outcome, attempt: 1, age: .zero, using: &random) == .retry(after: .seconds(7)))
    }

    @Test func retryAfterIsCappedLikeTheBackoff() {
        let policy = RetryPolicy(maxDelay: .seconds(60), jitter: 0)
        var random = SeededGenerator(seed: 1)
        let outcome = DeliveryOutcome.http(status: 503, retryAfter: "3600")
        #expect(policy.decision(after: outcome, attempt: 1, age: .zero, using: &random) == .retry(after: .seconds(60)))
    }

    @Test(arguments: ["soon", "-5", "Wed, 21 Oct 2015 07:28:00 GMT"])
    func unreadableRetryAfterFallsBackToTheBackoff(value: String) {
        let policy = RetryPolicy(jitter: 0)
        var random = SeededGenerator(seed: 1)
        let outcome = DeliveryOutcome.http(status: 429, retryAfter: value)
        #expect(policy.decision(after: outcome, attempt: 3, age: .zero, using: &random) == .retry(after: .seconds(4)))
    }

    @Test func theLastAttemptGivesUp() {
        let policy = RetryPolicy(maxAttempts: 8, jitter: 0)
        var random = SeededGenerator(seed: 1)
        #expect(policy.decision(after: .retryable(failure), attempt: 7, age: .zero, using: &random) == .retry(after: .seconds(60)))
        let last = policy.decision(after: .retryable(failure), attempt: 8, age: .zero, using: &random)
        #expect(last == .giveUp(DeliveryFailure("HTTP 503 (gave up after 8 attempts)")))
    }

    @Test func aMessageThatWouldOutliveMaxAgeGivesUp() {
        let policy = RetryPolicy(maxAge: .seconds(60), jitter: 0)
        var random = SeededGenerator(seed: 1)
        #expect(policy.decision(after: .retryable(failure), attempt: 4, age: .seconds(50), using: &random) == .retry(after: .seconds(8)))
        #expect(policy.decision(after: .retryable(failure), attempt: 4, age: .seconds(53), using: &random)
            == .giveUp(DeliveryFailure("HTTP 503 (gave up: older than 60.0 seconds)")))
    }

    @Test func permanentFailuresGiveUpAtOnceAndDeliveriesAreDone() {
        let policy = RetryPolicy()
        var random = SeededGenerator(seed: 1)
        #expect(policy.decision(after: .permanent(failure), attempt: 1, age: .zero, using: &random) == .giveUp(failure))
        #expect(policy.decision(after: .delivered, attempt: 5, age: .zero, using: &random) == .done)
    }
}
