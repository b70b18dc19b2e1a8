import FlowCore
import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

/// Ctrl-C ends the dashboard with exit status 130 (the loop says so: `quitByInterrupt`),
/// `q` with 0; Ctrl-Z hands the terminal to the shell and redraws everything after `fg`.
@Suite("Ctrl-C and Ctrl-Z")
struct InterruptAndSuspendTests {
    func loop(viewers: Int? = nil) -> FrameLoop {
        let context = DashboardContext(socketPath: Fixture.socketPath, link: viewers.map { .embedded(viewers: $0) })
        var loop = FrameLoop(context: context, size: GridSize(width: 120, height: 40), startedAt: 0)
        loop.step(.snapshot(Fixture.snapshot()))
        return loop
    }

    @Test func ctrlCQuitsAsAnInterruptAndQDoesNot() {
        var interrupted = loop()
        #expect(interrupted.step(.key(.interrupt)) == [.quit])
        #expect(interrupted.quitByInterrupt)
        var quit = loop()
        #expect(quit.step(.key(.char("q"))) == [.quit])
        #expect(!quit.quitByInterrupt)
    }

    /// Even in a prompt, which takes every other key.
    @Test func ctrlCQuitsFromThePromptsToo() {
        var prompt = loop()
        prompt.step(.key(.char("/")))
        #expect(prompt.step(.key(.interrupt)) == [.quit])
        #expect(prompt.quitByInterrupt)
    }

    /// With viewers attached the question stays; Ctrl-C then y, or Ctrl-C twice, is still
    /// an interrupt; q then y is not.
    @Test func theQuestionBeforeQuittingKeepsHowItStarted() {
        var twice = loop(viewers: 1)
        #expect(twice.step(.key(.interrupt)) == [])
        #expect(twice.askingToQuit)
        #expect(twice.step(.key(.interrupt)) == [.quit])
        #expect(twice.quitByInterrupt)
        var confirmed = loop(viewers: 1)
        _ = confirmed.step(.key(.interrupt))
        #expect(confirmed.step(.key(.char("y"))) == [.quit])
        #expect(confirmed.quitByInterrupt)
        var asked = loop(viewers: 1)
        _ = asked.step(.key(.char("q")))
        #expect(asked.step(.key(.char("y"))) == [.quit])
        #expect(!asked.quitByInterrupt)
        var declined = loop(viewers: 1)
        _ = declined.step(.key(.interrupt))
        #expect(declined.step(.key(.char("n"))) == [])
        #expect(!declined.quitByInterrupt)
    }

    final class SuspendingScreen: Screen {
        var size = GridSize(width: 120, height: 40)
        var keys: [Key?]
        var presented: [CellGrid] = []
        var suspended = 0

        init(keys: [Key?]) { self.keys = keys }
        func present(_ grid: CellGrid) { presented.append(grid) }
        func readKey(timeoutMillis: Int) -> Key? { keys.isEmpty ? nil : keys.removeFirst() }
        func shutdown() {}
        func suspend() { suspended += 1 }
    }

    final class OneSnapshot: SnapshotSource {
        private var ready: EngineSnapshot?
        func request(_ query: SnapshotQuery) { ready = Fixture.snapshot() }
        func take() -> EngineSnapshot? { defer { ready = nil }; return ready }
        var isWorking: Bool { false }
    }

    /// Ctrl-Z suspends the screen, whatever is open (the silence prompt takes every other
    /// key), and the frame after `fg` is drawn whole.
    @Test func ctrlZSuspendsAndRedrawsOnResume() {
        let clock = ManualClock(at: 1_000_000)
        let screen = SuspendingScreen(keys: [nil, nil, .char("/"), .suspend])
        var driver = FrameDriver(loop: FrameLoop(context: Fixture.context, size: screen.size, startedAt: clock.now()),
                                 clock: clock)
        let source = OneSnapshot()
        let engine = { FrameLoop.EngineTick(version: 1, now: Fixture.now) }
        for _ in 0..<4 {
            clock.advance(millis: 200)
            _ = driver.turn(screen: screen, snapshots: source, engine: engine, execute: { _ in .done })
        }
        #expect(screen.suspended == 1)
        #expect(screen.presented.count == 3)                 // data, the prompt, the redraw after fg
        #expect(driver.loop.dashboard.filterPrompt?.line.text == "")   // ^Z was not typed into it
    }
}
