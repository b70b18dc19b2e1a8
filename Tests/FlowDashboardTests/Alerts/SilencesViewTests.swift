import FlowCore
import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

/// `S` lists every silence; ↑↓ select one, `x` expires it, Esc goes back.
@Suite("The silences view")
struct SilencesViewTests {
    let snapshot = Fixture.silencedSnapshot()

    func opened(from focus: DashboardPane = .slos, selecting alert: String? = nil) -> DashboardState {
        var state = DashboardState.perAlert(focus: focus)
        if let alert {
            state.selectedAlert = snapshot.alerting.alerts.first { $0.alert.labels.pairs.contains { $0.value == alert } }?
                .alert.fingerprint
        }
        _ = state.handle(.char("S"), snapshot: snapshot)
        return state
    }

    func rendered(_ state: DashboardState, width: Int = 120, height: Int = 40) -> CellGrid {
        Fixture.rendered(snapshot, state: state, width: width, height: height)
    }

    @Test func capitalSOpensItFromAnywhereAndEscOrSAgainLeadBack() {
        var state = DashboardState()
        #expect(state.handle(.char("S"), snapshot: snapshot) == .redraw)
        #expect(state.breadcrumb == ["Alerts", "silences"])
        #expect(state.handle(.char("S"), snapshot: snapshot) == .redraw)
        #expect(state.overlays.isEmpty)
        state.overlays = [.detail("ai_request_success")]
        _ = state.handle(.char("S"), snapshot: snapshot)
        #expect(state.breadcrumb == ["SLOs", "ai_request_success", "silences"])
        _ = state.handle(.escape, snapshot: snapshot)
        #expect(state.overlays == [.detail("ai_request_success")])
    }

    @Test func everySilenceIsListedInTheEnginesOrderWithWhatItIsAndMutes() {
        let grid = rendered(opened())
        let ids = ["silence-1", "silence-2", "silence-3", "silence-4"]
        let rows = ids.map { id in grid.text.split(separator: "\n").firstIndex { $0.contains("│ " + id) } }
        #expect(rows.allSatisfy { $0 != nil } && rows.compactMap { $0 } == rows.compactMap { $0 }.sorted(), "\(grid.text)")
        let exact = grid.line(containing: "│ silence-1")
        for text in ["active", #"alertname="ErrorBudgetBurn""#, "2m ago", "in 58m", "ana", "deploy of"] {
            #expect(exact.contains(text), "\(text) in \(exact)")
        }
        let broad = grid.line(containing: "│ silence-2")
        #expect(broad.contains(#"severity="ticket""#) && broad.contains("ops") && broad.contains("in 4h 0m"))
        // It mutes the cost rule, the inhibited ticket and the acme ticket; not the
        // resolved ticket, which it matches too.
        #expect(broad.contains("ops            3 quiet hours"), "\(broad)")
        #expect(exact.contains("ana            1 deploy"), "\(exact)")
        let pending = grid.line(containing: "│ silence-3")
        #expect(pending.contains("pending") && pending.contains("in 30m") && pending.contains("bob            0 planned"))
        let expired = grid.line(containing: "│ silence-4")
        #expect(expired.contains("expired") && expired.contains("2h 0m ago") && expired.contains("ana            – load"))
        #expect(grid.style(of: "pending", inLineContaining: "│ silence-3")?.role == .warn)
        #expect(grid.style(of: "active", inLineContaining: "│ silence-2")?.role == .ok)
        #expect(grid.style(of: "expired", inLineContaining: "│ silence-4")?.role == .dim)
        #expect(grid.line(containing: "Silences").contains("2 active · 1 pending · 1 expired"))
    }

    @Test func arrowsMoveTheSelectionAndXExpiresTheSelectedSilence() {
        var state = opened()
        #expect(rendered(state).style(of: "silence-1 ")?.selected == true)
        #expect(state.handle(.down, snapshot: snapshot) == .redraw)
        #expect(state.selectedSilence(in: snapshot)?.silence.id == "silence-2")
        #expect(rendered(state).style(of: "silence-2 ")?.selected == true)
        let command = state.handle(.char("x"), snapshot: snapshot)
        #expect(command == .expireSilences(ids: ["silence-2"], alert: nil))
        state.finish(command, .done)
        #expect(state.notice == DashboardNotice("expired silence-2"))
        #expect(state.breadcrumb == ["Alerts", "silences"])   // still open, for the next one
        state.finish(command, .refused("silence-2 had expired already"))
        #expect(state.notice == DashboardNotice("silence-2 had expired already", isError: true))
    }

    @Test func xHandsTheSelectionToTheNextSilenceSoXXExpiresOneAfterTheOther() {
        var state = opened()
        #expect(state.handle(.char("x"), snapshot: snapshot) == .expireSilences(ids: ["silence-1"], alert: nil))
        var book = Fixture.silenceBook
        _ = book.expire(id: "silence-1", at: Fixture.now)
        let later = Fixture.silencedSnapshot(book)
        // silence-2 took the first row.
        #expect(state.selectedSilence(in: later)?.silence.id == "silence-2")
        #expect(later.alerting.silences.first?.silence.id == "silence-2")
        #expect(state.handle(.char("x"), snapshot: later) == .expireSilences(ids: ["silence-2"], alert: nil))
        #expect(state.selectedSilence(in: later)?.silence.id == "silence-3")
        // The last in force: once expired, it heads the expired ones, in the same row.
        #expect(state.handle(.char("x"), snapshot: later) == .expireSilences(ids: ["silence-3"], alert: nil))
        #expect(state.selectedSilence(in: later)?.silence.id == "silence-3")
    }

    @Test func xOnAnExpiredSilenceSaysSoAndAsksNothing() {
        var state = opened()
        #expect(state.handle(.end, snapshot: snapshot) == .redraw)
        #expect(state.handle(.char("x"), snapshot: snapshot) == .redraw)
        #expect(state.notice == DashboardNotice("silence-4 has expired already", isError: true))
        _ = state.handle(.down, snapshot: snapshot)   // the last row: stays
        #expect(state.selectedSilence(in: snapshot)?.silence.id == "silence-4")
    }

    @Test func theSelectionFollowsTheSilenceWhenTheListReorders() {
        var state = opened()
        _ = state.handle(.down, snapshot: snapshot)
        var book = Fixture.silenceBook
        _ = book.expire(id: "silence-1", at: Fixture.now)
        let later = Fixture.silencedSnapshot(book)
        #expect(later.alerting.silences.first?.silence.id == "silence-2")
        #expect(state.selectedSilence(in: later)?.silence.id == "silence-2")
        #expect(Fixture.rendered(later, state: state).style(of: "silence-2 ")?.selected == true)
    }

    @Test func openedFromTheAlertsPaneItStartsOnTheSelectedAlertsSilence() {
        let state = opened(from: .alerts, selecting: "AICostHigh")
        #expect(state.selectedSilence(in: snapshot)?.silence.id == "silence-2")
        #expect(opened(from: .slos).selectedSilence(in: snapshot)?.silence.id == "silence-1")
    }

    @Test func theSelectedSilenceIsShownWholeUnderTheTable() {
        var state = opened()
        _ = state.handle(.down, snapshot: snapshot)
        let grid = rendered(state)
        #expect(grid.text.contains(#"silence-2 {severity="ticket"}"#))
        let mutes = grid.line(containing: "mutes AICostHigh")
        #expect(mutes.contains("AICostHigh team=revenue, ai_request_success 3d/6h, message_processing_latency · "
                               + "tenant:acme 3d/6h"), "\(mutes)")
        #expect(grid.text.contains("by ops: quiet hours"))
        _ = state.handle(.down, snapshot: snapshot)
        #expect(rendered(state).text.contains("mutes nothing while pending"))
    }

    @Test func withNoSilencesItSaysHowToMakeOne() {
        var empty = snapshot
        empty.alerting.silences = []
        var state = DashboardState()
        _ = state.handle(.char("S"), snapshot: empty)
        let grid = Fixture.rendered(empty, state: state)
        #expect(grid.text.contains("no silences: s on an alert in the Alerts pane silences it"))
        #expect(state.handle(.char("x"), snapshot: empty) == .none)
    }

    @Test func theFooterNamesTheViewsKeys() {
        let footer = rendered(opened()).row(39)
        for key in ["esc back", "↑↓ select", "x expire", "? help"] { #expect(footer.contains(key), "\(footer)") }
    }

    @Test("well-formed at every size", arguments: [(120, 40), (80, 24), (60, 16), (200, 60)])
    func wellFormed(width: Int, height: Int) {
        #expect(rendered(opened(), width: width, height: height).isWellFormed)
        let ascii = DashboardContext(socketPath: Fixture.socketPath, asciiOnly: true)
        #expect(Fixture.rendered(snapshot, state: opened(), width: width, height: height, context: ascii).isWellFormed)
    }
}
