import Testing
import TerminalUI

@Suite("Choosing a chart's range")
struct ChartRangeTests {
    @Test func burnRangeKeepsZeroAndThePageThreshold() {
        #expect(ChartRange.auto(values: [0.5, 3, nil], including: [0, 14.4], minSpan: 1) == 0...14.4)
        #expect(ChartRange.auto(values: [20, nil], including: [0, 14.4], minSpan: 1) == 0...20)
    }

    @Test func sliRangeHasRoomBelowTheWorstValueAndStopsAtOne() {
        let range = ChartRange.auto(values: [0.9985, nil, 0.9995], including: [0.999, 1], minSpan: 0.001,
                                    margin: 0.1, within: 0...1)
        #expect(range.upperBound == 1)
        #expect(abs(range.lowerBound - 0.9982) < 1e-9)
    }

    @Test func flatSeriesIsWidenedToMinSpanAboutItsMiddle() {
        #expect(ChartRange.auto(values: [5, 5], minSpan: 2) == 4...6)
    }

    @Test func widenedRangeIsMovedBackInsideItsBounds() {
        let range = ChartRange.auto(values: [1, 1], minSpan: 0.01, within: 0...1)
        #expect(range.upperBound == 1)
        #expect(abs(range.lowerBound - 0.99) < 1e-12)
        #expect(ChartRange.auto(values: [0], minSpan: 4, within: 0...100) == 0...4)
    }

    @Test func nonFiniteValuesAreIgnored() {
        #expect(ChartRange.auto(values: [.infinity, 2, .nan], including: [0], minSpan: 0) == 0...2)
    }

    @Test func nothingToGoByIsStillOneUnitWide() {
        let range = ChartRange.auto(values: [nil], minSpan: 0)
        #expect(range.upperBound - range.lowerBound == 1)
        #expect(range.contains(0))
    }
}
