import FlowCore
import FlowFormats

/// Batches as PagerDuty Events API v2 events (`POST /v2/enqueue`): one PagerDuty alert
/// per flowtop group, kept together by a `dedup_key` made from the group key
/// (`flowtop-` and 16 hex digits, the same on every run), so the trigger, a later
/// acknowledge and the resolve all reach the same incident.
///
/// - `.firing` and `.repeating` batches `trigger` (a repeat only adds to the incident's
///   log; PagerDuty de-duplicates);
/// - a `GroupAcknowledgement` (every firing alert of the group acknowledged in flowtop)
///   `acknowledge`s;
/// - `.resolved` batches `resolve`.
///
/// `payload.severity` is the most urgent alert's: `page` → `critical`, `ticket` →
/// `warning`; a severity already in PagerDuty's words (`critical`, `error`, `warning`,
/// `info`) is passed on, anything else is `error`.
///
/// ```json
/// {"routing_key":"R0UT1NGK3Y…","event_action":"trigger","dedup_key":"flowtop-5d1c0c4b5e2e8a11","client":"flowtop",
///  "payload":{"summary":"[FIRING:2] ErrorBudgetBurn ai_request_success: ai_request_success (all) burns …",
///             "source":"flowtop","severity":"critical","timestamp":"2026-11-25T10:02:00.000Z",
///             "component":"ai_request_success","group":"alertname=ErrorBudgetBurn,slo=ai_request_success",
///             "class":"ErrorBudgetBurn","custom_details":{"firing":2,"alerts":[…]}}}
/// ```
///
/// The body holds the routing key: the transport must never log bodies, and takes it out
/// of any answer that quotes it (`OutboundHTTPRequest.secrets`).
public struct PagerDutyEvents: Sendable {
    public static let defaultURL = PagerDutySettings<Secret>.defaultURL
    /// Alerts detailed in `custom_details` (an event may be at most 512 KB).
    public static let alertsDetailed = 20

    public var routingKey: Secret
    public var url: String

    public init(routingKey: Secret, url: String = PagerDutyEvents.defaultURL) {
        self.routingKey = routingKey
        self.url = url
    }

    public init(_ configuration: NotifierConfiguration.PagerDuty) {
        self.init(routingKey: configuration.routingKey, url: configuration.url)
    }

    /// `flowtop-` and the group's fingerprint.
    public static func dedupKey(groupKey: String) -> String {
        "flowtop-" + GroupKeyReading.fingerprint(of: groupKey)
    }

    public func message(for batch: NotificationBatch) -> OutboundMessage {
        guard batch.reason != .resolved else { return request(action: "resolve", groupKey: batch.groupKey) }
        return request(action: "trigger", groupKey: batch.groupKey, payload: payload(for: batch))
    }

    public func message(for acknowledgement: GroupAcknowledgement) -> OutboundMessage {
        request(action: "acknowledge", groupKey: acknowledgement.groupKey)
    }

    private func request(action: String, groupKey: String, payload: JSONValue? = nil) -> OutboundMessage {
        var fields: [(String, JSONValue)] = [
            ("routing_key", .string(routingKey.revealed)), ("event_action", .string(action)),
            ("dedup_key", .string(Self.dedupKey(groupKey: groupKey))),
        ]
        if let payload { fields += [("client", .string("flowtop")), ("payload", payload)] }
        return .http(OutboundHTTPRequest(url: url, body: Array(JSONValue.object(fields).rendered(.compact).utf8), secrets: [routingKey]))
    }

    private func payload(for batch: NotificationBatch) -> JSONValue {
        let first = batch.alerts.first
        let summary = NotificationText.title(batch) + (first.map { ": " + NotificationText.summary(of: $0) } ?? "")
        let details: [JSONValue] = batch.alerts.prefix(Self.alertsDetailed).map { alert in
            var fields: [(String, JSONValue)] = [
                ("labels", .object(sorted: alert.labels.dictionary)),
                ("summary", .string(NotificationText.summary(of: alert))),
                ("firing_since", .string(NotificationText.rfc3339(alert.firedAt ?? alert.activeAt))),
            ]
            if let value = alert.lastValue { fields.append(("value", .number(value))) }
            if let runbook = alert.annotations["runbook_url"] { fields.append(("runbook_url", .string(runbook))) }
            return .object(fields)
        }
        var custom: [(String, JSONValue)] = [("firing", .int(Int64(batch.alerts.count))), ("alerts", .array(details))]
        if batch.alerts.count > Self.alertsDetailed {
            custom.append(("more", .int(Int64(batch.alerts.count - Self.alertsDetailed))))
        }
        return .object([
            ("summary", .string(NotificationText.truncated(summary, to: 1024))),
            ("source", .string("flowtop")),
            ("severity", .string(Self.severity(NotificationText.highestSeverity(batch.alerts)))),
            ("timestamp", .string(NotificationText.rfc3339(NotificationText.startedAt(batch)))),
            ("component", .string(first?.slo ?? first?.labels["alertname"] ?? "flowtop")),
            ("group", .string(batch.groupKey)),
            ("class", .string(first?.labels["alertname"] ?? "alert")),
            ("custom_details", .object(custom)),
        ])
    }

    /// flowtop's severity label in PagerDuty's words.
    static func severity(_ label: String?) -> String {
        switch label {
        case "page": "critical"
        case "ticket": "warning"
        case "critical", "error", "warning", "info": label ?? "error"
        default: "error"
        }
    }
}
