import FlowCore
import FlowDashboard
import Testing
import TerminalUI

@Suite("Keys in the SLO detail")
struct DetailKeyTests {
    /// The detail of the paging SLO open, its breakdown in the snapshot.
    func opened(_ state: DashboardState = DashboardState()) -> DashboardState {
        var state = state
        _ = state.handle(.enter, snapshot: Fixture.snapshot(for: state))
        return state
    }

    func press(_ key: Key, _ state: inout DashboardState) -> DashboardCommand {
        state.handle(key, snapshot: Fixture.snapshot(for: state))
    }

    @Test func theMainViewAsksForNoDetail() {
        #expect(DashboardState().query.detail == nil)
    }

    @Test func openingAnSLOAsksForItsTotalOverSixHours() {
        #expect(opened().query.detail == SLODetailQuery(slo: "ai_request_success", series: .total, range: .h6))
    }

    @Test func withATenantFilterTheSLOLevelShowsThatTenant() {
        let state = opened(DashboardState(tenant: "acme"))
        #expect(state.query.detail?.series == .tenant("acme"))
        #expect(state.breadcrumb == ["SLOs", "ai_request_success"])
    }

    @Test("keys 1-5 choose the chart range", arguments: [
        (Character("1"), SLOHistoryRange.h1), ("2", .h6), ("3", .d1), ("4", .d3), ("5", .d30),
    ])
    func rangeKeys(key: Character, range: SLOHistoryRange) {
        var state = opened()
        let command = press(.char(key), &state)
        #expect(state.query.detail?.range == range)
        #expect(command == (range == .h6 ? .none : .refresh))
    }

    @Test func digitsOutsideTheDetailDoNothing() {
        var state = DashboardState()
        #expect(press(.char("5"), &state) == .none)
        #expect(state.historyRange == .h6)
    }

    @Test func arrowsSelectBreakdownRowsWithinBounds() {
        var state = opened()
        #expect(press(.down, &state) == .redraw)
        #expect(state.detailLevel?.selected == .model("gpt-4o"))
        for _ in 0..<10 { _ = press(.down, &state) }
        #expect(state.detailLevel?.selected == .tenant("initech"))   // the last of five
        #expect(press(.down, &state) == .none)
        _ = press(.home, &state)
        #expect(state.detailLevel?.selected == .tenant("acme"))
        #expect(state.query.detail?.series == .total)   // selecting alone asks for nothing new
    }

    @Test func theSelectionFollowsItsSeriesWhenTheOrderChanges() {
        var state = opened()
        _ = press(.down, &state)   // model:gpt-4o, second by burn
        var snapshot = Fixture.snapshot(for: state)
        snapshot.detail?.breakdown.removeAll { $0.series == .tenant("acme") }
        #expect(state.detailLevel?.selectedIndex(in: state.sortedBreakdown(snapshot)) == 0)
        _ = state.handle(.enter, snapshot: snapshot)
        #expect(state.query.detail?.series == .model("gpt-4o"))
    }

    @Test func enterOnABreakdownRowPushesThatSeries() {
        var state = opened()
        _ = press(.down, &state)   // worst first: acme pages, then gpt-4o
        #expect(press(.enter, &state) == .refresh)
        #expect(state.overlays == [.detail("ai_request_success", selected: .model("gpt-4o")),
                                   .detail("ai_request_success", .model("gpt-4o"), selected: .model("gpt-4o"))])
        #expect(state.breadcrumb == ["SLOs", "ai_request_success", "model:gpt-4o"])
        #expect(state.query.detail == SLODetailQuery(slo: "ai_request_success", series: .model("gpt-4o")))
    }

    @Test func enterOnAnotherRowOfASeriesLevelSwapsTheSeries() {
        var state = opened()
        _ = press(.enter, &state)   // tenant:acme
        _ = press(.down, &state)
        _ = press(.enter, &state)
        #expect(state.breadcrumb == ["SLOs", "ai_request_success", "model:gpt-4o"])
        #expect(state.overlays.count == 2)
    }

    @Test func escGoesBackFromSeriesToSLOToMain() {
        var state = opened()
        _ = press(.enter, &state)
        #expect(state.query.detail?.series == .tenant("acme"))
        #expect(press(.escape, &state) == .refresh)
        #expect(state.breadcrumb == ["SLOs", "ai_request_success"])
        #expect(state.query.detail?.series == .total)
        #expect(state.detailLevel?.selected == .tenant("acme"))   // the row drilled into stays selected
        _ = press(.escape, &state)
        #expect(state.overlays.isEmpty)
        #expect(state.query.detail == nil)
    }

    @Test func bracketsPageThroughTheSLOsInTheSortedOrder() {
        var state = opened()
        #expect(press(.char("]"), &state) == .refresh)
        #expect(state.detailLevel?.slo == "message_processing_latency")
        #expect(state.selectedRow(in: .slos) == 1)
        _ = press(.char("]"), &state)
        _ = press(.char("]"), &state)   // stays on the last
        #expect(state.detailLevel?.slo == "ai_response_latency")
        _ = press(.char("["), &state)
        #expect(state.detailLevel?.slo == "message_processing_latency")
    }

    @Test func bracketsKeepADrilledSeries() {
        var state = opened()
        _ = press(.enter, &state)   // tenant:acme
        _ = press(.char("]"), &state)
        #expect(state.overlays == [.detail("message_processing_latency"),
                                   .detail("message_processing_latency", .tenant("acme"), selected: .tenant("acme"))])
        #expect(state.breadcrumb == ["SLOs", "message_processing_latency", "tenant:acme"])
    }

    @Test func sCyclesTheBreakdownOrderKeepingTheSelectedSeries() {
        var state = opened()
        _ = press(.down, &state)   // model:gpt-4o
        #expect(press(.char("s"), &state) == .redraw)
        #expect(state.breakdownSort == .name)
        let rows = state.sortedBreakdown(Fixture.snapshot(for: state))
        #expect(rows.map(\.series.label)
            == ["tenant:acme", "tenant:globex", "tenant:initech", "model:claude-3.5", "model:gpt-4o"])
        #expect(state.detailLevel?.selectedIndex(in: rows) == 4)
        _ = press(.char("s"), &state)
        #expect(state.breakdownSort == .events)
        let byEvents = state.sortedBreakdown(Fixture.snapshot(for: state))
        #expect(byEvents.first?.series == .model("gpt-4o"))
        #expect(state.detailLevel?.selectedIndex(in: byEvents) == 0)
        #expect(state.sloSort == .burn)   // the SLO pane's order is its own
    }

    @Test func tabDoesNothingInTheDetail() {
        var state = opened()
        #expect(press(.tab, &state) == .none)
        #expect(state.focus == .slos)
    }
}
