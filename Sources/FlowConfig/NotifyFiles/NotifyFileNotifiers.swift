import FlowFormats

/// The `alertmanager:`, `slack:` and `pagerduty:` sections of a notify file. Every key
/// must be known, so a typo fails instead of leaving a setting at its default.
enum NotifyFileNotifiers {
    static func alertmanager(_ field: FieldNode) throws(SLOFileError) -> NotifyFileSettings.Alertmanager {
        let fields = try field.mapping()
        try fields.rejectUnknownKeys(allowed: ["url", "urls", "generator_url", "resend_interval"])
        let urls: [String]
        switch (fields.optional("url"), fields.optional("urls")) {
        case (.some, .some(let list)):
            throw list.error("give either url (one Alertmanager) or urls (each replica of a cluster), not both")
        case (.some(let url), nil):
            urls = [try NotifyFileFields.url(url)]
        case (nil, .some(let list)):
            var all: [String] = []
            for item in try list.list() { all.append(try NotifyFileFields.url(item)) }
            guard !all.isEmpty else { throw list.error("expected at least one URL") }
            urls = all
        case (nil, nil):
            throw fields.missing("url", expecting: "Alertmanager's URL, such as http://127.0.0.1:9093 (or instead "
                                 + "urls with each replica of a cluster)")
        }
        var settings = NotifyFileSettings.Alertmanager(urls: urls)
        settings.generatorURL = try fields.optional("generator_url").map(NotifyFileFields.url)
        if let resend = fields.optional("resend_interval") {
            settings.resendInterval = try resend.parsed(PrometheusDuration.millis)
            guard settings.resendInterval >= 1_000 else {
                throw resend.error("expected at least 1s (Prometheus resends every 1m), found `\(PrometheusDuration.text(settings.resendInterval))`")
            }
        }
        return settings
    }

    static func slack(_ field: FieldNode) throws(SLOFileError) -> NotifyFileSettings.Slack {
        let fields = try field.mapping()
        let what = "the Slack webhook URL"
        try NotifyFileFields.rejectInlineSecret(fields, key: "webhook_url", what: what)
        try fields.rejectUnknownKeys(allowed: ["webhook_url_file", "webhook_url_env", "channel", "severities"])
        var settings = NotifyFileSettings.Slack(webhookURL: try NotifyFileFields.secret(fields, key: "webhook_url",
                                                                                        what: what))
        if let channel = fields.optional("channel") {
            let name = try channel.string()
            guard !name.isEmpty, !name.contains(where: \.isWhitespace) else {
                throw channel.error("expected a channel such as #alerts, found `\(name)`")
            }
            settings.channel = name
        }
        settings.severities = try fields.optional("severities").map(NotifyFileFields.severities)
        return settings
    }

    static func pagerDuty(_ field: FieldNode) throws(SLOFileError) -> NotifyFileSettings.PagerDuty {
        let fields = try field.mapping()
        let what = "the PagerDuty routing key (an Events API v2 integration key)"
        try NotifyFileFields.rejectInlineSecret(fields, key: "routing_key", what: what)
        try fields.rejectUnknownKeys(allowed: ["routing_key_file", "routing_key_env", "url", "severities"])
        var settings = NotifyFileSettings.PagerDuty(routingKey: try NotifyFileFields.secret(fields, key: "routing_key",
                                                                                            what: what))
        if let url = fields.optional("url") { settings.url = try NotifyFileFields.url(url) }
        if let severities = fields.optional("severities") {
            settings.severities = try NotifyFileFields.severities(severities)
        }
        return settings
    }
}
