import Testing

@testable import FlowCore

/// The open-addressing table behind every exported family finds each key it was given,
/// through every growth, and no other.
@Suite struct MetricSeriesTableTests {
    @Test func everyKeyIsFoundAtItsSlotAfterManyGrowths() {
        var table = MetricSeriesTable(capacity: 100_000)
        var keys: [MetricSeriesKey] = []
        for i in 0..<5_000 {
            let key = MetricSeriesKey(UInt32(i % 7), UInt32(i / 7), UInt32(i % 3), UInt32(i & 1))
            #expect(table.slot(of: key) == nil)
            #expect(table.append(key) == i)
            keys.append(key)
        }
        #expect(keys.indices.allSatisfy { table.slot(of: keys[$0]) == $0 })
        #expect(table.slot(of: MetricSeriesKey(7, 0)) == nil)
        #expect(table.count == 5_000 && table.keys == keys)
    }

    @Test func keysDifferingInAnySlotAreDifferentSeries() {
        var table = MetricSeriesTable(capacity: 10)
        let keys = [MetricSeriesKey(1, 2, 3, 4), MetricSeriesKey(2, 1, 3, 4), MetricSeriesKey(1, 2, 4, 3),
                    MetricSeriesKey(1, 2, 3, 5)]
        for key in keys { _ = table.append(key) }
        #expect(keys.map { table.slot(of: $0) } == [0, 1, 2, 3])
        #expect(!table.isFull)
    }
}
