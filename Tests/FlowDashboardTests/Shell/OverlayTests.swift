import FlowCore
import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

@Suite("Overlays")
struct OverlayTests {
    func rendered(_ overlay: DashboardOverlay, width: Int = 120, height: Int = 40) -> CellGrid {
        var state = DashboardState()
        state.overlays = [overlay]
        return Fixture.rendered(Fixture.snapshot(), state: state, width: width, height: height)
    }

    @Test func helpIsACentredBoxListingTheKeys() {
        let grid = rendered(.help)
        #expect(grid.text.contains("SLOs › help"))
        for action in ["quit", "next / previous pane", "next attribution model", "pick a tenant", "filter the focused list",
                       "pause / resume", "rejected lines by reason", "back one level", "sort SLOs",
                       "detail chart range: 1h 6h 1d 3d 30d", "previous / next SLO",
                       "funnel period: 7, 30, 90 days", "funnel breakdown: none, source, tenant", "funnel stage"] {
            #expect(grid.text.contains(action), "\(action)")
        }
        #expect(grid.line(containing: "pause / resume").contains("space  "))
        #expect(!grid.line(containing: "pause / resume").contains(" p "))
        // The panes stay visible around it.
        #expect(grid.text.contains("Funnel"))
        #expect(grid.isWellFormed)
    }

    @Test func helpOverTheDetailKeepsTheDetailBehindIt() {
        var state = DashboardState()
        state.overlays = [.detail("ai_request_success"), .help]
        let grid = Fixture.rendered(Fixture.snapshot(for: state), state: state)
        #expect(grid.text.contains("SLOs › ai_request_success › help"))
        #expect(grid.text.contains("SLOs › ai_request_success ─"))
        #expect(grid.isWellFormed)
    }

    @Test func rejectedListsReasonsMostFrequentFirst() {
        let grid = rendered(.rejected)
        let missing = grid.line(containing: "missing_field")
        #expect(missing.contains("9"))
        #expect(missing.contains("75%"))
        #expect(grid.text.contains("total 12"))
        let rows = grid.text.split(separator: "\n")
        let first = rows.firstIndex { $0.contains("missing_field") } ?? 0
        let second = rows.firstIndex { $0.contains("invalid_json") } ?? 0
        #expect(first < second)
    }

    @Test func rejectedWithNoneSaysSo() {
        var state = DashboardState()
        state.overlays = [.rejected]
        var snapshot = Fixture.snapshot()
        snapshot.ingest.rejected = RejectionCounts()
        #expect(Fixture.rendered(snapshot, state: state).text.contains("no rejected lines"))
    }
}
