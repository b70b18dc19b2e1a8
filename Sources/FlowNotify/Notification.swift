import FlowCore

/// What a notifier is asked to deliver: one group of alerts that changed (fired, repeated
/// or resolved). The planner (`NotificationPlanner`) makes these from the engine's alert
/// lifecycles; each notifier turns one into its own payload (`SlackPayload`,
/// `PagerDutyEvents`, `AlertmanagerAlerts`, `EmailMessage`) and its transport delivers it.
///
/// ```swift
/// let batch = NotificationBatch(groupKey: "alertname=AICostHigh", alerts: [alert], reason: .firing, at: now)
/// ```
public struct NotificationBatch: Sendable, Equatable, Codable {
    public enum Reason: String, Sendable, Equatable, Codable {
        /// New alerts in the group started firing.
        case firing
        /// Nothing new, but the group is still firing after `repeat_interval`.
        case repeating
        /// Every alert of the group resolved.
        case resolved
    }

    /// The group's labels (its `group_by` values), as `name=value` joined by `,`.
    public var groupKey: String
    /// The group's firing and just-resolved alerts, not silenced, acknowledged or inhibited.
    public var alerts: [TrackedAlert]
    public var reason: Reason
    public var at: EpochMillis

    public init(groupKey: String, alerts: [TrackedAlert], reason: Reason, at: EpochMillis) {
        self.groupKey = groupKey
        self.alerts = alerts
        self.reason = reason
        self.at = at
    }
}

/// One HTTP request a notifier sends (Slack, PagerDuty, Alertmanager).
///
/// `secrets` names the credentials it carries (Slack's webhook URL, PagerDuty's routing
/// key in the body), so that the transport can take them out of whatever the receiver
/// answers before the answer becomes a failure summary: a proxy's 400 page that quotes
/// the request would otherwise put the credential in the status view and the logs. It is
/// not sent, and not part of equality.
///
/// ```swift
/// OutboundHTTPRequest(url: webhook.revealed, body: json, secrets: [webhook])
/// ```
public struct OutboundHTTPRequest: Sendable, Equatable {
    public var url: String
    public var method: String
    public var headers: [(String, String)]
    public var body: [UInt8]
    public var secrets: [Secret]

    public init(url: String, method: String = "POST", headers: [(String, String)] = [("Content-Type", "application/json")],
                body: [UInt8], secrets: [Secret] = []) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.secrets = secrets
    }

    public static func == (a: OutboundHTTPRequest, b: OutboundHTTPRequest) -> Bool {
        a.url == b.url && a.method == b.method && a.body == b.body
            && a.headers.map { "\($0.0): \($0.1)" } == b.headers.map { "\($0.0): \($0.1)" }
    }
}

/// One e-mail: sent over SMTP as it is (`data` is the RFC 5322 message, CRLF lines).
public struct OutboundEmail: Sendable, Equatable {
    public var from: String
    public var to: [String]
    public var data: String

    public init(from: String, to: [String], data: String) {
        self.from = from
        self.to = to
        self.data = data
    }
}

/// What a transport delivers.
public enum OutboundMessage: Sendable, Equatable {
    case http(OutboundHTTPRequest)
    case email(OutboundEmail)
}
