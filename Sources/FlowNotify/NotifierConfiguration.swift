import FlowCore

/// Every notifier flowtop runs, with its secrets already read: what the notifiers take.
/// FlowConfig's `NotifyFile` checks the notify file into `NotifyFileSettings` (the same
/// settings holding where each secret is); the app reads each `SecretSource` and builds
/// this. The sections and their defaults are FlowCore's `NotifierSettings`.
///
/// Printing one is safe: its secrets print as `<redacted>`.
///
/// ```swift
/// let configuration = NotifierConfiguration(
///     slack: .init(webhookURL: try SecretSource(.environment("SLACK_WEBHOOK_URL"), origin: "notify.yaml: slack").readURL()))
/// let slack = configuration.slack.map(SlackPayload.init)
/// ```
public typealias NotifierConfiguration = NotifierSettings<Secret>

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
