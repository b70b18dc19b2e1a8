/// Draws a series as a line or an area chart in text: `height` rows of exactly `width`
/// columns, top row first, with no I/O and no grid, so every mode can be checked as text.
///
/// The series is spread over the whole width (resampled to the points the mode has:
/// two per cell in braille), so callers pass one value per time bucket of the window,
/// nil for buckets without data. Gaps stay blank and break the line; a line joins
/// consecutive points with a vertical stroke so a jump still reads as one line.
///
/// ```swift
/// ChartRenderer.render(series: [0, 1, 2, 3, 4, 5, 6, 7], width: 4, height: 2,
///                      range: 0...7, mode: .braille, fill: false)
/// // ["  ⡠⠊",
/// //  "⡠⠊  "]
/// ```
public enum ChartRenderer {
    /// The chart as text rows; see `cells` for what each parameter does.
    public static func render(series: [Double?], width: Int, height: Int, range: ClosedRange<Double>,
                              mode: ChartMode, fill: Bool, aggregation: ChartAggregation = .mean,
                              thresholds: [ChartThreshold] = []) -> [String] {
        cells(series: series, width: width, height: height, range: range, mode: mode, fill: fill,
              aggregation: aggregation, thresholds: thresholds)
            .map { row in String(row.map(\.character)) }
    }

    /// The chart as cells, top row first, each saying whether it shows data, off-scale
    /// data or a threshold.
    /// - Parameters:
    ///   - range: the values at the bottom and top edges; values outside are clamped.
    ///   - fill: an area down to the bottom instead of a line (`.blocks` always fills).
    ///   - aggregation: how values sharing one point combine when the series is longer.
    ///   - thresholds: dotted lines drawn where no data is; earlier ones win a shared cell.
    public static func cells(series: [Double?], width: Int, height: Int, range: ClosedRange<Double>,
                             mode: ChartMode, fill: Bool, aggregation: ChartAggregation = .mean,
                             thresholds: [ChartThreshold] = []) -> [[ChartCell]] {
        let width = max(0, width), height = max(0, height)
        let fill = mode.fills(fill)
        let perCell = mode.stepsPerCell(fill: fill)
        let scale = ChartScale(range: range, steps: height * perCell)
        let points = aggregation.resample(series, to: width * mode.pointsPerCell)
        let strokes = ChartStroke.strokes(points, scale: scale, fill: fill)
        var rows: [[ChartCell]] = (0..<height).map { row in
            (0..<width).map { column in
                let bottom = (height - 1 - row) * perCell
                let first = column * mode.pointsPerCell
                return ChartGlyphs.data(strokes[first..<(first + mode.pointsPerCell)], bottom: bottom,
                                        mode: mode, fill: fill)
            }
        }
        for (index, threshold) in thresholds.enumerated() {
            guard let step = thresholdStep(threshold.value, scale: scale) else { continue }
            let row = height - 1 - step / perCell
            let cell = ChartCell(scalar: ChartGlyphs.threshold(stepInCell: step % perCell, mode: mode),
                                 kind: .threshold(index))
            for column in 0..<width where rows[row][column].kind == .empty {
                rows[row][column] = cell
            }
        }
        return rows
    }

    /// The row (top first) a threshold at `value` is drawn on, nil when it is outside
    /// the range: where the y-axis gutter puts the threshold's label.
    public static func row(of value: Double, height: Int, range: ClosedRange<Double>, mode: ChartMode,
                           fill: Bool) -> Int? {
        guard height > 0 else { return nil }
        let perCell = mode.stepsPerCell(fill: mode.fills(fill))
        let scale = ChartScale(range: range, steps: height * perCell)
        return thresholdStep(value, scale: scale).map { height - 1 - $0 / perCell }
    }

    private static func thresholdStep(_ value: Double, scale: ChartScale) -> Int? {
        guard scale.range.contains(value) else { return nil }
        return scale.step(value).step
    }
}
