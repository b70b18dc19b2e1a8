import FlowCore
import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

/// The grouped alerts pane during the issue's incident (28 alerts on one SLO, an older
/// page, a ticket), as text: one row per group at 80x24, the group's view, the silence of
/// a whole group, and the selection when a group is acknowledged.
@Suite("The grouped alerts pane")
struct AlertGroupPaneTests {
    let snapshot = Fixture.incidentSnapshot()

    func alertsFocused() -> DashboardState { DashboardState(focus: .alerts) }

    /// The alerts pane's box at 80x24: the rows between its title and its bottom border.
    func paneLines(_ grid: CellGrid) -> [String] {
        let rows = (0..<grid.height).map { grid.row($0) }
        guard let top = rows.firstIndex(where: { $0.contains("Alerts (") }) else { return [] }
        let bottom = rows[(top + 1)...].firstIndex { $0.hasPrefix("╰") } ?? top
        return Array(rows[top...bottom])
    }

    @Test func at80x24TheIncidentIsOneRowAboveTheOlderPage() {
        let grid = Fixture.rendered(snapshot, state: alertsFocused(), width: 80, height: 24)
        let pane = paneLines(grid)
        #expect(pane.first?.contains("Alerts (3 groups · 9 series · 21 inhibited hidden [i])") == true, "\(pane)")
        let rows = pane.filter { $0.contains("PAGE") || $0.contains("TICKET") }
        #expect(rows.count == 3, "\(grid.text)")
        #expect(rows.first?.contains("ai_request_success") == true)
        #expect(rows.first?.contains("7 series") == true)
        #expect(rows.first?.contains("1h/5m") == true)
        #expect(rows.first?.contains("3m ago") == true)
        #expect(rows.dropFirst().first?.contains("ai_response_latency") == true)
        #expect(!grid.text.contains("inhib "))
        #expect(!pane.joined().contains("more"))
        #expect(grid.isWellFormed)
    }

    @Test func iShowsTheInhibitedTiersAndAgainHidesThem() {
        var state = alertsFocused()
        #expect(state.handle(.char("i"), snapshot: snapshot) == .redraw)
        let grid = Fixture.rendered(snapshot, state: state, width: 200, height: 40)
        #expect(grid.text.contains("Alerts (3 groups · 9 series · 21 inhibited)"))
        let inhibited = grid.line(containing: "inhib ")
        #expect(inhibited.contains("ai_request_success") && inhibited.contains("7 series"), "\(grid.text)")
        _ = state.handle(.char("i"), snapshot: snapshot)
        #expect(!state.showsInhibited)
    }

    @Test func anUnfocusedPaneShowsItsTopRowsWhateverWasSelected() {
        var state = DashboardState(focus: .slos)
        state.selectedAlert = state.alertRows(snapshot).last?.id   // the ticket, selected earlier
        state.showsInhibited = true
        let grid = Fixture.rendered(snapshot, state: state, width: 80, height: 24)
        let pane = paneLines(grid)
        #expect(pane.dropFirst().first?.contains("PAGE") == true, "\(pane)")
        #expect(pane.joined().contains("ai_request_success"))
    }

    @Test func acknowledgingAGroupKeepsTheFiringRowsInView() {
        var state = alertsFocused()
        let page = state.alertRows(snapshot)[0]
        let command = state.handle(.char("a"), snapshot: snapshot)
        #expect(command == .acknowledge(fingerprints: page.members.map(\.alert.fingerprint),
                                        alert: "ai_request_success page"))
        // The selection moved to the next group needing someone, not down with the acked one.
        let after = Fixture.incidentSnapshot(acknowledgedBy: "ana")
        #expect(state.selectedAlertGroup(in: after)?.key["slo"] == "ai_response_latency")
        let grid = Fixture.rendered(after, state: state, width: 80, height: 24)
        let pane = paneLines(grid).joined(separator: "\n")
        #expect(pane.contains("PAGE") && pane.contains("ai_response_latency"), "\(pane)")
        #expect(pane.contains("TICKET"), "\(pane)")
        #expect(grid.style(of: "PAGE")?.selected == true)   // the older page's row
        // Pressed again on the acknowledged group, a takes the group's acknowledgements back.
        var back = DashboardState(focus: .alerts)
        back.selectedAlert = page.id
        guard case .unacknowledge(let fingerprints, _, let by)? = Optional(back.handle(.char("a"), snapshot: after))
        else {
            Issue.record("expected unacknowledge")
            return
        }
        #expect(fingerprints.count == 7 && by == "ana")
    }

    @Test func sSilencesTheGroupAndShowsItsMatchersFirst() {
        var state = alertsFocused()
        _ = state.handle(.char("s"), snapshot: snapshot)
        #expect(state.silencePrompt?.matchers == [LabelMatcher("severity", .equal, "page"),
                                                  LabelMatcher("slo", .equal, "ai_request_success")])
        let grid = Fixture.rendered(snapshot, state: state)
        #expect(grid.text.contains("Silence ai_request_success page (14 alerts)"))
        #expect(grid.text.contains(#"matchers {severity="page", slo="ai_request_success"}"#))
        guard case .silence(let request) = state.handle(.enter, snapshot: snapshot) else {
            Issue.record("expected a silence")
            return
        }
        #expect(request.alert == "ai_request_success page")
        #expect(request.matchers.count == 2)
    }

    @Test func ctrlUClearsTheFieldAndCtrlWItsLastWord() {
        var state = alertsFocused()
        _ = state.handle(.char("s"), snapshot: snapshot)
        _ = state.handle(.tab, snapshot: snapshot)
        for c in "rollback of the bad deploy  " { _ = state.handle(.char(c), snapshot: snapshot) }
        #expect(state.handle(.char("\u{17}"), snapshot: snapshot) == .redraw)
        #expect(state.silencePrompt?.comment == "rollback of the bad ")
        _ = state.handle(.char("\u{17}"), snapshot: snapshot)
        #expect(state.silencePrompt?.comment == "rollback of the ")
        #expect(state.handle(.char("\u{15}"), snapshot: snapshot) == .redraw)
        #expect(state.silencePrompt?.comment == "")
        #expect(state.handle(.char("\u{15}"), snapshot: snapshot) == .none)   // nothing left to clear
        _ = state.handle(.tab, snapshot: snapshot)
        for c in "2h" { _ = state.handle(.char(c), snapshot: snapshot) }
        _ = state.handle(.char("\u{15}"), snapshot: snapshot)
        #expect(state.silencePrompt?.duration == "")
    }

    @Test func enterOpensTheGroupWithItsSeriesTiersAndValues() {
        var state = alertsFocused()
        _ = state.handle(.enter, snapshot: snapshot)
        #expect(state.breadcrumb == ["Alerts", "ai_request_success page"])
        var grid = Fixture.rendered(snapshot, state: state)
        #expect(grid.text.contains("Alerts › ai_request_success page"))
        for series in Fixture.incidentSeries { #expect(grid.text.contains(series.label + " "), "\(series.label)") }
        #expect(grid.line(containing: "model:llama-3").contains("1h/5m"))
        #expect(grid.line(containing: "model:llama-3").contains("21.0x"))
        #expect(grid.text.contains("7 shown · 7 inhibited hidden (i)"))
        #expect(!grid.text.contains("6h/30m"))
        _ = state.handle(.char("i"), snapshot: snapshot)
        grid = Fixture.rendered(snapshot, state: state)
        #expect(grid.text.contains("6h/30m"))
        #expect(grid.style(of: "inhib ")?.role == .dim)
        // s here silences the same group.
        _ = state.handle(.char("s"), snapshot: snapshot)
        #expect(state.silencePrompt?.subject == "ai_request_success page")
        _ = state.handle(.escape, snapshot: snapshot)
        _ = state.handle(.escape, snapshot: snapshot)
        #expect(state.overlays.isEmpty)
        #expect(Fixture.rendered(snapshot, state: state, width: 80, height: 24).isWellFormed)
    }

    @Test func theSLORowSaysFiringOnlyWhileAnAlertOfItFires() {
        // The fixture's SLO tiers fire; with no alert listed yet, the row is pending.
        var quiet = snapshot
        quiet.alerting.alerts = []
        let pending = Fixture.rendered(quiet, state: DashboardState(), width: 120, height: 40)
        #expect(pending.line(containing: "ai_request_success").contains("pend "), "\(pending.text)")
        #expect(pending.text.contains("no active alerts"))
        let firing = Fixture.rendered(snapshot, state: DashboardState(), width: 120, height: 40)
        #expect(firing.line(containing: "ai_request_success").hasPrefix("│crit "))
        // An alert still pending makes the row pending, not crit.
        var early = snapshot
        early.alerting.alerts = [ListedAlert(alert: Fixture.tracked(
            Fixture.burnLabels(Fixture.alerts[0]), activeAt: Fixture.now - 30_000))]
        let grid = Fixture.rendered(early, state: DashboardState(focus: .funnel), width: 120, height: 40)
        #expect(grid.line(containing: "ai_request_success").hasPrefix("│pend "))
        #expect(grid.style(of: "pend ")?.role == .warn)
    }
}
