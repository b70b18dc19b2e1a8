import FlowCore
import TerminalUI

/// The lead funnel, lead_created to won: one bar per stage scaled to lead_created, with
/// the count, the conversion from the previous stage and from the start; lost leads and
/// won revenue on a summary line.
struct FunnelPane {
    var funnel: FunnelSnapshot
    var selected: Int?
    var focused: Bool
    var context: DashboardContext

    var columns: [TableColumn] {
        let countWidth = max(5, funnel.stages.map { NumberFormat.grouped($0.count).count }.max() ?? 0)
        return [
            TableColumn("stage", width: 12, minWidth: 8, priority: 100),
            TableColumn("", width: 24, minWidth: 6, priority: 30, flexible: true),
            TableColumn("count", width: countWidth, alignment: .right, priority: 95),
            TableColumn("step", width: 6, alignment: .right, priority: 70),
            TableColumn("total", width: 6, alignment: .right, priority: 60),
        ]
    }

    /// Width for every column at its preferred width, border included.
    var preferredWidth: Int { TableLayout.preferredWidth(of: columns) + 2 }

    /// Column header, one row per stage, the summary line.
    var wantedRows: Int { funnel.stages.count + 2 }

    func draw(in rect: Rect, grid: inout CellGrid) {
        let inner = grid.drawBox(rect, title: "Funnel", focused: focused, glyphs: context.boxGlyphs)
        guard !inner.isEmpty else { return }
        let stages = funnel.stages
        if inner.height == 1, let first = stages.first, let last = stages.last, stages.count > 1 {
            let rate = last.conversionFromStart.map { " (\(NumberFormat.percent($0)))" } ?? ""
            let text = "\(NumberFormat.grouped(first.count)) \(first.stage.name) \(context.arrow) \(NumberFormat.grouped(last.count)) "
                + "\(last.stage.name)\(rate) \(context.dot) lost \(NumberFormat.grouped(funnel.lost))"
            grid.drawSummary(text, in: inner)
            return
        }
        let columns = self.columns
        let layout = TableLayout.fit(columns, width: inner.width)
        let plan = PanePlan(height: inner.height, count: stages.count, header: true, footer: 1, selected: selected)
        var y = inner.y
        if plan.showsHeader {
            grid.drawTableHeader(columns, layout: layout, x: inner.x, y: y)
            y += 1
        }
        let start = stages.first.map { Double($0.count) } ?? 0
        for i in plan.window.range {
            let stage = stages[i]
            let fraction = start > 0 ? Double(stage.count) / start : 0
            let cells: [TableCell] = [
                TableCell(stage.stage.name),
                .bar(fraction, style: CellStyle(stage.stage == .won ? .ok : .barFill)),
                TableCell(NumberFormat.grouped(stage.count)),
                TableCell(stage.conversionFromPrevious.map { NumberFormat.percent($0) } ?? "", style: CellStyle(.dim)),
                TableCell(stage.conversionFromStart.map { NumberFormat.percent($0) } ?? "–"),
            ]
            grid.drawTableRow(cells, layout: layout, x: inner.x, y: y,
                              rowStyle: selectionStyle(row: i, selected: selected, focused: focused),
                              ascii: context.asciiOnly, columns: columns)
            y += 1
        }
        grid.drawMore(plan.window.hidden, in: inner, y: y)
        if plan.footerLines > 0 {
            let summary = "lost \(NumberFormat.grouped(funnel.lost))  \(context.dot)  won revenue "
                + NumberFormat.money(funnel.wonRevenue)
            grid.put(TextFit.truncate(summary, to: inner.width), x: inner.x, y: inner.maxY - 1)
        }
    }
}
