import FlowConfig
import FlowCore
import FlowNotify
import Foundation
import Testing
@testable import FlowApp

/// `--notify FILE` at start-up: the notify file's settings become FlowNotify's
/// configuration with the secrets read, and a secret that cannot be read stops flowtop
/// with `file:line:col: key: ...`.
@Suite struct NotifyConfigurationTests {
    static let examplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../docs/examples/notify.yaml").standardizedFileURL.path

    /// A private (0600) file holding `text`, in a folder of its own.
    static func secretFile(_ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowtop-notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("secret").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8),
                                               attributes: [.posixPermissions: 0o600]))
        return path
    }

    @Test func theExampleFileMapsWithItsSecretsProvided() throws {
        var settings = try NotifyFile.load(path: Self.examplePath)
        // The example names /etc/flowtop/slack-webhook-url; the test's own file stands in.
        let webhook = try Self.secretFile("https://hooks.slack.com/services/T0/B0/secret\n")
        settings.slack?.webhookURL.location = .file(webhook)
        let configuration = try notifierConfiguration(
            settings, environment: ["FLOWTOP_PAGERDUTY_ROUTING_KEY": "R0UT1NGK3Y"])
        #expect(configuration.route == NotificationRoute())
        #expect(configuration.alertmanager == .init(urls: ["http://127.0.0.1:9093"]))
        #expect(configuration.slack == .init(webhookURL: Secret("https://hooks.slack.com/services/T0/B0/secret")))
        #expect(configuration.pagerDuty == .init(routingKey: Secret("R0UT1NGK3Y")))
        #expect(configuration.email == .init(smtpHost: "localhost", from: "flowtop@example.com",
                                             to: ["sales-oncall@example.com"]))
        #expect(configuration.email?.allowsPlaintext == true)
        #expect(configuration.notifierNames == ["alertmanager", "slack", "pagerduty", "email"])
    }

    @Test func aSecretThatCannotBeReadStopsStartUpNamingItsKey() throws {
        let settings = NotifyFileSettings(slack: .init(
            webhookURL: .init(.environment("FLOWTOP_TEST_UNSET_WEBHOOK"), origin: "notify.yaml:2:3: slack.webhook_url_env")))
        #expect(throws: UserFacingError.self) { try notifierConfiguration(settings, environment: [:]) }
        do {
            _ = try notifierConfiguration(settings, environment: [:])
        } catch {
            #expect(error.description
                    == "notify.yaml:2:3: slack.webhook_url_env: the environment variable FLOWTOP_TEST_UNSET_WEBHOOK is not set")
        }
    }

    @Test func aMistakeInTheFileIsAUserFacingError() throws {
        let path = try Self.secretFile("slak:\n  webhook_url_file: /x\n")
        do {
            _ = try loadNotifierConfiguration(file: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("\(path):1:1: slak: unknown field"))
        }
    }
}
