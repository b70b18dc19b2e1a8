import FlowCore
import TerminalUI

/// One channel in depth, over the panes (Enter in the attribution pane), most important
/// first:
///
/// - the channel under the chosen model: revenue, share and conversions; then its cost,
///   ROI, ROAS, touches and touches per conversion;
/// - its revenue under every model side by side, the chosen one marked: where the models
///   disagree about the channel, and so how much its credit depends on the model;
/// - the most common converting paths through it, with their conversions and revenue.
///
/// ↑↓ move to the other channels in the pane's order, `m` marks the next model (the
/// comparison holds every model, so the view follows at once). Parts share the rows by
/// priority (`DetailStack`), the two tables side by side from `twoColumnWidth` on.
/// Definitions: docs/attribution.md, "In the engine".
struct AttributionChannelView {
    var channel: String
    /// nil before the engine's first snapshot.
    var attribution: AttributionSnapshot?
    /// The model chosen (`state.model`).
    var model: AttributionModel
    var context: DashboardContext

    /// From this inner width on, the two tables sit side by side.
    static let twoColumnWidth = 100

    func draw(over area: Rect, breadcrumb: String, grid: inout CellGrid) {
        let inner = grid.drawViewBox(over: area, breadcrumb: breadcrumb, context: context)
        guard !inner.isEmpty else { return }
        guard let attribution else { return grid.drawWaiting("waiting for the engine" + context.ellipsis, in: inner) }
        guard let comparison = comparison(in: attribution) else {
            grid.put("\(channel) is not in this snapshot", x: inner.x, y: inner.y, style: CellStyle(.warn, bold: true),
                     maxWidth: inner.width)
            if inner.height > 1 {
                grid.put("no journey in the last \(attribution.periodDays)d touched it with this filter "
                         + "\(context.dot) \(context.arrows) another channel \(context.dot) esc back",
                         x: inner.x, y: inner.y + 1, style: CellStyle(.dim), maxWidth: inner.width)
            }
            return
        }
        DetailStack.draw(blocks(comparison, attribution, width: inner.width), in: inner, grid: &grid)
    }

    /// The channel under every model; from its row alone (the snapshot's model only) when
    /// the snapshot carries no comparison for it.
    private func comparison(in attribution: AttributionSnapshot) -> ChannelComparison? {
        if let comparison = attribution.comparison(of: channel) { return comparison }
        guard let row = attribution.rows.first(where: { $0.channel == channel }) else { return nil }
        return ChannelComparison(channel: channel, touches: row.touches, cost: row.cost,
                                 revenue: [attribution.model: row.revenue],
                                 conversions: [attribution.model: row.conversions])
    }

    private func blocks(_ comparison: ChannelComparison, _ attribution: AttributionSnapshot,
                        width: Int) -> [StackBlock] {
        let totals = Dictionary(uniqueKeysWithValues: AttributionModel.allCases.map { m in
            (m, attribution.comparison.isEmpty ? attribution.totalRevenue
                : attribution.comparison.reduce(0) { $0 + ($1.revenue[m] ?? 0) })
        })
        let summary = summaryBlock(comparison, attribution, totals: totals)
        let models = modelsTable(comparison, totals: totals).block(priority: 80, ascii: context.asciiOnly)
        let paths = pathsTable(attribution).block(priority: 70, growthPriority: 60, ascii: context.asciiOnly)
        return width >= Self.twoColumnWidth
            ? [summary, DetailStack.pair(models, paths, leftShare: 0.55)]
            : [summary, models, paths]
    }

    /// "whatsapp   revenue $182k under linear   share 45.2%   37.5 conversions" and the
    /// period, then cost, ROI, ROAS, touches and touches per conversion.
    private func summaryBlock(_ comparison: ChannelComparison, _ attribution: AttributionSnapshot,
                              totals: [AttributionModel: Double]) -> StackBlock {
        let label = CellStyle(.dim)
        let strong = CellStyle(.normal, bold: true)
        // Under the model chosen; a comparison built from the row alone has the snapshot's.
        let shown = comparison.revenue[model] == nil ? attribution.model : model
        let row = comparison.row(shown)
        let total = totals[shown] ?? 0
        let first = [
            LineItem([(channel, CellStyle(.accent, bold: true))], priority: 100),
            LineItem([("revenue ", label), (NumberFormat.money(row.revenue), strong),
                      (" under \(shown.rawValue)", label)], priority: 98),
            LineItem([("share ", label),
                      (AttributionText.rate(total > 0 ? row.revenue / total : nil), strong)], priority: 90),
            LineItem([(AttributionText.conversions(row.conversions), strong),
                      (row.conversions == 1 ? " conversion" : " conversions", label)], priority: 85),
            LineItem([(AttributionText.period(attribution), label)], priority: 30),
        ]
        let second = [
            LineItem([("cost ", label), (NumberFormat.money(row.cost), strong)], priority: 90),
            LineItem([("ROI ", label),
                      (AttributionText.roi(row.roi),
                       CellStyle(AttributionText.role(AttributionText.shownROI(row.roi)), bold: true))],
                     priority: 88),
            LineItem([("ROAS ", label), (AttributionText.multiple(row.roas),
                                         CellStyle(AttributionText.role(row.roas, breakEven: 1), bold: true))],
                     priority: 80),
            LineItem([(NumberFormat.grouped(Int64(row.touches)), strong),
                      (row.touches == 1 ? " touch" : " touches", label)], priority: 70),
            LineItem([(row.touchesPerConversion.map { NumberFormat.fixed($0, digits: 1) } ?? "–", strong),
                      (" touches per conversion", label)], priority: 65),
        ]
        return StackBlock(priority: 100, minHeight: 1, height: 2) { rect, grid in
            grid.drawItems(first, x: rect.x, y: rect.y, width: rect.width)
            if rect.height > 1 { grid.drawItems(second, x: rect.x, y: rect.y + 1, width: rect.width) }
        }
    }

    /// One row per model: the channel's revenue, its share of that model's total, its
    /// conversions, ROI and ROAS; the chosen model marked.
    private func modelsTable(_ comparison: ChannelComparison, totals: [AttributionModel: Double]) -> TitledTable {
        let columns = [
            TableColumn("", width: 1, priority: 100),
            TableColumn("model", width: 14, minWidth: 8, priority: 99, widthPriority: 70),
            TableColumn("revenue", width: 8, alignment: .right, priority: 95),
            TableColumn("", width: 10, minWidth: 3, priority: 40, flexible: true),
            TableColumn("share", width: 6, alignment: .right, priority: 60),
            TableColumn("conv", width: 6, alignment: .right, priority: 75),
            TableColumn("ROI", width: 7, alignment: .right, priority: 85),
            TableColumn("ROAS", width: 6, alignment: .right, priority: 65),
        ]
        let models = AttributionModel.allCases
        let rows: [[TableCell]] = models.map { m in
            let mark = TableCell(m == model ? context.marker : "", style: CellStyle(.accent, bold: true))
            guard comparison.revenue[m] != nil else {
                let none = TableCell("–", style: CellStyle(.dim))
                return [mark, TableCell(m.rawValue, style: CellStyle(.dim)), none, TableCell(""), none, none, none,
                        none]
            }
            let row = comparison.row(m)
            let total = totals[m] ?? 0
            let share = total > 0 ? row.revenue / total : 0
            return [
                mark,
                TableCell(m.rawValue),
                TableCell(NumberFormat.money(row.revenue), style: CellStyle(.normal, bold: true)),
                .bar(share),
                TableCell(NumberFormat.percent(share, digits: 0), style: CellStyle(.dim)),
                TableCell(AttributionText.conversions(row.conversions)),
                AttributionPane.roiCell(row.roi),
                TableCell(AttributionText.multiple(row.roas), style: CellStyle(.dim)),
            ]
        }
        return TitledTable(title: "revenue under every model",
                           note: "cost \(NumberFormat.money(comparison.cost)) under each", columns: columns,
                           rows: rows, highlighted: models.firstIndex(of: model), empty: "")
    }

    /// The most common converting paths holding the channel: conversions and revenue.
    private func pathsTable(_ attribution: AttributionSnapshot) -> TitledTable {
        let paths = attribution.topPaths.byChannel[channel] ?? []
        let labelWidth = min(48, max(10, paths.map { DisplayWidth.of($0.label) }.max() ?? 0))
        let columns = [
            TableColumn("path", width: labelWidth, minWidth: 10, priority: 100, widthPriority: 70, flexible: true),
            TableColumn("conv", width: 5, alignment: .right, priority: 90),
            TableColumn("revenue", width: 8, alignment: .right, priority: 80),
        ]
        let rows: [[TableCell]] = paths.map { path in
            [TableCell(path.label),
             TableCell(NumberFormat.grouped(Int64(path.conversions)), style: CellStyle(.normal, bold: true)),
             TableCell(NumberFormat.money(path.revenue), style: CellStyle(.ok))]
        }
        return TitledTable(title: "top converting paths with \(channel)", columns: columns, rows: rows,
                           empty: "no converted journey through \(channel)")
    }
}
