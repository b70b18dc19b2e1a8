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

    /// Each point is combined in one pass over its values; the result must be what
    /// `reduce` over the present ones gives, to the last bit (the sum in order for the mean).
    @Test func combiningInOnePassMatchesReducingThePresentValues() {
        var series: [Double?] = []
        for i in 0..<997 {
            let value = Double((i * 7919) % 1000) / 7 - 50
            series.append(i % 13 == 0 ? nil : i % 29 == 0 ? Double.nan : value)
        }
        series[500..<520] = ArraySlice(repeating: nil, count: 20)
        for aggregation in ChartAggregation.allCases {
            let points = 61
            let expected: [Double?] = (0..<points).map { i in
                let present = series[(i * series.count / points)..<((i + 1) * series.count / points)]
                    .compactMap { $0 }.filter { !$0.isNaN }
                guard let first = present.first else { return nil }
                switch aggregation {
                case .mean: return present.reduce(0, +) / Double(present.count)
                case .max: return present.reduce(first) { Swift.max($0, $1) }
                case .min: return present.reduce(first) { Swift.min($0, $1) }
                }
            }
            #expect(aggregation.resample(series, to: points) == expected, "\(aggregation)")
        }
        #expect(ChartAggregation.max.resample([.nan, nil, -.infinity, 3], to: 1) == [3])
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
