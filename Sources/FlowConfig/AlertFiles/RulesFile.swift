import FlowCore

/// Rules files: threshold alerts over the engine's own metrics (`flowtop --rules FILE`),
/// written in the shape of a Prometheus rule file so it reads familiar to whoever runs
/// Prometheus. The format, every key and the metrics are in docs/alert-files.md;
/// docs/examples/rules.yaml is a working start.
///
/// ```yaml
/// groups:
///   - name: flowtop
///     rules:
///       - alert: AICostHigh
///         expr: ai_cost_per_hour > 50
///         for: 10m
///         labels: {severity: ticket, team: revenue}
/// ```
///
/// ```swift
/// let rules = try RulesFile.load(path: "rules.yaml")
/// // or, on a mistake:
/// // rules.yaml:6:15: groups[0].rules[0].expr: unknown metric `ai_cost_per_hr`; did you mean `ai_cost_per_hour`? ...
/// ```
public enum RulesFile {
    /// Reads and parses one file; a missing or unreadable file is a `RulesFileError` too.
    public static func load(path: String) throws(RulesFileError) -> [ThresholdRule] {
        try parse(try YAMLFileText.read(path: path, expecting: "a rules file (YAML with `groups:`)"), file: path)
    }

    /// Parses the text of a rules file; `file` names it in errors. Rules come out in file
    /// order, group after group. Every mistake fails the whole file: a rule that silently
    /// did not load is an alert that never fires.
    public static func parse(_ yaml: String, file: String) throws(RulesFileError) -> [ThresholdRule] {
        let top = try YAMLFileText.root(of: yaml, file: file, expecting: "`groups:` with a list of rule groups")
            .mapping()
        try top.rejectUnknownKeys(allowed: ["groups"])
        let groups = try top.required("groups", expecting: "a list of rule groups, each with a name and rules").list()
        var rules: [ThresholdRule] = []
        var groupNames = UniqueNames(kind: "group")
        var alertNames = UniqueNames(kind: "alert")
        for group in groups {
            let fields = try group.mapping()
            try fields.rejectUnknownKeys(allowed: ["name", "rules"])
            let nameField = try fields.required("name", expecting: "the group's name")
            try groupNames.add(try nameField.string(), at: nameField)
            for node in try fields.required("rules", expecting: "a list of alerting rules").list() {
                let (rule, nameField) = try AlertRuleField.parse(node)
                try alertNames.add(rule.name, at: nameField)
                rules.append(rule)
            }
        }
        guard !rules.isEmpty else {
            throw top.field.error("no alerting rule found: expected at least one group with `rules:` "
                                  + "holding `- alert: ...` entries")
        }
        return rules
    }
}

/// A mistake in a rules file, pointing at the file, line, column and field:
/// `rules.yaml:6:14: groups[0].rules[0].for: unknown unit `min` in `5min`; ...`. It is
/// the SLO files' error type, since all of them are read the same way.
public typealias RulesFileError = SLOFileError
