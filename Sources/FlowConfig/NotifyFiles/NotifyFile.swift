import FlowCore
import FlowFormats

/// Notify files (`--notify FILE`, for the dashboard, `flowtop serve` and `--demo` alike):
/// where alerts go. One YAML mapping with a section per notifier and an optional
/// `route:` for grouping; every key, default and payload is in docs/notifiers.md, and
/// docs/examples/notify.yaml is a working start.
///
/// ```yaml
/// route: {group_by: [alertname, slo], repeat_interval: 4h}
/// slack: {webhook_url_file: /etc/flowtop/slack-webhook-url}
/// pagerduty: {routing_key_env: FLOWTOP_PAGERDUTY_ROUTING_KEY}
/// ```
///
/// ```swift
/// let settings = try NotifyFile.load(path: "notify.yaml")
/// // or, on a mistake:
/// // notify.yaml:3:3: slack.webhook_url_fle: unknown field `webhook_url_fle`; did you mean `webhook_url_file`? ...
/// ```
///
/// Secrets are never in the file itself: each credential is a `*_file` (readable only by
/// its owner) or a `*_env` variable, checked for shape here and read when the notifiers
/// start.
public enum NotifyFile {
    static let sections = ["route", "alertmanager", "slack", "pagerduty", "email"]

    /// Reads and parses one file; a missing or unreadable file is a `NotifyFileError` too.
    public static func load(path: String) throws(NotifyFileError) -> NotifyFileSettings {
        try parse(try YAMLFileText.read(path: path, expecting: "a notify file (YAML with notifier sections)"), file: path)
    }

    /// Parses the text of a notify file; `file` names it in errors, and relative secret
    /// file paths are taken from its folder. A file without any notifier is an error:
    /// `--notify` that notifies nobody is a mistake, not a choice.
    public static func parse(_ yaml: String, file: String) throws(NotifyFileError) -> NotifyFileSettings {
        let top = try YAMLFileText.root(of: yaml, file: file,
                                        expecting: "notifier sections such as `slack:` or `alertmanager:`").mapping()
        try top.rejectUnknownKeys(allowed: sections)
        for entry in top.entries where entry.value.isNull {
            throw entry.value.error("expected the \(entry.key) settings under it, found nothing")
        }
        var settings = NotifyFileSettings()
        if let route = top.optional("route") { settings.route = try parseRoute(route) }
        settings.alertmanager = try top.optional("alertmanager").map(NotifyFileNotifiers.alertmanager)
        settings.slack = try top.optional("slack").map(NotifyFileNotifiers.slack)
        settings.pagerDuty = try top.optional("pagerduty").map(NotifyFileNotifiers.pagerDuty)
        settings.email = try top.optional("email").map(NotifyFileEmail.parse)
        guard settings.alertmanager != nil || settings.slack != nil || settings.pagerDuty != nil
                || settings.email != nil else {
            throw top.field.error("no notifier configured: expected at least one of alertmanager, slack, pagerduty, email")
        }
        return settings
    }

    static func parseRoute(_ field: FieldNode) throws(SLOFileError) -> NotificationRoute {
        let fields = try field.mapping()
        try fields.rejectUnknownKeys(allowed: ["group_by", "group_wait", "group_interval", "repeat_interval"])
        var route = NotificationRoute()
        if let groupBy = fields.optional("group_by") { route.groupBy = try parseGroupBy(groupBy) }
        if let wait = fields.optional("group_wait") { route.groupWait = try wait.parsed(PrometheusDuration.millis) }
        if let interval = fields.optional("group_interval") {
            route.groupInterval = try interval.parsed(PrometheusDuration.millis)
            guard route.groupInterval > 0 else { throw interval.error("must be longer than 0, e.g. 5m") }
        }
        if let repeatField = fields.optional("repeat_interval") {
            route.repeatInterval = try repeatField.parsed(PrometheusDuration.millis)
        }
        guard route.repeatInterval >= route.groupInterval else {
            let at = fields.optional("repeat_interval") ?? fields.field
            throw at.error("repeat_interval (\(PrometheusDuration.text(route.repeatInterval))) is shorter than "
                           + "group_interval (\(PrometheusDuration.text(route.groupInterval))); a group cannot "
                           + "repeat sooner than it may change")
        }
        return route
    }

    /// Label names, or `['...']` alone for every label.
    static func parseGroupBy(_ field: FieldNode) throws(SLOFileError) -> [String] {
        var names: [String] = []
        for item in try field.list() {
            let name = try item.string()
            if name == "..." {
                names.append(name)
                continue
            }
            if let problem = PrometheusName.labelNameProblem(name, what: "label") { throw item.error(problem) }
            guard !names.contains(name) else { throw item.error("`\(name)` is listed twice") }
            names.append(name)
        }
        if names.contains("..."), names.count > 1 {
            throw field.error("`...` (every label) stands alone; expected either `['...']` or label names")
        }
        return names
    }
}

/// A mistake in a notify file, pointing at the file, line, column and key:
/// `notify.yaml:9:14: email.smtp_port: expected a port from 1 to 65535, found `0``. It is
/// the SLO files' error type, since every config file is read the same way.
public typealias NotifyFileError = SLOFileError
