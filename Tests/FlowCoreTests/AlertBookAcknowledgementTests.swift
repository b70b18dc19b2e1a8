@testable import FlowCore
import FlowTestKit
import Testing

/// Who acknowledged an alert and when, for the episode at hand only.
@Suite struct AlertBookAcknowledgementTests {
    typealias T = AlertTimeline
    let fp = AlertTimeline.cost.fingerprint

    @Test func acknowledgingAFiringAlertRecordsWhoAndWhenOnItAndItsEpisode() throws {
        var book = AlertBook()
        book.evaluate([T.holds()], at: T.at(0))
        let acknowledged = book.acknowledge(fingerprint: fp, by: "ana", at: T.at(3))
        #expect(acknowledged)
        let alert = try #require(book.alert(fingerprint: fp))
        #expect(alert.acknowledgedBy == "ana" && alert.acknowledgedAt == T.at(3))
        #expect(book.episodes.first?.acknowledgedAt == T.at(3))
        #expect(book.episodes.first?.acknowledgedBy == "ana")
    }

    @Test func theFirstAcknowledgementStands() {
        var book = AlertBook()
        book.evaluate([T.holds()], at: T.at(0))
        book.acknowledge(fingerprint: fp, by: "ana", at: T.at(3))
        let again = book.acknowledge(fingerprint: fp, by: "bo", at: T.at(4))
        #expect(!again)
        #expect(book.alert(fingerprint: fp)?.acknowledgedBy == "ana")
    }

    @Test func unknownAndResolvedAlertsCannotBeAcknowledged() {
        var book = AlertBook()
        let unknown = book.acknowledge(fingerprint: fp, by: "ana", at: T.at(0))
        #expect(!unknown)
        book.evaluate([T.holds()], at: T.at(0))
        book.evaluate([], at: T.at(1))
        let resolved = book.acknowledge(fingerprint: fp, by: "ana", at: T.at(2))
        #expect(!resolved)
    }

    @Test func aNewEpisodeClearsTheAcknowledgement() throws {
        var book = AlertBook()
        book.evaluate([T.holds()], at: T.at(0))
        book.acknowledge(fingerprint: fp, by: "ana", at: T.at(1))
        book.evaluate([], at: T.at(2))                          // resolved, still acknowledged
        #expect(book.alert(fingerprint: fp)?.acknowledgedBy == "ana")
        book.evaluate([T.holds()], at: T.at(3))
        let alert = try #require(book.alert(fingerprint: fp))
        #expect(alert.acknowledgedBy == nil && alert.acknowledgedAt == nil)
        #expect(book.episodes.map(\.acknowledgedAt) == [T.at(1), nil])
    }

    @Test func anAcknowledgementWhilePendingCarriesIntoTheEpisode() {
        var book = AlertBook()
        book.evaluate([T.holds(for: 5)], at: T.at(0))
        let acknowledged = book.acknowledge(fingerprint: fp, by: "ana", at: T.at(1))
        #expect(acknowledged)
        book.evaluate([T.holds(for: 5)], at: T.at(5))
        #expect(book.episodes.first?.acknowledgedAt == T.at(1))
    }
}
