import Testing
import TerminalUI

@Suite("Resampling a series to a chart's points")
struct ChartAggregationTests {
    @Test func longSeriesAreCombinedPerPoint() {
        #expect(ChartAggregation.max.resample([1, 9, 2, 2], to: 2) == [9, 2])
        #expect(ChartAggregation.mean.resample([1, 9, 2, 2], to: 2) == [5, 2])
        #expect(ChartAggregation.min.resample([1, 9, 2, 2], to: 2) == [1, 2])
    }

    @Test func shortSeriesAreStretched() {
        #expect(ChartAggregation.mean.resample([1, 2], to: 4) == [1, 1, 2, 2])
        #expect(ChartAggregation.mean.resample([1, 2, 3], to: 8) == [1, 1, 1, 2, 2, 2, 3, 3])
        #expect(ChartAggregation.max.resample([1, nil], to: 4) == [1, 1, nil, nil])
    }

    @Test func missingValuesAreSkippedAndAllMissingStaysMissing() {
        #expect(ChartAggregation.mean.resample([nil, nil, 4, nil], to: 2) == [nil, 4])
        #expect(ChartAggregation.mean.resample([.nan, 2], to: 1) == [2])
        #expect(ChartAggregation.mean.resample([.infinity, -.infinity], to: 1) == [nil])
        #expect(ChartAggregation.max.resample([], to: 3) == [nil, nil, nil])
        #expect(ChartAggregation.max.resample([1, 2], to: 0) == [])
    }

    @Test func maxKeepsASpikeThatMeanFlattens() {
        var series: [Double?] = Array(repeating: 0, count: 100)
        series[37] = 10
        let peak = ChartRenderer.render(series: series, width: 10, height: 1, range: 0...10, mode: .blocks, fill: true,
                                        aggregation: .max)
        let mean = ChartRenderer.render(series: series, width: 10, height: 1, range: 0...10, mode: .blocks, fill: true,
                                        aggregation: .mean)
        #expect(peak == ["▁▁▁█▁▁▁▁▁▁"])
        #expect(mean == ["▁▁▁▂▁▁▁▁▁▁"])
    }
}
