import FlowCore
import FlowDashboard
import Testing
import TerminalUI

@Suite("Keys of the funnel")
struct FunnelKeyTests {
    func press(_ key: Key, _ state: inout DashboardState) -> DashboardCommand {
        state.handle(key, snapshot: Fixture.snapshot(for: state))
    }

    /// The funnel pane focused, `rows` rows down, Enter pressed.
    func stageOpened(rowsDown rows: Int = 2) -> DashboardState {
        var state = DashboardState(focus: .funnel)
        for _ in 0..<rows { _ = press(.down, &state) }
        _ = press(.enter, &state)
        return state
    }

    @Test func theDefaultQueryIsThirtyDaysWithoutBreakdown() {
        let query = DashboardState().query.funnel
        #expect(query.periodDays == 30 && query.breakdown == .none)
    }

    @Test func pCyclesThePeriodThroughSevenThirtyAndNinetyDaysAndAsksTheEngine() {
        var state = DashboardState(focus: .funnel)
        var seen: [Int] = []
        for _ in 0..<4 {
            #expect(press(.char("p"), &state) == .refresh)
            seen.append(state.query.funnel.periodDays)
        }
        #expect(seen == [90, 7, 30, 90])
        #expect(!state.isPaused)
    }

    @Test func aPeriodSetElsewhereMovesToTheNextLongerOne() {
        var state = DashboardState(focus: .funnel)
        state.funnel.periodDays = 14
        _ = press(.char("p"), &state)
        #expect(state.query.funnel.periodDays == 30)
        state.funnel.periodDays = 365
        _ = press(.char("p"), &state)
        #expect(state.query.funnel.periodDays == 7)
    }

    @Test func bCyclesTheBreakdownNoneSourceTenant() {
        var state = DashboardState(focus: .funnel)
        var seen: [FunnelBreakdown] = []
        for _ in 0..<3 {
            #expect(press(.char("b"), &state) == .refresh)
            seen.append(state.query.funnel.breakdown)
        }
        #expect(seen == [.source, .tenant, .none])
    }

    @Test("p and b do nothing outside the funnel pane", arguments: [DashboardPane.slos, .alerts, .attribution])
    func pAndBOnlyInTheFunnelPane(pane: DashboardPane) {
        var state = DashboardState(focus: pane)
        #expect(press(.char("p"), &state) == .none)
        #expect(press(.char("b"), &state) == .none)
        #expect(state.query.funnel == FunnelQuery())
    }

    @Test func pAndBDoNothingInTheSLODetail() {
        var state = DashboardState(focus: .funnel)
        state.overlays = [.detail("ai_request_success")]
        #expect(press(.char("p"), &state) == .none)
        #expect(press(.char("b"), &state) == .none)
    }

    @Test func enterOnAStageOpensItAndEscClosesIt() {
        var state = DashboardState(focus: .funnel)
        _ = press(.down, &state)
        _ = press(.down, &state)
        #expect(press(.enter, &state) == .redraw)
        #expect(state.overlays == [.funnelStage(.qualified)])
        #expect(state.funnelStage == .qualified)
        #expect(state.breadcrumb == ["Funnel", "qualified"])
        #expect(state.query.detail == nil)   // the stage comes from the snapshot's analysis
        #expect(press(.escape, &state) == .redraw)
        #expect(state.overlay == nil)
        #expect(state.breadcrumb == ["Funnel"])
    }

    @Test func arrowsInTheStageViewMoveBetweenStagesWithinBounds() {
        var state = stageOpened()
        #expect(press(.down, &state) == .redraw)
        #expect(state.overlay == .funnelStage(.meeting))
        #expect(state.breadcrumb == ["Funnel", "meeting"])
        _ = press(.end, &state)
        #expect(state.overlay == .funnelStage(.won))
        #expect(press(.char("j"), &state) == .none)   // won is the last stage
        _ = press(.home, &state)
        #expect(state.overlay == .funnelStage(.leadCreated))
        #expect(press(.up, &state) == .none)
        _ = press(.char("j"), &state)
        #expect(state.overlays == [.funnelStage(.contacted)])   // moved, not stacked
        // The pane's selection follows, so Esc comes back to the stage last shown.
        _ = press(.escape, &state)
        #expect(state.selectedRow(in: .funnel) == 1)
    }

    @Test func pAndBWorkInTheStageViewAndKeepItOpen() {
        var state = stageOpened()
        #expect(press(.char("p"), &state) == .refresh)
        #expect(press(.char("b"), &state) == .refresh)
        #expect(state.query.funnel.periodDays == 90 && state.query.funnel.breakdown == .source)
        #expect(state.overlay == .funnelStage(.qualified))
    }

    @Test func otherKeysInTheStageView() {
        var state = stageOpened()
        #expect(press(.char("s"), &state) == .none)
        #expect(press(.char("3"), &state) == .none)
        #expect(press(.enter, &state) == .none)
        #expect(press(.tab, &state) == .none)
        #expect(press(.char("t"), &state) == .redraw)   // the tenant picker opens everywhere
        _ = press(.down, &state)
        #expect(press(.enter, &state) == .refresh)
        #expect(state.query.tenant == "acme")
        #expect(press(.char(" "), &state) == .redraw)
        #expect(state.isPaused)
        #expect(press(.char("?"), &state) == .redraw)
        #expect(state.overlays == [.funnelStage(.qualified), .help])
        #expect(state.funnelStage == .qualified)   // still drawn under the help
        #expect(press(.down, &state) == .none)     // help has the keys now
        _ = press(.escape, &state)
        #expect(state.overlay == .funnelStage(.qualified))
    }
}
