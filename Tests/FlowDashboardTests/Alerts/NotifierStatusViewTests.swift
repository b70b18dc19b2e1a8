import FlowCore
import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

/// `N` shows how each notifier is doing: the drill-down behind "notify N failed".
@Suite("The notifier-status view")
struct NotifierStatusViewTests {
    let snapshot = Fixture.snapshot()

    func rendered(_ context: DashboardContext = Fixture.context, snapshot: EngineSnapshot? = Fixture.notifying(),
                  width: Int = 120, height: Int = 40) -> CellGrid {
        var state = DashboardState()
        _ = state.handle(.char("N"), snapshot: snapshot)
        return Fixture.rendered(snapshot, state: state, width: width, height: height, context: context)
    }

    /// The cells of the table row of `notifier`, split on runs of spaces.
    func cells(_ notifier: String, in grid: CellGrid) -> [String] {
        let line = grid.line(containing: "│ " + notifier + " ")
        return line.split(separator: "│").first.map { $0.split(separator: " ").map(String.init) } ?? []
    }

    @Test func capitalNOpensItFromAnywhereAndTogglesClosed() {
        var state = DashboardState(focus: .attribution)
        #expect(state.handle(.char("N"), snapshot: snapshot) == .redraw)
        #expect(state.breadcrumb == ["Alerts", "notifiers"])
        #expect(state.handle(.char("N"), snapshot: snapshot) == .redraw)
        #expect(state.overlays.isEmpty)
    }

    @Test func eachNotifierHasItsCountsWhetherItRetriesAndWhenItLastWorkedAndFailed() {
        let grid = rendered()
        // notifier, queued, sent, failed, retries, dropped, now, last success, last error
        #expect(cells("alertmanager", in: grid) == ["alertmanager", "0", "41", "0", "0", "0", "idle", "20s", "ago", "–"])
        #expect(cells("slack", in: grid) == ["slack", "2", "3", "0", "4", "0", "retrying", "12m", "ago", "1m", "ago"])
        #expect(cells("email", in: grid) == ["email", "0", "1", "1", "0", "1", "idle", "1h", "0m", "ago", "5m", "ago"])
        #expect(grid.style(of: "retrying", inLineContaining: "│ slack ")?.role == .warn)
        #expect(grid.style(of: "1", inLineContaining: "│ email ")?.role == .ok)   // sent
        #expect(grid.style(of: "20s ago")?.role == .dim)
        #expect(grid.text.contains("Notifiers  counts since start-up"))
    }

    @Test func theHeadlineSaysWhatWasLostAndWhatRetries() {
        let grid = rendered()
        let headline = grid.line(containing: "will never arrive")
        #expect(headline.contains("2 notifications will never arrive (failed or dropped) · 1 notifier retrying now"))
        #expect(grid.style(of: "2 notifications will never arrive")?.role == .crit)
        // It agrees with the header, which is derived from the same list.
        #expect(grid.row(0).contains("notify 2 failed"))
        let quiet = rendered(snapshot: Fixture.notifying(Fixture.snapshot(), [Fixture.notifiers[0]]))
        #expect(quiet.text.contains("no notification lost"))
        #expect(quiet.text.contains("no delivery has failed"))
        #expect(!quiet.row(0).contains("notify"))
    }

    @Test func theLastErrorsAreShownInFullWithTheirAge() {
        let grid = rendered()
        let slack = grid.line(containing: "HTTP 500")
        #expect(slack.contains("slack") && slack.contains("1m ago") && slack.contains("HTTP 500: internal_error"))
        #expect(grid.line(containing: "SMTP 550").contains("email"))
        let rows = grid.text.split(separator: "\n")
        let table = rows.firstIndex { $0.contains("│ alertmanager ") } ?? .max
        let errors = rows.firstIndex { $0.contains("Last errors") } ?? -1
        #expect(table < errors)
    }

    @Test func groupsOverTheCapAreNamedWithTheirNotifier() {
        let line = rendered().line(containing: "group cap")
        #expect(line.contains("email: 3 alert groups not sent at the last planning: its group cap was reached"))
        #expect(!rendered().text.contains("slack: 0 alert"))
    }

    @Test func withoutNotifyItSaysHowToTurnNotificationsOn() {
        let grid = rendered(snapshot: Fixture.snapshot())
        #expect(grid.text.contains("notifications are off"))
        #expect(grid.text.contains("start flowtop with --notify FILE"))
        #expect(grid.text.contains("docs/notifiers.md"))
    }

    /// The statuses come in the snapshot: before the first, the view waits rather than
    /// saying notifications are off.
    @Test func beforeTheFirstSnapshotItWaitsForTheEngine() {
        let grid = rendered(snapshot: nil)
        #expect(grid.text.contains("waiting for the engine…"), "\(grid.text)")
        #expect(!grid.text.contains("notifications are off"))
    }

    @Test func theFooterOffersTheOtherViews() {
        let footer = rendered().row(39)
        for key in ["esc back", "S silences", "A stats"] { #expect(footer.contains(key), "\(footer)") }
    }

    @Test func whileNotificationsAreLostTheMainFooterNamesTheKey() {
        let failing = Fixture.rendered(Fixture.notifying(snapshot)).row(39)
        #expect(failing.contains("N notifiers"), "\(failing)")
        #expect(!Fixture.rendered(snapshot).row(39).contains("N notifiers"))
    }

    @Test("well-formed at every size", arguments: [(120, 40), (80, 24), (60, 16), (200, 60)])
    func wellFormed(width: Int, height: Int) {
        #expect(rendered(width: width, height: height).isWellFormed)
        let ascii = DashboardContext(socketPath: Fixture.socketPath, asciiOnly: true)
        #expect(rendered(ascii, width: width, height: height).isWellFormed)
    }
}
