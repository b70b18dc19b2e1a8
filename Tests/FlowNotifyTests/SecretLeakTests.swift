import FlowCore
@testable import FlowNotify
import FlowTestKit
import Foundation
import Testing

/// docs/notifiers.md promises that the Slack webhook URL, the PagerDuty routing key and the
/// SMTP password never reach a log or the status view. Here deliveries fail in every way
/// against real receivers on 127.0.0.1 (500 until the queue gives up, a 400 that quotes the
/// request back, a refused connection, a refused SMTP login) while every log line is
/// captured at trace level; no secret, nor its base64 as SMTP AUTH sends it, may appear
/// in a line, a metadata value or `NotifierStatus.lastError`.
@Suite(.enabled(if: receiversRunnable, "needs /usr/bin/python3"))
struct SecretLeakTests {
    static let slackToken = "xSlackTok3nSecret9f3a7c2e"
    static let slackPath = "/services/T0FLOWTOP/B0ALERTS/" + slackToken
    /// 32 characters, as PagerDuty's integration keys are.
    static let routingKey = "0123456789abcdefR0UT1NGK3Ysecret"
    static let smtpUser = "alerts"
    static let smtpPassword = "smtpPa55wordSecret"

    /// Every form in which a secret would give itself away.
    static let forbidden: [String] = [
        slackToken, slackPath, routingKey, smtpPassword,
        SMTPAuthentication.base64(Array(smtpPassword.utf8)),
        SMTPAuthentication.base64(Array("\0\(smtpUser)\0\(smtpPassword)".utf8)),
    ]

    /// What must hold after any failure: the failure was seen and logged, and no secret
    /// is anywhere in it.
    static func expectNoSecret(in status: NotifierStatus, logs: LogCapture, _ context: String) {
        let lines = logs.lines
        #expect(!lines.isEmpty, "\(context): nothing was logged, so the check proves nothing")
        #expect(lines.contains { $0.contains("delivery failed") }, "\(context): \(lines)")
        for secret in forbidden {
            #expect(!(status.lastError ?? "").contains(secret), "\(context): lastError holds a secret: \(status.lastError ?? "")")
            #expect(!"\(status)".contains(secret), "\(context): the status holds a secret")
            for line in lines {
                #expect(!line.contains(secret), "\(context): a log line holds a secret: \(line)")
            }
        }
    }

    static func slack(_ baseURL: String) -> OutboundMessage {
        SlackPayload(webhookURL: Secret(baseURL + slackPath)).message(for: firingBatch([burn()]))
    }

    static func pagerDuty(_ baseURL: String) -> OutboundMessage {
        PagerDutyEvents(routingKey: Secret(routingKey), url: baseURL + "/v2/enqueue").message(for: firingBatch([burn()]))
    }

    /// Runs one queue with a captured logger until `done` holds for its status.
    static func deliver(
        _ message: OutboundMessage, notifier: String, transport: some MessageTransport, policy: RetryPolicy = .fast,
        until done: @escaping (NotifierStatus) -> Bool
    ) async throws -> (NotifierStatus, LogCapture) {
        let logs = LogCapture()
        let queue = DeliveryQueue(notifier: notifier, transport: transport, policy: policy, clock: ManualClock(),
                                  logger: logs.logger)
        let status = try await queue.whileRunning {
            queue.enqueue(message)
            return try await eventually("\(notifier) to finish") { done(queue.status) ? queue.status : nil }
        }
        return (status, logs)
    }

    @Test func fiveHundredsUntilTheQueueGivesUpLogNoSecret() async throws {
        let receiver = try await ReceiverProcess.python("http_receiver.py", ["500", "500", "500", "500", "500", "500"])
        defer { receiver.stop() }
        let policy = RetryPolicy(baseDelay: .milliseconds(5), maxAttempts: 3, jitter: 0)
        try await HTTPTransport.withTransport { http in
            for (notifier, message) in [("slack", Self.slack(receiver.url)), ("pagerduty", Self.pagerDuty(receiver.url))] {
                let (status, logs) = try await Self.deliver(message, notifier: notifier, transport: http, policy: policy) {
                    $0.failed == 1
                }
                #expect(status.retries == 2)
                #expect(status.lastError == "HTTP 500: scripted 500 (gave up after 3 attempts)")
                #expect(logs.lines.filter { $0.contains("will retry") }.count == 2)
                Self.expectNoSecret(in: status, logs: logs, notifier)
            }
        }
        #expect(try recorded(receiver).count == 6)
    }

    /// The worst receiver: its 400 quotes the request line and body, so the webhook's
    /// path and the routing key come back in the very text the status view shows.
    @Test func aFourHundredQuotingTheRequestBackLogsNoSecret() async throws {
        let receiver = try await ReceiverProcess.python("http_receiver.py", ["echo", "echo"])
        defer { receiver.stop() }
        try await HTTPTransport.withTransport { http in
            for (notifier, message) in [("slack", Self.slack(receiver.url)), ("pagerduty", Self.pagerDuty(receiver.url))] {
                let (status, logs) = try await Self.deliver(message, notifier: notifier, transport: http) { $0.failed == 1 }
                #expect(status.retries == 0)
                let error = try #require(status.lastError)
                #expect(error.hasPrefix("HTTP 400: bad request: POST "), "\(error)")
                #expect(error.contains("<redacted>"), "the quoted secret is replaced, the rest kept: \(error)")
                Self.expectNoSecret(in: status, logs: logs, notifier)
            }
        }
        let echoed = try String(contentsOf: receiver.directory.appendingPathComponent("requests.jsonl"), encoding: .utf8)
        #expect(echoed.contains(Self.slackToken) && echoed.contains(Self.routingKey), "the receiver did quote them")
    }

    @Test func aRefusedConnectionLogsNoSecret() async throws {
        let refusing = try RefusingPort()
        let base = "http://127.0.0.1:\(refusing.port)"
        let policy = RetryPolicy(baseDelay: .milliseconds(5), maxAttempts: 2, jitter: 0)
        try await HTTPTransport.withTransport(connectTimeout: .milliseconds(500), totalTimeout: .milliseconds(500)) { http in
            for (notifier, message) in [("slack", Self.slack(base)), ("pagerduty", Self.pagerDuty(base))] {
                let (status, logs) = try await Self.deliver(message, notifier: notifier, transport: http, policy: policy) {
                    $0.failed == 1
                }
                #expect(status.lastError?.hasPrefix("could not connect to 127.0.0.1:\(refusing.port)") == true,
                        "\(status.lastError ?? "")")
                Self.expectNoSecret(in: status, logs: logs, notifier)
            }
        }
        withExtendedLifetime(refusing) {}
    }

    /// Both mechanisms: AUTH PLAIN sends the password inside one base64 token, AUTH LOGIN
    /// as a base64 line of its own.
    @Test(.enabled(if: smtpReceiverRunnable, "python3-aiosmtpd is not installed"), arguments: [[], ["--login-only"]])
    func aRefusedSMTPLoginLogsNoPassword(mechanism: [String]) async throws {
        let server = try await ReceiverProcess.python(
            "smtp_receiver.py", ["--starttls", "--auth", "\(Self.smtpUser):the-right-one"] + mechanism)
        defer { server.stop() }
        let smtp = try SMTPClient(configuration: .init(
            host: "127.0.0.1", port: server.port, tls: .always,
            credentials: .init(username: Self.smtpUser, password: Self.smtpPassword),
            trustedCAFile: server.directory.appendingPathComponent("ca.pem").path))
        let email = OutboundEmail(from: "flowtop@example.test", to: ["ops@example.test"], data: "Subject: x\r\n\r\nx\r\n")
        let (status, logs) = try await Self.deliver(.email(email), notifier: "email", transport: smtp) { $0.failed == 1 }
        #expect(status.lastError?.hasPrefix("SMTP 535") == true, "\(status.lastError ?? "")")
        #expect(status.lastError?.hasSuffix(mechanism.isEmpty ? "(after AUTH PLAIN)" : "(after AUTH LOGIN password)") == true,
                "\(status.lastError ?? "")")
        Self.expectNoSecret(in: status, logs: logs, "email")
        let used = try String(contentsOf: server.directory.appendingPathComponent("auth.log"), encoding: .utf8)
        #expect(used == (mechanism.isEmpty ? "PLAIN\n" : "LOGIN\n"))
    }
}
