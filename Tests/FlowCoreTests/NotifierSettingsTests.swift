import FlowCore
import Testing

/// The notifiers' settings, whatever holds their secrets: defaults, names, and plain text
/// only where the file allows it.
@Suite struct NotifierSettingsTests {
    static func email(_ host: String, _ tls: SMTPStartTLS, username: String? = nil) -> EmailSettings<Secret> {
        .init(smtpHost: host, from: "a@example.com", to: ["b@example.com"], username: username,
              password: username.map { _ in Secret("pw") }, startTLS: tls)
    }

    @Test func autoAllowsPlainTextOnlyToThisMachine() {
        #expect(Self.email("localhost", .auto).allowsPlaintext)
        #expect(Self.email("127.0.0.1", .auto).allowsPlaintext)
        #expect(Self.email("::1", .auto).allowsPlaintext)
        #expect(!Self.email("smtp.example.com", .auto).allowsPlaintext)
        #expect(Self.email("relay.internal", .never).allowsPlaintext)
        #expect(!Self.email("localhost", .always).allowsPlaintext)
    }

    @Test func notifiersAreNamedInAFixedOrder() {
        let configuration = NotifierSettings<Secret>(alertmanager: .init(urls: ["http://am:9093"]),
                                                     pagerDuty: .init(routingKey: Secret("k")))
        #expect(configuration.notifierNames == ["alertmanager", "pagerduty"])
        #expect(configuration.pagerDuty?.severities == ["page"])
    }

    /// The notify file's sections and the notifiers' are one type, differing only in what
    /// holds the secret; mapping it keeps every other setting.
    @Test func mappingTheCredentialKeepsEverySetting() {
        let file = EmailSettings(smtpHost: "relay.internal", smtpPort: 2525, from: "a@example.com", to: ["b@example.com"],
                                 username: "u", password: "SMTP_PASSWORD", startTLS: .always, severities: ["page"])
        #expect(file.mapCredential { Secret("pw-\($0)") }
                == .init(smtpHost: "relay.internal", smtpPort: 2525, from: "a@example.com", to: ["b@example.com"],
                         username: "u", password: Secret("pw-SMTP_PASSWORD"), startTLS: .always, severities: ["page"]))
        var reads = 0
        let relay = EmailSettings<String>(smtpHost: "localhost", from: "a@example.com", to: ["b@example.com"])
            .mapCredential { reads += 1; return Secret($0) }
        #expect(relay.password == nil && relay.smtpPort == 25 && reads == 0)
        let pagerDuty = PagerDutySettings(routingKey: "PD_KEY").mapCredential { Secret($0) }
        #expect(pagerDuty == .init(routingKey: Secret("PD_KEY")))
        #expect(pagerDuty.severities == ["page"] && pagerDuty.url == "https://events.pagerduty.com/v2/enqueue")
        #expect(SlackSettings(webhookURL: "HOOK", channel: "#alerts").mapCredential { Secret($0) }
                == .init(webhookURL: Secret("HOOK"), channel: "#alerts"))
    }
}
