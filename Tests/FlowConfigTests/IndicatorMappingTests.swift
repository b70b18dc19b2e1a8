import FlowConfig
import FlowCore
import Testing

/// Which SLI kind each OpenSLO indicator over flowtop's events becomes.
@Suite struct IndicatorMappingTests {
    func threshold(_ source: String, value: String = "250") throws -> SLODefinition {
        try parseOne(sloDocument(spec: """
            indicator:
              spec:
                thresholdMetric:
                  metricSource: {type: flowtop, spec: \(source)}
            objectives: [{op: lte, value: \(value), target: 0.99}]
            """))
    }

    func ratio(event: String, good: String) throws -> SLODefinition {
        try parseOne(sloDocument(spec: """
            indicator:
              spec:
                ratioMetric:
                  counter: true
                  good: {metricSource: {type: flowtop, spec: {event: \(event), field: \(good)}}}
                  total: {metricSource: {type: flowtop, spec: {event: \(event)}}}
            objectives: [{targetPercent: 99.9}]
            """))
    }

    @Test func thresholdMetricsBecomeLatencyKinds() throws {
        #expect(try threshold("{event: ai_response_latency}").kind == .aiResponseLatency(thresholdMs: 250))
        #expect(try threshold("{event: message_processing_latency}").kind == .messageProcessing(thresholdMs: 250))
        #expect(try threshold("{event: ai_request, field: duration_seconds}").kind
                == .aiRequestDuration(thresholdMs: 250))
        #expect(try threshold("{event: sli, slo: checkout_latency}", value: "0.5").kind == .custom(thresholdMs: 0.5))
    }

    @Test func ratioMetricsBecomeSuccessKinds() throws {
        #expect(try ratio(event: "ai_request", good: "success").kind == .aiRequestSuccess)
        #expect(try ratio(event: "message_processing_latency", good: "success").kind
                == .messageProcessing(thresholdMs: .infinity))
        #expect(try ratio(event: "sli", good: "good").kind == .custom(thresholdMs: nil))
    }

    @Test func targetPercentGivesTheSameObjectiveAsTheFraction() throws {
        #expect(try ratio(event: "ai_request", good: "success").objective == 0.999)
    }

    @Test func perModelDefaultsToTrueOnlyForAIEvents() throws {
        #expect(try threshold("{event: ai_response_latency}").perModel)
        #expect(try ratio(event: "ai_request", good: "success").perModel)
        #expect(try !threshold("{event: message_processing_latency}").perModel)
        #expect(try !ratio(event: "sli", good: "good").perModel)
    }

    @Test func indicatorRefUsesAnSLIObjectAnywhereInTheFile() throws {
        let yaml = sloDocument(spec: "indicatorRef: fast-checkout\nobjectives: [{op: lte, value: 900, target: 0.95}]")
            + """
            ---
            - apiVersion: openslo/v1
              kind: Service
              metadata: {name: checkout}
              spec: {description: skipped}
            - apiVersion: openslo/v1
              kind: SLI
              metadata: {name: fast-checkout}
              spec:
                thresholdMetric:
                  metricSource: {type: flowtop, spec: {event: sli, field: latency_ms}}
            """
        #expect(try parseOne(yaml).kind == .custom(thresholdMs: 900))
    }

    @Test func displayNameComesFromMetadata() throws {
        let yaml = sloDocument(spec: customLatencySpec)
            .replacingOccurrences(of: "  name: checkout_latency\n",
                                  with: "  name: checkout_latency\n  displayName: Checkout latency\n")
        #expect(try parseOne(yaml).displayName == "Checkout latency")
    }

    @Test func documentsAndTopLevelListsBothHoldSeveralSLOs() throws {
        let listed = "- " + sloDocument(name: "one", spec: customLatencySpec)
            .split(separator: "\n").joined(separator: "\n  ")
        let documents = sloDocument(name: "two", spec: customLatencySpec) + "---\n"
            + sloDocument(name: "three", spec: customLatencySpec) + "---\n"
        #expect(try parse(listed + "\n---\n" + documents).map(\.name) == ["one", "two", "three"])
    }
}
