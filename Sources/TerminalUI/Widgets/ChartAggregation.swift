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
            return combine(values[start..<end])
        }
    }

    /// The aggregate of the present values of `values` (NaN counts as missing), nil for
    /// none (or when infinities cancel into NaN). One pass in order, as `reduce` over them
    /// would add and compare, but without an array of them per point: a chart resamples
    /// every point of its series each frame, and the SLO detail draws three.
    func combine(_ values: ArraySlice<Double?>) -> Double? {
        var count = 0
        var result = 0.0
        for case let value? in values where !value.isNaN {
            switch self {
            case .mean: result += value
            case .max: result = count == 0 ? value : Swift.max(result, value)
            case .min: result = count == 0 ? value : Swift.min(result, value)
            }
            count += 1
        }
        guard count > 0 else { return nil }
        if self == .mean { result /= Double(count) }
        return result.isNaN ? nil : result
    }

    private func present(_ value: Double?) -> Double? {
        guard let value, !value.isNaN else { return nil }
        return value
    }
}
