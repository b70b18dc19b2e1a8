import FlowCore
import Testing

@testable import FlowDashboard

/// How an alert's SLO and series share one narrow cell.
@Suite struct SLOAndSeriesCellTests {
    @Test func wholeWhenItFits() {
        #expect(SLOText.sloAndSeries("ai_request_success", .tenant("acme"), width: 40, dot: "·")
            == "ai_request_success · tenant:acme")
    }

    @Test func theSLONameIsCutBeforeTheSeries() {
        #expect(SLOText.sloAndSeries("ai_request_success", .tenant("acme"), width: 22, dot: "·")
            == "ai_requ… · tenant:acme")
    }

    @Test func narrowerStillTheSeriesLosesItsPrefixButStays() {
        let cell = SLOText.sloAndSeries("ai_request_success", .model("claude-sonnet"), width: 22, dot: "·")
        #expect(cell == "ai_re… · claude-sonnet")
    }

    @Test func theTotalIsJustTheSLO() {
        #expect(SLOText.sloAndSeries("ai_request_success", .total, width: 10, dot: "·") == "ai_reques…")
    }
}
