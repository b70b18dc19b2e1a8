import FlowCore
import FlowReplay
import Foundation
import Testing

@Suite("replay")
struct ReplayTests {
    /// The wall clock's time for these replays: long after every event in them.
    static let realTime: EpochMillis = 1_795_000_000_000

    @Test func eventsWithoutATimestampTakeTheTimeOfTheEventBefore() {
        var replay = Replay(now: nil, realTime: Self.realTime)
        replay.feed(Data("""
            {"type":"ai_request","provider":"p","model":"m"}
            {"type":"ai_request","provider":"p","model":"m","ts":1764000000}
            {"type":"ai_request","provider":"p","model":"m","success":false}
            {"type":"bogus"}
            """.utf8))
        replay.finish()
        #expect(replay.accepted == 3)
        #expect(replay.rejected[.unknownType] == 1)
        #expect(replay.lastEventTime == 1_764_000_000_000)
        let slo = replay.snapshot(SnapshotQuery()).slos.first { $0.name == "ai_request_success" }
        #expect(slo?.total == 3)
        #expect(slo?.good == 2)
    }

    @Test func withNowEventsTooFarAheadAreRejected() {
        var replay = Replay(now: 1_764_000_000_000, realTime: Self.realTime)
        replay.feed(Data("""
            {"type":"message_sent","channel":"email","ts":1764000000}
            {"type":"message_sent","channel":"email","ts":1764000301}
            """.utf8))
        replay.finish()
        #expect(replay.accepted == 1)
        #expect(replay.rejected[.tsInFuture] == 1)
    }
}
