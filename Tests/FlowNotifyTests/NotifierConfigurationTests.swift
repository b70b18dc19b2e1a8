import FlowCore
import FlowNotify
import Testing

/// The e-mail notifier's SMTP client settings: TLS required where the file does not allow plain text.
@Suite struct NotifierConfigurationTests {
    static func email(_ host: String, _ tls: SMTPStartTLS, username: String? = nil)
        -> NotifierConfiguration.Email {
        .init(smtpHost: host, from: "a@example.com", to: ["b@example.com"], username: username,
              password: username.map { _ in Secret("pw") }, startTLS: tls)
    }

    @Test func theSMTPClientRequiresTLSForAutoToAnotherHost() {
        #expect(Self.email("smtp.example.com", .auto).smtpConfiguration.tls == .always)
        #expect(Self.email("localhost", .auto).smtpConfiguration.tls == .auto)
        #expect(Self.email("localhost", .always).smtpConfiguration.tls == .always)
        #expect(Self.email("relay.internal", .never).smtpConfiguration.tls == .never)
    }

    @Test func thePortDefaultsToSubmissionWithALoginAndRelayWithout() {
        #expect(Self.email("smtp.example.com", .auto).smtpPort == 25)
        #expect(Self.email("smtp.example.com", .auto, username: "u").smtpPort == 587)
        let configuration = Self.email("smtp.example.com", .auto, username: "u").smtpConfiguration
        #expect(configuration.port == 587)
        #expect(configuration.credentials == .init(username: "u", password: "pw"))
    }
}
