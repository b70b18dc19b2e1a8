import FlowCore
@testable import FlowNotify
import Testing

/// Every form in which an answer may quote a credential back is replaced, and nothing else.
@Suite struct SecretRedactionTests {
    static let webhook = Secret("https://hooks.slack.com/services/T0123ABC/B0456DEF/xoxWebhookToken123456")
    static let routingKey = Secret("0123456789abcdefR0UT1NGK3Ysecret")

    @Test(arguments: [
        ("proxy said: https://hooks.slack.com/services/T0123ABC/B0456DEF/xoxWebhookToken123456 is blocked",
         "proxy said: <redacted> is blocked"),
        ("404 for POST /services/T0123ABC/B0456DEF/xoxWebhookToken123456", "404 for POST <redacted>"),
        (#"{"error":"no route","path":"\/services\/T0123ABC\/B0456DEF\/xoxWebhookToken123456"}"#,
         #"{"error":"no route","path":"<redacted>"}"#),
        ("invalid token xoxWebhookToken123456", "invalid token <redacted>"),
        (#"{"routing_key":"0123456789abcdefR0UT1NGK3Ysecret","event_action":"trigger"}"#,
         #"{"routing_key":"<redacted>","event_action":"trigger"}"#),
        ("invalid_payload: no_text", "invalid_payload: no_text"),
    ])
    func quotesOfASecretAreReplaced(answer: String, shown: String) {
        #expect(SecretRedaction([Self.webhook, Self.routingKey]).redact(answer) == shown)
    }

    @Test func aTokenInTheQueryAndAPasswordInTheURLAreSecretsToo() {
        let redaction = SecretRedaction([Secret("https://user:hunter2hunter2@chat.example.com/hooks?token=abcdefghijklmnopqrstuv")])
        #expect(redaction.redact("bad token abcdefghijklmnopqrstuv for user") == "bad token <redacted> for user")
        #expect(redaction.redact("login hunter2hunter2 refused") == "login <redacted> refused")
        #expect(redaction.redact("GET /hooks?token=abcdefghijklmnopqrstuv") == "GET <redacted>")
    }

    @Test func withoutSecretsNothingChanges() {
        let redaction = SecretRedaction([])
        #expect(redaction.isEmpty)
        #expect(redaction.redact("HTTP 400: anything /services/x") == "HTTP 400: anything /services/x")
        #expect(redaction.redact(.retryable(DeliveryFailure("HTTP 500", retryAfter: .seconds(2))))
                == .retryable(DeliveryFailure("HTTP 500", retryAfter: .seconds(2))))
    }
}
