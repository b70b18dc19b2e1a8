import FlowCore
@testable import FlowNotify
import FlowTestKit
import Foundation
import Testing

/// Slack's and PagerDuty's endpoints played by `Receivers/http_receiver.py` on 127.0.0.1:
/// it checks payloads the way the services do and answers from a script (500, 429 with
/// Retry-After, ...), recording every attempt, so these tests see what went over the wire.
@Suite(.enabled(if: receiversRunnable, "needs /usr/bin/python3"))
struct WebhookIntegrationTests {
    static let slackPath = "/services/T0FLOWTOP/B0ALERTS/webhookSecret1234"
    static let slackBody = #"{"text":"[FIRING:1] AICostHigh","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*AICostHigh* AI cost 12.40 USD/h > 10 (slo=ai-cost)"}}]}"#
    static let pagerDutyBody = #"{"routing_key":"0123456789abcdef0123456789abcdef","event_action":"trigger","dedup_key":"alertname=AICostHigh","payload":{"summary":"AICostHigh: AI cost 12.40 USD/h > 10","source":"flowtop","severity":"critical","custom_details":{"slo":"ai-cost","value":"12.40"}}}"#

    @Test func aPagerDutyEventAnswered500TwiceIsRetriedAndDeliveredOnceWithItsExactBody() async throws {
        let receiver = try await ReceiverProcess.python("http_receiver.py", ["500", "500", "ok"])
        defer { receiver.stop() }
        let status = try await deliver(
            OutboundHTTPRequest(url: receiver.url + "/v2/enqueue", body: Array(Self.pagerDutyBody.utf8)), notifier: "pagerduty"
        ) { $0.sent == 1 }
        let requests = try recorded(receiver)
        #expect(requests.map(\.status) == [500, 500, 202])
        #expect(requests.allSatisfy { $0.body == Self.pagerDutyBody && $0.path == "/v2/enqueue" && $0.method == "POST" })
        #expect(requests.allSatisfy { $0.headers["content-type"] == "application/json" })
        #expect(requests.last?.reply.contains(#""status": "success""#) == true)
        #expect(status.retries == 2)
        #expect(status.failed == 0)
        #expect(status.lastError == "HTTP 500: scripted 500")
    }

    @Test func aSlackMessageIsTakenAsSlackTakesIt() async throws {
        let receiver = try await ReceiverProcess.python("http_receiver.py")
        defer { receiver.stop() }
        let status = try await deliver(
            OutboundHTTPRequest(url: receiver.url + Self.slackPath, body: Array(Self.slackBody.utf8)), notifier: "slack"
        ) { $0.sent == 1 }
        let requests = try recorded(receiver)
        #expect(requests.map(\.status) == [200])
        #expect(requests.first?.body == Self.slackBody)
        #expect(requests.first?.reply == "ok")
        #expect(status.lastError == nil)
    }

    @Test func aPayloadTheServiceRejectsIsNotRetriedAndItsErrorKeepsTheWebhookSecret() async throws {
        let receiver = try await ReceiverProcess.python("http_receiver.py")
        defer { receiver.stop() }
        let status = try await deliver(
            OutboundHTTPRequest(url: receiver.url + Self.slackPath, body: Array(#"{"text":""}"#.utf8)), notifier: "slack"
        ) { $0.failed == 1 }
        #expect(try recorded(receiver).map(\.status) == [400])
        #expect(status.retries == 0)
        #expect(status.lastError == "HTTP 400: invalid_payload: no_text")
        #expect(status.lastError?.contains("webhookSecret") == false)
    }

    @Test func aPagerDutyEventWithoutRoutingKeyIsRefusedForGood() async throws {
        let receiver = try await ReceiverProcess.python("http_receiver.py")
        defer { receiver.stop() }
        let body = Self.pagerDutyBody.replacingOccurrences(of: "0123456789abcdef0123456789abcdef", with: "")
        let status = try await deliver(
            OutboundHTTPRequest(url: receiver.url + "/v2/enqueue", body: Array(body.utf8)), notifier: "pagerduty"
        ) { $0.failed == 1 }
        #expect(try recorded(receiver).count == 1)
        #expect(status.lastError?.hasPrefix(#"HTTP 400: {"status": "invalid event""#) == true)
    }

    @Test func retryAfterFromA429IsWaitedOut() async throws {
        let receiver = try await ReceiverProcess.python("http_receiver.py", ["429:1", "ok"])
        defer { receiver.stop() }
        let status = try await deliver(
            OutboundHTTPRequest(url: receiver.url + Self.slackPath, body: Array(Self.slackBody.utf8)), notifier: "slack"
        ) { $0.sent == 1 }
        let requests = try recorded(receiver)
        #expect(requests.map(\.status) == [429, 200])
        let waited = requests[1].t - requests[0].t
        // The lower bound is the point; the upper one only catches a wait of its own (a
        // default of minutes), loose because a loaded 2-core machine stalled this for 20 s.
        #expect(waited >= 0.95 && waited < 90, "waited \(waited)s; the backoff alone would be 5 ms")
        #expect(status.retries == 1)
    }

    @Test func aReceiverThatIsNotListeningIsRetriedThenCountedAsFailed() async throws {
        let refusing = try RefusingPort()
        let port = refusing.port
        let status = try await deliver(
            OutboundHTTPRequest(url: "http://127.0.0.1:\(port)" + Self.slackPath, body: Array(Self.slackBody.utf8)),
            notifier: "slack", policy: RetryPolicy(baseDelay: .milliseconds(5), maxAttempts: 3, jitter: 0),
            totalTimeout: .milliseconds(500)
        ) { $0.failed == 1 }
        #expect(status.retries == 2)
        let error = try #require(status.lastError)
        #expect(error.hasPrefix("could not connect to 127.0.0.1:\(port)"), "\(error)")
        #expect(error.hasSuffix("(gave up after 3 attempts)"), "\(error)")
        #expect(!error.contains("webhookSecret"))
        withExtendedLifetime(refusing) {}
    }

    @Test func theSlackMessagesFlowtopBuildsAreTakenBySlack() async throws {
        let receiver = try await ReceiverProcess.python("http_receiver.py")
        defer { receiver.stop() }
        let slack = SlackPayload(webhookURL: Secret(receiver.url + Self.slackPath))
        let batches = [firingBatch([burn(), burn(tenant: "acme")]), firingBatch([burn()], reason: .resolved)]
        try await deliverAll(batches.map(slack.message), notifier: "slack")
        #expect(try recorded(receiver).map(\.status) == [200, 200])
    }

    @Test func thePagerDutyEventsFlowtopBuildsAreTakenByPagerDuty() async throws {
        let receiver = try await ReceiverProcess.python("http_receiver.py")
        defer { receiver.stop() }
        let pagerDuty = PagerDutyEvents(
            routingKey: Secret("0123456789abcdef0123456789abcdef"), url: receiver.url + "/v2/enqueue")
        let batches = [firingBatch([burn(), burn(tenant: "acme")]), firingBatch([burn()], reason: .resolved)]
        try await deliverAll(batches.map(pagerDuty.message), notifier: "pagerduty")
        let requests = try recorded(receiver)
        #expect(requests.map(\.status) == [202, 202], "\(requests.map(\.reply))")
    }

    @Test func errorsNameOnlyTheHostAndPortOfAURL() {
        #expect(HTTPTransport.endpoint(of: "https://hooks.slack.com/services/T0/B0/secret") == "hooks.slack.com:443")
        #expect(HTTPTransport.endpoint(of: "http://user:pw@127.0.0.1:9093/api/v2/alerts?x=1") == "127.0.0.1:9093")
        #expect(HTTPTransport.endpoint(of: "http://[::1]/hook#frag") == "[::1]:80")
    }

    /// Sends `messages` through an `HTTPTransport` and a running `DeliveryQueue`; each must
    /// be delivered at the first attempt.
    private func deliverAll(_ messages: [OutboundMessage], notifier: String) async throws {
        try await HTTPTransport.withTransport { http in
            let queue = DeliveryQueue(notifier: notifier, transport: http, policy: .fast, clock: ManualClock())
            try await queue.whileRunning {
                for message in messages { queue.enqueue(message) }
                try await eventually("\(notifier) deliveries to finish") {
                    queue.status.queued == 0 && queue.status.sent + queue.status.failures == messages.count ? true : nil
                }
            }
            #expect(queue.status.sent == messages.count, "\(queue.status.lastError ?? "")")
            #expect(queue.status.retries == 0)
        }
    }

    /// Sends `request` through an `HTTPTransport` and a running `DeliveryQueue` and waits
    /// until `done` holds for its status.
    private func deliver(
        _ request: OutboundHTTPRequest, notifier: String, policy: RetryPolicy = .fast, totalTimeout: Duration = .seconds(10),
        until done: @escaping (NotifierStatus) -> Bool
    ) async throws -> NotifierStatus {
        try await HTTPTransport.withTransport(totalTimeout: totalTimeout) { http in
            let queue = DeliveryQueue(notifier: notifier, transport: http, policy: policy, clock: ManualClock())
            return try await queue.whileRunning {
                queue.enqueue(.http(request))
                return try await eventually("\(notifier) delivery to finish") { done(queue.status) ? queue.status : nil }
            }
        }
    }
}

/// Whether the receivers' interpreter is here at all; on CI (`CI` set) the tests run anyway,
/// so a missing install step fails loudly instead of skipping.
let receiversRunnable = FileManager.default.isExecutableFile(atPath: ReceiverProcess.python)
    || ProcessInfo.processInfo.environment["CI"] != nil

/// One request as `http_receiver.py` recorded it.
struct RecordedRequest: Decodable {
    var n: Int
    /// Arrival, in the receiver's monotonic seconds.
    var t: Double
    var method: String
    var path: String
    var headers: [String: String]
    var body: String
    var status: Int
    var reply: String
}

func recorded(_ receiver: ReceiverProcess) throws -> [RecordedRequest] {
    let text = try String(contentsOf: receiver.directory.appendingPathComponent("requests.jsonl"), encoding: .utf8)
    return try text.split(separator: "\n").map { try JSONDecoder().decode(RecordedRequest.self, from: Data($0.utf8)) }
        .sorted { $0.n < $1.n }
}
