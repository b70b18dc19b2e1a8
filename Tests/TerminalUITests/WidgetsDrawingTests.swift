import Testing
import TerminalUI

@Suite("Boxes, bars and sparklines")
struct WidgetsDrawingTests {
    @Test func boxDrawsRoundedBorderWithTitleAndReturnsInside() {
        var grid = CellGrid(width: 12, height: 4)
        let inner = grid.drawBox(Rect(x: 0, y: 0, width: 12, height: 4), title: "SLOs")
        #expect(inner == Rect(x: 1, y: 1, width: 10, height: 2))
        #expect(grid.text == """
            ╭─ SLOs ───╮
            │          │
            │          │
            ╰──────────╯
            """)
    }

    @Test func boxClipsLongTitlesWithEllipsis() {
        var grid = CellGrid(width: 14, height: 3)
        grid.drawBox(Rect(x: 0, y: 0, width: 14, height: 3), title: "Attribution · linear", glyphs: .plain)
        #expect(grid.row(0) == "┌─ Attribu… ─┐")
    }

    @Test func focusedBoxUsesFocusedBorderRole() {
        var grid = CellGrid(width: 6, height: 3)
        grid.drawBox(Rect(x: 0, y: 0, width: 6, height: 3), focused: true)
        #expect(grid[0, 0].style.role == .borderFocused)
        var other = CellGrid(width: 6, height: 3)
        other.drawBox(Rect(x: 0, y: 0, width: 6, height: 3), focused: false)
        #expect(other[0, 0].style.role == .border)
    }

    @Test func asciiBox() {
        var grid = CellGrid(width: 8, height: 3)
        grid.drawBox(Rect(x: 0, y: 0, width: 8, height: 3), title: "x", glyphs: .ascii)
        #expect(grid.text == "+- x --+\n|      |\n+------+")
    }

    @Test func boxOverWideTextDoesNotLeaveHalfACharacter() {
        var grid = CellGrid(width: 10, height: 3)
        grid.put("東京東京東", x: 0, y: 1)
        grid.drawBox(Rect(x: 3, y: 0, width: 4, height: 3))
        for x in 0..<grid.width where grid[x, 1].isContinuation {
            #expect(x > 0 && DisplayWidth.of(grid[x - 1, 1].character) == 2)
        }
        #expect(DisplayWidth.of(grid.row(1)) == 10)
    }

    @Test("bars fill in eighths of a cell",
          arguments: [
              (0.0, "    "), (1.0, "████"), (0.5, "██  "), (0.53125, "██▏ "), (0.55, "██▎ "), (0.03125, "▏   "), (1.7, "████"),
              (-0.5, "    "),
          ])
    func barEighths(fraction: Double, expected: String) {
        #expect(HorizontalBar.text(fraction: fraction, width: 4) == expected)
    }

    @Test func barAsciiFallbackRoundsToWholeCells() {
        #expect(HorizontalBar.text(fraction: 0.55, width: 4, ascii: true) == "##..")
        #expect(HorizontalBar.text(fraction: .nan, width: 3, ascii: true) == "...")
    }

    @Test func barStylesFillAndTrack() {
        var grid = CellGrid(width: 4, height: 1)
        grid.drawBar(fraction: 0.5, x: 0, y: 0, width: 4, style: CellStyle(.crit))
        #expect(grid[0, 0].style.role == .crit)
        #expect(grid[3, 0].style.role == .barEmpty)
    }

    @Test func sparklineScalesToItsRangeAndShowsGaps() {
        #expect(Sparkline.text([0, 1, 2, 3, 4, 5, 6, 7], width: 8) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.text([1, nil, 8], width: 3, missing: "·") == "▁·█")
        #expect(Sparkline.text([2, 2], width: 4) == "  ██")
        #expect(Sparkline.text([], width: 3) == "   ")
        #expect(Sparkline.text([0, 7], width: 2, ascii: true) == "_#")
    }

    @Test func sparklineAveragesLongSeriesIntoTheWidth() {
        let series: [Double?] = [0, 0, nil, nil, 10, 10]
        #expect(Sparkline.text(series, width: 3, missing: "·") == "▁·█")
    }

    @Test func sparklineWithFixedRange() {
        #expect(Sparkline.text([0.5], width: 1, range: 0...1) == "▅")
    }
}
