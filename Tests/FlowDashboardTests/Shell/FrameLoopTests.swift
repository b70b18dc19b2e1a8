import FlowCore
import FlowDashboard
import Testing
import TerminalUI

/// The frame loop stepped by hand: keys, snapshots and ticks in, snapshot requests, engine
/// commands and frames out. Time is the tick's `at:`, so nothing here sleeps.
@Suite("The frame loop")
struct FrameLoopTests {
    static let t0: EpochMillis = 1_000_000
    static let size = GridSize(width: 120, height: 40)
    /// The engine as it stands in these tests: version 1, at the fixture's time.
    static let engine = FrameLoop.EngineTick(version: 1, now: Fixture.now)

    func loop() -> FrameLoop { FrameLoop(context: Fixture.context, size: Self.size, startedAt: Self.t0) }

    /// A loop that has asked for its first snapshot, got it, and drawn it at `t0 + 20`.
    func running() -> FrameLoop {
        var loop = loop()
        loop.step(.tick(Self.engine, at: Self.t0, snapshotInFlight: false))
        loop.step(.snapshot(Fixture.snapshot()))
        loop.step(.tick(Self.engine, at: Self.t0 + 20, snapshotInFlight: false))
        return loop
    }

    func tick(_ loop: inout FrameLoop, at millis: EpochMillis, engine: FrameLoop.EngineTick = engine,
              inFlight: Bool = false) -> [FrameLoop.Output] {
        loop.step(.tick(engine, at: Self.t0 + millis, snapshotInFlight: inFlight))
    }

    func requests(_ outputs: [FrameLoop.Output]) -> [SnapshotQuery] {
        outputs.compactMap { if case .requestSnapshot(let query) = $0 { query } else { nil } }
    }

    func frames(_ outputs: [FrameLoop.Output]) -> [CellGrid] {
        outputs.compactMap { if case .draw(let grid) = $0 { grid } else { nil } }
    }

    @Test func theFirstTickAsksForASnapshotAndTheFirstFrameWaitsForIt() {
        var loop = loop()
        let first = tick(&loop, at: 0)
        #expect(first == [.requestSnapshot(SnapshotQuery())])   // no empty frame an instant before the data
        loop.step(.snapshot(Fixture.snapshot()))
        let drawn = frames(tick(&loop, at: 20))
        #expect(drawn.count == 1)
        #expect(drawn.first?.text.contains("ai_request_success") == true)
        #expect(drawn.first?.size == Self.size)
    }

    @Test func withoutDataTheFirstFrameShowsTheEmptyPanesAfterHalfASecond() {
        var loop = loop()
        _ = tick(&loop, at: 0)
        #expect(frames(tick(&loop, at: 499, inFlight: true)).isEmpty)
        let drawn = frames(tick(&loop, at: 500, inFlight: true))
        #expect(drawn.first?.row(0).contains("waiting for the engine") == true)
    }

    @Test func aKeyThatChangesTheViewDrawsTheNextFrame() {
        var loop = running()
        #expect(loop.step(.key(.char("?"))) == [])
        let drawn = frames(tick(&loop, at: 200))
        #expect(drawn.first?.text.contains("SLOs › help") == true)
        #expect(frames(tick(&loop, at: 400)).isEmpty)   // nothing changed since
    }

    @Test func framesAreAtLeastATenthOfASecondApart() {
        var loop = running()                               // drew at t0 + 20
        loop.step(.key(.tab))
        #expect(frames(tick(&loop, at: 119)).isEmpty)
        #expect(frames(tick(&loop, at: 120)).count == 1)
    }

    @Test func anIdleEngineIsAskedOnceASecond() {
        var loop = running()
        #expect(requests(tick(&loop, at: 300)).isEmpty)
        let nextSecond = FrameLoop.EngineTick(version: 1, now: Fixture.now + 1000)
        #expect(requests(tick(&loop, at: 400, engine: nextSecond)) == [SnapshotQuery()])
        #expect(requests(tick(&loop, at: 500, engine: nextSecond)).isEmpty)
        let changed = FrameLoop.EngineTick(version: 2, now: Fixture.now + 1000)
        #expect(requests(tick(&loop, at: 600, engine: changed)) == [SnapshotQuery()])
    }

    /// Under heavy ingest the version moves at every tick: a snapshot then at most once a
    /// frame interval, not back to back.
    @Test func aBusyEngineIsAskedAtMostOnceAFrameInterval() {
        var loop = running()                               // asked at t0
        let busy = FrameLoop.EngineTick(version: 2, now: Fixture.now)
        #expect(requests(tick(&loop, at: 60, engine: busy)).isEmpty)
        #expect(requests(tick(&loop, at: 100, engine: busy)) == [SnapshotQuery()])
        let busier = FrameLoop.EngineTick(version: 3, now: Fixture.now)
        #expect(requests(tick(&loop, at: 199, engine: busier)).isEmpty)
        #expect(requests(tick(&loop, at: 200, engine: busier)) == [SnapshotQuery()])
        let nextSecond = FrameLoop.EngineTick(version: 4, now: Fixture.now + 1000)
        #expect(requests(tick(&loop, at: 201, engine: nextSecond)) == [SnapshotQuery()])
    }

    @Test func pausedItAsksOnlyWhenTheQueryChanges() {
        var loop = running()
        loop.step(.key(.char(" ")))
        #expect(loop.dashboard.isPaused)
        let later = FrameLoop.EngineTick(version: 9, now: Fixture.now + 5000)
        #expect(requests(tick(&loop, at: 300, engine: later)).isEmpty)
        loop.step(.key(.char("m")))                        // another attribution model
        #expect(requests(tick(&loop, at: 400, engine: later)) == [SnapshotQuery(model: loop.dashboard.model)])
    }

    @Test func qQuits() {
        var loop = running()
        #expect(loop.step(.key(.char("q"))) == [.quit])
    }

    @Test func anEngineCommandGoesOutAndItsOutcomeBringsAFreshSnapshotAndFrame() throws {
        var loop = running()
        loop.step(.key(.tab))                              // the alerts pane
        let outputs = loop.step(.key(.char("a")))
        guard case .execute(let command)? = outputs.first, case .acknowledge = command else {
            Issue.record("expected an acknowledgement to carry out, got \(outputs)")
            return
        }
        loop.step(.outcome(command, .done))
        let next = tick(&loop, at: 200)                    // same engine version and second
        #expect(requests(next) == [SnapshotQuery()])
        let frame = try #require(frames(next).first)
        #expect(frame.row(39).contains("acknowledged"))
    }

    @Test func aResizeDrawsAtTheNewSize() {
        var loop = running()
        loop.step(.resize(Self.size))
        #expect(frames(tick(&loop, at: 200)).isEmpty)      // the same size changes nothing
        loop.step(.resize(GridSize(width: 80, height: 24)))
        let drawn = frames(tick(&loop, at: 300))
        #expect(drawn.first?.size == GridSize(width: 80, height: 24))
        #expect(drawn.first?.isWellFormed == true)
    }

    @Test func notifierStatusesArriveWithTheSnapshot() {
        var loop = running()
        loop.step(.snapshot(Fixture.notifying()))
        #expect(frames(tick(&loop, at: 200)).first?.row(0).contains("notify 2 failed") == true)
    }
}
