import FlowCore
@testable import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

/// One pane at full size: `--pane` (a tmux split showing one pane) and `z` (zoom).
@Suite("One pane")
struct OnePaneTests {
    let snapshot = Fixture.snapshot()

    /// `flowtop --pane NAME`: that pane, focused, for the whole run.
    func single(_ pane: DashboardPane) -> DashboardState {
        var state = DashboardState(focus: pane)
        state.arrangement = .single
        return state
    }

    func rendered(_ state: DashboardState, width: Int, height: Int) -> CellGrid {
        Fixture.rendered(Fixture.snapshot(for: state), state: state, width: width, height: height)
    }

    @Test func alertsPaneAloneAt40x8ShowsItsTitleAndRows() {
        let grid = rendered(single(.alerts), width: 40, height: 8)
        #expect(grid.row(1).contains("Alerts (2 groups · 2 series"))
        #expect(grid.line(containing: "PAGE").contains("ai_request_success"))
        #expect(grid.line(containing: "TICKET").contains("message_processing"))
        #expect(!grid.text.contains("inhib "))   // until i
        for other in ["SLOs", "Funnel", "Attribution"] { #expect(!grid.text.contains(other), "\(other)") }
        let footer = grid.row(7)
        #expect(footer.contains("q quit") && footer.contains("? help"))
        #expect(!footer.contains("tab"))
        #expect(grid.isWellFormed)
    }

    @Test func namesAreTheWordsPaneTakes() {
        #expect(DashboardPane.allCases.map(\.name) == ["slo", "alerts", "funnel", "attribution"])
        #expect(DashboardPane(name: "funnel") == .funnel)
        #expect(DashboardPane(name: "slos") == nil)
    }

    @Test func zZoomsTheFocusedPaneToTheWholeBodyAndBack() {
        var state = DashboardState()
        _ = state.handle(.tab, snapshot: snapshot)
        #expect(state.handle(.char("z"), snapshot: snapshot) == .redraw)
        #expect(state.arrangement == .zoomed)
        let zoomed = rendered(state, width: 120, height: 40)
        // The alerts' box runs from under the header to over the footer, edge to edge.
        #expect(zoomed.row(1).hasPrefix("╭─ Alerts (2 groups · 2 series · 1 inhibited hidden [i]) "))
        #expect(zoomed.row(1).hasSuffix("╮"))
        #expect(zoomed.row(38).hasPrefix("╰") && zoomed.row(38).hasSuffix("╯"))
        for other in ["SLOs", "Funnel", "Attribution"] { #expect(!zoomed.text.contains(other), "\(other)") }
        #expect(zoomed.row(39).contains("z all panes"))
        #expect(zoomed.isWellFormed)

        #expect(state.handle(.char("z"), snapshot: snapshot) == .redraw)
        #expect(state.arrangement == .all)
        #expect(state.focus == .alerts)
        let all = rendered(state, width: 120, height: 40)
        for title in ["SLOs (2 burning)", "Alerts (2", "Funnel · 30d", "Attribution · linear"] {
            #expect(all.text.contains(title), "\(title)")
        }
    }

    @Test func footerOffersZoomWhenThereIsRoom() {
        #expect(rendered(DashboardState(), width: 120, height: 40).row(39).contains("z zoom"))
        #expect(!rendered(DashboardState(), width: 80, height: 24).row(23).contains("z zoom"))
    }

    @Test func tabDoesNothingWhileOnePaneIsShown() {
        for arrangement in [PaneArrangement.zoomed, .single] {
            var state = DashboardState(focus: .funnel)
            state.arrangement = arrangement
            #expect(state.handle(.tab, snapshot: snapshot) == .none)
            #expect(state.handle(.backTab, snapshot: snapshot) == .none)
            #expect(state.focus == .funnel)
        }
    }

    @Test func zDoesNothingWithPane() {
        var state = single(.slos)
        #expect(state.handle(.char("z"), snapshot: snapshot) == .none)
        #expect(state.arrangement == .single)
    }

    @Test func escClosesOverlaysAndLeavesTheZoomAlone() {
        var state = DashboardState()
        _ = state.handle(.char("z"), snapshot: snapshot)
        _ = state.handle(.enter, snapshot: snapshot)
        #expect(state.overlays == [.detail("ai_request_success")])
        _ = state.handle(.escape, snapshot: snapshot)
        #expect(state.overlays.isEmpty)
        #expect(state.handle(.escape, snapshot: snapshot) == .none)
        #expect(state.arrangement == .zoomed)
    }

    @Test func paneKeysAndDrillDownWorkAsInTheFullDashboard() {
        var funnel = single(.funnel)
        #expect(funnel.handle(.char("p"), snapshot: snapshot) == .refresh)
        _ = funnel.handle(.down, snapshot: snapshot)
        _ = funnel.handle(.enter, snapshot: snapshot)
        #expect(funnel.overlays == [.funnelStage(.contacted)])
        let stage = rendered(funnel, width: 40, height: 8)
        #expect(stage.text.contains("Funnel › contacted"))
        #expect(stage.isWellFormed)

        var alerts = single(.alerts)
        _ = alerts.handle(.char("s"), snapshot: snapshot)
        #expect(alerts.silencePrompt != nil)
    }

    @Test func helpListsZoom() {
        var state = DashboardState()
        state.overlays = [.help]
        let grid = rendered(state, width: 120, height: 40)
        #expect(grid.line(containing: "zoom the focused pane").contains("z  "))
        #expect(grid.text.contains("Home End: first / last row"))
    }

    @Test("each pane alone at its minimum size shows its title, its first row and q and ?",
          arguments: [(DashboardPane.slos, "SLOs (2 burning)", "99.712%"), (.alerts, "Alerts (2 groups · 2 series · 1 inhibited)", "PAGE     ai_request_success"),
                      (.funnel, "Funnel · 30d", "lead_created 1,240"), (.attribution, "Attribution · linear", "whatsapp    $182k")])
    func minimumSize(pane: DashboardPane, title: String, row: String) {
        let minimum = pane.minimumSize
        #expect(minimum.width <= 40 && minimum.height <= 8)
        var state = single(pane)
        state.showsInhibited = true   // a third alert row, for "+N more"
        let grid = rendered(state, width: minimum.width, height: minimum.height)
        #expect(grid.row(1).contains(String(title.prefix(minimum.width - 8))))
        #expect(grid.row(2).contains(row))
        #expect(grid.row(3).contains("more"))
        #expect(grid.row(minimum.height - 1).contains("q quit") && grid.row(minimum.height - 1).contains("? help"))
        for (w, h) in [(minimum.width - 1, minimum.height), (minimum.width, minimum.height - 1)] {
            let small = rendered(single(pane), width: w, height: h).text
            #expect(small.contains("too small"), "\(w)x\(h)")
            #expect(small.contains("\(minimum.width)x\(minimum.height)"), "\(w)x\(h)")
        }
    }

    /// Every view one pane can show: the pane, each overlay over it, the silence prompt.
    func views(of pane: DashboardPane) -> [DashboardState] {
        let overlays: [DashboardOverlay] = [.help, .rejected, .detail("ai_request_success"), .funnelStage(.qualified),
                                            .attributionChannel("whatsapp"), .featureImpact, .aiROI,
                                            .silences(selected: nil), .alertStatistics, .notifiers]
        var states = [single(pane)] + overlays.map { overlay in
            var state = single(pane)
            state.overlays = [overlay]
            return state
        }
        if pane == .alerts {
            var prompt = single(.alerts)
            _ = prompt.handle(.char("s"), snapshot: snapshot)
            states.append(prompt)
        }
        return states
    }

    @Test("nothing draws over the header, the footer or the pane's border", arguments: DashboardPane.allCases)
    func staysInsideItsBox(pane: DashboardPane) {
        let sizes = [(pane.minimumSize.width, pane.minimumSize.height), (33, 7), (40, 8)]
        for state in views(of: pane) {
            for (w, h) in sizes {
                let grid = rendered(state, width: w, height: h)
                let label = "\(state.breadcrumb) \(w)x\(h)"
                #expect(grid.isWellFormed, "\(label)")
                var bars = CellGrid(width: w, height: h)
                let shown = Fixture.snapshot(for: state)
                Header(snapshot: shown, state: state, context: Fixture.context)
                    .draw(in: Rect(x: 0, y: 0, width: w, height: 1), grid: &bars)
                Footer(snapshot: shown, state: state, context: Fixture.context)
                    .draw(in: Rect(x: 0, y: h - 1, width: w, height: 1), grid: &bars)
                #expect(grid.row(0) == bars.row(0), "header of \(label)")
                #expect(grid.row(h - 1) == bars.row(h - 1), "footer of \(label)")
                guard state.overlay?.fillsBody ?? true else { continue }
                #expect(grid.row(1).hasPrefix("╭") && grid.row(1).hasSuffix("╮"), "\(label)")
                #expect(grid.row(h - 2).hasPrefix("╰") && grid.row(h - 2).hasSuffix("╯"), "\(label)")
                for y in 2..<(h - 2) {
                    #expect(grid.row(y).hasPrefix("│") && grid.row(y).hasSuffix("│"), "row \(y) of \(label)")
                }
            }
        }
    }

    @Test("tiny screens say so and never crash", arguments: [(20, 5), (1, 1), (0, 0), (5, 20), (200, 3)])
    func tinyScreens(width: Int, height: Int) {
        for pane in DashboardPane.allCases {
            for state in views(of: pane) {
                let grid = rendered(state, width: width, height: height)
                #expect(grid.isWellFormed)
                if width >= 20, height >= 1 { #expect(grid.text.contains("too small")) }
            }
            var zoomed = DashboardState(focus: pane)
            zoomed.arrangement = .zoomed
            #expect(rendered(zoomed, width: width, height: height).isWellFormed)
        }
    }
}
