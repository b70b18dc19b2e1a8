import FlowConfig
import FlowCore
import Testing

/// A rules file in Prometheus' shape reads into `ThresholdRule`s, with Prometheus'
/// defaults.
@Suite struct RulesFileTests {
    @Test func aFullRuleReadsEveryField() throws {
        let rules = try parseRules("""
            groups:
              - name: flowtop
                rules:
                  - alert: AICostHigh
                    expr: ai_cost_per_hour > 50
                    for: 10m
                    keep_firing_for: 15m
                    labels: {severity: ticket, team: revenue}
                    annotations: {summary: "AI spend above $50 an hour", runbook_url: "https://wiki/ai-cost"}
            """)
        #expect(rules == [
            ThresholdRule(name: "AICostHigh", metric: .aiCostPerHour, comparison: .above, threshold: 50,
                          forMillis: 600_000, keepFiringForMillis: 900_000,
                          labels: ["severity": "ticket", "team": "revenue"],
                          annotations: ["summary": "AI spend above $50 an hour", "runbook_url": "https://wiki/ai-cost"]),
        ])
    }

    @Test func forAndKeepFiringForDefaultToZeroAndSeverityToTicket() throws {
        let rules = try parseRules(rulesDocument("alert: Quiet\nexpr: events_per_second < 1"))
        #expect(rules == [ThresholdRule(name: "Quiet", metric: .eventsPerSecond, comparison: .below, threshold: 1,
                                        labels: ["severity": "ticket"])])
    }

    @Test func labelsWithoutSeverityGetTicket() throws {
        let rules = try parseRules(rulesDocument("alert: Quiet\nexpr: events_per_second < 1\nlabels: {team: ops}"))
        #expect(rules.first?.labels == ["team": "ops", "severity": "ticket"])
    }

    @Test(arguments: [
        ("ai_cost_per_hour > 50", RuleMetric.aiCostPerHour, RuleComparison.above, 50.0),
        ("rejected_ratio>=0.05", .rejectedRatio, .atLeast, 0.05),
        ("  message_processing_p99_ms   <=   1e3 ", .messageProcessingP99Ms, .atMost, 1000),
        ("ai_response_p99_ms < .5", .aiResponseP99Ms, .below, 0.5),
        ("ingest_silence_seconds > 300", .ingestSilenceSeconds, .above, 300),
        ("events_per_second < -2.5E-1", .eventsPerSecond, .below, -0.25),
    ])
    func expressionsAreMetricComparisonNumber(expr: String, metric: RuleMetric, comparison: RuleComparison,
                                              threshold: Double) throws {
        let rule = try #require(try parseRules(rulesDocument("alert: A\nexpr: '\(expr)'")).first)
        #expect(rule.metric == metric)
        #expect(rule.comparison == comparison)
        #expect(rule.threshold == threshold)
    }

    @Test(arguments: [
        ("0", 0), ("0s", 0), ("30s", 30_000), ("5m", 300_000), ("1h30m", 5_400_000), ("1d", 86_400_000),
        ("2w", 1_209_600_000), ("1y", 31_536_000_000), ("1m30s500ms", 90_500), ("250ms", 250),
    ] as [(String, EpochMillis)])
    func durationsArePrometheusSyntax(text: String, millis: EpochMillis) throws {
        let rule = try #require(try parseRules(rulesDocument("alert: A\nexpr: rejected_ratio > 0.1\nfor: \(text)")).first)
        #expect(rule.forMillis == millis)
    }

    @Test func rulesComeOutInFileOrderAcrossGroups() throws {
        let rules = try parseRules("""
            groups:
              - name: cost
                rules:
                  - {alert: AICostHigh, expr: ai_cost_per_hour > 50}
                  - {alert: AICostVeryHigh, expr: ai_cost_per_hour > 200, labels: {severity: page}}
              - name: ingest
                rules:
                  - {alert: IngestSilent, expr: ingest_silence_seconds > 300}
            """)
        #expect(rules.map(\.name) == ["AICostHigh", "AICostVeryHigh", "IngestSilent"])
        #expect(rules[1].labels["severity"] == "page")
    }

    @Test func labelValuesThatLookLikeNumbersAreText() throws {
        let rule = try #require(try parseRules(rulesDocument("alert: A\nexpr: rejected_ratio > 0.1\nlabels: {tier: 1}")).first)
        #expect(rule.labels["tier"] == "1")
    }
}
