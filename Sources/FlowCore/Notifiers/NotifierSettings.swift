/// Every notifier flowtop runs, as the notify file (`--notify FILE`, docs/notifiers.md)
/// describes them: the grouping `route` and a section per notifier, nil when the file has
/// none. `Credential` is what holds each secret: FlowConfig's `NotifyFile` parses the
/// file into `NotifierSettings<SecretSource>` (`NotifyFileSettings`: where each secret is
/// to be read from), the app reads them at start-up, and FlowNotify's notifiers take
/// `NotifierSettings<Secret>` (`NotifierConfiguration`). One type for both, so each field
/// and default is written once.
///
/// Why in FlowCore: the config reader, the notifiers and the HTTP API all need these
/// values, and none of them should import another just for them. They are plain values
/// (no I/O; reading a `SecretSource` is FlowNotify's), so the engine module, below all
/// three, holds them; the engine itself never reads them.
///
/// Printing one is safe: its secrets print as `<redacted>`.
///
/// ```swift
/// let file = NotifierSettings(slack: SlackSettings(webhookURL: SecretSource(.environment("SLACK_WEBHOOK_URL"),
///                                                                           origin: "notify.yaml:2:3: slack.webhook_url_env")))
/// file.notifierNames   // ["slack"]
/// ```
public struct NotifierSettings<Credential: Sendable & Equatable>: Sendable, Equatable {
    /// Grouping and timing for Slack, PagerDuty and e-mail (Alertmanager groups itself).
    public var route: NotificationRoute
    public var alertmanager: Alertmanager?
    public var slack: Slack?
    public var pagerDuty: PagerDuty?
    public var email: Email?

    public init(route: NotificationRoute = NotificationRoute(), alertmanager: Alertmanager? = nil, slack: Slack? = nil,
                pagerDuty: PagerDuty? = nil, email: Email? = nil) {
        self.route = route
        self.alertmanager = alertmanager
        self.slack = slack
        self.pagerDuty = pagerDuty
        self.email = email
    }

    /// The configured notifiers' names, in a fixed order: for the status view and logs.
    public var notifierNames: [String] {
        [alertmanager.map { _ in "alertmanager" }, slack.map { _ in "slack" }, pagerDuty.map { _ in "pagerduty" },
         email.map { _ in "email" }].compactMap { $0 }
    }

    /// Alertmanager API v2: nothing secret in it, so the same whatever holds the others' secrets.
    public typealias Alertmanager = AlertmanagerSettings

    /// A Slack incoming webhook, its URL held by `Credential`.
    public typealias Slack = SlackSettings<Credential>

    /// PagerDuty Events API v2, its routing key held by `Credential`.
    public typealias PagerDuty = PagerDutySettings<Credential>

    /// E-mail over SMTP, its password (if any) held by `Credential`.
    public typealias Email = EmailSettings<Credential>
}
