import FlowCore

/// Every notifier flowtop runs, as read from the notify file (`--notify FILE`,
/// docs/notifiers.md) with its secrets already read: the grouping `route` and a section
/// per notifier, nil when the file has none. FlowConfig's `NotifyFile` checks the file;
/// the app reads each `SecretSource` and builds this.
///
/// Printing one is safe: its secrets print as `<redacted>`.
///
/// ```swift
/// let configuration = NotifierConfiguration(
///     slack: .init(webhookURL: try SecretSource(.environment("SLACK_WEBHOOK_URL"), origin: "notify.yaml: slack").readURL()))
/// let slack = configuration.slack.map(SlackPayload.init)
/// ```
public struct NotifierConfiguration: Sendable, Equatable {
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

    /// Alertmanager API v2: every alert posted to every URL (replicas of one cluster).
    public struct Alertmanager: Sendable, Equatable {
        public var urls: [String]
        /// Sent as each alert's `generatorURL` (a link back to flowtop); none by default.
        public var generatorURL: String?
        public var resendInterval: EpochMillis

        public init(urls: [String], generatorURL: String? = nil, resendInterval: EpochMillis = 60_000) {
            self.urls = urls
            self.generatorURL = generatorURL
            self.resendInterval = resendInterval
        }
    }

    /// A Slack incoming webhook, its URL read.
    public typealias Slack = SlackSettings<Secret>

    /// PagerDuty Events API v2, its routing key read.
    public typealias PagerDuty = PagerDutySettings<Secret>

    /// E-mail over SMTP, its password (if any) read.
    public typealias Email = EmailSettings<Secret>

    /// When the SMTP client upgrades to TLS (`starttls:` in the file).
    public enum StartTLS: String, Sendable, Equatable, CaseIterable {
        /// STARTTLS whenever the server offers it; plain text only to this machine.
        case auto
        /// STARTTLS or nothing: a server that does not offer it is an error.
        case always
        /// Never STARTTLS (a relay on a trusted network that cannot do TLS); no login.
        case never
    }
}

// MARK: - The sections, whatever holds their secret

/// A Slack incoming webhook. `Credential` is what holds the webhook URL: FlowConfig's
/// notify-file settings hold a `SecretSource` (where to read it, and where the file
/// named it), `NotifierConfiguration` the `Secret` read at start-up. One type for both,
/// so each field and default is written once; `mapCredential` turns one into the other.
///
/// ```swift
/// let file = SlackSettings(webhookURL: SecretSource(.environment("SLACK_WEBHOOK_URL"),
///                                                   origin: "notify.yaml:2:3: slack.webhook_url_env"))
/// let slack: NotifierConfiguration.Slack = try file.mapCredential { (source) throws(SecretError) in
///     try source.readURL()
/// }
/// ```
public struct SlackSettings<Credential: Sendable & Equatable>: Sendable, Equatable {
    public var webhookURL: Credential
    public var channel: String?
    /// Only alerts with these `severity` labels; nil: all.
    public var severities: Set<String>?

    public init(webhookURL: Credential, channel: String? = nil, severities: Set<String>? = nil) {
        self.webhookURL = webhookURL
        self.channel = channel
        self.severities = severities
    }

    /// The same settings with the webhook URL replaced by `read(webhookURL)`.
    public func mapCredential<Read, Failure: Error>(_ read: (Credential) throws(Failure) -> Read)
        throws(Failure) -> SlackSettings<Read> {
        SlackSettings<Read>(webhookURL: try read(webhookURL), channel: channel, severities: severities)
    }
}

/// PagerDuty Events API v2; `Credential` holds the routing key, as in `SlackSettings`
/// (a `SecretSource` from the notify file, a `Secret` once read).
///
/// ```swift
/// let file = PagerDutySettings(routingKey: SecretSource(.file("/etc/flowtop/pd"), origin: "notify.yaml:5:3: pagerduty.routing_key_file"))
/// file.url         // "https://events.pagerduty.com/v2/enqueue"
/// file.severities  // ["page"]
/// ```
public struct PagerDutySettings<Credential: Sendable & Equatable>: Sendable, Equatable {
    /// Pages are what PagerDuty is for; tickets go to chat and mail unless asked.
    public static var defaultSeverities: Set<String> { ["page"] }

    public var routingKey: Credential
    public var url: String
    /// Only alerts with these `severity` labels; nil: all.
    public var severities: Set<String>?

    public init(routingKey: Credential, url: String = PagerDutyEvents.defaultURL,
                severities: Set<String>? = defaultSeverities) {
        self.routingKey = routingKey
        self.url = url
        self.severities = severities
    }

    /// The same settings with the routing key replaced by `read(routingKey)`.
    public func mapCredential<Read, Failure: Error>(_ read: (Credential) throws(Failure) -> Read)
        throws(Failure) -> PagerDutySettings<Read> {
        PagerDutySettings<Read>(routingKey: try read(routingKey), url: url, severities: severities)
    }
}

/// E-mail over SMTP; `Credential` holds the password, as in `SlackSettings` (a
/// `SecretSource` from the notify file, a `Secret` once read).
///
/// ```swift
/// let file = EmailSettings<SecretSource>(smtpHost: "smtp.example.com", from: "flowtop@example.com",
///                                        to: ["oncall@example.com"], username: "flowtop",
///                                        password: SecretSource(.environment("SMTP_PASSWORD"), origin: "notify.yaml:9:3: email.password_env"))
/// file.smtpPort         // 587: a login, so the submission port
/// file.allowsPlaintext  // false: `starttls: auto` to another host
/// ```
public struct EmailSettings<Credential: Sendable & Equatable>: Sendable, Equatable {
    public var smtpHost: String
    public var smtpPort: Int
    public var from: String
    public var to: [String]
    /// With `password`, for SMTP AUTH (only ever over TLS).
    public var username: String?
    public var password: Credential?
    public var startTLS: NotifierConfiguration.StartTLS
    /// Only alerts with these `severity` labels; nil: all.
    public var severities: Set<String>?

    /// `smtpPort` nil: `defaultPort(authenticating: username != nil)`.
    public init(smtpHost: String, smtpPort: Int? = nil, from: String, to: [String], username: String? = nil,
                password: Credential? = nil, startTLS: NotifierConfiguration.StartTLS = .auto,
                severities: Set<String>? = nil) {
        self.smtpHost = smtpHost
        self.smtpPort = smtpPort ?? Self.defaultPort(authenticating: username != nil)
        self.from = from
        self.to = to
        self.username = username
        self.password = password
        self.startTLS = startTLS
        self.severities = severities
    }

    /// 587 (submission) when logging in, 25 (a relay, often the local MTA) otherwise.
    public static func defaultPort(authenticating: Bool) -> Int { authenticating ? 587 : 25 }

    /// Whether the SMTP client may go on in plain text when the server offers no
    /// STARTTLS: with `never` always, with `auto` only to this machine
    /// (`localhost`, `127.0.0.1`, `::1`), with `always` never.
    public var allowsPlaintext: Bool {
        switch startTLS {
        case .never: true
        case .auto: Self.isLoopback(smtpHost)
        case .always: false
        }
    }

    public static func isLoopback(_ host: String) -> Bool {
        ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased())
    }

    /// The same settings with the password replaced by `read(password)`; no password,
    /// nothing read.
    public func mapCredential<Read, Failure: Error>(_ read: (Credential) throws(Failure) -> Read)
        throws(Failure) -> EmailSettings<Read> {
        EmailSettings<Read>(smtpHost: smtpHost, smtpPort: smtpPort, from: from, to: to, username: username,
                            password: try password.map(read), startTLS: startTLS, severities: severities)
    }
}

extension EmailSettings where Credential == Secret {
    /// The SMTP client's settings for this notifier. `starttls: auto` to another host
    /// becomes the client's `.always`: the client's own `auto` would go on in plain
    /// text when a server (or someone in between) does not offer STARTTLS.
    public var smtpConfiguration: SMTPClient.Configuration {
        let tls: SMTPClient.TLSPolicy = switch startTLS {
        case .auto: allowsPlaintext ? .auto : .always
        case .always: .always
        case .never: .never
        }
        let credentials = username.map { SMTPClient.Credentials(username: $0, password: password?.revealed ?? "") }
        return SMTPClient.Configuration(host: smtpHost, port: smtpPort, tls: tls, credentials: credentials)
    }
}
