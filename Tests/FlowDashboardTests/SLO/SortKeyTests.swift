import FlowCore
import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

@Suite("Sorting the SLOs")
struct SortKeyTests {
    let snapshot = Fixture.snapshot()

    func names(_ state: DashboardState) -> [String] { state.sortedSLOs(snapshot).map(\.name) }

    @Test func worstFirstByDefault() {
        #expect(names(DashboardState()) == ["ai_request_success", "message_processing_latency", "ai_response_latency"])
    }

    @Test func sCyclesBurnNameBudgetOnTheSLOPane() {
        var state = DashboardState()
        #expect(state.handle(.char("s"), snapshot: snapshot) == .redraw)
        #expect(state.sloSort == .name)
        #expect(names(state) == ["ai_request_success", "ai_response_latency", "message_processing_latency"])
        _ = state.handle(.char("s"), snapshot: snapshot)
        #expect(state.sloSort == .budget)
        #expect(names(state) == ["message_processing_latency", "ai_request_success", "ai_response_latency"])
        _ = state.handle(.char("s"), snapshot: snapshot)
        #expect(state.sloSort == .burn)
    }

    @Test func sKeepsTheSelectedSLOSelected() {
        var state = DashboardState()
        _ = state.handle(.down, snapshot: snapshot)   // message_processing_latency
        _ = state.handle(.char("s"), snapshot: snapshot)
        #expect(state.selectedRow(in: .slos) == 2)
        _ = state.handle(.enter, snapshot: snapshot)
        #expect(state.overlay == .detail("message_processing_latency"))
    }

    @Test func theHighlightFollowsTheSLOWhenLiveDataReordersThePane() {
        var state = DashboardState()
        _ = state.handle(.down, snapshot: snapshot)   // message_processing_latency, row 1
        #expect(state.selectedSLO == "message_processing_latency")
        // The next frame: ai_response_latency starts paging and moves to the top.
        var next = snapshot
        let i = next.slos.firstIndex { $0.name == "ai_response_latency" } ?? 0
        next.slos[i] = Fixture.slo("ai_response_latency", objective: 0.99, sli: 0.9, budget: -2,
                                   burns: [.m5: 90, .h1: 80, .h6: 60], firing: [0])
        #expect(state.sortedSLOs(next).map(\.name).first == "ai_response_latency")
        let row = state.sloRow(in: next)
        #expect(row.map { state.sortedSLOs(next)[$0].name } == "message_processing_latency")
        _ = state.handle(.enter, snapshot: next)
        #expect(state.overlay == .detail("message_processing_latency"))
    }

    @Test func sInTheFunnelDoesNothing() {
        var state = DashboardState(focus: .funnel)
        #expect(state.handle(.char("s"), snapshot: snapshot) == .none)
        #expect(state.sloSort == .burn)
    }

    @Test func sInTheAlertsPaneSilencesRatherThanSorts() {
        var state = DashboardState(focus: .alerts)
        #expect(state.handle(.char("s"), snapshot: snapshot) == .redraw)
        #expect(state.silencePrompt != nil)
        #expect(state.sloSort == .burn)
    }

    @Test func firingSeverityBeatsAHigherBurnAndNoDataGoesLast() {
        let quietButHot = Fixture.slo("hot", objective: 0.99, sli: 0.98, budget: 0.1, burns: [.h1: 50])
        let ticket = Fixture.slo("ticket", objective: 0.99, sli: 0.99, budget: 0.5, burns: [.h1: 2], firing: [3])
        let page = Fixture.slo("page", objective: 0.99, sli: 0.99, budget: 0.5, burns: [.h1: 20], firing: [0])
        let inhibitedOnly = Fixture.slo("inhibited", objective: 0.99, sli: 0.99, budget: 0.5, burns: [.h1: 1],
                                        inhibited: [3])
        let empty = Fixture.slo("a_empty", objective: 0.99, sli: nil, budget: nil, burns: [:])
        let sorted = SLOSortOrder.burn.sorted([empty, inhibitedOnly, quietButHot, ticket, page]).map(\.name)
        #expect(sorted == ["page", "ticket", "hot", "inhibited", "a_empty"])
        #expect(SLOSortOrder.budget.sorted([empty, page, quietButHot]).map(\.name) == ["hot", "page", "a_empty"])
    }

    @Test func thePaneShowsTheOrderInItsTitleAndRows() {
        var state = DashboardState()
        let grid = Fixture.rendered(snapshot, state: state)
        #expect(grid.text.contains("SLOs (2 burning) · by burn  [s]"))
        let rows = ["crit ai_request_success", "warn message_processing_latency", "ok   ai_response_latency"]
            .map { row in (0..<grid.height).first { grid.row($0).contains(row) } ?? -1 }
        #expect(rows.allSatisfy { $0 > 0 } && rows == rows.sorted())
        state.sloSort = .name
        let byName = Fixture.rendered(snapshot, state: state)
        #expect(byName.text.contains("· by name  [s]"))
        let first = (0..<byName.height).first { byName.row($0).contains("ai_request_success") } ?? -1
        let second = (0..<byName.height).first { byName.row($0).contains("ai_response_latency") } ?? -1
        #expect(first < second)
        // The selection highlights the first row shown, whatever the order.
        #expect(byName.style(of: "crit ai_request_success")?.selected == true)
    }
}
