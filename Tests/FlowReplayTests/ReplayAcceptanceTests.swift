import FlowCore
import FlowReplay
import Foundation
import Testing

/// Issue 12 (item 5): a replay applies the live acceptance rules against its own clock,
/// so one line stamped year 9999 cannot become "now" and empty every window.
@Suite("replay acceptance")
struct ReplayAcceptanceTests {
    static let start: EpochMillis = 1_764_000_000_000   // 2025-11-24T16:00:00Z
    /// The real time these replays are made at: a day after the history they replay.
    static let realTime = start + 86_400_000

    static func lines(count: Int, from: EpochMillis) -> [String] {
        (0..<count).map { i in
            #"{"type":"ai_request","provider":"p","model":"m","success":\#(i % 10 != 0),"ts":\#(Double(from) / 1000 + Double(i))}"#
        }
    }

    static func replay(_ lines: [String], now: EpochMillis? = nil) -> Replay {
        var replay = Replay(now: now, realTime: realTime)
        replay.feed(Data((lines.joined(separator: "\n") + "\n").utf8))
        replay.finish()
        return replay
    }

    @Test func aYear9999LineIsRejectedAndTheRestIsKept() throws {
        let before = Self.lines(count: 400, from: Self.start)
        let after = Self.lines(count: 307, from: Self.start + 400_000)
        let future = #"{"type":"ai_request","provider":"p","model":"m","ts":"9999-12-31T23:59:59Z"}"#
        var replay = Self.replay(before + [future] + after)
        #expect(replay.accepted == 707)
        #expect(replay.rejected[.tsInFuture] == 1)
        #expect(replay.now == Self.start + 706_000)
        let success = try #require(replay.snapshot(SnapshotQuery()).slos.first { $0.name == "ai_request_success" })
        #expect(success.total == 707)
    }

    @Test func eventsAheadOfNowAreInTheFutureAndTooOldOnesAreTooOld() {
        let now = Self.start + 3_600_000
        let lines = Self.lines(count: 10, from: Self.start) + [
            #"{"type":"ai_request","provider":"p","model":"m","ts":\#((now + 301_000) / 1000)}"#,
            #"{"type":"ai_request","provider":"p","model":"m","ts":0}"#,
            #"{"type":"ai_request","provider":"p","model":"m","ts":\#((now - 31 * 86_400_000) / 1000)}"#,
        ]
        let replay = Self.replay(lines, now: now)
        #expect(replay.accepted == 10)
        #expect(replay.rejected[.tsInFuture] == 1)
        #expect(replay.rejected[.tsTooOld] == 2)
    }

    /// `report --now T` is what stood at T, in every report: an event a second after T is
    /// not counted, even within the live socket's 5-minute skew (issue 16).
    @Test func nothingAfterNowCountsInAnyReport() throws {
        let now = Self.start + 3_600_000
        let lines = Self.lines(count: 10, from: Self.start) + [
            #"{"type":"ai_request","provider":"p","model":"m","success":false,"ts":\#((now + 1_000) / 1000)}"#,
            #"{"type":"lead_created","lead_id":"late","ts":\#((now + 60_000) / 1000)}"#,
            #"{"type":"ai_request","provider":"p","model":"m","ts":\#(now / 1000)}"#,
        ]
        var replay = Self.replay(lines, now: now)
        #expect(replay.accepted == 11)
        #expect(replay.rejected[.tsInFuture] == 2)
        let snapshot = replay.snapshot(SnapshotQuery())
        let success = try #require(snapshot.slos.first { $0.name == "ai_request_success" })
        #expect(success.total == 11 && success.good == 10)   // one in ten of the history fails; the failure after T is left out
        #expect(snapshot.funnelAnalysis?.leadCount ?? 0 == 0)
    }

    /// Without `--now`, age counts back from the latest event so far.
    @Test func withoutNowAgeCountsFromTheLatestEvent() {
        let lines = Self.lines(count: 5, from: Self.start) + [
            #"{"type":"ai_request","provider":"p","model":"m","ts":\#((Self.start - 40 * 86_400_000) / 1000)}"#,
            #"{"type":"lead_created","lead_id":"L","ts":\#((Self.start - 40 * 86_400_000) / 1000)}"#,
        ]
        let replay = Self.replay(lines)
        #expect(replay.accepted == 6)
        #expect(replay.rejected[.tsTooOld] == 1)
    }
}
