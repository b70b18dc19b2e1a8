import FlowCore
import FlowDashboard
import Testing
import TerminalUI

@Suite("Keys")
struct KeyMapTests {
    let snapshot = Fixture.snapshot()

    @Test func qAndCtrlCQuit() {
        var state = DashboardState()
        #expect(state.handle(.char("q"), snapshot: snapshot) == .quit)
        #expect(state.handle(.interrupt, snapshot: snapshot) == .quit)
        state.overlays = [.help]
        #expect(state.handle(.char("q"), snapshot: snapshot) == .quit)
    }

    @Test func tabCyclesFocusForwardAndShiftTabBack() {
        var state = DashboardState()
        var seen: [DashboardPane] = []
        for _ in 0..<4 {
            #expect(state.handle(.tab, snapshot: snapshot) == .redraw)
            seen.append(state.focus)
        }
        #expect(seen == [.alerts, .funnel, .attribution, .slos])
        _ = state.handle(.backTab, snapshot: snapshot)
        #expect(state.focus == .attribution)
    }

    @Test func arrowsAndJKMoveTheSelectionWithinBounds() {
        var state = DashboardState()
        #expect(state.handle(.up, snapshot: snapshot) == .none)   // already at the top
        #expect(state.selectedRow(in: .slos) == 0)
        _ = state.handle(.down, snapshot: snapshot)
        _ = state.handle(.char("j"), snapshot: snapshot)
        #expect(state.selectedRow(in: .slos) == 2)
        #expect(state.handle(.down, snapshot: snapshot) == .none)  // three SLOs
        #expect(state.selectedRow(in: .slos) == 2)
        _ = state.handle(.char("k"), snapshot: snapshot)
        #expect(state.selectedRow(in: .slos) == 1)
        _ = state.handle(.end, snapshot: snapshot)
        #expect(state.selectedRow(in: .slos) == 2)
        _ = state.handle(.home, snapshot: snapshot)
        #expect(state.selectedRow(in: .slos) == 0)
    }

    @Test func eachPaneKeepsItsOwnSelection() {
        var state = DashboardState()
        _ = state.handle(.down, snapshot: snapshot)
        _ = state.handle(.tab, snapshot: snapshot)
        _ = state.handle(.tab, snapshot: snapshot)
        for _ in 0..<10 { _ = state.handle(.down, snapshot: snapshot) }
        #expect(state.selectedRow(in: .funnel) == 5)   // six stages
        #expect(state.selectedRow(in: .slos) == 1)
    }

    @Test func selectionWithoutASnapshotStaysPut() {
        var state = DashboardState()
        #expect(state.handle(.down, snapshot: nil) == .none)
        #expect(state.handle(.enter, snapshot: nil) == .none)
    }

    @Test func enterOpensTheSelectedSLOInTheSortedOrderAndEscClosesIt() {
        var state = DashboardState()
        _ = state.handle(.down, snapshot: snapshot)   // worst first: the paging SLO, then the ticket
        #expect(state.handle(.enter, snapshot: snapshot) == .refresh)
        #expect(state.overlay == .detail("message_processing_latency"))
        #expect(state.breadcrumb == ["SLOs", "message_processing_latency"])
        #expect(state.handle(.escape, snapshot: snapshot) == .refresh)
        #expect(state.overlay == nil)
        #expect(state.breadcrumb == ["SLOs"])
        #expect(state.handle(.escape, snapshot: snapshot) == .none)   // main view: nothing to close
    }

    @Test func enterOnAnAlertGroupedByEveryLabelOpensItsSLOAndSeries() {
        var state = DashboardState.perAlert(focus: .alerts)
        _ = state.handle(.down, snapshot: snapshot)
        _ = state.handle(.enter, snapshot: snapshot)
        #expect(state.overlays == [.detail("message_processing_latency"),
                                   .detail("message_processing_latency", .tenant("acme"))])
        #expect(state.breadcrumb == ["Alerts", "message_processing_latency", "tenant:acme"])
        #expect(state.query.detail == SLODetailQuery(slo: "message_processing_latency", series: .tenant("acme")))
        _ = state.handle(.escape, snapshot: snapshot)
        #expect(state.breadcrumb == ["Alerts", "message_processing_latency"])
        #expect(state.query.detail?.series == .total)
    }

    @Test func enterOnATotalAlertGroupedByEveryLabelOpensOneLevel() {
        var state = DashboardState.perAlert(focus: .alerts)
        _ = state.handle(.enter, snapshot: snapshot)
        #expect(state.overlays == [.detail("ai_request_success")])
    }

    @Test func enterOnAGroupOpensItsViewThenItsSLOAndEscGoesBack() {
        var state = DashboardState(focus: .alerts)
        _ = state.handle(.enter, snapshot: snapshot)
        #expect(state.breadcrumb == ["Alerts", "ai_request_success page"])
        _ = state.handle(.enter, snapshot: snapshot)
        #expect(state.breadcrumb == ["Alerts", "ai_request_success page", "ai_request_success"])
        _ = state.handle(.escape, snapshot: snapshot)
        _ = state.handle(.escape, snapshot: snapshot)
        #expect(state.overlays.isEmpty)
    }

    @Test func mCyclesTheAttributionModelAndTheQuery() {
        var state = DashboardState()
        #expect(state.query.model == .linear)
        #expect(state.handle(.char("m"), snapshot: snapshot) == .refresh)
        #expect(state.query.model == .positionBased)
        var seen: [AttributionModel] = [.linear, .positionBased]
        for _ in 0..<6 {
            _ = state.handle(.char("m"), snapshot: snapshot)
            seen.append(state.query.model)
        }
        // Every model once, in the order of the enum, then back to linear.
        #expect(seen == [.linear, .positionBased, .wShaped, .timeDecay, .markov, .shapley, .firstTouch, .lastTouch])
        _ = state.handle(.char("m"), snapshot: snapshot)
        #expect(state.query.model == .linear)
    }

    /// `t` opens the tenant picker (`TenantPickerTests`); the choice refreshes the snapshot.
    @Test func tPicksATenantAndEnterAppliesIt() {
        var state = DashboardState()
        #expect(state.handle(.char("t"), snapshot: snapshot) == .redraw)
        #expect(state.tenantPicker != nil)
        _ = state.handle(.down, snapshot: snapshot)
        #expect(state.handle(.enter, snapshot: snapshot) == .refresh)
        #expect(state.query.tenant == "acme")
        #expect(state.tenantPicker == nil)
    }

    @Test func spaceTogglesPause() {
        var state = DashboardState()
        #expect(state.handle(.char(" "), snapshot: snapshot) == .redraw)
        #expect(state.isPaused)
        _ = state.handle(.char(" "), snapshot: snapshot)
        #expect(!state.isPaused)
    }

    @Test func pNoLongerPauses() {
        for pane in DashboardPane.allCases {
            var state = DashboardState(focus: pane)
            _ = state.handle(.char("p"), snapshot: snapshot)
            #expect(!state.isPaused, "\(pane)")
        }
    }

    @Test func questionMarkTogglesHelpOverAnything() {
        var state = DashboardState()
        _ = state.handle(.enter, snapshot: snapshot)
        _ = state.handle(.char("?"), snapshot: snapshot)
        #expect(state.overlays == [.detail("ai_request_success"), .help])
        #expect(state.query.detail?.slo == "ai_request_success")   // still drawn under the help
        _ = state.handle(.char("?"), snapshot: snapshot)
        #expect(state.overlay == .detail("ai_request_success"))
        _ = state.handle(.char("?"), snapshot: snapshot)
        _ = state.handle(.escape, snapshot: snapshot)   // back one level: to the detail
        #expect(state.overlay == .detail("ai_request_success"))
    }

    @Test func rOpensRejectedByReason() {
        var state = DashboardState()
        _ = state.handle(.char("r"), snapshot: snapshot)
        #expect(state.overlay == .rejected)
        #expect(state.breadcrumb == ["SLOs", "rejected"])
    }

    @Test func resizeRedrawsAndUnknownKeysDoNothing() {
        var state = DashboardState()
        #expect(state.handle(.resize, snapshot: snapshot) == .redraw)
        #expect(state.handle(.char("y"), snapshot: snapshot) == .none)
        #expect(state == DashboardState())
    }
}
