import FlowCore

/// The words every notifier shares, so Slack, PagerDuty and e-mail describe a batch the
/// same way: a title in Alertmanager's default shape, each alert's one-line summary, and
/// times in UTC.
///
/// ```swift
/// NotificationText.title(batch)        // "[FIRING:3] ErrorBudgetBurn ai_request_success"
/// NotificationText.summary(of: alert)  // the `summary` annotation, else the labels
/// NotificationText.rfc3339(t)          // "2026-11-25T10:02:00.000Z"
/// ```
enum NotificationText {
    /// `[FIRING:3] ErrorBudgetBurn ai_request_success` (the group's label values), or
    /// `[RESOLVED] ...`: the e-mail subject, Slack's fallback text, PagerDuty's summary.
    static func title(_ batch: NotificationBatch) -> String {
        let status = batch.reason == .resolved ? "[RESOLVED]" : "[FIRING:\(batch.alerts.count)]"
        let values = batch.groupLabels.map(\.value)
        return ([status] + (values.isEmpty ? ["all alerts"] : values)).joined(separator: " ")
    }

    /// Firing or resolved, as this batch reports the alert: a `.resolved` batch reports
    /// every alert resolved (one the engine no longer lists included).
    static func isResolved(_ alert: TrackedAlert, in batch: NotificationBatch) -> Bool {
        batch.reason == .resolved || alert.state == .resolved
    }

    /// The alert's `summary` annotation, else its `description`, else its labels.
    static func summary(of alert: TrackedAlert) -> String {
        if let summary = alert.annotations["summary"], !summary.isEmpty { return summary }
        if let description = alert.annotations["description"], !description.isEmpty { return description }
        return alert.labels.description
    }

    /// The labels that tell the alerts of one group apart (those not in the group key),
    /// as `name="value"` joined by `, `; empty when there are none.
    static func distinguishingLabels(of alert: TrackedAlert, in batch: NotificationBatch) -> String {
        let grouped = Set(batch.groupLabels.map(\.name))
        return alert.labels.pairs.filter { !grouped.contains($0.name) && $0.name != "severity" }
            .map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ", ")
    }

    /// The most urgent severity among the alerts: `page`, then `ticket`, then any other,
    /// then nil.
    static func highestSeverity(_ alerts: [TrackedAlert]) -> String? {
        func rank(_ severity: String?) -> Int {
            switch severity {
            case "page": 0
            case "ticket": 1
            case nil: 3
            default: 2
            }
        }
        return alerts.map(\.severity).min { rank($0) < rank($1) } ?? nil
    }

    /// When the earliest alert of the batch fired (or became active, for one that never
    /// did); `at` for an empty batch.
    static func startedAt(_ batch: NotificationBatch) -> EpochMillis {
        batch.alerts.map { $0.firedAt ?? $0.activeAt }.min() ?? batch.at
    }

    /// The text cut to at most `limit` characters, ending in `…` when cut.
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(max(0, limit - 1))) + "…"
    }

    // MARK: - Times

    /// RFC 3339 in UTC with milliseconds, as Alertmanager and PagerDuty read it:
    /// `2026-11-25T10:02:00.000Z`.
    static func rfc3339(_ t: EpochMillis) -> String {
        let parts = UTCParts(t)
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T\(pad(parts.hour, 2)):"
            + "\(pad(parts.minute, 2)):\(pad(parts.second, 2)).\(pad(parts.millis, 3))Z"
    }

    /// For people: `2026-11-25 10:02 UTC`.
    static func readable(_ t: EpochMillis) -> String {
        let parts = UTCParts(t)
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2)) "
            + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)) UTC"
    }

    /// RFC 5322 section 3.3, for the `Date:` header: `Wed, 25 Nov 2026 10:02:00 +0000`.
    static func rfc5322(_ t: EpochMillis) -> String {
        let parts = UTCParts(t)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = weekdays[Int(((parts.days % 7) + 7) % 7)]
        return "\(weekday), \(parts.day) \(months[Int(parts.month) - 1]) \(pad(parts.year, 4)) "
            + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)) +0000"
    }

    private static func pad(_ n: Int64, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A UTC instant taken apart (days since 1970-01-01, civil date, time of day).
    private struct UTCParts {
        var days, year, month, day, hour, minute, second, millis: Int64

        init(_ t: EpochMillis) {
            let dayMillis: Int64 = 86_400_000
            days = t >= 0 ? t / dayMillis : (t - dayMillis + 1) / dayMillis
            let ofDay = t - days * dayMillis
            (year, month, day) = CalendarMonth.civil(fromDays: days)
            hour = ofDay / 3_600_000
            minute = ofDay / 60_000 % 60
            second = ofDay / 1_000 % 60
            millis = ofDay % 1_000
        }
    }
}
