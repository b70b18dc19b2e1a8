import Testing
import TerminalUI

@Suite("Drawing a chart into a grid")
struct ChartDrawingTests {
    @Test func gutterLabelsPlotAndEndLabel() {
        var grid = CellGrid(width: 9, height: 4)
        let chart = Chart(series: [0, 1, 2, 3, 4, 5, 6, 7], range: 0...7, topLabel: "7x", bottomLabel: "0x",
                          startLabel: "-6h", endLabel: "now")
        grid.drawChart(chart, in: Rect(x: 1, y: 1, width: 7, height: 3))
        // Gutter "7x " leaves 4 columns: too few for "-6h now", so only "now" is kept.
        #expect(grid.text == """

             7x   ⡠⠊
             0x ⡠⠊
                 now
            """)
        #expect(grid[1, 1].style.role == .dim)
        #expect(grid[6, 1].style.role == .graph)
        #expect(grid[5, 3].style.role == .dim)
    }

    /// The plot's cells are written from their scalars; what lands in the grid is what
    /// `put` of each cell's character writes, in every mode.
    @Test func plotCellsAreWhatPuttingTheirCharactersWrites() {
        var series: [Double?] = []
        for i in 0..<40 { series.append(i % 9 == 0 ? nil : Double((i * 37) % 23)) }
        for mode in [ChartMode.braille, .blocks, .ascii] {
            for fill in [false, true] {
                let chart = Chart(series: series, range: 0...20, mode: mode, fill: fill,
                                  thresholds: [ChartThreshold(value: 12, role: .warn)], style: CellStyle(.ok))
                var drawn = CellGrid(width: 14, height: 5)
                drawn.drawChart(chart, in: Rect(x: 1, y: 0, width: 12, height: 5))
                var expected = CellGrid(width: 14, height: 5)
                let rows = ChartRenderer.cells(series: series, width: 12, height: 5, range: 0...20, mode: mode,
                                               fill: fill, aggregation: .mean, thresholds: chart.thresholds)
                for (y, row) in rows.enumerated() {
                    for (x, cell) in row.enumerated() {
                        let style: CellStyle = switch cell.kind {
                        case .empty: .normal
                        case .data: CellStyle(.ok)
                        case .clipped: chart.clippedStyle
                        case .threshold: CellStyle(.warn)
                        }
                        expected.put(cell.character, count: 1, x: 1 + x, y: y, style: style)
                    }
                }
                #expect(drawn == expected, "\(mode) fill \(fill)")
            }
        }
        #expect(ChartCell("⠿", kind: .data) == ChartCell(scalar: "⠿", kind: .data))
    }

    @Test func thresholdCellsAndLabelTakeTheThresholdRole() {
        var grid = CellGrid(width: 8, height: 4)
        let chart = Chart(series: [1, 1, 1, 1], range: 0...10, mode: .blocks,
                          thresholds: [ChartThreshold(value: 7.5, role: .crit, label: "7.5")],
                          topLabel: "10", bottomLabel: "0")
        grid.drawChart(chart, in: Rect(x: 0, y: 0, width: 8, height: 4))
        #expect(grid.text == " 10\n7.5 ╌╌╌╌\n\n  0 ▄▄▄▄")
        #expect(grid[4, 1].style.role == .crit)
        #expect(grid[0, 1].style.role == .crit)
        #expect(grid[4, 3].style.role == .graph)
        #expect(grid[1, 0].style.role == .dim)
    }

    @Test func bothXLabelsWhenTheyFit() {
        var grid = CellGrid(width: 10, height: 2)
        grid.drawChart(Chart(series: [1], range: 0...1, mode: .ascii, startLabel: "-6h", endLabel: "now"),
                       in: Rect(x: 0, y: 0, width: 10, height: 2))
        #expect(grid.row(0) == "**********")
        #expect(grid.row(1) == "-6h    now")
    }

    @Test func gutterIsDroppedWhenItWouldTakeHalfTheWidth() {
        var grid = CellGrid(width: 6, height: 1)
        grid.drawChart(Chart(series: [1], range: 0...1, mode: .ascii, topLabel: "99.9%"),
                       in: Rect(x: 0, y: 0, width: 6, height: 1))
        #expect(grid.row(0) == "******")
    }

    @Test func redrawClearsWhatWasThere() {
        var grid = CellGrid(width: 4, height: 2)
        grid.fill(x: 0, y: 0, width: 4, height: 2, "x", style: CellStyle(.crit))
        grid.drawChart(Chart(series: [nil, 1], range: 0...1, mode: .blocks), in: Rect(x: 0, y: 0, width: 4, height: 2))
        #expect(grid.text == "  ██\n  ██")
        #expect(grid[0, 0].style == .normal)
    }

    @Test func offScaleCellsTakeTheClippedStyle() {
        var grid = CellGrid(width: 2, height: 1)
        grid.drawChart(Chart(series: [5, 20], range: 0...10, mode: .blocks), in: Rect(x: 0, y: 0, width: 2, height: 1))
        #expect(grid[0, 0].style.role == .graph)
        #expect(grid[1, 0].style == CellStyle(.accent, bold: true))
    }

    @Test func rectangleLargerThanTheGridOrEmptyDoesNotCrash() {
        var grid = CellGrid(width: 5, height: 3)
        let chart = Chart(series: [1, 2, 3], range: 0...3, thresholds: [ChartThreshold(value: 2, label: "2")],
                          topLabel: "3", bottomLabel: "0", startLabel: "a", endLabel: "b")
        grid.drawChart(chart, in: Rect(x: 2, y: 1, width: 30, height: 10))
        grid.drawChart(chart, in: Rect(x: -3, y: -2, width: 6, height: 4))
        grid.drawChart(chart, in: Rect(x: 0, y: 0, width: 0, height: 3))
        #expect(DisplayWidth.of(grid.row(2)) == 5)
    }
}
