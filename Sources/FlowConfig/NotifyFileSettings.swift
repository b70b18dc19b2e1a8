import FlowCore

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

    /// `route:`, with Alertmanager's defaults.
    public struct Route: Sendable, Equatable {
        public static let defaultGroupBy = ["alertname", "slo"]
        public static let defaultGroupWait: EpochMillis = 30_000
        public static let defaultGroupInterval: EpochMillis = 300_000
        public static let defaultRepeatInterval: EpochMillis = 4 * 3_600_000

        /// Label names, or `["..."]` for every label.
        public var groupBy: [String]
        public var groupWait: EpochMillis
        public var groupInterval: EpochMillis
        public var repeatInterval: EpochMillis

        public init(groupBy: [String] = defaultGroupBy, groupWait: EpochMillis = defaultGroupWait,
                    groupInterval: EpochMillis = defaultGroupInterval, repeatInterval: EpochMillis = defaultRepeatInterval) {
            self.groupBy = groupBy
            self.groupWait = groupWait
            self.groupInterval = groupInterval
            self.repeatInterval = repeatInterval
        }
    }

    /// Where a credential is to be read from (`*_file` or `*_env`), and where the file
    /// named it, for messages: `origin` is `notify.yaml:7:23: slack.webhook_url_file`.
    public struct SecretReference: Sendable, Equatable {
        public enum Location: Sendable, Equatable {
            /// An absolute path (a relative one in the file is taken from the file's folder).
            case file(String)
            case environment(String)
        }

        public var location: Location
        public var origin: String

        public init(_ location: Location, origin: String) {
            self.location = location
            self.origin = origin
        }
    }

    public struct Alertmanager: Sendable, Equatable {
        public static let defaultResendInterval: EpochMillis = 60_000

        /// One URL, or each replica of a cluster.
        public var urls: [String]
        public var generatorURL: String?
        public var resendInterval: EpochMillis

        public init(urls: [String], generatorURL: String? = nil, resendInterval: EpochMillis = defaultResendInterval) {
            self.urls = urls
            self.generatorURL = generatorURL
            self.resendInterval = resendInterval
        }
    }

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
