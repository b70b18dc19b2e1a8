import FlowCore
import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

/// The SLO detail as drawn: every section at 120x40, the important ones at 80x24.
@Suite("Rendering the SLO detail")
struct SLODetailViewTests {
    func rendered(_ overlays: [DashboardOverlay], width: Int = 120, height: Int = 40,
                  change: (inout DashboardState) -> Void = { _ in },
                  context: DashboardContext = Fixture.context) -> CellGrid {
        var state = DashboardState()
        state.overlays = overlays
        change(&state)
        return Fixture.rendered(Fixture.snapshot(for: state), state: state, width: width, height: height,
                                context: context)
    }

    @Test func wideShowsEverySection() {
        let grid = rendered([.detail("ai_request_success")])
        #expect(grid.text.contains("SLOs › ai_request_success"))
        #expect(grid.line(containing: "crit").contains("SLI 99.712%"))
        #expect(grid.text.contains("series total"))
        #expect(grid.text.contains("41.0% left"))
        #expect(grid.text.contains("exhausted in 1d 4h at 1h burn 15.1"))
        // Burn per window beside each tier's threshold, and the whole window.
        let fiveMinutes = grid.line(containing: "│ 5m ")
        #expect(fiveMinutes.contains("18.2"))
        #expect(fiveMinutes.contains("page >14.4 (1h/5m)"))
        #expect(grid.line(containing: "│ 6h ").contains("ticket >1.00 (3d/6h)"))
        #expect(grid.line(containing: "│ 30d ").contains("2.88"))
        // Tiers with their state, beside the burn table.
        #expect(grid.line(containing: "│ 5m ").contains("FIRING"))
        #expect(grid.line(containing: "│ 2h ").contains("inhibited"))
        // Charts over the chosen range, with the keys.
        #expect(grid.text.contains("SLI, last 6h"))
        #expect(grid.text.contains("burn rate, last 6h"))
        #expect(grid.text.contains("1h [6h] 1d  3d  30d  keys 1-5"))
        #expect(grid.text.contains("14.4x"))
        #expect(grid.text.contains("error budget over the 30d window: 41.0% left"))
        // Breakdown, worst first, alerts of the SLO and the cap.
        #expect(grid.text.contains("breakdown (5 series) · by burn  [s]"))
        #expect(grid.line(containing: "tenant:acme").contains("-20%"))
        #expect(grid.text.contains("alerts of this SLO (1 · 1 inhibited)"))
        #expect(grid.text.contains("cap 1000 series reached: 1,204 events counted in other"))
        #expect(grid.row(grid.height - 1).contains("1-5 range"))
        #expect(grid.isWellFormed)
    }

    @Test func chartsAreBrailleByDefaultAndASCIIWhenAsked() {
        let braille = rendered([.detail("ai_request_success")])
        #expect(braille.text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
        let context = DashboardContext(socketPath: Fixture.socketPath, asciiOnly: true)
        #expect(context.chartMode == .ascii)
        let ascii = rendered([.detail("ai_request_success")], context: context)
        #expect(!ascii.text.unicodeScalars.contains { (0x2500...0x28FF).contains($0.value) })
        #expect(ascii.text.contains("SLOs > ai_request_success"))
        #expect(ascii.isWellFormed)
    }

    @Test func blocksModeDrawsBlocks() {
        let context = DashboardContext(socketPath: Fixture.socketPath, chartMode: .blocks)
        let grid = rendered([.detail("ai_request_success")], context: context)
        #expect(grid.text.contains("█"))
        #expect(!grid.text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
    }

    @Test func breakdownRowsFollowTheChosenOrder() {
        let byBurn = rendered([.detail("ai_request_success")])
        let burnRows = ["tenant:acme", "model:gpt-4o", "tenant:initech"].map { label in
            (0..<byBurn.height).first { byBurn.row($0).contains(label) } ?? -1
        }
        #expect(burnRows == burnRows.sorted())   // no data last
        let byName = rendered([.detail("ai_request_success")]) { $0.breakdownSort = .name }
        #expect(byName.text.contains("· by name  [s]"))
        let globex = (0..<byName.height).first { byName.row($0).contains("tenant:globex") } ?? -1
        let gpt = (0..<byName.height).first { byName.row($0).contains("model:gpt-4o") } ?? -1
        #expect(globex < gpt)
    }

    @Test func theSelectedBreakdownRowIsHighlighted() {
        let grid = rendered([.detail("ai_request_success", selected: .model("gpt-4o"))])
        #expect(grid.style(of: "model:gpt-4o")?.selected == true)
        #expect(grid.style(of: "tenant:acme")?.selected != true)
    }

    @Test func aSeriesLevelShowsThatSeriesAndMarksItsRow() {
        let grid = rendered([.detail("ai_request_success"), .detail("ai_request_success", .tenant("acme"))])
        #expect(grid.text.contains("SLOs › ai_request_success › tenant:acme"))
        #expect(grid.text.contains("series tenant:acme"))
        #expect(grid.text.contains("-20.0% left"))
        #expect(grid.text.contains("budget spent"))
        // Its tiers burn, but no alert of tenant acme fires yet: the row says pend, as the
        // alert list would.
        #expect(grid.line(containing: "› pend tenant:acme").contains("-20%"))
    }

    @Test func theTenantFilterSaysWhichSeriesTheSLOLevelShows() {
        let grid = rendered([.detail("ai_request_success")]) { $0.tenant = "acme" }
        #expect(grid.text.contains("series tenant:acme (tenant filter)"))
    }

    @Test func theRangeKeysChangeTheCharts() {
        let grid = rendered([.detail("ai_request_success")]) { $0.historyRange = .d30 }
        #expect(grid.text.contains("SLI, last 30d"))
        #expect(grid.text.contains("[30d]"))
        #expect(grid.text.contains("-30d"))
    }

    @Test func tierStatesSayInhibitedBelowMinTrafficAndOff() {
        var snapshot = Fixture.snapshot(detail: SLODetailQuery(slo: "ai_request_success"))
        snapshot.detail?.status.alerts[1].belowMinEvents = true
        snapshot.detail?.status.alerts[1].longEvents = 7
        snapshot.detail?.status.alerts[2].state = .disabled
        var state = DashboardState()
        state.overlays = [.detail("ai_request_success")]
        let grid = Fixture.rendered(snapshot, state: state)
        #expect(grid.line(containing: "│ 30m ").contains("below min traffic (7 events)"))
        #expect(grid.line(containing: "│ 1h ").contains("off"))
        #expect(grid.line(containing: "│ 2h ").contains("inhibited"))
    }

    @Test func latencySLOsShowPercentiles() {
        let grid = rendered([.detail("ai_response_latency")])
        #expect(grid.line(containing: "p99").contains("latency"))
        let hour = grid.lines(containing: " 1h ").first { $0.contains("ms") } ?? ""
        #expect(hour.contains("790ms"))
        #expect(hour.contains("2.14s"))
        #expect(grid.line(containing: "1.94s").contains("30d"))
        #expect(grid.text.contains("not burning"))
        #expect(grid.text.contains("no active alerts"))
        #expect(!rendered([.detail("ai_request_success")]).text.contains("p99"))
    }

    @Test func eightyByTwentyFourKeepsTheEssentials() {
        let grid = rendered([.detail("ai_request_success")], width: 80, height: 24)
        #expect(grid.text.contains("SLOs › ai_request_success"))
        #expect(grid.text.contains("SLI 99.712%"))
        #expect(grid.text.contains("41.0% left"))
        #expect(grid.text.contains("5m 18.2"))   // the burn table, compact
        #expect(grid.text.contains("30d 2.88"))
        #expect(grid.line(containing: "1h/5m").contains("FIRING"))
        #expect(grid.text.contains("SLI, last 6h"))
        #expect(grid.text.contains("burn rate, last 6h"))
        #expect(grid.text.contains("tenant:acme"))
        #expect(grid.text.contains("cap 1000 series reached"))
        #expect(grid.isWellFormed)
    }

    @Test("well-formed at every size", arguments: [(120, 40), (80, 24), (60, 16), (100, 30), (200, 60), (91, 20),
                                                     (133, 41)])
    func wellFormed(width: Int, height: Int) {
        for overlays in [[DashboardOverlay.detail("ai_request_success")],
                         [.detail("ai_response_latency"), .detail("ai_response_latency", .model("gpt-4o"))]] {
            let grid = rendered(overlays, width: width, height: height)
            #expect(grid.isWellFormed, "\(width)x\(height)")
            #expect(grid.text.contains("SLOs ›"))
        }
    }

    @Test func wideCharactersInSeriesLabelsDoNotGarble() {
        var snapshot = Fixture.snapshot(detail: SLODetailQuery(slo: "ai_request_success"))
        snapshot.detail?.breakdown[0].series = .tenant("東京営業所の長いテナント名")
        var tokyo = Fixture.alerts[0]
        tokyo.series = .tenant("東京営業所")
        snapshot.alerting.alerts[0] = Fixture.listed(tokyo)
        var state = DashboardState()
        state.overlays = [.detail("ai_request_success")]
        for (w, h) in [(120, 40), (80, 24), (61, 16), (101, 31)] {
            #expect(Fixture.rendered(snapshot, state: state, width: w, height: h).isWellFormed, "\(w)x\(h)")
        }
    }

    @Test func beforeTheEngineAnswersTheDetailShowsWhatTheSLOPaneKnows() {
        var state = DashboardState()
        state.overlays = [.detail("ai_request_success")]
        let grid = Fixture.rendered(Fixture.snapshot(), state: state)   // no detail in it yet
        #expect(grid.text.contains("SLI 99.712%"))
        #expect(grid.line(containing: "│ 5m ").contains("18.2"))
        #expect(grid.text.contains("waiting for the next snapshot"))
        let series = Fixture.rendered(Fixture.snapshot(), state: {
            var s = state
            s.overlays.append(.detail("ai_request_success", .tenant("acme")))
            return s
        }())
        #expect(series.text.contains("loading ai_request_success · tenant:acme"))
    }

    @Test func anSLOGoneFromTheSnapshotSaysSo() {
        let grid = rendered([.detail("checkout_latency")])
        #expect(grid.text.contains("checkout_latency is not in this snapshot"))
    }
}
