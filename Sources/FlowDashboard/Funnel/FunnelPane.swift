import FlowCore
import TerminalUI

/// The lead funnel of the leads created in the chosen period, lead_created to won: one bar
/// per stage scaled to lead_created, with the count and both conversions (step: from the
/// previous stage; overall: from lead_created); lost leads and the cohort's won revenue
/// on a summary line. With a breakdown, a row per source or tenant (leads, won, conversion to won, won
/// revenue) beside the bars when the pane is wide, under them when it is tall enough.
///
/// The title says what is shown and which keys change it: `Funnel · 30d · by source  [p b]`.
struct FunnelPane: Equatable {
    var funnel: FunnelSnapshot
    /// Empty without a breakdown.
    var breakdown: [FunnelBreakdownRow]
    /// What the breakdown rows are split by (the analysis' own, so the column title
    /// matches the rows even while a new breakdown is on its way).
    var breakdownKind: FunnelBreakdown
    /// The period and breakdown asked for (`p`, `b`): the title.
    var query: FunnelQuery
    var selected: Int?
    var focused: Bool
    var context: DashboardContext

    /// From this inner width on, the breakdown sits beside the bars.
    static let besideWidth = 100

    /// "Funnel · 30d · by source  [p b]": what `query` asks for and the keys that change it.
    static func title(_ query: FunnelQuery, context: DashboardContext) -> String {
        let parts = ["Funnel", "\(query.periodDays)d"] + (query.breakdown.title.map { [$0] } ?? [])
        return parts.joined(separator: " \(context.dot) ") + "  [p b]"
    }

    var columns: [TableColumn] {
        let countWidth = max(5, funnel.stages.map { NumberFormat.groupedWidth($0.count) }.max() ?? 0)
        return [
            TableColumn("stage", width: 12, minWidth: 8, priority: 100),
            TableColumn("", width: 24, minWidth: 6, priority: 30, flexible: true),
            TableColumn("count", width: countWidth, alignment: .right, priority: 95),
            TableColumn("step", width: 6, alignment: .right, priority: 70),
            TableColumn("overall", width: 7, alignment: .right, priority: 80),
        ]
    }

    /// Width for every stage column at its preferred width, border included.
    var preferredWidth: Int { TableLayout.preferredWidth(of: columns) + 2 }

    /// Column header, one row per stage, the summary line; with a breakdown a blank line,
    /// its header and its rows.
    var wantedRows: Int { funnel.stages.count + 2 + (breakdown.isEmpty ? 0 : breakdown.count + 2) }

    func draw(in rect: Rect, grid: inout CellGrid) {
        let inner = grid.drawBox(rect, title: Self.title(query, context: context), focused: focused,
                                 glyphs: context.boxGlyphs)
        guard !inner.isEmpty else { return }
        let stages = funnel.stages
        if inner.height == 1, let first = stages.first, let last = stages.last, stages.count > 1 {
            let rate = last.conversionFromStart.map { " (\(NumberFormat.percent($0)))" } ?? ""
            let text = "\(NumberFormat.grouped(first.count)) \(first.stage.name) \(context.arrow) \(NumberFormat.grouped(last.count)) "
                + "\(last.stage.name)\(rate) \(context.dot) lost \(NumberFormat.grouped(funnel.lost))"
            grid.drawSummary(text, in: inner)
            return
        }
        if !breakdown.isEmpty, inner.width >= Self.besideWidth, inner.height >= 3 {
            let (left, right) = inner.splitColumns(at: DetailStack.leftWidth(of: inner.width, share: 0.6))
            drawStages(in: left, summary: true, grid: &grid)
            drawBreakdown(in: Rect(x: right.x + 2, y: right.y, width: right.width - 2, height: right.height),
                          grid: &grid)
            return
        }
        // Under the bars: the header and every stage, then the summary, then what is left.
        let stageRows = stages.count + 1
        let spare = inner.height - stageRows - 1
        guard !breakdown.isEmpty, spare >= 2 else {
            drawStages(in: inner, summary: true, grid: &grid)
            return
        }
        drawStages(in: Rect(x: inner.x, y: inner.y, width: inner.width, height: stageRows), summary: false,
                   grid: &grid)
        let gap = spare >= 3 ? 1 : 0
        drawBreakdown(in: Rect(x: inner.x, y: inner.y + stageRows + gap, width: inner.width, height: spare - gap),
                      grid: &grid)
        drawSummaryLine(in: inner, grid: &grid)
    }

    /// The bars, and the summary line at the bottom of `rect` when `summary`.
    private func drawStages(in rect: Rect, summary: Bool, grid: inout CellGrid) {
        let stages = funnel.stages
        let columns = self.columns
        let layout = TableLayout.fit(columns, width: rect.width)
        let plan = PanePlan(height: rect.height, count: stages.count, header: true, footer: summary ? 1 : 0,
                            selected: selected)
        var y = rect.y
        if plan.showsHeader {
            grid.drawTableHeader(columns, layout: layout, x: rect.x, y: y)
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
            grid.drawTableRow(cells, layout: layout, x: rect.x, y: y,
                              rowStyle: selectionStyle(row: i, selected: selected, focused: focused),
                              ascii: context.asciiOnly, columns: columns)
            y += 1
        }
        grid.drawMore(plan.window.hidden, in: rect, y: y)
        if plan.footerLines > 0 { drawSummaryLine(in: rect, grid: &grid) }
    }

    /// "won (cohort)": the revenue of the period's leads that were won, whenever they won;
    /// the attribution pane's "won in 30d" counts the wins inside the period instead, so
    /// the two differ and the labels say why.
    private func drawSummaryLine(in rect: Rect, grid: inout CellGrid) {
        let summary = "lost \(NumberFormat.grouped(funnel.lost))  \(context.dot)  won (cohort) "
            + NumberFormat.money(funnel.wonRevenue)
        grid.put(TextFit.truncate(summary, to: rect.width), x: rect.x, y: rect.maxY - 1)
    }

    /// One row per source or tenant, most leads first: leads, won, conversion to won, revenue.
    private func drawBreakdown(in rect: Rect, grid: inout CellGrid) {
        guard !rect.isEmpty else { return }
        let rows = breakdown
        let labelWidth = min(20, max(8, rows.map { DisplayWidth.of(FunnelText.label($0.label)) }.max() ?? 0))
        let columns = [
            TableColumn(breakdownKind.rawValue, width: labelWidth, minWidth: 6, priority: 100, widthPriority: 60),
            TableColumn("leads", width: 6, alignment: .right, priority: 95),
            TableColumn("won", width: 5, alignment: .right, priority: 50),
            TableColumn(context.asciiOnly ? "conv" : "→won", width: 6, alignment: .right, priority: 90),
            TableColumn("revenue", width: 8, alignment: .right, priority: 85),
        ]
        let layout = TableLayout.fit(columns, width: rect.width)
        let plan = PanePlan(height: rect.height, count: rows.count, header: true, footer: 0, selected: nil)
        var y = rect.y
        if plan.showsHeader {
            grid.drawTableHeader(columns, layout: layout, x: rect.x, y: y)
            y += 1
        }
        for i in plan.window.range {
            let row = rows[i]
            grid.drawTableRow([
                TableCell(FunnelText.label(row.label)),
                TableCell(NumberFormat.grouped(Int64(row.leads))),
                TableCell(NumberFormat.grouped(Int64(row.counts.last ?? 0)), style: CellStyle(.dim)),
                TableCell(FunnelText.percent(row.overallConversions.last ?? nil)),
                TableCell(NumberFormat.money(row.wonRevenue), style: CellStyle(row.wonRevenue > 0 ? .ok : .dim)),
            ], layout: layout, x: rect.x, y: y, columns: columns)
            y += 1
        }
        grid.drawMore(plan.window.hidden, in: rect, y: y)
    }
}
