/// Where a value sits on a chart's vertical axis, in steps from the bottom: dot rows in
/// braille, eighths of a cell in blocks.
///
/// Every present value gets a step, even the range's lowest (step 0, a dot on the bottom
/// row), so a value of zero never looks like a gap. Values outside the range are clamped
/// to its edge and reported, so the chart can mark them as off scale.
///
/// ```swift
/// let scale = ChartScale(range: 0...7, steps: 8)
/// scale.step(3)    // (3, clipped: false)
/// scale.step(99)   // (7, clipped: true)
/// ```
struct ChartScale {
    let range: ClosedRange<Double>
    /// Distinct heights on the whole axis (at least 1).
    let steps: Int

    init(range: ClosedRange<Double>, steps: Int) {
        self.range = range
        self.steps = max(1, steps)
    }

    /// The step of `value` (0 at the bottom) and whether it had to be clamped.
    func step(_ value: Double) -> (step: Int, clipped: Bool) {
        let span = range.upperBound - range.lowerBound
        let fraction: Double
        if span.isFinite, span > 0 {
            fraction = Swift.min(1, Swift.max(0, (value - range.lowerBound) / span))
        } else {
            // A range of one value: everything at or below it sits on the floor.
            fraction = value > range.upperBound ? 1 : 0
        }
        let clipped = value < range.lowerBound || value > range.upperBound
        return (Int((fraction * Double(steps - 1)).rounded()), clipped)
    }
}
