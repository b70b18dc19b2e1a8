/// Which labels put alerts into one row of the alerts pane, as Alertmanager's `group_by`
/// puts them into one notification: by default `slo` and `severity`, so one incident on
/// one SLO is one `PAGE` row (and one `TICKET` row), however many tiers of however many
/// tenants and models fire.
///
/// An alert lacking one of the labels (a threshold rule has no `slo`) is grouped by its
/// `alertname` as well, so two different rules never share a row because both lack `slo`.
/// `["..."]` groups by every label: one row per alert, the pane before grouping.
///
/// ```swift
/// let grouping = try AlertGrouping(parsing: "slo,severity,tenant")
/// grouping.key(of: alert.labels)   // {severity="page", slo="ai_request_success", tenant="acme"}
/// ```
public struct AlertGrouping: Sendable, Hashable {
    /// `...`: every label, as in Alertmanager's `group_by: ['...']`.
    public static let everyLabel = "..."
    /// `slo` and `severity`: one row per SLO and severity.
    public static let `default` = AlertGrouping(labels: ["slo", "severity"])
    /// One row per alert.
    public static let oneRowPerAlert = AlertGrouping(labels: [everyLabel])

    public var labels: [String]

    public init(labels: [String]) {
        self.labels = labels
    }

    /// `slo,severity` (commas or spaces between label names), or `...` alone; refused with
    /// a message naming the bad part.
    public init(parsing text: String) throws(UserFacingError) {
        let names = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        guard !names.isEmpty else {
            throw UserFacingError("--alert-group-by needs label names such as slo,severity, or ... for every label")
        }
        if names.contains(Self.everyLabel), names.count > 1 {
            throw UserFacingError("--alert-group-by: ... (every label) stands alone, not beside label names")
        }
        for name in names where name != Self.everyLabel {
            let valid = name.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } ?? false
                && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
            guard valid else {
                throw UserFacingError("--alert-group-by: `\(name)` is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)")
            }
        }
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        labels = unique
    }

    /// `slo,severity`, as `--alert-group-by` takes it.
    public var text: String { labels.joined(separator: ",") }

    /// The labels that make `labels`' group: the grouping labels it has, plus `alertname`
    /// when it lacks one of them.
    public func key(of labels: AlertLabels) -> AlertLabels {
        if self.labels.contains(Self.everyLabel) { return labels }
        var key: [String: String] = [:]
        for name in self.labels {
            if let value = labels[name] { key[name] = value } else { key["alertname"] = labels["alertname"] }
        }
        if key.isEmpty { key["alertname"] = labels["alertname"] ?? "" }
        return AlertLabels(key)
    }
}
