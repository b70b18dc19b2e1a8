@testable import FlowCore
import FlowTestKit
import Testing

/// What `SilenceBook.add` refuses, checked in Alertmanager's order.
@Suite struct SilenceValidationTests {
    static let t0 = TestTime.start
    static let hour = TestTime.hours(1)

    static func add(_ matchers: [LabelMatcher], start: EpochMillis = t0, end: EpochMillis = t0 + hour,
                    at now: EpochMillis = t0) -> SilenceError? {
        var book = SilenceBook()
        do {
            try book.add(Silence(id: "", matchers: matchers, start: start, end: end, author: "ana", comment: ""), at: now)
            return nil
        } catch {
            return error
        }
    }

    static let valid = [LabelMatcher("alertname", .equal, "AICostHigh")]

    @Test func aValidSilenceIsAccepted() {
        #expect(Self.add(Self.valid) == nil)
    }

    @Test func atLeastOneMatcherIsRequired() {
        #expect(Self.add([]) == .noMatchers)
    }

    @Test func labelNamesMustBePrometheusLabelNames() {
        #expect(Self.add([LabelMatcher("alert-name", .equal, "x")]) == .invalidLabelName(index: 0, name: "alert-name"))
        #expect(Self.add(Self.valid + [LabelMatcher("1st", .equal, "x")]) == .invalidLabelName(index: 1, name: "1st"))
        #expect(Self.add([LabelMatcher("", .equal, "x")]) == .invalidLabelName(index: 0, name: ""))
    }

    @Test func regexesMustCompile() {
        guard case .invalidRegex(index: 1, pattern: "(page", reason: _)? =
            Self.add(Self.valid + [LabelMatcher("severity", .regex, "(page")])
        else {
            Issue.record("an unbalanced parenthesis should be refused")
            return
        }
    }

    @Test func matchersThatAllMatchTheEmptyStringAreRefused() {
        #expect(Self.add([LabelMatcher("a", .equal, "")]) == .matchesEveryAlert)
        #expect(Self.add([LabelMatcher("a", .equal, ""), LabelMatcher("b", .regex, ".*")]) == .matchesEveryAlert)
        #expect(Self.add([LabelMatcher("a", .equal, ""), LabelMatcher("b", .regex, ".+")]) == nil)
        // As in Alertmanager, negative matchers never count as matching the empty string.
        #expect(Self.add([LabelMatcher("a", .notEqual, "x")]) == nil)
    }

    @Test func theEndMustComeAfterTheStartAndNotBePast() {
        #expect(Self.add(Self.valid, end: Self.t0) == .endNotAfterStart(start: Self.t0, end: Self.t0))
        #expect(Self.add(Self.valid, start: Self.t0 - 2 * Self.hour, end: Self.t0 - Self.hour)
            == .endInThePast(end: Self.t0 - Self.hour, now: Self.t0))
    }

    @Test func messagesSayWhatToDo() {
        #expect(SilenceError.matchesEveryAlert.description.contains("would mute every alert"))
        #expect(SilenceError.invalidLabelName(index: 0, name: "a-b").description.hasPrefix("matcher 1: \"a-b\""))
    }
}
