import FlowCore
@testable import FlowDashboard
import FlowTestKit
import Testing
import TerminalUI

/// The frame loop copies a pane built as in the last frame instead of drawing it again;
/// the grid must be exactly what drawing it would give, frame after frame.
@Suite("Copying panes that did not change")
struct PaneCacheTests {
    /// One frame drawn with the shared cache and the same frame drawn without one.
    private func compare(_ snapshot: EngineSnapshot?, _ state: DashboardState, cache: inout PaneCache,
                         width: Int = 200, height: Int = 60, context: DashboardContext = Fixture.context,
                         sourceLocation: SourceLocation = #_sourceLocation) {
        var cached = CellGrid(width: width, height: height)
        render(snapshot, state: state, context: context, into: &cached, panes: &cache)
        let drawn = Fixture.rendered(snapshot, state: state, width: width, height: height, context: context)
        #expect(cached == drawn, sourceLocation: sourceLocation)
    }

    @Test func aFrameDrawnAgainCopiesEveryPaneAndIsTheSame() {
        var cache = PaneCache()
        let snapshot = Fixture.snapshot()
        compare(snapshot, DashboardState(), cache: &cache)
        #expect(cache.restored == 0)
        compare(snapshot, DashboardState(), cache: &cache)
        #expect(cache.restored == 4)
    }

    @Test func movingTheSelectionRedrawsOnlyTheFocusedPane() {
        var cache = PaneCache()
        let snapshot = Fixture.snapshot()
        var state = DashboardState()
        compare(snapshot, state, cache: &cache)
        _ = state.handle(.down, snapshot: snapshot)
        compare(snapshot, state, cache: &cache)
        #expect(cache.restored == 3)
        // The moved highlight is drawn, not copied from the frame before.
        let grid = Fixture.rendered(snapshot, state: state, width: 200, height: 60)
        #expect(grid.style(of: "crit ai_request_success")?.selected != true)
    }

    @Test func aPaneWhoseDataChangedIsRedrawn() {
        var cache = PaneCache()
        var snapshot = Fixture.snapshot()
        compare(snapshot, DashboardState(), cache: &cache)
        let i = snapshot.slos.firstIndex { $0.name == "ai_request_success" }!
        snapshot.slos[i].burnRates[.h1] = 42.5
        compare(snapshot, DashboardState(), cache: &cache)
        #expect(cache.restored == 3)
        var grid = CellGrid(width: 200, height: 60)
        var again = cache
        render(snapshot, state: DashboardState(), context: Fixture.context, into: &grid, panes: &again)
        #expect(grid.line(containing: "crit ai_request_success").contains("42.5"))
    }

    /// Keys, overlays, zoom, focus, sizes, ASCII and new data in turn, each frame checked
    /// against an uncached draw with one cache kept throughout, as the frame loop keeps it.
    @Test func everyFrameOfAKeySequenceIsWhatDrawingGives() {
        var cache = PaneCache()
        let snapshot = Fixture.snapshot()
        var state = DashboardState()
        let keys: [Key] = [.down, .down, .tab, .down, .char("?"), .escape, .char("z"), .down, .char("z"), .tab,
                           .char("s"), .tab, .enter, .escape, .char("m"), .up, .backTab, .enter, .escape]
        for key in keys {
            _ = state.handle(key, snapshot: snapshot)
            compare(Fixture.snapshot(for: state), state, cache: &cache)
        }
        #expect(cache.restored > 0)
        for (width, height) in [(120, 40), (90, 30), (200, 60), (200, 61)] {
            compare(snapshot, state, cache: &cache, width: width, height: height)
        }
        let ascii = DashboardContext(socketPath: Fixture.socketPath, asciiOnly: true)
        compare(snapshot, state, cache: &cache, context: ascii)
        compare(snapshot, state, cache: &cache)
        compare(Fixture.emptySnapshot, state, cache: &cache)
        compare(nil, state, cache: &cache)
        compare(snapshot, state, cache: &cache)
    }

    /// What the cache rests on: a pane writes nothing outside its rect, so its rect's cells
    /// are all it drew.
    @Test func aPaneDrawsOnlyInsideItsRect() {
        let snapshot = Fixture.snapshot()
        let state = DashboardState()
        let panes: [PaneCache.Pane] = [
            .slo(SLOPane(slos: state.sortedSLOs(snapshot), sort: state.sloSort, alerts: snapshot.alerting.alerts,
                         selected: 0, focused: true, context: Fixture.context)),
            .alerts(AlertsPane(sections: state.alertSections(snapshot), silences: snapshot.alerting.silences,
                               now: snapshot.now, selected: 0, focused: false, context: Fixture.context)),
            .funnel(FunnelPane(funnel: snapshot.funnel, breakdown: snapshot.funnelAnalysis?.breakdown ?? [],
                               breakdownKind: .none, query: state.funnel, selected: nil, focused: false,
                               context: Fixture.context)),
            .attribution(AttributionPane(attribution: snapshot.attribution, model: state.model, selected: nil,
                                         focused: false, context: Fixture.context)),
        ]
        for pane in panes {
            for rect in [Rect(x: 3, y: 2, width: 60, height: 12), Rect(x: 1, y: 1, width: 20, height: 3),
                         Rect(x: 5, y: 4, width: 110, height: 30)] {
                var grid = CellGrid(width: 120, height: 40)
                grid.fill(x: 0, y: 0, width: 120, height: 40, "#")
                switch pane {
                case .slo(let p): p.draw(in: rect, grid: &grid)
                case .alerts(let p): p.draw(in: rect, grid: &grid)
                case .funnel(let p): p.draw(in: rect, grid: &grid)
                case .attribution(let p): p.draw(in: rect, grid: &grid)
                }
                for y in 0..<40 {
                    for x in 0..<120 where !rect.contains(x: x, y: y) {
                        #expect(grid[x, y] == CellGrid.Cell("#"), "\(pane) at \(x),\(y) in \(rect)")
                    }
                }
            }
        }
    }

    /// The main view builds the attribution pane without the tables only the views over
    /// it read; it must draw exactly what it draws with them.
    @Test func theAttributionPaneDrawsTheSameWithoutTheViewsTables() {
        let attribution = Fixture.snapshot().attribution
        #expect(!attribution.comparison.isEmpty || !attribution.features.isEmpty || !attribution.topPaths.overall.isEmpty)
        for (selected, focused) in [(nil, false), (1, true)] as [(Int?, Bool)] {
            for rect in [Rect(x: 0, y: 0, width: 100, height: 12), Rect(x: 2, y: 1, width: 40, height: 4)] {
                var full = CellGrid(width: 110, height: 20), shown = full
                AttributionPane(attribution: attribution, model: .linear, selected: selected, focused: focused,
                                context: Fixture.context).draw(in: rect, grid: &full)
                AttributionPane(attribution: AttributionPane.shown(attribution), model: .linear, selected: selected,
                                focused: focused, context: Fixture.context).draw(in: rect, grid: &shown)
                #expect(full == shown)
            }
        }
    }

    @Test func cellsOfARectGoBackWhereTheyCameFrom() {
        var grid = CellGrid(width: 8, height: 4)
        grid.put("abcdefgh", x: 0, y: 1)
        grid.put("日本", x: 2, y: 2)
        let rect = Rect(x: 1, y: 1, width: 6, height: 2)
        let kept = grid.cells(in: rect)
        #expect(kept.count == 12)
        var other = CellGrid(width: 8, height: 4)
        other.restore(kept, in: rect)
        #expect(other.text == "\n bcdefg\n  日本\n")
        other.restore(kept, in: Rect(x: 0, y: 0, width: 2, height: 2))    // another count: ignored
        #expect(other.text == "\n bcdefg\n  日本\n")
        #expect(grid.cells(in: Rect(x: 6, y: 3, width: 5, height: 5)).count == 2)
    }
}
