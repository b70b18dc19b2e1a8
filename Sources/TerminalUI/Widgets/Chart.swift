/// Everything a chart pane shows: the series, its scale and mode, threshold lines and the
/// axis labels, ready for `CellGrid.drawChart(_:in:)`.
///
/// Labels are text the caller has already formatted ("14.4x", "99.9%", "-6h", "now"), so
/// the chart never guesses units. The y labels sit right-aligned in a gutter left of the
/// plot (top label on the top row, bottom label on the bottom row, a threshold's label on
/// its row); the x labels take one row under the plot, start at the left, end at the right.
///
/// ```swift
/// let chart = Chart(series: burn1h, range: 0...16, mode: .braille, aggregation: .max,
///                   thresholds: [ChartThreshold(value: 14.4, role: .crit, label: "14.4x")],
///                   topLabel: "16x", bottomLabel: "0x", startLabel: "-6h", endLabel: "now")
/// grid.drawChart(chart, in: inner)
/// ```
public struct Chart: Sendable, Hashable {
    /// One value per time bucket, oldest first; nil for a bucket without data.
    public var series: [Double?]
    public var range: ClosedRange<Double>
    public var mode: ChartMode
    /// An area down to the bottom instead of a line (`.blocks` always fills).
    public var fill: Bool
    public var aggregation: ChartAggregation
    public var thresholds: [ChartThreshold]
    public var topLabel: String
    public var bottomLabel: String
    public var startLabel: String
    public var endLabel: String
    /// The series' cells.
    public var style: CellStyle
    /// Cells holding a value beyond the range, drawn at its edge: off scale, not the edge.
    public var clippedStyle: CellStyle
    /// The axis labels (threshold labels take their threshold's style).
    public var labelStyle: CellStyle

    public init(series: [Double?], range: ClosedRange<Double>, mode: ChartMode = .braille, fill: Bool = false,
                aggregation: ChartAggregation = .mean, thresholds: [ChartThreshold] = [],
                topLabel: String = "", bottomLabel: String = "", startLabel: String = "", endLabel: String = "",
                style: CellStyle = CellStyle(.graph), clippedStyle: CellStyle = CellStyle(.accent, bold: true),
                labelStyle: CellStyle = CellStyle(.dim)) {
        self.series = series
        self.range = range
        self.mode = mode
        self.fill = fill
        self.aggregation = aggregation
        self.thresholds = thresholds
        self.topLabel = topLabel
        self.bottomLabel = bottomLabel
        self.startLabel = startLabel
        self.endLabel = endLabel
        self.style = style
        self.clippedStyle = clippedStyle
        self.labelStyle = labelStyle
    }
}

extension CellGrid {
    /// Draws `chart` filling `rect`: a gutter of y labels, the plot, a row of x labels.
    ///
    /// Every cell of `rect` is written, so a redraw leaves nothing stale. Space goes to
    /// the plot first: the x-label row needs at least one plot row above it, the gutter
    /// is dropped when it would take more than half the width, and labels that do not fit
    /// are left out rather than cut (a cut "99.9%" reads as another number).
    ///
    /// ```swift
    /// grid.drawChart(Chart(series: sli, range: 0.998...1, thresholds: [objective],
    ///                      topLabel: "100%", bottomLabel: "99.8%", startLabel: "-6h", endLabel: "now"),
    ///                in: Rect(x: 1, y: 1, width: 40, height: 8))
    /// ```
    public mutating func drawChart(_ chart: Chart, in rect: Rect) {
        guard !rect.isEmpty else { return }
        clearWideCharactersCut(by: rect)
        fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        let hasXLabels = !(chart.startLabel.isEmpty && chart.endLabel.isEmpty) && rect.height >= 2
        let plotHeight = rect.height - (hasXLabels ? 1 : 0)
        let yLabels = chartYLabels(chart, plotHeight: plotHeight)
        let labelWidth = yLabels.values.map { DisplayWidth.of($0.text) }.max() ?? 0
        let gutter = labelWidth > 0 && 2 * (labelWidth + 1) <= rect.width ? labelWidth + 1 : 0
        let plot = Rect(x: rect.x + gutter, y: rect.y, width: rect.width - gutter, height: plotHeight)

        if gutter > 0 {
            for (row, label) in yLabels {
                put(TextFit.pad(label.text, to: labelWidth, alignment: .right), x: rect.x, y: rect.y + row,
                    style: label.style)
            }
        }
        let rows = ChartRenderer.cells(series: chart.series, width: plot.width, height: plot.height,
                                       range: chart.range, mode: chart.mode, fill: chart.fill,
                                       aggregation: chart.aggregation, thresholds: chart.thresholds)
        for (dy, row) in rows.enumerated() {
            let y = plot.y + dy
            guard y >= 0, y < height else { continue }
            for (dx, cell) in row.enumerated() {
                let x = plot.x + dx
                guard x >= 0, x < width else { continue }
                let style: CellStyle
                switch cell.kind {
                case .empty: style = .normal
                case .data: style = chart.style
                case .clipped: style = chart.clippedStyle
                case .threshold(let index): style = chart.thresholds[index].style
                }
                // Chart glyphs are printable scalars of one column: the cell is written
                // as `put` would write it, without measuring a `Character` per cell.
                let code = cell.scalar.value
                if code >= 0x20, code < 0x7F || code >= 0xA0, DisplayWidth.isPlain(code) {
                    self[x, y] = Cell(code: code, style: style)
                } else {
                    put(cell.character, count: 1, x: x, y: y, style: style)
                }
            }
        }
        if hasXLabels {
            drawChartXLabels(chart, y: plot.maxY, x: plot.x, width: plot.width)
        }
    }

    /// The y labels by plot row: top and bottom first, then thresholds on rows still free.
    private func chartYLabels(_ chart: Chart, plotHeight: Int) -> [Int: (text: String, style: CellStyle)] {
        var labels: [Int: (text: String, style: CellStyle)] = [:]
        guard plotHeight > 0 else { return labels }
        if !chart.topLabel.isEmpty { labels[0] = (chart.topLabel, chart.labelStyle) }
        if !chart.bottomLabel.isEmpty, labels[plotHeight - 1] == nil {
            labels[plotHeight - 1] = (chart.bottomLabel, chart.labelStyle)
        }
        for threshold in chart.thresholds where !threshold.label.isEmpty {
            guard let row = ChartRenderer.row(of: threshold.value, height: plotHeight, range: chart.range,
                                              mode: chart.mode, fill: chart.fill),
                  labels[row] == nil else { continue }
            labels[row] = (threshold.label, threshold.style)
        }
        return labels
    }

    /// Start label at the left, end label right-aligned; the end ("now") is kept alone
    /// when both do not fit with a space between them.
    private mutating func drawChartXLabels(_ chart: Chart, y: Int, x: Int, width: Int) {
        let startWidth = DisplayWidth.of(chart.startLabel)
        let endWidth = DisplayWidth.of(chart.endLabel)
        let bothFit = chart.startLabel.isEmpty || chart.endLabel.isEmpty
            ? startWidth + endWidth <= width : startWidth + 1 + endWidth <= width
        if bothFit {
            put(chart.startLabel, x: x, y: y, style: chart.labelStyle)
        }
        if endWidth <= width {
            put(chart.endLabel, x: x + width - endWidth, y: y, style: chart.labelStyle)
        }
    }
}
