import Testing
import TerminalUI

@Suite("Rectangles and table layout")
struct WidgetsLayoutTests {
    @Test func rectSplitsAndInsets() {
        let r = Rect(x: 0, y: 0, width: 10, height: 6)
        #expect(r.inset(by: 1) == Rect(x: 1, y: 1, width: 8, height: 4))
        #expect(r.splitRows(at: 2).bottom == Rect(x: 0, y: 2, width: 10, height: 4))
        #expect(r.splitColumns(at: 20).right.isEmpty)
        #expect(r.centered(width: 4, height: 2) == Rect(x: 3, y: 2, width: 4, height: 2))
        #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 1).isEmpty)
    }

    static let columns = [
        TableColumn("name", width: 20, minWidth: 8, priority: 100, widthPriority: 60),
        TableColumn("a", width: 6, alignment: .right, priority: 90),
        TableColumn("b", width: 6, alignment: .right, priority: 40),
        TableColumn("bar", width: 10, minWidth: 4, priority: 20, flexible: true),
    ]

    @Test func everythingFitsAndFlexibleColumnsTakeTheRest() {
        let layout = TableLayout.fit(Self.columns, width: 60)
        #expect(layout.columns == [0, 1, 2, 3])
        #expect(layout.widths == [20, 6, 6, 25])
        #expect(layout.totalWidth == 60)
    }

    @Test func lowestPriorityColumnsGoFirst() {
        let layout = TableLayout.fit(Self.columns, width: 34)
        #expect(layout.columns == [0, 1, 2])
        #expect(layout.totalWidth <= 34)
    }

    @Test func aNameIsCutBeforeAMoreImportantColumnIsDropped() {
        // 20 + 1 + 6 does not fit in 20: the name shrinks (its width matters less than "a").
        let layout = TableLayout.fit(Self.columns, width: 20)
        #expect(layout.columns == [0, 1])
        #expect(layout.widths == [13, 6])
    }

    @Test func theMostImportantColumnIsCutWhenNothingElseFits() {
        let layout = TableLayout.fit(Self.columns, width: 5)
        #expect(layout.columns == [0])
        #expect(layout.widths == [5])
        #expect(TableLayout.fit(Self.columns, width: 0).totalWidth == 0)
    }

    @Test func offsetsAndWidthsOfShownColumns() {
        let layout = TableLayout.fit(Self.columns, width: 34)
        #expect(layout.offset(of: 1) == 21)
        #expect(layout.offset(of: 3) == nil)
        #expect(layout.width(of: 3) == 0)
        #expect(TableLayout.preferredWidth(of: Self.columns) == 45)
    }

    @Test func rowsAreAlignedPaddedAndCut() {
        var grid = CellGrid(width: 21, height: 2)
        let columns = [
            TableColumn("channel", width: 8, priority: 100),
            TableColumn("revenue", width: 7, alignment: .right, priority: 90),
            TableColumn("", width: 4, priority: 10),
        ]
        let layout = TableLayout.fit(columns, width: 21)
        grid.drawTableHeader(columns, layout: layout, x: 0, y: 0)
        grid.drawTableRow(["whatsapp_business", "$182k", .bar(0.5)], layout: layout, x: 0, y: 1, columns: columns)
        #expect(grid.row(0) == "channel  revenue     ")
        #expect(grid.row(1) == "whatsap…   $182k ██  ")
    }

    @Test func aSelectedRowTakesTheRowStyleAcrossTheGaps() {
        var grid = CellGrid(width: 10, height: 1)
        let columns = [TableColumn("a", width: 4), TableColumn("b", width: 4)]
        let layout = TableLayout.fit(columns, width: 10)
        grid.drawTableRow(["x", "y"], layout: layout, x: 0, y: 0, rowStyle: CellStyle(.selected, reverse: true),
                          columns: columns)
        #expect(grid[4, 0].style.role == .selected)
        #expect(grid[0, 0].style.reverse)
    }
}
