import FlowCore
import TerminalUI

/// The SLO detail's charts: SLI and burn rate over the chosen range, and the error budget
/// burn-down over the SLO window. Each is a title row over a `Chart` in the context's mode.
extension SLODetailView {
    /// SLI per bucket against the objective; the worst bucket of each point is drawn, so a
    /// short dip stays visible on a long range.
    func sliChartBlock(_ detail: SLODetail, selector: Bool) -> StackBlock {
        let slo = detail.status
        let history = detail.history
        let range = ChartRange.auto(values: history.sli, including: [slo.objective, 1],
                                    minSpan: 2 * (1 - slo.objective), margin: 0.1, within: 0...1)
        let chart = Chart(series: history.sli, range: range, mode: context.chartMode, aggregation: .min,
                          thresholds: [ChartThreshold(value: slo.objective, role: .warn,
                                                      label: SLOText.objective(slo.objective))],
                          topLabel: axisPercent(range.upperBound), bottomLabel: axisPercent(range.lowerBound),
                          startLabel: "-" + history.range.label, endLabel: "now")
        return chartBlock("SLI, last \(history.range.label)", chart: chart, empty: history.sli, selector: selector,
                          priority: 80, growthPriority: 60)
    }

    /// Burn rate per bucket with every tier's factor as a line; the highest bucket of each
    /// point is drawn. The scale always reaches the page threshold, so a calm SLO stays low.
    func burnChartBlock(_ detail: SLODetail, selector: Bool) -> StackBlock {
        let history = detail.history
        let tiers = detail.status.alerts.map(\.tier).filter(\.enabled)
        let pageFactor = tiers.filter { $0.severity == .page }.map(\.factor).max() ?? 1
        let range = ChartRange.auto(values: history.burn, including: [0, pageFactor], minSpan: 1, margin: 0.05)
        let chartRange = max(0, range.lowerBound)...range.upperBound
        var thresholds: [ChartThreshold] = []
        for tier in tiers.sorted(by: { $0.factor > $1.factor })
        where !thresholds.contains(where: { $0.value == tier.factor }) {
            thresholds.append(ChartThreshold(value: tier.factor, role: SLOText.role(tier.severity),
                                             label: NumberFormat.burn(tier.factor) + "x"))
        }
        let chart = Chart(series: history.burn, range: chartRange, mode: context.chartMode, aggregation: .max,
                          thresholds: thresholds, topLabel: NumberFormat.burn(chartRange.upperBound) + "x",
                          bottomLabel: "0x", startLabel: "-" + history.range.label, endLabel: "now")
        return chartBlock("burn rate, last \(history.range.label)", chart: chart, empty: history.burn,
                          selector: selector, priority: 79, growthPriority: 60)
    }

    /// Budget left from the window's start to now, down to zero and below.
    func burnDownBlock(_ detail: SLODetail) -> StackBlock {
        let down = detail.burnDown
        let range = ChartRange.auto(values: down.remaining, including: [0, 1], minSpan: 1)
        let span = Self.spanLabel(millis: now - down.start)
        let chart = Chart(series: down.remaining, range: range, mode: context.chartMode, fill: true,
                          thresholds: [ChartThreshold(value: 0, role: .crit, label: "0%")],
                          topLabel: axisPercent(range.upperBound, digits: 0),
                          bottomLabel: axisPercent(range.lowerBound, digits: 0),
                          startLabel: span, endLabel: "now",
                          style: CellStyle(SLOText.budgetRole(detail.status.errorBudgetRemaining)))
        let left = detail.status.errorBudgetRemaining.map { ": " + NumberFormat.percent($0) + " left" } ?? ""
        return chartBlock("error budget over the \(detail.status.window.label) window" + left, chart: chart,
                          empty: down.remaining, selector: false, priority: 55, height: 5, maxHeight: 10)
    }

    /// A title row (with the range keys when `selector`) over the chart; "no data" in the
    /// title when the series has none.
    private func chartBlock(_ title: String, chart: Chart, empty series: [Double?], selector: Bool, priority: Int,
                            growthPriority: Int? = nil, height: Int = 8, maxHeight: Int = 16) -> StackBlock {
        let hasData = series.contains { $0 != nil }
        return StackBlock(priority: priority, growthPriority: growthPriority, minHeight: 4, height: height,
                          maxHeight: maxHeight) { rect, grid in
            var x = rect.x
            x += grid.put(title, x: x, y: rect.y, style: CellStyle(.title, bold: true), maxWidth: rect.width)
            if !hasData {
                x += grid.put("  no data", x: x, y: rect.y, style: CellStyle(.dim), maxWidth: rect.maxX - x)
            }
            if selector {
                let keys = rangeSelector
                let width = keys.reduce(0) { $0 + DisplayWidth.of($1.text) }
                if x + 2 + width <= rect.maxX {
                    var kx = rect.maxX - width
                    for part in keys { kx += grid.put(part.text, x: kx, y: rect.y, style: part.style) }
                }
            }
            grid.drawChart(chart, in: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1))
        }
    }

    /// "1h [6h] 1d 3d 30d (1-5)": the ranges, the chosen one in brackets.
    private var rangeSelector: [(text: String, style: CellStyle)] {
        var parts: [(text: String, style: CellStyle)] = []
        for range in SLOHistoryRange.allCases {
            let chosen = range == state.historyRange
            parts.append((chosen ? "[\(range.label)]" : " \(range.label) ",
                          chosen ? CellStyle(.accent, bold: true) : CellStyle(.dim)))
        }
        parts.append((" keys 1-5", CellStyle(.dim)))
        return parts
    }

    /// How far back the window starts, as an axis label: "-30d", "-17d", "-6h".
    static func spanLabel(millis: EpochMillis) -> String {
        let hours = (max(0, millis) + 1_800_000) / 3_600_000
        return hours >= 48 ? "-\((hours + 12) / 24)d" : "-\(hours)h"
    }

    /// An axis label: "99.9%", "100%"; no more digits than the value needs.
    private func axisPercent(_ fraction: Double, digits: Int = 3) -> String {
        SLOText.percent(fraction, maxDigits: digits)
    }
}
