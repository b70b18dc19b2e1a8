import FlowCore
import Testing

/// A secret never shows: not in descriptions, not in dumps, not inside the settings
/// holding it.
@Suite struct SecretTests {
    static let value = "xoxb-S3CR3T-V4LU3"

    @Test func aSecretNeverPrintsItsValue() {
        let secret = Secret(Self.value)
        #expect("\(secret)" == "<redacted>")
        #expect(String(describing: secret) == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains(Self.value))
    }

    @Test func aConfigurationPrintsWithoutItsSecrets() {
        let configuration = NotifierSettings<Secret>(
            slack: .init(webhookURL: Secret("https://hooks.slack.com/services/\(Self.value)")),
            pagerDuty: .init(routingKey: Secret(Self.value)),
            email: .init(smtpHost: "smtp.example.com", from: "a@example.com", to: ["b@example.com"], username: "u",
                         password: Secret(Self.value)))
        for text in [String(describing: configuration), String(reflecting: configuration)] {
            #expect(!text.contains(Self.value))
            #expect(text.contains("<redacted>"))
        }
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains(Self.value))
    }
}
