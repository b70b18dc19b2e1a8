import Testing
import TerminalUI

@Suite("Chart rendering in braille, blocks and ASCII")
struct ChartRendererTests {
    let ramp: [Double?] = [0, 1, 2, 3, 4, 5, 6, 7]

    @Test func brailleLineRampRisesTwoDotsPerCell() {
        let rows = ChartRenderer.render(series: ramp, width: 4, height: 2, range: 0...7, mode: .braille, fill: false)
        #expect(rows == ["  ⡠⠊", "⡠⠊  "])
    }

    @Test func brailleAreaFillsBelowTheRamp() {
        let rows = ChartRenderer.render(series: ramp, width: 4, height: 2, range: 0...7, mode: .braille, fill: true)
        #expect(rows == ["  ⣠⣾", "⣠⣾⣿⣿"])
    }

    @Test func brailleLineJoinsAJumpWithAVerticalStroke() {
        // [0, 7] stretched over 4 points: 0 0 7 7; the third point draws steps 1...7.
        let rows = ChartRenderer.render(series: [0, 7], width: 2, height: 2, range: 0...7, mode: .braille, fill: false)
        #expect(rows == [" ⡏", "⣀⠇"])
    }

    @Test func brailleLineDoesNotJoinAcrossAGap() {
        let rows = ChartRenderer.render(series: [3, nil, 0, 3], width: 2, height: 1, range: 0...3,
                                        mode: .braille, fill: false)
        #expect(rows == ["⠁⡸"])
    }

    @Test func gapsStayBlankAndTheLowestValueStillShows() {
        #expect(ChartRenderer.render(series: [1, nil, 1, 1], width: 4, height: 1, range: 0...1,
                                     mode: .blocks, fill: true) == ["█ ██"])
        #expect(ChartRenderer.render(series: [0, nil, 0, 0], width: 2, height: 1, range: 0...1,
                                     mode: .braille, fill: false) == ["⡀⣀"])
        #expect(ChartRenderer.render(series: [0, nil], width: 2, height: 1, range: 0...1,
                                     mode: .ascii, fill: false) == ["* "])
        #expect(ChartRenderer.render(series: [0, nil], width: 2, height: 1, range: 0...1,
                                     mode: .blocks, fill: true) == ["▁ "])
    }

    @Test func blocksAlwaysFillInEighths() {
        let area = ChartRenderer.render(series: ramp, width: 4, height: 2, range: 0...7, mode: .blocks, fill: true)
        #expect(area == ["  ▃▇", "▂▆██"])
        let line = ChartRenderer.render(series: ramp, width: 4, height: 2, range: 0...7, mode: .blocks, fill: false)
        #expect(line == area)
    }

    @Test func asciiLineDrawsStarsJoinedByBars() {
        #expect(ChartRenderer.render(series: [0, 1, 2, 3], width: 4, height: 4, range: 0...3, mode: .ascii,
                                     fill: false) == ["   *", "  * ", " *  ", "*   "])
        #expect(ChartRenderer.render(series: [0, 3], width: 2, height: 4, range: 0...3, mode: .ascii,
                                     fill: false) == [" *", " |", " |", "* "])
    }

    @Test func asciiAreaUsesDotColonBar() {
        #expect(ChartRenderer.render(series: [0, 1, 2], width: 3, height: 1, range: 0...2, mode: .ascii,
                                     fill: true) == [".:|"])
        #expect(ChartRenderer.render(series: [0, 5], width: 2, height: 2, range: 0...5, mode: .ascii,
                                     fill: true) == [" |", ".|"])
    }

    @Test func valuesOutsideTheRangeAreClampedAndMarked() {
        let cells = ChartRenderer.cells(series: [-5, 20], width: 2, height: 2, range: 0...10, mode: .blocks, fill: true)
        #expect(cells.map { String($0.map(\.character)) } == [" █", "▁█"])
        #expect(cells[1][0].kind == .clipped)
        #expect(cells[0][1].kind == .clipped)
        #expect(cells[1][1].kind == .data)

        let top = ChartRenderer.cells(series: [20], width: 1, height: 1, range: 0...10, mode: .braille, fill: false)
        #expect(top[0][0] == ChartCell("⠉", kind: .clipped))
        let inRange = ChartRenderer.cells(series: [10], width: 1, height: 1, range: 0...10, mode: .braille, fill: false)
        #expect(inRange[0][0] == ChartCell("⠉", kind: .data))
    }

    @Test func aDegenerateRangePutsValuesOnItsEdges() {
        let rows = ChartRenderer.render(series: [4, 5, 6], width: 3, height: 2, range: 5...5, mode: .blocks, fill: true)
        #expect(rows == ["  █", "▁▁█"])
    }

    @Test("every row is exactly the width asked for",
          arguments: ChartMode.allCases, [false, true])
    func sizeIsAlwaysExact(mode: ChartMode, fill: Bool) {
        let series: [Double?] = (0..<50).map { (i: Int) -> Double? in
            i % 7 == 3 ? nil : Double((i * 37) % 23) - 4
        }
        for (width, height) in [(1, 1), (7, 3), (13, 5), (120, 2)] {
            let rows = ChartRenderer.render(series: series, width: width, height: height, range: 0...15, mode: mode,
                                            fill: fill, thresholds: [ChartThreshold(value: 9)])
            #expect(rows.count == height)
            for row in rows {
                #expect(DisplayWidth.of(row) == width)
                #expect(row.count == width)
            }
        }
    }

    @Test("zero or negative sizes and empty series draw nothing and do not crash",
          arguments: ChartMode.allCases)
    func emptyInputs(mode: ChartMode) {
        #expect(ChartRenderer.render(series: [1, 2], width: 0, height: 3, range: 0...2, mode: mode, fill: false)
                    == ["", "", ""])
        #expect(ChartRenderer.render(series: [1, 2], width: 3, height: 0, range: 0...2, mode: mode, fill: true) == [])
        #expect(ChartRenderer.render(series: [1, 2], width: -2, height: -1, range: 0...2, mode: mode, fill: true) == [])
        #expect(ChartRenderer.render(series: [], width: 3, height: 2, range: 0...2, mode: mode, fill: true)
                    == ["   ", "   "])
        #expect(ChartRenderer.render(series: [nil, .nan], width: 3, height: 1, range: 0...2, mode: mode, fill: false)
                    == ["   "])
    }

    @Test("ASCII mode writes nothing but ASCII", arguments: [false, true])
    func asciiIsPureASCII(fill: Bool) {
        let series: [Double?] = [0, 9, nil, -3, 40, 2, 2, nil, 7, .infinity, 5, 1, 0]
        let rows = ChartRenderer.render(series: series, width: 9, height: 4, range: 0...10, mode: .ascii, fill: fill,
                                        aggregation: .max,
                                        thresholds: [ChartThreshold(value: 6), ChartThreshold(value: 0)])
        let text = rows.joined()
        let nonASCII = text.unicodeScalars.filter { !$0.isASCII }
        #expect(nonASCII.isEmpty)
        #expect(text.contains("-"))
        #expect(text.contains(fill ? "|" : "*"))
    }
}
