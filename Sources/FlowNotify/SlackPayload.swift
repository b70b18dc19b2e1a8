import FlowCore
import FlowFormats

/// A batch as a Slack incoming-webhook message: `text` (the one line phones and
/// screen readers show) and Block Kit `blocks`: a header, a section per alert (the first
/// ten, then "+N more"), and a context line with the group and the times.
///
/// Colour comes from the emoji: Block Kit has no colour bar outside legacy attachments.
/// 🔴 a firing page, 🟠 a firing ticket, 🟡 any other severity, ✅ resolved. Times use
/// Slack's `<!date^…>` so each reader sees their own time zone, with UTC as the fallback.
///
/// ```swift
/// let slack = SlackPayload(webhookURL: secret)
/// queue.enqueue(slack.message(for: batch))   // POST to the webhook URL
/// ```
///
/// ```json
/// {"text":"🔴 [FIRING:2] ErrorBudgetBurn ai_request_success: ai_request_success (all) burns ...",
///  "blocks":[{"type":"header","text":{"type":"plain_text","text":"🔴 [FIRING:2] ErrorBudgetBurn ai_request_success","emoji":true}},
///            {"type":"section","text":{"type":"mrkdwn","text":"*page* `long_window=\"1h\", short_window=\"5m\"`\n..."}},
///            {"type":"context","elements":[{"type":"mrkdwn","text":"flowtop · ..."}]}]}
/// ```
public struct SlackPayload: Sendable {
    /// Alerts shown one by one; the rest are counted.
    public static let alertsShown = 10

    /// The webhook URL is the credential: whoever has it can post to the channel.
    public var webhookURL: Secret
    /// Overrides the webhook's channel where Slack still allows it (legacy webhooks).
    public var channel: String?

    public init(webhookURL: Secret, channel: String? = nil) {
        self.webhookURL = webhookURL
        self.channel = channel
    }

    public init(_ configuration: NotifierConfiguration.Slack) {
        self.init(webhookURL: configuration.webhookURL, channel: configuration.channel)
    }

    public func message(for batch: NotificationBatch) -> OutboundMessage {
        .http(OutboundHTTPRequest(url: webhookURL.revealed, body: Array(json(for: batch).rendered(.compact).utf8), secrets: [webhookURL]))
    }

    func json(for batch: NotificationBatch) -> JSONValue {
        let title = "\(Self.emoji(for: batch)) \(NotificationText.title(batch))"
        let first = batch.alerts.first.map { ": " + NotificationText.summary(of: $0) } ?? ""
        var blocks: [JSONValue] = [
            .object([("type", .string("header")),
                     ("text", .object([("type", .string("plain_text")),
                                       ("text", .string(NotificationText.truncated(title, to: 150))),
                                       ("emoji", .bool(true))]))]),
        ]
        for alert in batch.alerts.prefix(Self.alertsShown) {
            blocks.append(Self.mrkdwnBlock("section", Self.section(for: alert, in: batch)))
        }
        if batch.alerts.count > Self.alertsShown {
            blocks.append(Self.mrkdwnBlock("section", "_+\(batch.alerts.count - Self.alertsShown) more_"))
        }
        blocks.append(.object([("type", .string("context")),
                               ("elements", .array([.object([("type", .string("mrkdwn")),
                                                             ("text", .string(Self.context(for: batch)))])]))]))
        var fields: [(String, JSONValue)] = [("text", .string(NotificationText.truncated(title + first, to: 300)))]
        if let channel { fields.append(("channel", .string(channel))) }
        fields.append(("blocks", .array(blocks)))
        return .object(fields)
    }

    private static func mrkdwnBlock(_ type: String, _ text: String) -> JSONValue {
        .object([("type", .string(type)), ("text", .object([("type", .string("mrkdwn")), ("text", .string(text))]))])
    }

    /// `*page* `labels`` / summary / since when, and the runbook when there is one.
    private static func section(for alert: TrackedAlert, in batch: NotificationBatch) -> String {
        var head = "*\(escaped(alert.severity ?? "no severity"))*"
        let labels = NotificationText.distinguishingLabels(of: alert, in: batch)
        if !labels.isEmpty { head += " `\(escaped(labels))`" }
        var lines = [head, escaped(NotificationText.summary(of: alert))]
        var when = NotificationText.isResolved(alert, in: batch)
            ? "✅ resolved " + (alert.resolvedAt.map(date) ?? date(batch.at))
            : "firing since " + date(alert.firedAt ?? alert.activeAt)
        if let runbook = alert.annotations["runbook_url"], runbook.hasPrefix("http") {
            when += " · <\(escaped(runbook))|runbook>"
        }
        lines.append(when)
        return NotificationText.truncated(lines.joined(separator: "\n"), to: 3000)
    }

    private static func context(for batch: NotificationBatch) -> String {
        let group = batch.groupKey.isEmpty ? "all alerts" : "`\(escaped(batch.groupKey))`"
        let status = switch batch.reason {
        case .firing: "firing since \(date(NotificationText.startedAt(batch)))"
        case .repeating: "still firing since \(date(NotificationText.startedAt(batch)))"
        case .resolved: "resolved \(date(batch.at))"
        }
        return "flowtop · group \(group) · \(status)"
    }

    static func emoji(for batch: NotificationBatch) -> String {
        guard batch.reason != .resolved else { return "✅" }
        switch NotificationText.highestSeverity(batch.alerts) {
        case "page": return "🔴"
        case "ticket": return "🟠"
        default: return "🟡"
        }
    }

    /// `<!date^1795600920^{date_short_pretty} {time}|2026-11-25 10:02 UTC>`.
    private static func date(_ t: EpochMillis) -> String {
        let seconds = t >= 0 ? t / 1000 : (t - 999) / 1000
        return "<!date^\(seconds)^{date_short_pretty} {time}|\(NotificationText.readable(t))>"
    }

    /// Slack's three control characters in mrkdwn text.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
