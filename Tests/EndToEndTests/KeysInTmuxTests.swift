import Foundation
import Testing

/// What a new user does to a terminal program without thinking: Ctrl-C (exit 130), Ctrl-Z
/// and `fg`, the mouse in tmux with `mouse on`. In a real terminal (tmux), the built binary.
@Suite("keys and the mouse in tmux", .serialized, .oneLiveProcessTestAtATime)
struct KeysInTmuxTests {
    /// An interactive shell with job control in the pane, as a user has.
    private func shell() throws -> TmuxSession {
        try TmuxSession(command: ["bash", "--norc", "--noprofile", "-i"], environment: ["PS1": "e2e$ "])
    }

    private func type(_ line: String, into tmux: TmuxSession) throws {
        try tmux.sendKeys("-l", line)
        try tmux.sendKeys("Enter")
    }

    @Test func ctrlCExits130AndQExits0() async throws {
        let dir = try temporaryDirectory()
        let tmux = try shell()
        try await tmux.waitFor(timeout: 10, "the prompt") { $0.contains("e2e$") }
        let command = "\(shellQuote(try flowtopBinary())) --socket \(shellQuote(dir + "/s.sock")) --theme mono"
        try type(command + "; echo EXIT=$?", into: tmux)
        try await tmux.waitFor(timeout: 60, "the dashboard") { $0.contains("no events yet") }
        try tmux.sendKeys("C-c")
        try await tmux.waitFor(timeout: 15, "exit status 130") { $0.contains("EXIT=130") }
        try type(command + "; echo EXIT=$?", into: tmux)
        try await tmux.waitFor(timeout: 60, "the dashboard again") { $0.contains("no events yet") }
        try tmux.sendKeys("q")
        try await tmux.waitFor(timeout: 15, "exit status 0") { $0.contains("EXIT=0") }
    }

    /// Ctrl-Z gives the shell its prompt back (the job stopped, the terminal in cooked
    /// mode: the shell echoes what is typed); `fg` brings the dashboard back, drawn whole,
    /// its keys working.
    @Test func ctrlZSuspendsToTheShellAndFgResumes() async throws {
        let dir = try temporaryDirectory()
        let tmux = try shell()
        try await tmux.waitFor(timeout: 10, "the prompt") { $0.contains("e2e$") }
        try type("\(shellQuote(try flowtopBinary())) --socket \(shellQuote(dir + "/s.sock")) --theme mono", into: tmux)
        try await tmux.waitFor(timeout: 60, "the dashboard") { $0.contains("no events yet") }
        try tmux.sendKeys("C-z")
        try await tmux.waitFor(timeout: 10, "the shell, the job stopped") {
            $0.contains("Stopped") && !$0.contains("no events yet")
        }
        try type("stty -a | grep -o icanon | head -1; jobs", into: tmux)
        try await tmux.waitFor(timeout: 10, "a cooked terminal") { $0.contains("\nicanon") && $0.contains("[1]+") }
        try type("fg", into: tmux)
        let resumed = try await tmux.waitFor(timeout: 15, "the dashboard again") {
            $0.contains("no events yet") && $0.contains("SLOs") && !$0.contains("Stopped")
        }
        #expect(!resumed.contains("e2e$"), "drawn over the whole screen:\n\(resumed)")
        try tmux.sendKeys("?")
        try await tmux.waitFor(timeout: 10, "help after resuming") { $0.contains("SLOs › help") }
        try tmux.sendKeys("Escape")
        try tmux.sendKeys("q")
        try await tmux.waitFor(timeout: 15, "the prompt after quitting") { $0.contains("e2e$") && !$0.contains("SLOs") }
    }

    /// With `mouse on` in tmux, a click on a funnel stage focuses the funnel and selects
    /// the stage (Enter opens it); the wheel over the funnel moves its selection. The
    /// reports are the SGR (1006) sequences a terminal sends, which ncurses asks for under
    /// TERM=xterm-256color.
    @Test func theMouseSelectsAndScrollsTheListUnderIt() async throws {
        let dir = try temporaryDirectory()
        let bin = try flowtopBinary()
        let tmux = try TmuxSession(command: [bin, "--demo", "--socket", dir + "/s.sock", "--theme", "mono"])
        try tmux.setGlobalOption("mouse", "on")
        let screen = try await tmux.waitFor(timeout: 30, "the funnel") {
            $0.contains("qualified") && $0.contains("contacted") && $0.contains("lead_created")
        }
        func cell(of text: String, in screen: String) throws -> (x: Int, y: Int) {
            let lines = screen.components(separatedBy: "\n")
            for (y, line) in lines.enumerated() {
                if let range = line.range(of: text) { return (line.distance(from: line.startIndex, to: range.lowerBound), y) }
            }
            throw E2EError("\(text) not on screen:\n\(screen)")
        }
        func sgr(_ button: Int, _ point: (x: Int, y: Int), release: Bool = false) throws {
            try tmux.sendKeys("-l", "\u{1b}[<\(button);\(point.x + 1);\(point.y + 1)" + (release ? "m" : "M"))
        }
        let qualified = try cell(of: "qualified", in: screen)
        try sgr(0, qualified)
        try sgr(0, qualified, release: true)
        try await tmux.waitFor(timeout: 10, "the funnel focused") { $0.contains("p period") }
        try tmux.sendKeys("Enter")
        try await tmux.waitFor(timeout: 10, "the clicked stage opened") { $0.contains("Funnel › qualified") }
        try tmux.sendKeys("Escape")
        let back = try await tmux.waitFor(timeout: 10, "the main view") { !$0.contains("Funnel ›") && $0.contains("lead_created") }

        // Wheel down over the funnel: from qualified to meeting.
        let lead = try cell(of: "lead_created", in: back)
        try sgr(65, lead)
        try await Task.sleep(for: .milliseconds(300))
        try tmux.sendKeys("Enter")
        try await tmux.waitFor(timeout: 10, "the stage below opened") { $0.contains("Funnel › meeting") }
        try tmux.sendKeys("Escape")
        try tmux.sendKeys("q")
        try await tmux.waitFor(timeout: 15, "flowtop gone") { _ in tmux.exitStatus() != nil }
        #expect(tmux.exitStatus() == 0)
    }

    @Test func helpNamesNoMouse() throws {
        let (status, output) = try run(try flowtopBinary(), ["watch", "--help"], timeout: 30)
        #expect(status == 0)
        #expect(output.contains("--no-mouse"), "\(output)")
    }
}
