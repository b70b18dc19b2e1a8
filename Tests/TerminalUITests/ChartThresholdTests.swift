import Testing
import TerminalUI

@Suite("Chart threshold lines")
struct ChartThresholdTests {
    @Test func blocksThresholdIsADashedRowAtItsHeight() {
        // 0...10 over 4 rows: 7.5 is eighth 23 of 32, in the second row from the top.
        let rows = ChartRenderer.render(series: [1, 1, 1, 1], width: 4, height: 4, range: 0...10, mode: .blocks,
                                        fill: true, thresholds: [ChartThreshold(value: 7.5, role: .crit)])
        #expect(rows == ["    ", "╌╌╌╌", "    ", "▄▄▄▄"])
    }

    @Test func dataHidesTheThresholdOnlyWhereItCoversTheCell() {
        let rows = ChartRenderer.render(series: [10, 1, nil, 1], width: 4, height: 4, range: 0...10, mode: .blocks,
                                        fill: true, thresholds: [ChartThreshold(value: 7.5)])
        #expect(rows == ["█   ", "█╌╌╌", "█   ", "█▄ ▄"])
    }

    @Test func brailleThresholdIsOneDotPerCellWhereALineHasTwo() {
        #expect(ChartRenderer.render(series: [], width: 3, height: 1, range: 0...3, mode: .braille, fill: false,
                                     thresholds: [ChartThreshold(value: 1)]) == ["⠄⠄⠄"])
        // The same height as data: the data cell has both columns' dots, the threshold one.
        #expect(ChartRenderer.render(series: [1, nil, nil], width: 3, height: 1, range: 0...3, mode: .braille,
                                     fill: false, thresholds: [ChartThreshold(value: 1)]) == ["⠤⠄⠄"])
    }

    @Test func asciiThresholdIsDashes() {
        let rows = ChartRenderer.render(series: [0, 3], width: 2, height: 4, range: 0...3, mode: .ascii, fill: false,
                                        thresholds: [ChartThreshold(value: 2)])
        #expect(rows == [" *", "-|", " |", "* "])
    }

    @Test func thresholdCellsSayWhichThresholdTheyAre() {
        let cells = ChartRenderer.cells(series: [], width: 2, height: 2, range: 0...10, mode: .blocks, fill: true,
                                        thresholds: [ChartThreshold(value: 9), ChartThreshold(value: 8),
                                                     ChartThreshold(value: 1)])
        // 9 and 8 share the top row: the first listed wins it.
        #expect(cells[0].map(\.kind) == [.threshold(0), .threshold(0)])
        #expect(cells[1].map(\.kind) == [.threshold(2), .threshold(2)])
    }

    @Test func thresholdOutsideTheRangeIsNotDrawn() {
        #expect(ChartRenderer.render(series: [], width: 3, height: 2, range: 0...10, mode: .ascii, fill: false,
                                     thresholds: [ChartThreshold(value: 11), ChartThreshold(value: -1)])
                    == ["   ", "   "])
        #expect(ChartRenderer.row(of: 11, height: 2, range: 0...10, mode: .braille, fill: false) == nil)
    }

    @Test func rowOfMatchesWhereTheLineIsDrawn() {
        for mode in ChartMode.allCases {
            let row = ChartRenderer.row(of: 14.4, height: 5, range: 0...16, mode: mode, fill: false)
            let rows = ChartRenderer.render(series: [], width: 2, height: 5, range: 0...16, mode: mode, fill: false,
                                            thresholds: [ChartThreshold(value: 14.4)])
            #expect(row == 0)
            #expect(rows.firstIndex { $0 != "  " } == row)
        }
    }
}
