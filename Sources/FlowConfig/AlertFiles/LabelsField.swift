import FlowCore

/// A rule's `labels` or `annotations`: a mapping of Prometheus label names to text.
///
/// ```yaml
/// labels: {severity: page, team: revenue}
/// annotations:
///   summary: AI spend above $50 an hour
///   runbook_url: https://wiki.example.com/runbooks/ai-cost
/// ```
enum LabelsField {
    /// The pairs of `field`, names checked; `what` (`label`, `annotation`) names them in
    /// messages. Values are text: a number or `true` is read as written.
    static func pairs(_ field: FieldNode, what: String) throws(SLOFileError) -> [String: String] {
        let mapping = try field.mapping()
        var pairs: [String: String] = [:]
        for entry in mapping.entries {
            if let problem = PrometheusName.labelNameProblem(entry.key, what: what) {
                throw entry.keyNode.error(problem)
            }
            guard entry.value.node.scalar != nil else {
                throw entry.value.error("expected the \(what)'s value as text, found \(entry.value.found)")
            }
            pairs[entry.key] = entry.value.isNull ? "" : try entry.value.string()
        }
        return pairs
    }

    /// A rule's annotations; none when absent.
    static func annotations(_ field: FieldNode?) throws(SLOFileError) -> [String: String] {
        guard let field else { return [:] }
        return try pairs(field, what: "annotation")
    }

    /// A rule's labels: `alertname` is the rule's own, and `severity` is page or ticket,
    /// ticket when absent (the dashboard and notifiers route on it).
    static func ruleLabels(_ field: FieldNode?) throws(SLOFileError) -> [String: String] {
        guard let field else { return ["severity": Severity.ticket.rawValue] }
        var labels = try pairs(field, what: "label")
        let mapping = try field.mapping()
        if let keyNode = mapping.keyNode("alertname") {
            throw keyNode.error("`alertname` is set from the rule's `alert`; remove it from labels")
        }
        guard let severityField = mapping.entries.first(where: { $0.key == "severity" })?.value else {
            labels["severity"] = Severity.ticket.rawValue
            return labels
        }
        let value = labels["severity"] ?? ""
        guard Severity(rawValue: value) != nil else {
            throw severityField.error("expected severity page or ticket, found " + (value.isEmpty ? "nothing" : "`\(value)`"))
        }
        return labels
    }
}
