import FlowCore
import FlowDashboard
import Testing
import TerminalUI

/// What a dashboard shows about where its data comes from: the header's "attached to",
/// the dimmed last data under "engine unreachable", the count of attached viewers, and the
/// question before quitting takes the engine away from them.
@Suite("The link badge and the quit question")
struct LinkBadgeTests {
    static let t0: EpochMillis = 1_000_000
    static let engine = FrameLoop.EngineTick(version: 1, now: Fixture.now)

    /// A loop with the fixture's snapshot drawn, then `badge` set; returns its next frame.
    func frame(_ badge: LinkBadge?, loop: inout FrameLoop, at millis: EpochMillis = 200) -> CellGrid? {
        loop.step(.link(badge))
        return loop.step(.tick(Self.engine, at: Self.t0 + millis, snapshotInFlight: false)).compactMap {
            if case .draw(let grid) = $0 { grid } else { nil }
        }.last
    }

    func running() -> FrameLoop {
        var loop = FrameLoop(context: Fixture.context, size: GridSize(width: 120, height: 40), startedAt: Self.t0)
        loop.step(.tick(Self.engine, at: Self.t0, snapshotInFlight: false))
        loop.step(.snapshot(Fixture.snapshot()))
        loop.step(.tick(Self.engine, at: Self.t0 + 20, snapshotInFlight: false))
        return loop
    }

    @Test func anAttachedViewerNamesItsEngineInsteadOfTheSocket() throws {
        var loop = running()
        let grid = try #require(frame(.attached(label: "serve pid 4242"), loop: &loop))
        #expect(grid.row(0).contains("attached to serve pid 4242"))
        #expect(!grid.row(0).contains("socket "))
        #expect(!grid.text.contains("engine unreachable"))
    }

    @Test func anUnreachableEngineDimsTheLastDataUnderABanner() throws {
        var loop = running()
        let grid = try #require(frame(.unreachable(target: "/run/s.sock", seconds: 12, reason: "connection refused"),
                                      loop: &loop))
        #expect(grid.row(1).contains("engine unreachable, retrying · last data 12s ago · connection refused"))
        #expect(grid.text.contains("ai_request_success"), "the last data stays readable")
        // Every cell of the body is dimmed, the banner aside.
        let body = (2..<39).flatMap { y in (0..<120).map { x in grid[x, y].style.role } }
        #expect(body.allSatisfy { $0 == .dim })
        #expect(grid[2, 1].style.role == .crit)
    }

    @Test func withoutViewersQQuitsAtOnce() {
        var loop = running()
        loop.step(.link(.embedded(viewers: 0)))
        #expect(loop.step(.key(.char("q"))) == [.quit])
    }

    @Test func withViewersAttachedQAsksAndOnlyYesQuits() throws {
        var loop = running()
        let counted = try #require(frame(.embedded(viewers: 2), loop: &loop))
        #expect(counted.row(0).contains("2 viewers attached"))
        #expect(loop.step(.key(.char("q"))) == [])
        #expect(loop.askingToQuit)
        let asked = try #require(frame(.embedded(viewers: 2), loop: &loop, at: 400))
        #expect(asked.text.contains("2 other viewers are attached to this dashboard's engine."))
        #expect(asked.text.contains("Quit and stop the engine? y / n"))
        #expect(loop.step(.key(.char("n"))) == [])
        #expect(!loop.askingToQuit)
        #expect(loop.step(.key(.char("q"))) == [])
        #expect(loop.step(.key(.char("y"))) == [.quit])
        // Ctrl-C asks as q does, and a second one answers yes.
        var again = running()
        again.step(.link(.embedded(viewers: 1)))
        #expect(again.step(.key(.interrupt)) == [])
        #expect(again.step(.key(.interrupt)) == [.quit])
    }
}
