import FlowConfig
import FlowCore
import Testing

/// Every mistake in a rules file names the file, line, column and field. A rule whose
/// first line is `alert:` sits at line 4, column 9 (see `rulesDocument`).
@Suite struct RulesFileErrorTests {
    @Test func expressionThatIsNotMetricOpNumber() {
        expectRulesError(rulesDocument("alert: A\nexpr: ai_cost_per_hour is high"),
                         at: "rules.yaml:5:15: groups[0].rules[0].expr",
                         saying: "expected a comparison >, >=, < or <= after `ai_cost_per_hour`", "found `is`")
    }

    @Test func expressionWithoutANumber() {
        expectRulesError(rulesDocument("alert: A\nexpr: ai_cost_per_hour > fifty"),
                         at: "rules.yaml:5:15: groups[0].rules[0].expr",
                         saying: "expected a number after `>`", "found `fifty`")
    }

    @Test func infiniteThreshold() {
        expectRulesError(rulesDocument("alert: A\nexpr: ai_cost_per_hour > 1e999"),
                         at: "rules.yaml:5:15: groups[0].rules[0].expr", saying: "expected a number", "found `1e999`")
    }

    @Test func equalityIsNotAComparison() {
        expectRulesError(rulesDocument("alert: A\nexpr: rejected_ratio == 0"),
                         at: "rules.yaml:5:15: groups[0].rules[0].expr", saying: ">, >=, < or <=", "found `==`")
    }

    @Test func unknownMetricSuggestsTheClosestAndListsAll() {
        expectRulesError(rulesDocument("alert: A\nexpr: ai_cost_per_hr > 50"),
                         at: "rules.yaml:5:15: groups[0].rules[0].expr",
                         saying: "unknown metric `ai_cost_per_hr`", "did you mean `ai_cost_per_hour`?",
                         RuleMetric.allCases.map(\.rawValue).joined(separator: ", "))
    }

    @Test func promQLIsRefusedAsSuch() {
        expectRulesError(rulesDocument("alert: A\nexpr: rate(rejected_total[5m]) > 1"),
                         at: "rules.yaml:5:15: groups[0].rules[0].expr", saying: "not PromQL")
    }

    @Test(arguments: [
        ("10 min", "spaces are not allowed"), ("-5m", "cannot be negative"), ("5min", "unknown unit `min`"),
        ("300", "`300` has no unit"), ("1.5h", "whole numbers"), ("30m1h", "from the largest to the smallest"),
        ("''", "found nothing"),
    ])
    func badDuration(text: String, words: String) {
        expectRulesError(rulesDocument("alert: A\nexpr: rejected_ratio > 0.1\nfor: \(text)"),
                         at: "rules.yaml:6:14: groups[0].rules[0].for", saying: words)
    }

    @Test func badKeepFiringFor() {
        expectRulesError(rulesDocument("alert: A\nexpr: rejected_ratio > 0.1\nkeep_firing_for: 5x"),
                         at: "rules.yaml:6:26: groups[0].rules[0].keep_firing_for", saying: "unknown unit `x`")
    }

    @Test func misspeltKeyIsNamedWithTheIntendedOne() {
        expectRulesError(rulesDocument("alert: A\nexpr: rejected_ratio > 0.1\nfro: 5m"),
                         at: "rules.yaml:6:9: groups[0].rules[0].fro",
                         saying: "unknown field `fro`", "did you mean `for`?")
    }

    @Test func unknownGroupKey() {
        expectRulesError("groups:\n  - name: flowtop\n    interval: 1m\n    rules: []\n",
                         at: "rules.yaml:3:5: groups[0].interval", saying: "unknown field `interval`",
                         "expected one of: name, rules")
    }

    @Test func recordingRulesAreRefused() {
        expectRulesError(rulesDocument("record: job:rate5m\nexpr: rejected_ratio > 0.1"),
                         at: "rules.yaml:4:9: groups[0].rules[0].record", saying: "recording rules are not supported")
    }

    @Test func duplicateAlertNameAcrossGroups() {
        expectRulesError("""
            groups:
              - name: a
                rules: [{alert: AICostHigh, expr: ai_cost_per_hour > 50}]
              - name: b
                rules:
                  - alert: AICostHigh
                    expr: ai_cost_per_hour > 80
            """, at: "rules.yaml:6:16: groups[1].rules[0].alert",
            saying: "alert `AICostHigh` is already defined at line 3")
    }

    @Test func duplicateGroupName() {
        expectRulesError("""
            groups:
              - {name: a, rules: [{alert: A, expr: rejected_ratio > 0.1}]}
              - {name: a, rules: [{alert: B, expr: rejected_ratio > 0.2}]}
            """, at: "rules.yaml:3:12: groups[1].name", saying: "group `a` is already defined at line 2")
    }

    @Test func severityIsPageOrTicket() {
        expectRulesError(rulesDocument("alert: A\nexpr: rejected_ratio > 0.1\nlabels: {severity: critical}"),
                         at: "rules.yaml:6:28: groups[0].rules[0].labels.severity",
                         saying: "expected severity page or ticket, found `critical`")
    }

    @Test func alertNameWithASpace() {
        expectRulesError(rulesDocument("alert: AI cost high\nexpr: rejected_ratio > 0.1"),
                         at: "rules.yaml:4:16: groups[0].rules[0].alert", saying: "[a-zA-Z_][a-zA-Z0-9_]*",
                         "found `AI cost high`")
    }

    @Test func labelNameWithADash() {
        expectRulesError(rulesDocument("alert: A\nexpr: rejected_ratio > 0.1\nlabels:\n  on-call: rev"),
                         at: "rules.yaml:7:11: groups[0].rules[0].labels.on-call", saying: "label names",
                         "found `on-call`")
    }

    @Test func reservedLabelName() {
        expectRulesError(rulesDocument("alert: A\nexpr: rejected_ratio > 0.1\nlabels: {__name__: x}"),
                         at: "rules.yaml:6:18: groups[0].rules[0].labels.__name__", saying: "reserved")
    }

    @Test func alertnameLabelIsTheRulesOwn() {
        expectRulesError(rulesDocument("alert: A\nexpr: rejected_ratio > 0.1\nlabels: {alertname: B}"),
                         at: "rules.yaml:6:18: groups[0].rules[0].labels.alertname", saying: "set from the rule's `alert`")
    }

    @Test func annotationThatIsAList() {
        expectRulesError(rulesDocument("alert: A\nexpr: rejected_ratio > 0.1\nannotations:\n  summary: [a, b]"),
                         at: "rules.yaml:7:20: groups[0].rules[0].annotations.summary",
                         saying: "expected the annotation's value as text, found a list")
    }

    @Test func missingExpr() {
        expectRulesError(rulesDocument("alert: A\nfor: 5m"), at: "rules.yaml:4:9: groups[0].rules[0].expr",
                         saying: "missing; expected `<metric> <op> <number>`")
    }

    @Test func noRulesAtAll() {
        expectRulesError("groups: []\n", at: "rules.yaml:1:1", saying: "no alerting rule found")
    }

    @Test func emptyFile() {
        expectRulesError("# nothing yet\n", at: "rules.yaml", saying: "the file is empty", "`groups:`")
    }

    @Test func yamlSyntaxError() {
        expectRulesError("groups:\n  - name: flowtop\n    rules:\n      - alert: A\n        expr: [rejected_ratio > 0.1\n",
                         at: "rules.yaml:6:1", saying: "invalid YAML")
    }

    @Test func tabIndentation() {
        expectRulesError("groups:\n\t- name: flowtop\n", at: "rules.yaml:2:1", saying: "invalid YAML", "spaces, not tabs")
    }

    @Test func missingFile() {
        #expect(throws: RulesFileError(file: "/nonexistent/rules.yaml", message: "no such file")) {
            try RulesFile.load(path: "/nonexistent/rules.yaml")
        }
    }
}
