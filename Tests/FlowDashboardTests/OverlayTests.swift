import FlowCore
import FlowDashboard
import Testing
import TerminalUI

@Suite("Overlays")
struct OverlayTests {
    func rendered(_ overlay: DashboardOverlay, width: Int = 120, height: Int = 40) -> CellGrid {
        var state = DashboardState()
        state.overlays = [overlay]
        return Fixture.rendered(Fixture.snapshot(), state: state, width: width, height: height)
    }

    @Test func sloDetailShowsBreadcrumbBurnPerWindowAndThresholds() {
        let grid = rendered(.sloDetail("ai_request_success"))
        #expect(grid.text.contains("SLOs › ai_request_success"))
        for window in BurnWindow.allCases {
            #expect(!grid.lines(containing: " \(window.rawValue) ").isEmpty, "\(window.rawValue)")
        }
        let fiveMinutes = grid.line(containing: "│ 5m ")
        #expect(fiveMinutes.contains("18.2"))
        #expect(fiveMinutes.contains("page >14.4 (1h/5m)"))
        #expect(grid.line(containing: "│ 6h ").contains("ticket >1.00 (3d/6h)"))
        #expect(grid.text.contains("41.0% left"))
        #expect(grid.text.contains("1d 4h at the current 1h burn of 15.1"))
        #expect(grid.text.contains("SLI, last 1h"))
        #expect(grid.line(containing: "1h/5m      >14.4").contains("FIRING"))
        #expect(grid.row(grid.height - 1).contains("esc back"))
        #expect(grid.isWellFormed)
    }

    @Test func sloDetailSaysNotBurningWithoutAnExhaustionTime() {
        let grid = rendered(.sloDetail("ai_response_latency"))
        #expect(grid.text.contains("not burning"))
        #expect(grid.text.contains("62.0% left"))
    }

    @Test func sloDetailForAnSLOGoneFromTheSnapshot() {
        let grid = rendered(.sloDetail("checkout_latency"))
        #expect(grid.text.contains("checkout_latency is not in this snapshot"))
    }

    @Test func sloDetailFitsTheSmallestScreen() {
        let grid = rendered(.sloDetail("ai_request_success"), width: 60, height: 16)
        #expect(grid.text.contains("ai_request_success"))
        #expect(grid.text.contains("18.2"))
        #expect(grid.isWellFormed)
    }

    @Test func helpIsACentredBoxListingTheKeys() {
        let grid = rendered(.help)
        #expect(grid.text.contains("SLOs › help"))
        for action in ["quit", "next / previous pane", "next attribution model", "next tenant filter",
                       "pause / resume", "rejected lines by reason", "back one level"] {
            #expect(grid.text.contains(action), "\(action)")
        }
        // The panes stay visible around it.
        #expect(grid.text.contains("Funnel"))
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
