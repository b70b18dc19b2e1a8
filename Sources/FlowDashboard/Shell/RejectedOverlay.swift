import FlowCore
import TerminalUI

/// Rejected lines by reason code, most frequent first, each with its share (`r`): the
/// drill-down behind the header's "rejected N".
struct RejectedOverlay {
    var ingest: IngestStats?
    var context: DashboardContext

    func draw(over area: Rect, breadcrumb: String, grid: inout CellGrid) {
        let reasons = ingest?.rejected.nonZero ?? []
        let total = ingest?.rejected.total ?? 0
        let height = max(1, reasons.count) + (reasons.isEmpty ? 0 : 2) + 2
        let box = area.centered(width: 54, height: height)
        let inner = grid.drawBox(box, title: breadcrumb, focused: true, glyphs: context.boxGlyphs).inset(dx: 1, dy: 0)
        guard !inner.isEmpty else { return }
        if reasons.isEmpty {
            grid.put("no rejected lines", x: inner.x, y: inner.y, style: CellStyle(.ok), maxWidth: inner.width)
            return
        }
        let columns = [
            TableColumn("reason", width: 14, priority: 100),
            TableColumn("lines", width: 8, alignment: .right, priority: 90),
            TableColumn("", width: 14, minWidth: 4, priority: 30, flexible: true),
            TableColumn("share", width: 6, alignment: .right, priority: 60),
        ]
        let layout = TableLayout.fit(columns, width: inner.width)
        grid.drawTableHeader(columns, layout: layout, x: inner.x, y: inner.y)
        for (i, (reason, count)) in reasons.prefix(max(0, inner.height - 2)).enumerated() {
            let share = total > 0 ? Double(count) / Double(total) : 0
            let cells: [TableCell] = [
                TableCell(reason.rawValue),
                TableCell(NumberFormat.grouped(count), style: CellStyle(.warn)),
                .bar(share, style: CellStyle(.warn)),
                TableCell(NumberFormat.percent(share, digits: 0), style: CellStyle(.dim)),
            ]
            grid.drawTableRow(cells, layout: layout, x: inner.x, y: inner.y + 1 + i, ascii: context.asciiOnly,
                              columns: columns)
        }
        grid.put("total " + NumberFormat.grouped(total), x: inner.x, y: inner.maxY - 1,
                 style: CellStyle(.normal, bold: true), maxWidth: inner.width)
    }
}
