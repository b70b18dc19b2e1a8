@testable import FlowCore
import FlowTestKit
import Testing

/// Silences over time: pending, active, expired, expired by hand, forgotten after a day;
/// ids handed out deterministically.
@Suite struct SilenceBookTests {
    static let t0 = TestTime.start
    static func at(_ minutes: Int64) -> EpochMillis { t0 + TestTime.minutes(minutes) }
    static let cost = AlertLabels(["alertname": "AICostHigh", "severity": "ticket"])

    static func silence(id: String = "", from start: Int64, to end: Int64) -> Silence {
        Silence(id: id, matchers: [LabelMatcher("alertname", .equal, "AICostHigh")], start: at(start), end: at(end),
                author: "ana", comment: "model migration")
    }

    @Test func aSilenceIsPendingBeforeItsStartActiveUntilItsEndThenExpired() throws {
        var book = SilenceBook()
        let id = try book.add(Self.silence(from: 10, to: 70), at: Self.at(0))
        #expect(book.state(of: id, at: Self.at(9)) == .pending)
        #expect(book.silencing(Self.cost, at: Self.at(9)).isEmpty)
        #expect(book.state(of: id, at: Self.at(10)) == .active)
        #expect(book.silencing(Self.cost, at: Self.at(10)) == [id])
        #expect(book.silencing(Self.cost, at: Self.at(70) - 1) == [id])
        #expect(book.state(of: id, at: Self.at(70)) == .expired)
        #expect(book.silencing(Self.cost, at: Self.at(70)).isEmpty)
    }

    @Test func expiringAnActiveSilenceEndsItNow() throws {
        var book = SilenceBook()
        let id = try book.add(Self.silence(from: 0, to: 60), at: Self.at(0))
        let expired = book.expire(id: id, at: Self.at(20))
        #expect(expired)
        #expect(book.silence(id: id, at: Self.at(20))?.end == Self.at(20))
        #expect(book.state(of: id, at: Self.at(20)) == .expired)
        let again = book.expire(id: id, at: Self.at(21))             // already expired
        let unknown = book.expire(id: "nope", at: Self.at(21))
        #expect(!again && !unknown)
    }

    @Test func expiringAPendingSilenceMovesItsStartAndEndToNow() throws {
        var book = SilenceBook()
        let id = try book.add(Self.silence(from: 30, to: 60), at: Self.at(0))
        let expired = book.expire(id: id, at: Self.at(5))
        #expect(expired)
        let silence = try #require(book.silence(id: id, at: Self.at(5)))
        #expect(silence.start == Self.at(5) && silence.end == Self.at(5))
        #expect(book.state(of: id, at: Self.at(5)) == .expired)
    }

    @Test func expiredSilencesAreListedForADayThenForgotten() throws {
        var book = SilenceBook()
        let id = try book.add(Self.silence(from: 0, to: 60), at: Self.at(0))
        let dayAfter = Self.at(60) + TestTime.days(1)
        #expect(book.list(at: dayAfter - 1).map(\.silence.id) == [id])
        #expect(book.list(at: dayAfter).isEmpty)
        #expect(book.state(of: id, at: dayAfter) == nil)
        book.removeExpired(at: dayAfter)
        #expect(book.silence(id: id, at: Self.at(0)) == nil)             // gone for good
    }

    @Test func aSilenceMayLastForever() throws {
        var book = SilenceBook()
        var forever = Self.silence(from: 0, to: 0)
        forever.end = .max
        let id = try book.add(forever, at: Self.at(0))
        #expect(book.silencing(Self.cost, at: Self.at(0) + TestTime.days(3650)) == [id])
    }

    @Test func idsAreHandedOutInOrderSkippingOnesInUse() throws {
        var book = SilenceBook()
        let first = try book.add(Self.silence(from: 0, to: 60), at: Self.at(0))
        try book.add(Self.silence(id: "silence-2", from: 0, to: 60), at: Self.at(0))
        let third = try book.add(Self.silence(from: 0, to: 60), at: Self.at(0))
        #expect(first == "silence-1" && third == "silence-3")
    }

    @Test func addingAnExistingIdReplacesThatSilence() throws {
        var book = SilenceBook()
        try book.add(Self.silence(id: "maint", from: 0, to: 60), at: Self.at(0))
        try book.add(Self.silence(id: "maint", from: 0, to: 120), at: Self.at(0))
        #expect(book.list(at: Self.at(0)).map(\.silence.end) == [Self.at(120)])
    }

    @Test func theListShowsActiveEndingSoonestThenPendingThenExpiredLatestFirst() throws {
        var book = SilenceBook()
        for (id, start, end) in [("a", 0, 90), ("b", 0, 30), ("c", 50, 80), ("d", 0, 10), ("e", 0, 15)] as [(String, Int64, Int64)] {
            try book.add(Self.silence(id: id, from: start, to: end), at: Self.at(0))
        }
        let listed = book.list(at: Self.at(20))
        #expect(listed.map(\.silence.id) == ["b", "a", "c", "e", "d"])
        #expect(listed.map(\.state) == [.active, .active, .pending, .expired, .expired])
    }
}
