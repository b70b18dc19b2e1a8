@testable import FlowDashboard
import Testing
import TerminalUI

@Suite("Layout rules")
struct LayoutTests {
    @Test func rowsGoInTurnSoSmallPanesAreShownWhole() {
        // 22 rows for four panes wanting 6, 5, 10 and 10.
        #expect(DashboardLayout.distribute(22, wanted: [6, 5, 10, 10], minimum: 3) == [6, 5, 6, 5])
    }

    @Test func spareRowsAreSharedEvenly() {
        #expect(DashboardLayout.distribute(20, wanted: [4, 4], minimum: 3) == [10, 10])
        #expect(DashboardLayout.distribute(21, wanted: [4, 4], minimum: 3) == [11, 10])
    }

    @Test func tooFewRowsStillAddUp() {
        let given = DashboardLayout.distribute(5, wanted: [4, 4], minimum: 3)
        #expect(given.reduce(0, +) == 5)
        #expect(given.allSatisfy { $0 >= 2 })
    }

    @Test func wideScreensGetATwoByTwoGrid() {
        let layout = DashboardLayout(size: GridSize(width: 120, height: 40), wanted: [:])
        #expect(layout.panes[.slos]?.y == layout.panes[.alerts]?.y)
        #expect(layout.panes[.funnel]?.y == layout.panes[.attribution]?.y)
        #expect((layout.panes[.slos]?.maxX ?? 0) == layout.panes[.alerts]?.x)
        #expect(layout.header == Rect(x: 0, y: 0, width: 120, height: 1))
        #expect(layout.footer == Rect(x: 0, y: 39, width: 120, height: 1))
    }

    @Test func theWiderSideGetsMoreColumnsWithinLimits() {
        let layout = DashboardLayout(size: GridSize(width: 120, height: 40), wanted: [:],
                                     widths: [.slos: 300, .alerts: 10])
        #expect(layout.panes[.slos]?.width == 72)   // at most 3/5
    }

    @Test func narrowScreensStackThePanes() {
        let layout = DashboardLayout(size: GridSize(width: 99, height: 30), wanted: [:])
        let ys = DashboardPane.allCases.compactMap { layout.panes[$0]?.y }
        #expect(ys == ys.sorted())
        #expect(Set(ys).count == 4)
        #expect(DashboardPane.allCases.allSatisfy { layout.panes[$0]?.width == 99 })
    }

    @Test func rowWindowKeepsTheSelectionVisible() {
        let window = RowWindow(count: 10, height: 4, selected: 8)
        #expect(window.range == 6..<9)
        #expect(window.hidden == 7)
        #expect(RowWindow(count: 3, height: 4, selected: 2).range == 0..<3)
        #expect(RowWindow(count: 3, height: 4, selected: 2).hidden == 0)
    }

    @Test func panePlanKeepsDataBeforeSummaryBeforeColumnTitles() {
        let roomy = PanePlan(height: 9, count: 6, header: true, footer: 1, selected: nil)
        #expect(roomy.showsHeader && roomy.footerLines == 1 && roomy.window.hidden == 0)
        let tight = PanePlan(height: 4, count: 6, header: true, footer: 1, selected: nil)
        #expect(!tight.showsHeader)
        #expect(tight.footerLines == 1)
        #expect(tight.window.range == 0..<2)
        #expect(tight.window.hidden == 4)
    }
}
