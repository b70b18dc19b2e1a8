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

    /// `slack:`, `pagerduty:` and `email:`: the notifiers' own sections, holding where
    /// each secret is rather than the secret, so the fields and defaults are written once
    /// (`pagerduty:`'s `severities` is `[page]` here and in FlowNotify alike). The app
    /// reads them with `mapCredential`.
    public typealias Slack = SlackSettings<SecretReference>
    public typealias PagerDuty = PagerDutySettings<SecretReference>
    public typealias Email = EmailSettings<SecretReference>
}
