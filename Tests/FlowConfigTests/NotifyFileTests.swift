import FlowConfig
import FlowCore
import Foundation
import Testing

/// Notify files: what a valid file gives, defaults included, and the example and the
/// documentation staying true.
@Suite struct NotifyFileTests {
    static func parse(_ yaml: String, file: String = "/etc/flowtop/notify.yaml") throws -> NotifyFileSettings {
        try NotifyFile.parse(yaml, file: file)
    }

    @Test func theExampleFileLoadsWithEveryNotifier() throws {
        let path = repositoryRoot.appendingPathComponent("docs/examples/notify.yaml").path
        let settings = try NotifyFile.load(path: path)
        #expect(settings.route == NotificationRoute())
        #expect(settings.alertmanager == NotifyFileSettings.Alertmanager(urls: ["http://127.0.0.1:9093"]))
        #expect(settings.slack?.webhookURL.location == .file("/etc/flowtop/slack-webhook-url"))
        #expect(settings.slack?.webhookURL.origin == "\(path):29:21: slack.webhook_url_file")
        #expect(settings.pagerDuty?.routingKey.location == .environment("FLOWTOP_PAGERDUTY_ROUTING_KEY"))
        #expect(settings.pagerDuty?.url == "https://events.pagerduty.com/v2/enqueue")
        #expect(settings.pagerDuty?.severities == ["page"])
        #expect(settings.email == NotifyFileSettings.Email(smtpHost: "localhost", smtpPort: 25, from: "flowtop@example.com",
                                                           to: ["sales-oncall@example.com"]))
    }

    @Test func aSingleNotifierTakesEveryDefault() throws {
        let settings = try Self.parse("slack: {webhook_url_env: FLOWTOP_SLACK_WEBHOOK_URL}")
        #expect(settings.route.groupBy == ["alertname", "slo"])
        #expect(settings.route.groupWait == 30_000)
        #expect(settings.route.groupInterval == 300_000)
        #expect(settings.route.repeatInterval == 14_400_000)
        #expect(settings.slack == NotifyFileSettings.Slack(
            webhookURL: .init(.environment("FLOWTOP_SLACK_WEBHOOK_URL"), origin: "/etc/flowtop/notify.yaml:1:26: slack.webhook_url_env")))
        #expect(settings.alertmanager == nil && settings.pagerDuty == nil && settings.email == nil)
    }

    @Test func theRouteIsReadAsPrometheusDurations() throws {
        let settings = try Self.parse("""
            route: {group_by: [alertname, tenant], group_wait: 0s, group_interval: 1m, repeat_interval: 1h30m}
            alertmanager: {url: 'http://am:9093'}
            """)
        #expect(settings.route == NotificationRoute(groupBy: ["alertname", "tenant"], groupWait: 0,
                                                           groupInterval: 60_000, repeatInterval: 5_400_000))
    }

    @Test func groupingByEveryLabelIsThreeDots() throws {
        let settings = try Self.parse("route: {group_by: ['...']}\nalertmanager: {url: 'http://am:9093'}")
        #expect(settings.route.groupBy == ["..."])
    }

    @Test func aRelativeSecretFileIsTakenFromTheNotifyFilesFolder() throws {
        let settings = try Self.parse("pagerduty: {routing_key_file: secrets/pagerduty}")
        #expect(settings.pagerDuty?.routingKey.location == .file("/etc/flowtop/secrets/pagerduty"))
    }

    @Test func anAlertmanagerClusterListsEachReplica() throws {
        let settings = try Self.parse("""
            alertmanager:
              urls: ['http://am-0.am:9093', 'http://am-1.am:9093']
              generator_url: 'http://flowtop.internal:9464/'
              resend_interval: 30s
            """)
        #expect(settings.alertmanager == NotifyFileSettings.Alertmanager(
            urls: ["http://am-0.am:9093", "http://am-1.am:9093"], generatorURL: "http://flowtop.internal:9464/",
            resendInterval: 30_000))
    }

    @Test func pagerDutyTakesOnlyPagesUnlessTold() throws {
        let settings = try Self.parse("""
            pagerduty:
              routing_key_env: PD_KEY
              url: https://events.eu.pagerduty.com/v2/enqueue
              severities: [page, ticket]
            """)
        #expect(settings.pagerDuty?.url == "https://events.eu.pagerduty.com/v2/enqueue")
        #expect(settings.pagerDuty?.severities == ["page", "ticket"])
    }

    @Test func emailWithALoginDefaultsToTheSubmissionPort() throws {
        let settings = try Self.parse("""
            email:
              smtp_host: smtp.example.com
              from: flowtop@example.com
              to: oncall@example.com
              username: flowtop
              password_env: FLOWTOP_SMTP_PASSWORD
              starttls: always
              severities: [page]
            """)
        let email = try #require(settings.email)
        #expect(email.smtpPort == 587)
        #expect(email.to == ["oncall@example.com"])
        #expect(email.username == "flowtop")
        #expect(email.password?.location == .environment("FLOWTOP_SMTP_PASSWORD"))
        #expect(email.startTLS == .always)
        #expect(email.severities == ["page"])
    }

    @Test func emailWithoutALoginDefaultsToPort25AndAuto() throws {
        let settings = try Self.parse("email: {smtp_host: relay.internal, smtp_port: 2525, from: a@b.c, to: [x@y.z]}")
        #expect(settings.email?.smtpPort == 2525)
        #expect(settings.email?.startTLS == .auto)
        #expect(settings.email?.password == nil)
    }

    /// Every error example in docs/notifiers.md is what flowtop prints for the file shown
    /// above it.
    @Test func theDocumentedErrorsAreTheRealOnes() throws {
        let page = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/notifiers.md"), encoding: .utf8)
        let examples = page.components(separatedBy: "<!-- error example -->").dropFirst()
        try #require(examples.count >= 3)
        for example in examples {
            let blocks = example.components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            try #require(blocks.count >= 2)
            let yaml = String(blocks[0].drop { $0 != "\n" }.dropFirst())
            let expected = blocks[1].trimmingCharacters(in: .whitespacesAndNewlines)
            do throws(NotifyFileError) {
                _ = try NotifyFile.parse(yaml, file: "notify.yaml")
                Issue.record("the example parsed; expected \(expected)")
            } catch {
                #expect(error.description == expected)
            }
        }
    }
}
