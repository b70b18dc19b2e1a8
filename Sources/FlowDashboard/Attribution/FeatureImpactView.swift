import FlowCore
import TerminalUI

/// What each product feature (`feature_used` on touches) did for the leads it touched,
/// over the panes (`f` in attribution): leads touched, their conversion rate beside the
/// rate of the leads it did not touch, the lift between the two, revenue per lead the same
/// way, and the revenue the model credits to the feature's touches. Highest attributed
/// revenue first, as the engine sorts them.
///
/// The rows come under the snapshot's model (linear's per-touch weights for Markov and
/// Shapley), which the title says, so after `m` it names the model until the next
/// snapshot answers. Definitions: docs/attribution.md, "Feature impact and AI ROI".
struct FeatureImpactView {
    /// nil before the engine's first snapshot.
    var attribution: AttributionSnapshot?
    var context: DashboardContext

    func draw(over area: Rect, breadcrumb: String, grid: inout CellGrid) {
        let inner = grid.drawViewBox(over: area, breadcrumb: breadcrumb, context: context)
        guard !inner.isEmpty else { return }
        guard let attribution else { return grid.drawWaiting("waiting for the engine" + context.ellipsis, in: inner) }
        table(attribution).draw(in: inner, ascii: context.asciiOnly, grid: &grid)
    }

    private func table(_ attribution: AttributionSnapshot) -> TitledTable {
        let features = attribution.features
        let nameWidth = min(28, max(8, features.map { DisplayWidth.of($0.feature) }.max() ?? 0))
        let columns = [
            TableColumn("feature", width: nameWidth, minWidth: 8, priority: 100, widthPriority: 60),
            TableColumn("leads", width: 6, alignment: .right, priority: 70),
            TableColumn("conv", width: 6, alignment: .right, priority: 95),
            TableColumn("vs not", width: 6, alignment: .right, priority: 90),
            TableColumn("lift", width: 6, alignment: .right, priority: 92),
            TableColumn("$/lead", width: 7, alignment: .right, priority: 65),
            TableColumn("vs not", width: 7, alignment: .right, priority: 60),
            TableColumn("attributed", width: 10, alignment: .right, priority: 85),
            TableColumn("", width: 10, minWidth: 3, priority: 30, flexible: true),
        ]
        let credited = features.reduce(0) { $0 + max(0, $1.attributedRevenue) }
        let rows: [[TableCell]] = features.map { f in
            let dim = CellStyle(.dim)
            return [
                TableCell(f.feature),
                TableCell(NumberFormat.grouped(Int64(f.leadsTouched)), style: dim),
                TableCell(AttributionText.rate(f.conversionRateTouched), style: CellStyle(.normal, bold: true)),
                TableCell(AttributionText.rate(f.conversionRateNotTouched), style: dim),
                TableCell(f.lift.map { NumberFormat.fixed($0, digits: 2) + "x" } ?? "–",
                          style: CellStyle(AttributionText.role(f.lift, breakEven: 1), bold: true)),
                TableCell(AttributionText.money(f.revenuePerLeadTouched)),
                TableCell(AttributionText.money(f.revenuePerLeadNotTouched), style: dim),
                TableCell(NumberFormat.money(f.attributedRevenue), style: CellStyle(.ok)),
                .bar(credited > 0 ? f.attributedRevenue / credited : 0),
            ]
        }
        return TitledTable(
            title: "feature impact under \(attribution.model.rawValue)",
            note: "leads a feature touched vs the rest \(context.dot) " + AttributionText.period(attribution),
            columns: columns, rows: rows,
            empty: "no touch in the last \(attribution.periodDays)d named a feature: touchpoints with "
                + "feature_used (ai_response_generation, lead_scoring, \(context.ellipsis)) show here")
    }
}
