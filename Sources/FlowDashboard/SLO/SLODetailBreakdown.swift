import FlowCore
import TerminalUI

/// The SLO detail's per-tenant / per-model table: one row per series in the order chosen
/// (`s`), the selected row highlighted (↑↓, Enter shows that series), the series shown
/// marked; and the cap note when labels past the cap were folded into `other`.
extension SLODetailView {
    func breakdownBlock(_ detail: SLODetail) -> StackBlock {
        let rows = breakdown
        let shown = status?.series
        let nameWidth = min(28, max(10, rows.map { DisplayWidth.of($0.series.label) }.max() ?? 0))
        let columns = [
            TableColumn("", width: 1, priority: 100),
            TableColumn("", width: 4, priority: 96),
            TableColumn("series", width: nameWidth, minWidth: 10, priority: 99, widthPriority: 75),
            TableColumn("SLI", width: 8, alignment: .right, priority: 90),
            TableColumn("1h", width: 5, alignment: .right, priority: 80),
            TableColumn("6h", width: 5, alignment: .right, priority: 55),
            TableColumn("3d", width: 5, alignment: .right, priority: 50),
            TableColumn("left", width: 6, alignment: .right, priority: 85),
            TableColumn("events", width: 7, alignment: .right, priority: 65),
        ]
        let title = "breakdown (\(rows.count) series) \(context.dot) by \(state.breakdownSort.label)  [s]"
        let minimum = rows.isEmpty ? 2 : 3
        let height = max(minimum, rows.count + 2)
        return StackBlock(priority: 75, growthPriority: 72, minHeight: minimum, height: height) { rect, grid in
            grid.put(title, x: rect.x, y: rect.y, style: CellStyle(.title, bold: true), maxWidth: rect.width)
            let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
            guard !rows.isEmpty else {
                grid.put("no tenant or model series yet", x: body.x, y: body.y, style: CellStyle(.dim),
                         maxWidth: body.width)
                return
            }
            let selected = level.selectedIndex(in: rows) ?? 0
            let layout = TableLayout.fit(columns, width: body.width)
            let plan = PanePlan(height: body.height, count: rows.count, header: true, footer: 0, selected: selected)
            var y = body.y
            if plan.showsHeader {
                grid.drawTableHeader(columns, layout: layout, x: body.x, y: y)
                y += 1
            }
            for i in plan.window.range {
                let isSelected = i == selected && state.overlay?.detailLevel != nil
                grid.drawTableRow(cells(rows[i], shown: rows[i].series == shown), layout: layout, x: body.x, y: y,
                                  rowStyle: isSelected ? selectedRow : nil,
                                  columns: columns)
                y += 1
            }
            grid.drawMore(plan.window.hidden, in: body, y: y)
        }
    }

    /// "cap 1000 series reached: 1,204 events counted in other", when labels past the cap
    /// were folded into the `other` series; nil otherwise.
    func capNoteBlock(_ detail: SLODetail) -> StackBlock? {
        guard detail.overflowEvents > 0 else { return nil }
        let note = "cap \(detail.seriesCap) series reached: "
            + "\(NumberFormat.grouped(detail.overflowEvents)) events counted in other"
        return StackBlock(priority: 70, minHeight: 1, height: 1) { rect, grid in
            grid.put(note, x: rect.x, y: rect.y, style: CellStyle(.warn), maxWidth: rect.width)
        }
    }

    private func cells(_ row: SLOStatus, shown: Bool) -> [TableCell] {
        let status = SLOText.status(row, alerts: alerts)
        let budgetRole = SLOText.budgetRole(row.errorBudgetRemaining)
        return [
            TableCell(shown ? (context.asciiOnly ? ">" : "›") : "", style: CellStyle(.accent, bold: true)),
            TableCell(status.label, style: CellStyle(status.role, bold: status.role == .crit)),
            TableCell(row.series.label),
            TableCell(SLOText.sli(row.sli, objective: row.objective),
                      style: CellStyle(row.sli.map { $0 < row.objective ? .warn : .normal } ?? .dim)),
        ] + [BurnWindow.h1, .h6, .d3].map { window in
            let value = row.burnRates[window]
            return TableCell(SLOText.burn(value), style: CellStyle(SLOText.burnRole(row, window: window, value: value)))
        } + [
            TableCell(row.errorBudgetRemaining.map { NumberFormat.percent($0, digits: 0) } ?? "–",
                      style: CellStyle(budgetRole)),
            TableCell(NumberFormat.compact(row.total), style: CellStyle(.dim)),
        ]
    }
}
