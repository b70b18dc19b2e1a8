import FlowCore
import FlowFormats

/// One entry of a group's `rules`: an alerting rule in Prometheus' shape, read into a
/// `ThresholdRule`.
///
/// ```yaml
/// - alert: AICostHigh                 # [a-zA-Z_][a-zA-Z0-9_]*, once per file
///   expr: ai_cost_per_hour > 50       # <metric> <op> <number>
///   for: 10m                          # default 0: fires on the first evaluation
///   keep_firing_for: 15m              # default 0: resolves as soon as it stops holding
///   labels: {severity: ticket}        # severity: page | ticket (default ticket)
///   annotations: {summary: "AI spend above $50 an hour"}
/// ```
enum AlertRuleField {
    static let keys = ["alert", "expr", "for", "keep_firing_for", "labels", "annotations"]

    /// The rule, and its `alert` field for pointing at a duplicate name.
    static func parse(_ node: FieldNode) throws(SLOFileError) -> (rule: ThresholdRule, nameField: FieldNode) {
        let fields = try node.mapping()
        if let record = fields.keyNode("record") {
            throw record.error("recording rules are not supported: flowtop's rules only alert; "
                               + "expected `alert:` with a name")
        }
        try fields.rejectUnknownKeys(allowed: keys)
        let nameField = try fields.required("alert", expecting: "the alert's name, e.g. AICostHigh")
        let name = try nameField.string()
        guard PrometheusName.isValid(name) else {
            throw nameField.error("expected an alert name of letters, digits and _, not starting with a digit "
                                  + "(\(PrometheusName.pattern)), e.g. AICostHigh, found `\(name)`")
        }
        let (metric, comparison, threshold) = try fields.required("expr", expecting: RuleExpression.shape)
            .parsed(RuleExpression.parse)
        let rule = ThresholdRule(
            name: name, metric: metric, comparison: comparison, threshold: threshold,
            forMillis: try fields.optional("for")?.parsed(PrometheusDuration.millis) ?? 0,
            keepFiringForMillis: try fields.optional("keep_firing_for")?.parsed(PrometheusDuration.millis) ?? 0,
            labels: try LabelsField.ruleLabels(fields.optional("labels")),
            annotations: try LabelsField.annotations(fields.optional("annotations")))
        return (rule, nameField)
    }
}
