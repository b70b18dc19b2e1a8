@testable import FlowCore
import FlowTestKit
import Testing

/// The order alerts are listed in, the bound on tracked alerts and on the episode log.
@Suite struct AlertBookListingTests {
    typealias T = AlertTimeline

    static func labels(_ name: String, _ severity: String?) -> AlertLabels {
        var all = ["alertname": name]
        all["severity"] = severity
        return AlertLabels(all)
    }

    @Test func firingFirstThenPageBeforeTicketThenOldestThenFingerprint() {
        var book = AlertBook()
        let oldTicket = T.holds(Self.labels("OldTicket", "ticket"))
        let resolved = T.holds(Self.labels("Gone", "page"))
        book.evaluate([oldTicket, resolved], at: T.at(0))
        book.evaluate([oldTicket], at: T.at(1))                 // Gone resolves
        let newPage = T.holds(Self.labels("NewPage", "page"))
        let pendingPage = T.holds(Self.labels("Waiting", "page"), for: 10)
        let bare = T.holds(Self.labels("NoSeverity", nil))
        let twinA = T.holds(Self.labels("TwinA", "ticket")), twinB = T.holds(Self.labels("TwinB", "ticket"))
        book.evaluate([oldTicket, newPage, pendingPage, bare, twinA, twinB], at: T.at(2))

        let twins = [twinA, twinB].map(\.labels.fingerprint).sorted()
        #expect(book.alerts.map(\.fingerprint) == [
            newPage.labels.fingerprint,                         // firing, page
            oldTicket.labels.fingerprint,                       // firing, ticket, since 0
            twins[0], twins[1],                                 // firing, ticket, since 2: by fingerprint
            bare.labels.fingerprint,                            // firing, no severity
            pendingPage.labels.fingerprint,                     // pending
            resolved.labels.fingerprint,                        // resolved
        ])
    }

    @Test func pastTheBoundNewAlertsAreDroppedAndCounted() {
        var book = AlertBook(maxTrackedAlerts: 2)
        let a = T.holds(Self.labels("A", "page")), b = T.holds(Self.labels("B", "page"))
        let c = T.holds(Self.labels("C", "page"))
        book.evaluate([a, b, c], at: T.at(0))                   // admitted in fingerprint order
        let fingerprints = [a, b, c].map(\.labels.fingerprint).sorted()
        #expect(Set(book.alerts.map(\.fingerprint)) == Set(fingerprints.prefix(2)))
        #expect(book.droppedNewAlerts == 1)
        book.evaluate([a, b, c], at: T.at(1))                   // still full: counted again
        #expect(book.droppedNewAlerts == 2)
        #expect(book.alert(fingerprint: fingerprints[2]) == nil)
    }

    @Test func aFullBookMakesRoomByForgettingTheLongestResolvedAlert() {
        var book = AlertBook(maxTrackedAlerts: 2)
        let a = T.holds(Self.labels("A", "page")), b = T.holds(Self.labels("B", "page"))
        let c = T.holds(Self.labels("C", "page"))
        book.evaluate([a, b], at: T.at(0))
        book.evaluate([b], at: T.at(1))                         // A resolves
        book.evaluate([b, c], at: T.at(2))
        #expect(book.droppedNewAlerts == 0)
        #expect(Set(book.alerts.map(\.fingerprint)) == [b.labels.fingerprint, c.labels.fingerprint])
    }

    @Test func theEpisodeLogKeepsTheLastEpisodesAndStillUpdatesThem() {
        var book = AlertBook(episodeLogCapacity: 2)
        let names = ["A", "B", "C"]
        book.evaluate(names.map { T.holds(Self.labels($0, "page")) }, at: T.at(0))
        #expect(book.episodes.count == 2)
        let kept = book.episodes.map(\.fingerprint)
        book.evaluate([], at: T.at(1))                          // all three resolve
        #expect(book.episodes.map(\.fingerprint) == kept)
        #expect(book.episodes.allSatisfy { $0.resolvedAt == T.at(1) })
    }
}
