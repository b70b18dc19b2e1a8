/// Picking the vertical range of a chart from its data and the lines it must show.
///
/// A chart scaled to its data alone hides what matters: a burn-rate chart of a quiet hour
/// would fill the pane with noise around 0.3 and leave the 14.4x page threshold off the
/// top. So the caller names the values that must be in view (`including`), a smallest
/// span so a flat series is not magnified into drama (`minSpan`), headroom as a fraction
/// of the span (`margin`), and hard limits the range must stay inside (`within`: an SLI
/// never exceeds 1).
///
/// ```swift
/// // Burn rate: always 0 and the page threshold.
/// ChartRange.auto(values: burn, including: [0, 14.4], minSpan: 1)             // 0...14.4
/// // SLI: the objective and 1, a little room below the worst value.
/// ChartRange.auto(values: sli, including: [0.999, 1], minSpan: 0.001, margin: 0.1, within: 0...1)
/// ```
public enum ChartRange {
    /// The smallest range holding every present finite value and `including`, padded by
    /// `margin` x span on each side, widened about its middle to `minSpan`, then moved
    /// (not squeezed) back inside `within` where it pokes out. Never a single value: with
    /// nothing to go by and no `minSpan` it is one unit wide.
    public static func auto(values: [Double?], including: [Double] = [], minSpan: Double, margin: Double = 0,
                            within bounds: ClosedRange<Double>? = nil) -> ClosedRange<Double> {
        let known = (values.compactMap { $0 } + including).filter(\.isFinite)
        var lower = known.min() ?? 0
        var upper = known.max() ?? 0
        let pad = (upper - lower) * (margin.isFinite ? max(0, margin) : 0)
        lower -= pad
        upper += pad
        let span = max(minSpan.isFinite ? minSpan : 0, upper - lower)
        let wanted = span > 0 ? span : 1
        let grow = (wanted - (upper - lower)) / 2
        lower -= grow
        upper += grow
        if let bounds {
            if upper > bounds.upperBound {
                lower -= upper - bounds.upperBound
                upper = bounds.upperBound
            }
            if lower < bounds.lowerBound {
                upper = min(bounds.upperBound, upper + bounds.lowerBound - lower)
                lower = bounds.lowerBound
            }
        }
        return lower...max(lower, upper)
    }
}
