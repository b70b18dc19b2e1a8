import FlowCore
import TerminalUI

/// Latency percentiles of a latency SLO's total series over 5m, 1h, 1d and the SLO window:
/// how slow the slow requests are, beside the burn that says how fast the budget goes.
extension SLODetailView {
    /// nil when the series has no percentiles (not a latency SLO, or not the total).
    func percentileBlock(_ slo: SLOStatus) -> StackBlock? {
        guard !slo.percentiles.isEmpty else { return nil }
        let columns = [
            TableColumn("latency", width: 7, priority: 100),
            TableColumn("events", width: 7, alignment: .right, priority: 60),
            TableColumn("p50", width: 7, alignment: .right, priority: 80),
            TableColumn("p90", width: 7, alignment: .right, priority: 70),
            TableColumn("p95", width: 7, alignment: .right, priority: 75),
            TableColumn("p99", width: 7, alignment: .right, priority: 90),
        ]
        let rows = PercentileWindow.allCases.map { window in
            (window == .slo ? slo.window.label : window.rawValue, slo.percentiles[window] ?? .empty)
        }
        return StackBlock(priority: 60, minHeight: rows.count + 1, height: rows.count + 1) { rect, grid in
            let layout = TableLayout.fit(columns, width: rect.width)
            grid.drawTableHeader(columns, layout: layout, x: rect.x, y: rect.y)
            for (i, (label, p)) in rows.enumerated() where i + 1 < rect.height {
                let values = [p.p50, p.p90, p.p95, p.p99].map { value in
                    TableCell(value.map(SLOText.latency) ?? "–", style: CellStyle(value == nil ? .dim : .normal))
                }
                grid.drawTableRow([TableCell(label), TableCell(NumberFormat.compact(p.count), style: CellStyle(.dim))]
                                  + values, layout: layout, x: rect.x, y: rect.y + 1 + i, columns: columns)
            }
        }
    }
}
