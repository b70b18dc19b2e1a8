import FlowCore
import FlowDashboard
import Testing
import TerminalUI

/// `/` filters the focused pane's list by a case-insensitive regular expression, as k9s
/// does: typed in the footer, kept on Enter and shown in the pane's title, cleared by Esc.
@Suite("The / filter")
struct ListFilterTests {
    let snapshot = Fixture.snapshot()

    func typed(_ text: String, into state: inout DashboardState) {
        for character in text { _ = state.handle(.char(character), snapshot: snapshot) }
    }

    func filtered(_ pattern: String, focus: DashboardPane = .slos) -> DashboardState {
        var state = DashboardState(focus: focus)
        _ = state.handle(.char("/"), snapshot: snapshot)
        typed(pattern, into: &state)
        _ = state.handle(.enter, snapshot: snapshot)
        return state
    }

    @Test func slashOpensThePromptInTheFooterForTheFocusedPane() {
        var state = DashboardState()
        #expect(state.handle(.char("/"), snapshot: snapshot) == .redraw)
        typed("lat", into: &state)
        #expect(state.filterPrompt?.pane == .slos)
        let grid = Fixture.rendered(snapshot, state: state)
        #expect(grid.row(39).contains("/lat_"))
        #expect(grid.row(39).contains("enter keep"))
        // The list follows the typing.
        #expect(state.visible(snapshot).slos.map(\.name).sorted() == ["ai_response_latency", "message_processing_latency"])
        #expect(grid.text.contains("ai_response_latency"))
        #expect(!grid.text.contains("crit ai_request_success"))
    }

    @Test func enterKeepsTheFilterAndThePaneTitleShowsIt() {
        let state = filtered("AI_")   // case does not matter
        #expect(state.filterPrompt == nil)
        #expect(state.filters[.slos] == "AI_")
        let grid = Fixture.rendered(snapshot, state: state)
        #expect(grid.line(containing: "SLOs").contains("/AI_"))
        #expect(grid.text.contains("ai_request_success") && grid.text.contains("ai_response_latency"))
        #expect(!grid.text.contains("message_processing_latency"))
        // The footer has its keys back.
        #expect(grid.row(39).contains("quit"))
    }

    @Test func keysMoveOverTheFilteredRowsOnly() {
        var state = filtered("latency$")
        _ = state.handle(.down, snapshot: snapshot)
        _ = state.handle(.down, snapshot: snapshot)
        // Two rows listed: the selection stops on the second, and Enter opens it.
        _ = state.handle(.enter, snapshot: snapshot)
        let opened = state.detailLevel?.slo
        #expect(opened == "ai_response_latency" || opened == "message_processing_latency")
        #expect(opened != "ai_request_success")
    }

    @Test func anInvalidRegexIsRefusedInWordsAndTheOldFilterStays() {
        var state = filtered("ai_")
        _ = state.handle(.char("/"), snapshot: snapshot)
        _ = state.handle(.char("\u{15}"), snapshot: snapshot)   // Ctrl-U: start over
        typed("(ai", into: &state)
        _ = state.handle(.enter, snapshot: snapshot)
        #expect(state.filterPrompt?.error?.hasPrefix("not a regular expression: /(ai/") == true)
        #expect(state.filters[.slos] == "ai_")
        let grid = Fixture.rendered(snapshot, state: state)
        #expect(grid.row(39).contains("not a regular expression"))
        // Meanwhile the list keeps the old filter rather than showing everything.
        #expect(!grid.text.contains("message_processing_latency"))
    }

    @Test func escClearsTheFilterFromThePromptOrTheMainView() {
        var state = filtered("ai_")
        _ = state.handle(.char("/"), snapshot: snapshot)
        _ = state.handle(.escape, snapshot: snapshot)
        #expect(state.filters[.slos] == nil && state.filterPrompt == nil)
        state = filtered("ai_")
        #expect(state.handle(.escape, snapshot: snapshot) == .redraw)
        #expect(state.filters[.slos] == nil)
        #expect(Fixture.rendered(snapshot, state: state).text.contains("message_processing_latency"))
    }

    @Test func ctrlWDeletesAWordAndBackspaceACharacter() {
        var line = LineEditor("tenant acme")
        var edited = line.apply(.char("\u{17}"))
        #expect(edited && line.text == "tenant ")
        edited = line.apply(.char("\u{17}"))
        #expect(edited && line.text == "")
        _ = line.apply(.char("a"))
        _ = line.apply(.char("b"))
        edited = line.apply(.backspace)
        #expect(edited && line.text == "a")
        edited = line.apply(.enter)
        #expect(!edited && line.text == "a")
    }

    @Test func eachPaneFiltersItsOwnRows() {
        let alerts = filtered("acme", focus: .alerts)
        let listed = alerts.visible(snapshot).alerting.alerts
        #expect(!listed.isEmpty && listed.count < snapshot.alerting.alerts.count)
        #expect(listed.allSatisfy { $0.alert.labels["tenant"] == "acme" })
        let funnel = filtered("^(won|lost)$|qualified", focus: .funnel)
        #expect(funnel.visible(snapshot).funnel.stages.map(\.stage.name) == ["qualified", "won"])
        let attribution = filtered("^w", focus: .attribution)
        let channels = attribution.visible(snapshot).attribution.rows.map(\.channel)
        #expect(!channels.isEmpty && channels.allSatisfy { $0.hasPrefix("w") })
        // The other panes are untouched.
        #expect(attribution.visible(snapshot).slos.count == snapshot.slos.count)
    }

    @Test func theHelpAndTheFooterNameTheSlashKey() {
        var state = DashboardState()
        state.overlays = [.help]
        #expect(Fixture.rendered(snapshot, state: state).text.contains("filter the focused list by a regex"))
    }
}
