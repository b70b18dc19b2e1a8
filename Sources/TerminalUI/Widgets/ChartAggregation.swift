/// How the values that share one chart point are combined when a series has more values
/// than the chart has points.
///
/// The right answer depends on the question the chart answers: a burn-rate chart takes
/// the `max`, so a five-minute spike stays visible on a six-hour chart instead of being
/// averaged into the floor; an SLI chart takes the `mean` (what the window really
/// delivered) or the `min` (its worst moment).
///
/// ```swift
/// ChartAggregation.max.resample([1, 9, 2, 2], to: 2)    // [9, 2]
/// ChartAggregation.mean.resample([1, 9, 2, 2], to: 2)   // [5, 2]
/// ChartAggregation.mean.resample([1, 2], to: 4)         // [1, 1, 2, 2]
/// ```
public enum ChartAggregation: Sendable, Hashable, CaseIterable {
    case mean
    case max
    case min

    /// Exactly `points` values: each the aggregate of the present values that fall on it
    /// (nil when none does), or, for a series shorter than `points`, each value stretched
    /// over the points its share of the width covers. NaN counts as missing.
    public func resample(_ values: [Double?], to points: Int) -> [Double?] {
        guard points > 0 else { return [] }
        guard !values.isEmpty else { return Array(repeating: nil, count: points) }
        if values.count <= points {
            return (0..<points).map { i in present(values[i * values.count / points]) }
        }
        return (0..<points).map { i in
            let start = i * values.count / points
            let end = (i + 1) * values.count / points
            return combine(values[start..<end].compactMap { present($0) })
        }
    }

    /// The aggregate of `values`, nil for none (or when infinities cancel into NaN).
    func combine(_ values: [Double]) -> Double? {
        guard let first = values.first else { return nil }
        let result: Double
        switch self {
        case .mean: result = values.reduce(0, +) / Double(values.count)
        case .max: result = values.reduce(first) { Swift.max($0, $1) }
        case .min: result = values.reduce(first) { Swift.min($0, $1) }
        }
        return result.isNaN ? nil : result
    }

    private func present(_ value: Double?) -> Double? {
        guard let value, !value.isNaN else { return nil }
        return value
    }
}
