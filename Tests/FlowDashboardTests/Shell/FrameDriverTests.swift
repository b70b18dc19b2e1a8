import FlowCore
import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

/// The frame loop run against a scripted screen, an immediate snapshot source and a manual
/// clock: what the app's terminal loop does, with no terminal, thread or sleep.
@Suite("The frame driver")
struct FrameDriverTests {
    /// A screen whose keys are scripted, one per `readKey`; nil waits out the timeout on
    /// the manual clock. It remembers every frame it was given.
    final class ScriptedScreen: Screen {
        var size: GridSize
        var keys: [Key?]
        var presented: [CellGrid] = []
        let clock: ManualClock

        init(keys: [Key?], size: GridSize = GridSize(width: 120, height: 40), clock: ManualClock) {
            self.keys = keys
            self.size = size
            self.clock = clock
        }

        func present(_ grid: CellGrid) { presented.append(grid) }

        func readKey(timeoutMillis: Int) -> Key? {
            let key = keys.isEmpty ? nil : keys.removeFirst()
            if key == nil { clock.advance(millis: EpochMillis(timeoutMillis)) }
            return key
        }

        func shutdown() {}
    }

    /// Answers each request at once with the fixture's snapshot for that query.
    final class ImmediateSource: SnapshotSource {
        var asked: [SnapshotQuery] = []
        private var ready: EngineSnapshot?

        func request(_ query: SnapshotQuery) {
            asked.append(query)
            ready = Fixture.snapshot(tenant: query.tenant, model: query.model, detail: query.detail,
                                     funnel: query.funnel)
        }

        func take() -> EngineSnapshot? {
            defer { ready = nil }
            return ready
        }

        var isWorking: Bool { false }
    }

    let clock = ManualClock(at: 1_000_000)

    func driver(size: GridSize = GridSize(width: 120, height: 40)) -> FrameDriver {
        FrameDriver(loop: FrameLoop(context: Fixture.context, size: size, startedAt: clock.now()), clock: clock)
    }

    func run(_ screen: ScriptedScreen, _ source: ImmediateSource, turns: Int,
             execute: (DashboardCommand) -> CommandOutcome = { _ in .done }) -> (quit: Bool, driver: FrameDriver) {
        var driver = driver(size: screen.size)
        var left = turns
        let quit = driver.run(screen: screen, snapshots: source,
                              engine: { FrameLoop.EngineTick(version: 1, now: Fixture.now) }, execute: execute,
                              stop: { left -= 1; return left < 0 })
        return (quit, driver)
    }

    @Test func keysGoInAndFramesComeOutUntilQ() {
        let screen = ScriptedScreen(keys: [nil, nil, .tab, nil, .char("q"), nil], clock: clock)
        let source = ImmediateSource()
        let (quit, driver) = run(screen, source, turns: 100)
        #expect(quit)
        #expect(screen.keys == [nil])                      // nothing read after q
        #expect(source.asked == [SnapshotQuery()])         // one snapshot: same engine, same second
        #expect(screen.presented.count == 2)               // the data, then the focus on Alerts
        #expect(screen.presented.first?.text.contains("ai_request_success") == true)
        #expect(driver.loop.dashboard.focus == .alerts)
    }

    @Test func stopEndsTheLoopWithoutQuitting() {
        let screen = ScriptedScreen(keys: [], clock: clock)
        let (quit, _) = run(screen, ImmediateSource(), turns: 3)
        #expect(!quit)
        #expect(clock.now() == 1_000_000 + 3 * 100)        // three idle key waits, on the manual clock
    }

    @Test func keysFasterThanTenFramesASecondShareAFrame() {
        // Keys come back to back, so the clock stands still after the first frame.
        let screen = ScriptedScreen(keys: [nil, nil, .tab, .tab, .tab, nil], clock: clock)
        _ = run(screen, ImmediateSource(), turns: 6)
        #expect(screen.presented.count == 2)               // the first frame, then the three tabs at once
    }

    @Test func aResizedScreenGetsAFrameAtItsNewSize() {
        let screen = ScriptedScreen(keys: [nil, nil, .resize, nil], clock: clock)
        let source = ImmediateSource()
        var driver = driver()
        let engine = { FrameLoop.EngineTick(version: 1, now: Fixture.now) }
        for _ in 0..<2 { _ = driver.turn(screen: screen, snapshots: source, engine: engine, execute: { _ in .done }) }
        #expect(screen.presented.map(\.size) == [GridSize(width: 120, height: 40)])
        screen.size = GridSize(width: 80, height: 24)        // the terminal shrank; the key follows
        for _ in 0..<2 { _ = driver.turn(screen: screen, snapshots: source, engine: engine, execute: { _ in .done }) }
        #expect(screen.presented.map(\.size) == [GridSize(width: 120, height: 40), GridSize(width: 80, height: 24)])
    }

    @Test func engineCommandsAreCarriedOutAndTheirOutcomeShown() {
        var executed: [DashboardCommand] = []
        let screen = ScriptedScreen(keys: [nil, nil, .tab, .char("a"), nil], clock: clock)
        _ = run(screen, ImmediateSource(), turns: 5) { command in
            executed.append(command)
            return .refused("it resolved meanwhile")
        }
        #expect(executed.count == 1)
        #expect(screen.presented.last?.row(39).contains("it resolved meanwhile") == true)
    }

    @Test func timedFramesAreOnePerPresentedFrame() {
        let screen = ScriptedScreen(keys: [nil, nil, .tab, nil, .tab, nil], clock: clock)
        let source = ImmediateSource()
        var timed = driver()
        timed.frameTimes = FrameTimes()
        var untimed = driver()
        let engine = { FrameLoop.EngineTick(version: 1, now: Fixture.now) }
        for _ in 0..<6 { _ = timed.turn(screen: screen, snapshots: source, engine: engine, execute: { _ in .done }) }
        #expect(screen.presented.count == 3)
        #expect(timed.frameTimes?.micros.count == 3 && timed.frameTimes?.cpuMicros.count == 3
                && timed.frameTimes?.presentMicros.count == 3)
        _ = untimed.turn(screen: screen, snapshots: source, engine: engine, execute: { _ in .done })
        #expect(untimed.frameTimes == nil)
    }

    @Test func frameTimeSummaryTakesNearestRanks() {
        var times = FrameTimes(capacity: 100)
        for us in 1...120 { times.record(.microseconds(us)) }          // past capacity: the first 100 kept
        #expect(times.micros.count == 100)
        #expect(times.summaryJSON == #"{"frames":100,"p50_us":50,"p90_us":90,"p99_us":99,"max_us":100,"cpu_p50_us":0,"cpu_p90_us":0,"cpu_p99_us":0,"cpu_max_us":0,"present_p50_us":0,"present_p90_us":0,"present_p99_us":0,"present_max_us":0,"cpu_slowest":[]}"#)
        #expect(FrameTimes().summaryJSON.hasPrefix(#"{"frames":0,"p50_us":0,"#))
        var both = FrameTimes()
        both.record(.microseconds(900), cpu: .microseconds(300), present: .microseconds(120))
        #expect(both.summaryJSON == #"{"frames":1,"p50_us":900,"p90_us":900,"p99_us":900,"max_us":900,"cpu_p50_us":300,"cpu_p90_us":300,"cpu_p99_us":300,"cpu_max_us":300,"present_p50_us":120,"present_p90_us":120,"present_p99_us":120,"present_max_us":120,"cpu_slowest":[[1,300,120]]}"#)
        var several = FrameTimes()
        for (i, cpu) in [40, 700, 90, 700, 5, 1_200, 60].enumerated() { several.record(.microseconds(1_000 + i), cpu: .microseconds(cpu)) }
        // The five costliest by CPU, ties in frame order.
        #expect(several.summaryJSON.hasSuffix(#""cpu_slowest":[[6,1200],[2,700],[4,700],[3,90],[7,60]]}"#))
        var long = FrameTimes()
        long.record(.milliseconds(2) + .nanoseconds(999))                   // 2,000.999 µs counts 2,000
        #expect(long.micros == [2_000])
    }
}
