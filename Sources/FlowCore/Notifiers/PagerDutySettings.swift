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
    /// PagerDuty's Events API v2 endpoint, unless the notify file's `url:` names another.
    public static var defaultURL: String { "https://events.pagerduty.com/v2/enqueue" }

    public var routingKey: Credential
    public var url: String
    /// Only alerts with these `severity` labels; nil: all.
    public var severities: Set<String>?

    public init(routingKey: Credential, url: String = defaultURL,
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
