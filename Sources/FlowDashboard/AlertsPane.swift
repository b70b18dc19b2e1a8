import FlowCore
import TerminalUI

/// Burn-rate alerts, pages first: severity, SLO and series (`ai_request_success ·
/// tenant:acme`), tier ("1h/5m >14.4"), the long/short burn that tripped it, and since
/// when. Inhibited alerts (a faster tier of the same series fires) are listed dimmed,
/// marked `inhib`, and counted apart in the title. "no active alerts" when quiet.
///
/// The series sits in the SLO cell rather than in a column of its own so that it survives
/// a narrow pane: the SLO name is cut before the series is.
struct AlertsPane {
    var alerts: [ActiveAlert]
    var now: EpochMillis
    var selected: Int?
    var focused: Bool
    var context: DashboardContext
    /// Off in the SLO detail, where every alert is of the same SLO: the cell names the series only.
    var showsSLO = true

    var columns: [TableColumn] {
        let sloWidth = min(48, max(12, alerts.map { DisplayWidth.of(sloCellText($0)) }.max() ?? 0))
        // Room for "message… · tenant:acme" first; the whole name only after the burns.
        return [
            TableColumn("sev", width: 6, priority: 100),
            TableColumn(showsSLO ? "SLO" : "series", width: sloWidth, minWidth: 22, priority: 95, widthPriority: 35,
                        flexible: true),
            TableColumn("tier", width: 12, minWidth: 6, priority: 85, widthPriority: 45),
            TableColumn("burn", width: 11, minWidth: 9, alignment: .right, priority: 40),
            TableColumn("since", width: 9, alignment: .right, priority: 80),
        ]
    }

    /// Width for every column at its preferred width, border included.
    var preferredWidth: Int { TableLayout.preferredWidth(of: columns) + 2 }

    var wantedRows: Int { alerts.isEmpty ? 1 : alerts.count + 1 }

    private var inhibitedCount: Int { alerts.filter(\.inhibited).count }

    /// "Alerts (2)", or "Alerts (2 · 1 inhibited)" when some are only shown.
    func title(_ name: String) -> String {
        guard !alerts.isEmpty else { return name }
        let inhibited = inhibitedCount
        let firing = alerts.count - inhibited
        return inhibited == 0 ? "\(name) (\(firing))" : "\(name) (\(firing) \(context.dot) \(inhibited) inhibited)"
    }

    func draw(in rect: Rect, grid: inout CellGrid) {
        let inner = grid.drawBox(rect, title: title("Alerts"), focused: focused, glyphs: context.boxGlyphs)
        guard !inner.isEmpty else { return }
        drawTable(in: inner, grid: &grid)
    }

    /// The rows without a box: in the pane, and in the SLO detail under its own title.
    func drawTable(in inner: Rect, grid: inout CellGrid) {
        guard !inner.isEmpty else { return }
        if alerts.isEmpty {
            let text = context.asciiOnly ? "no active alerts" : "✓ no active alerts"
            grid.put(text, x: inner.x, y: inner.y, style: CellStyle(.ok), maxWidth: inner.width)
            return
        }
        if inner.height == 1, alerts.count > 1 {
            let firing = alerts.filter { !$0.inhibited }
            let pages = firing.filter { $0.tier.severity == .page }.count
            var text = "\(firing.count) firing: \(pages) page \(context.dot) \(firing.count - pages) ticket"
            if inhibitedCount > 0 { text += " \(context.dot) \(inhibitedCount) inhibited" }
            grid.drawSummary(text, style: CellStyle(pages > 0 ? .crit : .warn, bold: true), in: inner)
            return
        }
        let columns = self.columns
        let layout = TableLayout.fit(columns, width: inner.width)
        let plan = PanePlan(height: inner.height, count: alerts.count, header: true, footer: 0, selected: selected)
        var y = inner.y
        if plan.showsHeader {
            grid.drawTableHeader(columns, layout: layout, x: inner.x, y: y)
            y += 1
        }
        for i in plan.window.range {
            grid.drawTableRow(cells(alerts[i], layout: layout), layout: layout, x: inner.x, y: y,
                              rowStyle: selectionStyle(row: i, selected: selected, focused: focused),
                              columns: columns)
            y += 1
        }
        grid.drawMore(plan.window.hidden, in: inner, y: y)
    }

    private func sloCellText(_ alert: ActiveAlert, width: Int = .max) -> String {
        guard showsSLO else { return TextFit.truncate(alert.series.label, to: width) }
        return SLOText.sloAndSeries(alert.slo, alert.series, width: width, dot: context.dot)
    }

    private func cells(_ alert: ActiveAlert, layout: TableLayout) -> [TableCell] {
        let role = alert.inhibited ? StyleRole.dim : SLOText.role(alert.tier.severity)
        let text = CellStyle(alert.inhibited ? .dim : .normal)
        let tierWidth = layout.width(of: 2)
        let tier = DisplayWidth.of(SLOText.tier(alert.tier)) <= tierWidth
            ? SLOText.tier(alert.tier) : SLOText.windows(alert.tier)
        return [
            TableCell(alert.inhibited ? "inhib" : SLOText.severity(alert.tier.severity),
                      style: CellStyle(role, bold: !alert.inhibited)),
            TableCell(sloCellText(alert, width: layout.width(of: 1)), style: text),
            TableCell(tier, style: text),
            TableCell(NumberFormat.burn(alert.longBurn) + "/" + NumberFormat.burn(alert.shortBurn),
                      style: CellStyle(role)),
            TableCell(DurationFormat.ago(now - alert.since), style: CellStyle(.dim)),
        ]
    }
}
