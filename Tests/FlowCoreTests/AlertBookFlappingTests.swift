@testable import FlowCore
import FlowTestKit
import Testing

/// `flapCount`: how many times an alert started firing within the last hour, its
/// current episode always included once it has fired.
@Suite struct AlertBookFlappingTests {
    typealias T = AlertTimeline
    let fp = AlertTimeline.cost.fingerprint

    @Test func everyNewFiringWithinTheHourCounts() throws {
        var book = AlertBook()
        // Fires at 0, 2 and 4; resolves at 1 and 3; holds from 4 on.
        for minute in Int64(0)...4 {
            book.evaluate(minute % 2 == 0 ? [T.holds()] : [], at: T.at(minute))
        }
        #expect(book.alert(fingerprint: fp)?.flapCount == 3)
        book.evaluate([T.holds()], at: T.at(60))                // the start at 0 is an hour old
        #expect(book.alert(fingerprint: fp)?.flapCount == 2)
        book.evaluate([T.holds()], at: T.at(64))                // only this episode, however old
        #expect(book.alert(fingerprint: fp)?.flapCount == 1)
        book.evaluate([T.holds()], at: T.at(180))
        #expect(book.alert(fingerprint: fp)?.flapCount == 1)
    }

    @Test func keepFiringForTurnsFlappingIntoOneEpisode() {
        var book = AlertBook()
        for minute in Int64(0)...4 {
            book.evaluate(minute % 2 == 0 ? [T.holds(keep: 5)] : [], at: T.at(minute))
        }
        #expect(book.alert(fingerprint: fp)?.flapCount == 1)
        #expect(book.episodes.count == 1)
    }

    @Test func firingsStillCountAfterTheResolvedAlertWasDropped() {
        var book = AlertBook(resolvedRetentionMillis: TestTime.minutes(1))
        book.evaluate([T.holds()], at: T.at(0))
        book.evaluate([], at: T.at(1))                          // resolved
        book.evaluate([], at: T.at(3))                          // dropped: 2 min > 1 min retention
        #expect(book.alerts.isEmpty)
        book.evaluate([T.holds()], at: T.at(4))
        #expect(book.alert(fingerprint: fp)?.flapCount == 2)
    }
}
