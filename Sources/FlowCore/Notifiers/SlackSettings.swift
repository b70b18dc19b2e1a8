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
