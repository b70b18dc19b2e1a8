import FlowCore
import TerminalUI

/// How one alert of the lifecycle list reads, shared by the alerts pane, the SLO detail,
/// the silence prompt, the silences view and the notices, so all name an alert the same way.
///
/// A burn-rate alert is named by its SLO and series (`ai_request_success · tenant:acme`)
/// and its tier (`1h/5m`): its `alertname` is always `ErrorBudgetBurn` and says nothing a
/// reader does not already see. A threshold rule's alert is named by its `alertname` and
/// the labels its rule adds (`AICostHigh team=revenue`).
///
/// ```swift
/// AlertText.name(alert, dot: "·")   // "ai_request_success · tenant:acme 1h/5m"
/// AlertText.tier(alert)             // "1h/5m"; "" for a threshold rule
/// ```
enum AlertText {
    /// The engine's name for burn-rate alerts (docs/alerts.md), as Pyrra names them.
    static let burnAlertName = "ErrorBudgetBurn"

    static func isBurnRate(_ alert: TrackedAlert) -> Bool {
        alert.labels["alertname"] == burnAlertName && alert.slo != nil
    }

    /// The series a burn-rate alert fires on: its tenant, model or (in a fleet) engine,
    /// else the total.
    static func series(_ alert: TrackedAlert) -> SLOSeriesID {
        if let tenant = alert.labels["tenant"] { return .tenant(tenant) }
        if let model = alert.labels["model"] { return .model(model) }
        if let instance = alert.labels["instance"] { return .instance(instance) }
        return .total
    }

    /// Who the alert is about, in at most `width` columns: SLO and series for a burn-rate
    /// alert (only the series with `showsSLO` off, in the SLO's own detail), else the
    /// alert name and its rule's own labels.
    static func subject(_ alert: TrackedAlert, showsSLO: Bool = true, width: Int = .max, dot: String) -> String {
        if isBurnRate(alert), let slo = alert.slo {
            let series = series(alert)
            guard showsSLO else { return TextFit.truncate(series.label, to: width) }
            return SLOText.sloAndSeries(slo, series, width: width, dot: dot)
        }
        let name = alert.labels["alertname"] ?? "alert"
        let extra = alert.labels.pairs.filter { $0.name != "alertname" && $0.name != "severity" }
            .map { "\($0.name)=\($0.value)" }
        return TextFit.truncate(([name] + extra).joined(separator: " "), to: width)
    }

    /// `1h/5m` for a burn-rate alert; "" for a threshold rule.
    static func tier(_ alert: TrackedAlert) -> String {
        guard isBurnRate(alert), let long = alert.labels["long_window"], let short = alert.labels["short_window"]
        else { return "" }
        return "\(long)/\(short)"
    }

    /// The alert in a sentence: subject and tier, in full.
    static func name(_ alert: TrackedAlert, dot: String) -> String {
        let tier = tier(alert)
        return subject(alert, dot: dot) + (tier.isEmpty ? "" : " " + tier)
    }

    /// The last value its condition saw: a burn rate as "15.1x", a rule's metric compact.
    static func value(_ alert: TrackedAlert) -> String {
        guard let value = alert.lastValue else { return "–" }
        return isBurnRate(alert) ? NumberFormat.burn(value) + "x" : NumberFormat.compact(value)
    }

    /// "PAGE", "TICKET", any other severity upper-cased, "FIRING" without one.
    static func severity(_ alert: TrackedAlert) -> String {
        alert.severity.map { $0.uppercased() } ?? "FIRING"
    }

    /// page in the crit colour, ticket in warn, anything else in the accent.
    static func role(_ alert: TrackedAlert) -> StyleRole {
        switch alert.severity {
        case Severity.page.rawValue?: .crit
        case Severity.ticket.rawValue?: .warn
        default: .accent
        }
    }

    /// What `x` in the alerts pane leaves alone, said short enough for the footer (the
    /// alert is the selected one): "silence-2 still mutes this alert and others: S lists
    /// the silences to expire one by one".
    static func broaderSilences(_ ids: [String], still: Bool) -> String {
        let verb = ids.count == 1 ? "mutes" : "mute"
        return ids.joined(separator: ", ") + (still ? " still " : " ") + verb
            + " this alert and others: S lists the silences to expire one by one"
    }

    /// When the alert last changed in the way its section is about: resolved alerts since
    /// they resolved, the others since they fired (or, pending, since they became active).
    static func since(_ alert: TrackedAlert) -> EpochMillis {
        if alert.state == .resolved, let resolved = alert.resolvedAt { return resolved }
        return alert.firedAt ?? alert.activeAt
    }
}
