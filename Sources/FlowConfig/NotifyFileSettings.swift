import FlowCore
import FlowNotify

/// What a notify file says, checked and with every default filled in; secrets are still
/// only references (a file or a variable), read when the notifiers start. The app turns
/// it into FlowNotify's `NotifierConfiguration`. Keys and defaults: docs/notifiers.md.
///
/// ```swift
/// let settings = try NotifyFile.load(path: "notify.yaml")
/// settings.route.repeatInterval        // 14_400_000 unless the file says otherwise
/// settings.slack?.webhookURL.location  // .file("/etc/flowtop/slack-webhook-url")
/// ```
public struct NotifyFileSettings: Sendable, Equatable {
    public var route: Route
    public var alertmanager: Alertmanager?
    public var slack: Slack?
    public var pagerDuty: PagerDuty?
    public var email: Email?

    public init(route: Route = Route(), alertmanager: Alertmanager? = nil, slack: Slack? = nil,
                pagerDuty: PagerDuty? = nil, email: Email? = nil) {
        self.route = route
        self.alertmanager = alertmanager
        self.slack = slack
        self.pagerDuty = pagerDuty
        self.email = email
    }

    /// `route:`: FlowNotify's own type, so the defaults are written once (Alertmanager's).
    public typealias Route = NotificationRoute

    /// Where a credential is to be read from (`*_file` or `*_env`), and where the file
    /// named it (`notify.yaml:7:23: slack.webhook_url_file`): read when the notifiers start.
    public typealias SecretReference = SecretSource

    /// `alertmanager:`: nothing secret in it, so the notifier's own section.
    public typealias Alertmanager = NotifierConfiguration.Alertmanager

    public struct Slack: Sendable, Equatable {
        public var webhookURL: SecretReference
        public var channel: String?
        /// nil: every severity.
        public var severities: [String]?

        public init(webhookURL: SecretReference, channel: String? = nil, severities: [String]? = nil) {
            self.webhookURL = webhookURL
            self.channel = channel
            self.severities = severities
        }
    }

    public struct PagerDuty: Sendable, Equatable {
        public static let defaultURL = "https://events.pagerduty.com/v2/enqueue"
        public static let defaultSeverities = ["page"]

        public var routingKey: SecretReference
        public var url: String
        /// nil: every severity; `["page"]` unless the file says otherwise.
        public var severities: [String]?

        public init(routingKey: SecretReference, url: String = defaultURL, severities: [String]? = defaultSeverities) {
            self.routingKey = routingKey
            self.url = url
            self.severities = severities
        }
    }

    public struct Email: Sendable, Equatable {
        public enum StartTLS: String, Sendable, Equatable, CaseIterable {
            case auto, always, never
        }

        public var smtpHost: String
        /// 587 when `username` is given, else 25, unless the file says.
        public var smtpPort: Int
        public var from: String
        public var to: [String]
        public var username: String?
        public var password: SecretReference?
        public var startTLS: StartTLS
        /// nil: every severity.
        public var severities: [String]?

        public init(smtpHost: String, smtpPort: Int, from: String, to: [String], username: String? = nil,
                    password: SecretReference? = nil, startTLS: StartTLS = .auto, severities: [String]? = nil) {
            self.smtpHost = smtpHost
            self.smtpPort = smtpPort
            self.from = from
            self.to = to
            self.username = username
            self.password = password
            self.startTLS = startTLS
            self.severities = severities
        }

        /// The hosts plain text is allowed to under `starttls: auto`.
        public static let loopbackHosts = ["localhost", "127.0.0.1", "::1", "[::1]"]
    }
}
