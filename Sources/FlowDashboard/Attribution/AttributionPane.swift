import FlowCore
import TerminalUI

/// Revenue by channel under the chosen attribution model: revenue, share (bar and %),
/// conversions, cost and ROI per channel, a totals row, and a footer that says what the
/// revenue is (the wins inside the period, "won in 30d", where the funnel pane counts its
/// cohort's wins) and the AI spend of the same period, the figure the AI ROI view heads
/// with (requests and AI-assisted touches).
struct AttributionPane: Equatable {
    var attribution: AttributionSnapshot
    /// The model asked for (the title says it, and `m` changes it).
    var model: AttributionModel
    var selected: Int?
    var focused: Bool
    var context: DashboardContext

    /// `attribution` without the tables only the views over the pane read (the models'
    /// comparison, feature impact, AI ROI by model and tenant, conversion paths): what the
    /// main view builds the pane with, so the pane cache, which compares panes every frame,
    /// compares only what the pane can draw. Comparing those tables cost more than drawing
    /// the pane; left out, a pane that came to read one would show it empty, not stale.
    static func shown(_ attribution: AttributionSnapshot) -> AttributionSnapshot {
        var shown = attribution
        shown.comparison = []
        shown.features = []
        shown.aiROIByModel = []
        shown.aiROIByTenant = []
        shown.topPaths = ConversionPaths()
        return shown
    }

    var columns: [TableColumn] {
        let channelWidth = min(24, max(8, attribution.rows.map { DisplayWidth.of($0.channel) }.max() ?? 0))
        return [
            TableColumn("channel", width: channelWidth, minWidth: 8, priority: 100, widthPriority: 70),
            TableColumn("revenue", width: 8, alignment: .right, priority: 95),
            TableColumn("", width: 10, minWidth: 3, priority: 60, flexible: true),
            TableColumn("share", width: 6, alignment: .right, priority: 65),
            TableColumn("conv", width: 6, alignment: .right, priority: 35),
            TableColumn("cost", width: 8, alignment: .right, priority: 75),
            TableColumn("ROI", width: 7, alignment: .right, priority: 80),
        ]
    }

    /// Width for every column at its preferred width, border included.
    var preferredWidth: Int { TableLayout.preferredWidth(of: columns) + 2 }

    /// Column header, the channels, the totals row and the AI spend line.
    var wantedRows: Int { max(1, attribution.rows.count) + 3 }

    func draw(in rect: Rect, grid: inout CellGrid) {
        let title = "Attribution \(context.dot) \(model.rawValue)  [m]"
        let inner = grid.drawBox(rect, title: title, focused: focused, glyphs: context.boxGlyphs)
        guard !inner.isEmpty else { return }
        let rows = attribution.rows
        let aiSpend = "AI spend " + NumberFormat.money(attribution.aiROI.aiSpend)
        let period = "won in \(attribution.periodDays)d"
        if rows.isEmpty {
            grid.put(attribution.note ?? "no conversions yet", x: inner.x, y: inner.y,
                     style: CellStyle(attribution.note == nil ? .dim : .warn), maxWidth: inner.width)
            if inner.height > 1 {
                grid.put("\(period) \(context.dot) \(aiSpend)", x: inner.x, y: inner.y + 1, maxWidth: inner.width)
            }
            return
        }
        if inner.height == 1, let top = rows.first {
            let share = attribution.totalRevenue > 0 ? top.revenue / attribution.totalRevenue : 0
            let text = "\(NumberFormat.money(attribution.totalRevenue)) \(period) \(context.dot) top \(top.channel) "
                + "\(NumberFormat.percent(share, digits: 0)) \(context.dot) \(aiSpend)"
            grid.drawSummary(text, in: inner)
            return
        }
        let columns = self.columns
        let layout = TableLayout.fit(columns, width: inner.width)
        let plan = PanePlan(height: inner.height, count: rows.count, header: true, footer: 2, selected: selected)
        var y = inner.y
        if plan.showsHeader {
            grid.drawTableHeader(columns, layout: layout, x: inner.x, y: y)
            y += 1
        }
        let total = attribution.totalRevenue
        for i in plan.window.range {
            let row = rows[i]
            let share = total > 0 ? row.revenue / total : 0
            let cells: [TableCell] = [
                TableCell(row.channel),
                TableCell(NumberFormat.money(row.revenue)),
                .bar(share),
                TableCell(NumberFormat.percent(share, digits: 0), style: CellStyle(.dim)),
                TableCell(NumberFormat.compact(row.conversions), style: CellStyle(.dim)),
                TableCell(NumberFormat.money(row.cost)),
                Self.roiCell(row.roi),
            ]
            grid.drawTableRow(cells, layout: layout, x: inner.x, y: y,
                              rowStyle: selectionStyle(row: i, selected: selected, focused: focused),
                              ascii: context.asciiOnly, columns: columns)
            y += 1
        }
        grid.drawMore(plan.window.hidden, in: inner, y: y)
        let footerTop = inner.maxY - plan.footerLines
        if plan.footerLines >= 2 {
            let bold = CellStyle(.normal, bold: true)
            let cost = attribution.totalCost
            let totals: [TableCell] = [
                TableCell("total", style: bold),
                TableCell(NumberFormat.money(total), style: bold),
                TableCell(""),
                TableCell(total > 0 ? "100%" : "", style: CellStyle(.dim)),
                TableCell(NumberFormat.compact(rows.reduce(0) { $0 + $1.conversions }), style: CellStyle(.dim)),
                TableCell(NumberFormat.money(cost), style: bold),
                Self.roiCell(cost > 0 ? (total - cost) / cost : nil),
            ]
            grid.drawTableRow(totals, layout: layout, x: inner.x, y: footerTop, columns: columns)
        }
        if plan.footerLines >= 1 {
            grid.put("revenue \(period) \(context.dot) \(aiSpend)", x: inner.x, y: inner.maxY - 1,
                     style: CellStyle(.accent), maxWidth: inner.width)
        }
    }

    /// ROI as a percentage; negative in warn, none ("–") without cost or with a cost near
    /// zero (`AttributionText.shownROI`). The channel view shows it the same way.
    static func roiCell(_ roi: Double?) -> TableCell {
        TableCell(AttributionText.roi(roi), style: CellStyle(AttributionText.role(AttributionText.shownROI(roi))))
    }
}
