/// The steps one chart point covers in its column: a single step for a point on a line,
/// a vertical run joining it to the previous point, or everything below it for an area.
///
/// Joining happens only inside the point's own column and only to an adjacent present
/// point, so a gap in the data stays a gap in the line.
///
/// ```swift
/// // A line from step 0 to step 5: the second column covers 1...5 with its point at 5.
/// ChartStroke.strokes([0, 5], scale: ChartScale(range: 0...5, steps: 6), fill: false)
/// ```
struct ChartStroke {
    /// The lowest and highest step drawn.
    var low: Int
    var high: Int
    /// The step of the value itself (where ASCII puts its `*`).
    var point: Int
    /// The value was outside the range and drawn at its edge.
    var clipped: Bool

    func covers(_ step: Int) -> Bool {
        step >= low && step <= high
    }

    static func strokes(_ points: [Double?], scale: ChartScale, fill: Bool) -> [ChartStroke?] {
        var out: [ChartStroke?] = []
        out.reserveCapacity(points.count)
        var previous: Int?
        for value in points {
            guard let value else {
                out.append(nil)
                previous = nil
                continue
            }
            let (step, clipped) = scale.step(value)
            var stroke = ChartStroke(low: fill ? 0 : step, high: step, point: step, clipped: clipped)
            if !fill, let previous {
                if previous < step - 1 { stroke.low = previous + 1 }
                if previous > step + 1 { stroke.high = previous - 1 }
            }
            out.append(stroke)
            previous = step
        }
        return out
    }
}
