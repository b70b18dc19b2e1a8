import FlowCore
import TerminalUI

/// What AI cost and what it earned, over the panes (`r` in attribution), most important
/// first:
///
/// - the headline an executive reads in one line, "AI: $2.2k spent, $118.0k of revenue
///   attributed (ROI 53x), $52 per won deal", under the chosen model; then where the
///   spend went (requests, AI-assisted touches) and how many won deals AI touched;
/// - the same under every model, the chosen one marked: how much the answer depends on
///   the model;
/// - the same per tenant, under the snapshot's model (the table's title says which).
///
/// Definitions: docs/attribution.md, "Feature impact and AI ROI".
struct AIROIView {
    /// nil before the engine's first snapshot.
    var attribution: AttributionSnapshot?
    /// The model chosen (`state.model`): `aiROIByModel` holds every model, so the headline
    /// and the mark follow `m` at once.
    var model: AttributionModel
    var context: DashboardContext

    func draw(over area: Rect, breadcrumb: String, grid: inout CellGrid) {
        let inner = grid.drawViewBox(over: area, breadcrumb: breadcrumb, context: context)
        guard !inner.isEmpty else { return }
        guard let attribution else { return grid.drawWaiting("waiting for the engine" + context.ellipsis, in: inner) }
        let byModel = attribution.aiROIByModel
        let summary = byModel.first { $0.model == model } ?? attribution.aiROI
        let tenants = attribution.aiROIByTenant.map { ($0.tenant, $0.summary) }
        DetailStack.draw([
            headlineBlock(summary, attribution, width: inner.width),
            table(title: "AI ROI under every model", label: "model", rows: byModel.map { ($0.model.rawValue, $0) },
                  highlighted: byModel.firstIndex { $0.model == model },
                  empty: "no per-model figures in this snapshot")
                .block(priority: 80, ascii: context.asciiOnly),
            table(title: "by tenant under \(attribution.model.rawValue)", label: "tenant", rows: tenants,
                  highlighted: nil, empty: "no tenant with journeys or AI spend in the last \(attribution.periodDays)d")
                .block(priority: 70, growthPriority: 60, ascii: context.asciiOnly),
        ], in: inner, grid: &grid)
    }

    /// The headline (on two lines, broken after a comma, when one is too narrow), then
    /// what the spend is made of.
    private func headlineBlock(_ summary: AIROISummary, _ attribution: AttributionSnapshot, width: Int) -> StackBlock {
        let lines = TextFit.wrapAtCommas(summary.headline, width: width)
        let label = CellStyle(.dim)
        let strong = CellStyle(.normal, bold: true)
        let details = [
            LineItem([("under ", label), (summary.model.rawValue, CellStyle(.accent, bold: true))], priority: 100),
            LineItem([("AI requests ", label), (NumberFormat.money(summary.aiRequestSpend), strong),
                      (" + AI-assisted touches ", label), (NumberFormat.money(summary.aiTouchCost), strong),
                      (" (\(NumberFormat.grouped(Int64(summary.aiAssistedTouches))))", label)], priority: 90),
            LineItem([(NumberFormat.grouped(Int64(summary.wonDealsWithAI)), strong),
                      (summary.wonDealsWithAI == 1 ? " won deal with AI" : " won deals with AI", label)],
                     priority: 80),
            LineItem([(AttributionText.period(attribution), label)], priority: 40),
        ]
        return StackBlock(priority: 100, minHeight: 1, height: lines.count + 1) { rect, grid in
            for (i, line) in lines.prefix(rect.height).enumerated() {
                grid.put(TextFit.truncate(line, to: rect.width), x: rect.x, y: rect.y + i,
                         style: CellStyle(.accent, bold: true))
            }
            if rect.height > lines.count {
                grid.drawItems(details, x: rect.x, y: rect.y + lines.count, width: rect.width)
            }
        }
    }

    /// Attributed revenue, spend, ROI, cost per won deal and won deals with AI, per row.
    private func table(title: String, label: String, rows: [(String, AIROISummary)], highlighted: Int?,
                       empty: String) -> TitledTable {
        let labelWidth = min(24, max(14, rows.map { DisplayWidth.of($0.0) }.max() ?? 0))
        let columns = [
            TableColumn("", width: 1, priority: 100),
            TableColumn(label, width: labelWidth, minWidth: 8, priority: 99, widthPriority: 70),
            TableColumn("attributed", width: 10, alignment: .right, priority: 95),
            TableColumn("AI spend", width: 8, alignment: .right, priority: 85),
            TableColumn("ROI", width: 6, alignment: .right, priority: 97),
            TableColumn("per won deal", width: 12, alignment: .right, priority: 90),
            TableColumn("won w/ AI", width: 9, alignment: .right, priority: 70),
        ]
        let cells: [[TableCell]] = rows.enumerated().map { i, row in
            let (name, s) = row
            return [
                TableCell(i == highlighted ? context.marker : "", style: CellStyle(.accent, bold: true)),
                TableCell(name),
                TableCell(NumberFormat.money(s.attributedRevenue), style: CellStyle(.normal, bold: true)),
                TableCell(NumberFormat.money(s.aiSpend)),
                TableCell(AttributionText.multiple(s.roi), style: CellStyle(AttributionText.role(s.roi), bold: true)),
                TableCell(AttributionText.money(s.costPerWonDeal)),
                TableCell(NumberFormat.grouped(Int64(s.wonDealsWithAI)), style: CellStyle(.dim)),
            ]
        }
        return TitledTable(title: title, columns: columns, rows: cells, highlighted: highlighted, empty: empty)
    }
}
