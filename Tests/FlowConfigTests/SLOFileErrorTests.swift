import FlowConfig
import FlowCore
import Testing

/// Every mistake names the file, line, column and field, and says what was expected and
/// what was found.
@Suite struct SLOFileErrorTests {
    @Test func descriptionNamesFileLineColumnAndField() {
        let error = SLOFileError(file: "slos.yaml", line: 12, column: 5, field: "spec.objectives[0].target",
                                 message: "must be between 0 and 1")
        #expect(error.description == "slos.yaml:12:5: spec.objectives[0].target: must be between 0 and 1")
    }

    @Test func wrongAPIVersion() {
        expectError("""
            apiVersion: openslo/v2alpha
            kind: SLO
            """, at: "slos.yaml:1:13: apiVersion", saying: "expected openslo/v1, found `openslo/v2alpha`")
    }

    @Test func unknownKind() {
        expectError("""
            apiVersion: openslo/v1
            kind: Slo
            """, at: "slos.yaml:2:7: kind", saying: "unknown kind `Slo`", "expected SLO")
    }

    @Test func targetGivenAsAPercentage() {
        expectError("""
            apiVersion: openslo/v1
            kind: SLO
            metadata:
              name: checkout_latency
            spec:
              indicator:
                spec:
                  thresholdMetric:
                    metricSource: {type: flowtop, spec: {event: sli}}
              objectives:
                - op: lte
                  value: 300
                  target: 99.9
            """, at: "slos.yaml:13:15: spec.objectives[0].target",
            saying: "between 0 and 1", "found `99.9`", "targetPercent: 99.9")
    }

    @Test func missingObjectives() {
        expectError("""
            apiVersion: openslo/v1
            kind: SLO
            metadata:
              name: checkout_latency
            spec:
              indicator:
                spec:
                  thresholdMetric:
                    metricSource: {type: flowtop, spec: {event: sli}}
            """, at: "slos.yaml:6:3: spec.objectives", saying: "missing; expected a list with one objective")
    }

    @Test func twoObjectives() {
        expectError(sloDocument(spec: customLatencySpec + "\n  - {op: lte, value: 900, target: 0.999}"),
                    at: "slos.yaml:12:7: spec.objectives[1]", saying: "one objective per SLO", "split")
    }

    @Test func timesliceBudgeting() {
        expectError(sloDocument(spec: "budgetingMethod: Timeslices\n" + customLatencySpec),
                    at: "slos.yaml:6:20: spec.budgetingMethod",
                    saying: "counts events, not time slices", "expected Occurrences, found `Timeslices`")
    }

    @Test func windowInHours() {
        expectError(sloDocument(spec: "timeWindow:\n  - duration: 12h\n    isRolling: true\n" + customLatencySpec),
                    at: "slos.yaml:7:17: spec.timeWindow[0].duration", saying: "whole days", "found `12h`")
    }

    @Test func windowOfDaysAndHours() {
        expectError(sloDocument(spec: "timeWindow: [{duration: 1d12h}]\n" + customLatencySpec),
                    at: "slos.yaml:6:27: spec.timeWindow[0].duration", saying: "whole days", "found `1d12h`")
    }

    @Test func windowThatIsNotADuration() {
        expectError(sloDocument(spec: "timeWindow: [{duration: 30 days}]\n" + customLatencySpec),
                    at: "slos.yaml:6:27: spec.timeWindow[0].duration", saying: "expected a duration such as 30d", "found `30 days`")
        expectError(sloDocument(spec: "timeWindow: [{duration: 0d}]\n" + customLatencySpec),
                    at: "slos.yaml:6:27: spec.timeWindow[0].duration", saying: "at least one day")
        expectError(sloDocument(spec: "timeWindow: [{duration: 3M}]\n" + customLatencySpec),
                    at: "slos.yaml:6:27: spec.timeWindow[0].duration", saying: "counted in days", "isRolling: false")
    }

    @Test func windowLongerThan400Days() {
        expectError(sloDocument(spec: "timeWindow: [{duration: 60w}]\n" + customLatencySpec),
                    at: "slos.yaml:6:27: spec.timeWindow[0].duration", saying: "at most 400 days", "420 days")
    }

    @Test func calendarMonthOutsideUTC() {
        expectError(sloDocument(spec: """
            timeWindow:
              - duration: 1M
                isRolling: false
                calendar: {startTime: "2026-01-01 00:00:00", timeZone: Europe/Lisbon}
            """ + "\n" + customLatencySpec),
            at: "slos.yaml:9:62: spec.timeWindow[0].calendar.timeZone",
            saying: "only UTC calendar months", "found `Europe/Lisbon`")
    }

    @Test func unknownKeyInFlowtopExtension() {
        expectError(sloDocument(spec: customLatencySpec + "\nx-flowtop:\n  minEvent: 5"),
                    at: "slos.yaml:13:5: spec.x-flowtop.minEvent",
                    saying: "unknown field `minEvent`", "did you mean `minEvents`?")
    }

    @Test func unknownKeyInATier() {
        expectError(sloDocument(spec: customLatencySpec + """

            x-flowtop:
              tiers:
                - {severity: page, longWindow: 1h, shortWindow: 5m, factor: 14.4, enable: false}
            """),
            at: "slos.yaml:14:73: spec.x-flowtop.tiers[0].enable", saying: "did you mean `enabled`?")
    }

    @Test func badBurnWindowName() {
        expectError(sloDocument(spec: customLatencySpec + """

            x-flowtop:
              tiers:
                - severity: page
                  longWindow: 12h
                  shortWindow: 5m
                  budgetConsumed: 2%
            """),
            at: "slos.yaml:15:21: spec.x-flowtop.tiers[0].longWindow",
            saying: "expected one of the burn-rate windows 5m, 30m, 1h, 2h, 6h, 1d, 3d, found `12h`")
    }

    @Test func shortWindowNotShorterThanLong() {
        expectError(sloDocument(spec: customLatencySpec + """

            x-flowtop:
              tiers: [{severity: ticket, longWindow: 1h, shortWindow: 1h, factor: 3}]
            """),
            at: "slos.yaml:13:61: spec.x-flowtop.tiers[0].shortWindow", saying: "expected less than 1h, found `1h`")
    }

    @Test func tierWithBothBudgetAndFactor() {
        expectError(sloDocument(spec: customLatencySpec + """

            x-flowtop:
              tiers: [{severity: page, longWindow: 1h, shortWindow: 5m, budgetConsumed: 2%, factor: 14.4}]
            """),
            at: "slos.yaml:13:91: spec.x-flowtop.tiers[0].factor", saying: "either budgetConsumed or factor")
    }

    @Test func yamlSyntaxError() {
        expectError("""
            apiVersion: openslo/v1
            kind: SLO
            metadata:
              name: checkout_latency
             spec: {
            """, at: "slos.yaml:5:2", saying: "invalid YAML: did not find expected key")
    }

    @Test func duplicateKey() {
        expectError("""
            apiVersion: openslo/v1
            kind: SLO
            kind: SLI
            """, at: "slos.yaml:2:1", saying: "invalid YAML", "`kind` appears more than once")
    }

    @Test func tabIndentation() {
        expectError("apiVersion: openslo/v1\nkind: SLO\nmetadata:\n\tname: x\n",
                    at: "slos.yaml:4:1", saying: "invalid YAML", "spaces, not tabs")
    }

    @Test func missingFile() {
        #expect(throws: SLOFileError(file: "/nonexistent/slos.yaml", message: "no such file")) {
            try SLOFile.load(path: "/nonexistent/slos.yaml")
        }
    }

    @Test func duplicateSLONames() {
        let doc = sloDocument(spec: customLatencySpec)
        expectError(doc + "---\n" + doc, at: "slos.yaml:16:9: metadata.name",
                    saying: "`checkout_latency` is already defined at line 4")
    }

    @Test func invalidSLOName() {
        expectError(sloDocument(name: "Checkout Latency", spec: customLatencySpec),
                    at: "slos.yaml:4:9: metadata.name", saying: "lower-case letters", "found `Checkout Latency`")
    }

    @Test func misspeltStandardKey() {
        expectError(sloDocument(spec: customLatencySpec.replacingOccurrences(of: "objectives:", with: "objective:")),
                    at: "slos.yaml:10:3: spec.objective", saying: "did you mean `objectives`?")
    }

    @Test func otherToolsFieldsAreIgnored() throws {
        let slo = try parseOne(sloDocument(spec: "service: checkout\nalertPolicies: [fast-burn]\nlabels2: x\n"
                                            + customLatencySpec))
        #expect(slo.name == "checkout_latency")
    }

    @Test func thresholdOtherThanLte() {
        expectError(sloDocument(spec: customLatencySpec.replacingOccurrences(of: "op: lte", with: "op: lt")),
                    at: "slos.yaml:11:12: spec.objectives[0].op", saying: "expected lte", "found `lt`")
    }

    @Test func ratioWithTheWrongGoodField() {
        expectError(sloDocument(spec: """
            indicator:
              spec:
                ratioMetric:
                  counter: true
                  good: {metricSource: {type: flowtop, spec: {event: ai_request, field: ok}}}
                  total: {metricSource: {type: flowtop, spec: {event: ai_request}}}
            objectives: [{target: 0.99}]
            """), at: "slos.yaml:10:79: spec.indicator.spec.ratioMetric.good.metricSource.spec.field",
            saying: "expected success, found `ok`")
    }

    @Test func metricSourceOtherThanFlowtop() {
        expectError(sloDocument(spec: customLatencySpec.replacingOccurrences(of: "type: flowtop", with: "type: prometheus")),
                    at: "slos.yaml:9:30: spec.indicator.spec.thresholdMetric.metricSource.type",
                    saying: "expected type: flowtop, found `prometheus`")
    }

    @Test func unknownEventType() {
        expectError(sloDocument(spec: customLatencySpec.replacingOccurrences(of: "event: sli", with: "event: lead_created")),
                    at: "slos.yaml:9:53: spec.indicator.spec.thresholdMetric.metricSource.spec.event",
                    saying: "ai_response_latency, message_processing_latency, ai_request, sli", "found `lead_created`")
    }

    @Test func indicatorRefToAMissingSLI() {
        expectError(sloDocument(spec: "indicatorRef: nope\nobjectives: [{target: 0.9}]"),
                    at: "slos.yaml:6:17: spec.indicatorRef", saying: "there is none", "found `nope`")
    }

    @Test func sliEventsForAnotherSLO() {
        expectError(sloDocument(spec: customLatencySpec.replacingOccurrences(of: "{event: sli}",
                                                                              with: "{event: sli, slo: other}")),
                    at: "slos.yaml:9:63: spec.indicator.spec.thresholdMetric.metricSource.spec.slo",
                    saying: "expected checkout_latency", "found `other`")
    }

    @Test func aFileWithoutSLOs() {
        expectError("apiVersion: openslo/v1\nkind: Service\nmetadata: {name: checkout}\n",
                    at: "slos.yaml", saying: "no SLO found")
    }
}
