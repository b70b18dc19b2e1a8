@testable import FlowCore
import FlowTestKit
import Testing

/// Matching as Alertmanager does it: four operators, a missing label reads as "",
/// regexes match the whole value, and every matcher of a silence must match.
@Suite struct SilenceMatchingTests {
    static let labels = AlertLabels(["alertname": "AICostHigh", "severity": "page", "tenant": "acme"])

    static func matches(_ name: String, _ op: MatchOperator, _ value: String,
                        _ labels: AlertLabels = labels) throws -> Bool {
        try CompiledMatcher(LabelMatcher(name, op, value)).matches(labels)
    }

    @Test func equalAndNotEqualCompareTheWholeValue() throws {
        #expect(try Self.matches("severity", .equal, "page"))
        #expect(try !Self.matches("severity", .equal, "pag"))
        #expect(try Self.matches("severity", .notEqual, "ticket"))
        #expect(try !Self.matches("severity", .notEqual, "page"))
    }

    @Test func regexesMustMatchTheWholeValue() throws {
        #expect(try Self.matches("severity", .regex, "page|ticket"))
        #expect(try Self.matches("severity", .regex, "pa.e"))
        #expect(try !Self.matches("severity", .regex, "pag"))            // not a prefix match
        #expect(try !Self.matches("severity", .regex, "age"))            // nor a substring match
        #expect(try Self.matches("severity", .regex, ".*ag.*"))
        #expect(try Self.matches("severity", .notRegex, "pag"))
        #expect(try !Self.matches("severity", .notRegex, "p.*"))
    }

    @Test func aMissingLabelReadsAsTheEmptyString() throws {
        #expect(try Self.matches("slo", .equal, ""))
        #expect(try !Self.matches("slo", .equal, "x"))
        #expect(try Self.matches("slo", .notEqual, "x"))
        #expect(try !Self.matches("slo", .notEqual, ""))
        #expect(try Self.matches("slo", .regex, ".*"))
        #expect(try !Self.matches("slo", .regex, ".+"))
        #expect(try Self.matches("slo", .notRegex, ".+"))
    }

    @Test func aSilenceNeedsEveryMatcherToMatch() throws {
        var silences = SilenceBook()
        let t = TestTime.start
        let id = try silences.add(Silence(id: "", matchers: [LabelMatcher("alertname", .equal, "AICostHigh"),
                                                             LabelMatcher("tenant", .equal, "globex")],
                                          start: t, end: t + TestTime.hours(1), author: "ana", comment: ""), at: t)
        #expect(silences.silencing(Self.labels, at: t).isEmpty)
        #expect(silences.silencing(Self.labels.merging(["tenant": "globex"]), at: t) == [id])
    }

    @Test func matchesEmptyFollowsAlertmanagerOnlyPositiveMatchersCount() throws {
        #expect(try CompiledMatcher(LabelMatcher("a", .equal, "")).matchesEmpty)
        #expect(try CompiledMatcher(LabelMatcher("a", .regex, "x*")).matchesEmpty)
        #expect(try !CompiledMatcher(LabelMatcher("a", .regex, "x+")).matchesEmpty)
        #expect(try !CompiledMatcher(LabelMatcher("a", .notEqual, "x")).matchesEmpty)
        #expect(try !CompiledMatcher(LabelMatcher("a", .notRegex, "x")).matchesEmpty)
    }
}
