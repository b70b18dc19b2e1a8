@testable import FlowCore
import FlowTestKit
import Testing

/// Fixtures shared by the alert book suites: minutes after a fixed start, and one
/// observation builder so each timeline reads as "holds / does not hold at minute n".
enum AlertTimeline {
    static let t0 = TestTime.start
    static func at(_ minutes: Int64) -> EpochMillis { t0 + TestTime.minutes(minutes) }

    static let cost = AlertLabels(["alertname": "AICostHigh", "severity": "ticket"])

    static func holds(_ labels: AlertLabels = cost, for forMinutes: Int64 = 0, keep keepMinutes: Int64 = 0,
                      value: Double? = nil, annotations: [String: String] = [:]) -> AlertObservation {
        AlertObservation(labels: labels, annotations: annotations, holds: true, value: value,
                         forMillis: TestTime.minutes(forMinutes), keepFiringForMillis: TestTime.minutes(keepMinutes))
    }
}

/// Pending, firing, resolved and back, on hand-computed timelines (Prometheus'
/// `AlertingRule.Eval`): one evaluation a minute unless a test says otherwise.
@Suite struct AlertBookLifecycleTests {
    typealias T = AlertTimeline
    let fp = AlertTimeline.cost.fingerprint

    @Test func forFiveMinutesStaysPendingUntilExactlyFiveMinutesThenFires() throws {
        var book = AlertBook()
        for minute in Int64(0)...4 {
            book.evaluate([T.holds(for: 5)], at: T.at(minute))
            #expect(book.alert(fingerprint: fp)?.state == .pending)
        }
        book.evaluate([T.holds(for: 5)], at: T.at(5) - 1)   // 1 ms short of 5 minutes
        #expect(book.alert(fingerprint: fp)?.state == .pending)

        book.evaluate([T.holds(for: 5)], at: T.at(5))
        let alert = try #require(book.alert(fingerprint: fp))
        #expect(alert.state == .firing)
        #expect(alert.activeAt == T.at(0))
        #expect(alert.firedAt == T.at(5))
        #expect(book.episodes.map(\.firedAt) == [T.at(5)])
    }

    @Test func withoutForTheFirstHoldingEvaluationFires() {
        var book = AlertBook()
        book.evaluate([T.holds()], at: T.at(0))
        #expect(book.alert(fingerprint: fp)?.state == .firing)
        #expect(book.alert(fingerprint: fp)?.firedAt == T.at(0))
    }

    @Test func conditionDroppingWhilePendingReturnsToInactiveAndTheClockRestarts() throws {
        var book = AlertBook()
        book.evaluate([T.holds(for: 5)], at: T.at(0))
        book.evaluate([T.holds(for: 5)], at: T.at(2))
        book.evaluate([], at: T.at(3))                          // absent = not holding
        #expect(book.alerts.isEmpty)
        #expect(book.episodes.isEmpty)

        book.evaluate([T.holds(for: 5)], at: T.at(4))
        #expect(book.alert(fingerprint: fp)?.activeAt == T.at(4))
        book.evaluate([T.holds(for: 5)], at: T.at(5))           // 5 min after the first hold: not yet
        #expect(book.alert(fingerprint: fp)?.state == .pending)
        book.evaluate([T.holds(for: 5)], at: T.at(9))
        #expect(try #require(book.alert(fingerprint: fp)).firedAt == T.at(9))
    }

    @Test func anObservationThatDoesNotHoldCountsAsAbsent() {
        var book = AlertBook()
        book.evaluate([T.holds(for: 5)], at: T.at(0))
        var off = T.holds(for: 5)
        off.holds = false
        book.evaluate([off], at: T.at(1))
        #expect(book.alerts.isEmpty)
    }

    /// keep_firing_for = 10m, evaluated each minute. Holds 0...5, a 3-minute gap (6, 7,
    /// 8), holds 9...12, then never again. Prometheus counts keep_firing_for from the
    /// first evaluation that misses the condition (`KeepFiringSince`), here 13, so the
    /// alert resolves at 23: 10 minutes after that miss, 11 after the last hold at 12.
    @Test func keepFiringForBridgesAGapAndResolvesTenMinutesAfterTheFirstMiss() throws {
        var book = AlertBook()
        let holding: Set<Int64> = [0, 1, 2, 3, 4, 5, 9, 10, 11, 12]
        var states: [Int64: AlertLifecycleState] = [:]
        for minute in Int64(0)...24 {
            book.evaluate(holding.contains(minute) ? [T.holds(keep: 10)] : [], at: T.at(minute))
            states[minute] = book.alert(fingerprint: fp)?.state
            if minute == 7 { #expect(book.alert(fingerprint: fp)?.keepFiringSince == T.at(6)) }
            if minute == 9 { #expect(book.alert(fingerprint: fp)?.keepFiringSince == nil) }
            if minute == 22 { #expect(book.alert(fingerprint: fp)?.keepFiringSince == T.at(13)) }
        }
        #expect((0...22).allSatisfy { states[$0] == .firing })
        #expect(states[23] == .resolved)
        let alert = try #require(book.alert(fingerprint: fp))
        #expect(alert.firedAt == T.at(0))                       // one episode throughout
        #expect(alert.resolvedAt == T.at(23))
        #expect(alert.flapCount == 1)
        #expect(book.episodes == [AlertEpisode(fingerprint: fp, labels: T.cost, firedAt: T.at(0), resolvedAt: T.at(23))])
    }

    @Test func withoutKeepFiringForTheFirstMissResolves() {
        var book = AlertBook()
        book.evaluate([T.holds()], at: T.at(0))
        book.evaluate([], at: T.at(1))
        #expect(book.alert(fingerprint: fp)?.state == .resolved)
        #expect(book.alert(fingerprint: fp)?.resolvedAt == T.at(1))
    }

    @Test func resolvedAlertsAreListedForTheRetentionThenDropped() {
        var book = AlertBook()                                  // retention 1 h
        book.evaluate([T.holds()], at: T.at(0))
        book.evaluate([], at: T.at(1))
        book.evaluate([], at: T.at(61))                         // exactly 1 h after resolving
        #expect(book.alert(fingerprint: fp)?.state == .resolved)
        book.evaluate([], at: T.at(61) + 1)
        #expect(book.alerts.isEmpty)
        #expect(book.episodes.count == 1)                       // the log outlives the alert
    }

    @Test func holdingAgainAfterResolvingStartsANewEpisodeWithTheSameFingerprint() throws {
        var book = AlertBook()
        book.evaluate([T.holds(for: 2)], at: T.at(0))
        book.evaluate([T.holds(for: 2)], at: T.at(2))           // fires
        book.evaluate([], at: T.at(3))                          // resolves
        book.evaluate([T.holds(for: 2)], at: T.at(4))
        var alert = try #require(book.alert(fingerprint: fp))
        #expect(alert.state == .pending)
        #expect(alert.activeAt == T.at(4))
        #expect(alert.firedAt == nil && alert.resolvedAt == nil)
        #expect(alert.flapCount == 1)                           // the earlier episode; this one has not fired
        book.evaluate([T.holds(for: 2)], at: T.at(6))
        alert = try #require(book.alert(fingerprint: fp))
        #expect(alert.state == .firing && alert.firedAt == T.at(6))
        #expect(alert.flapCount == 2)
        #expect(book.episodes.map(\.firedAt) == [T.at(2), T.at(6)])
    }

    @Test func valueAndAnnotationsFollowTheLastHoldingObservation() throws {
        var book = AlertBook()
        book.evaluate([T.holds(keep: 5, value: 60, annotations: ["summary": "$60"])], at: T.at(0))
        book.evaluate([T.holds(keep: 5, value: 75, annotations: ["summary": "$75"])], at: T.at(1))
        book.evaluate([], at: T.at(2))                          // kept firing: nothing new to show
        let alert = try #require(book.alert(fingerprint: fp))
        #expect(alert.lastValue == 75)
        #expect(alert.annotations == ["summary": "$75"])
        #expect(alert.lastEvaluatedAt == T.at(2))
    }
}
