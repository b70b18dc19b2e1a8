import FlowCore
import TerminalUI

/// Firing burn-rate alerts, pages first: severity, SLO, tenant, tier ("1h/5m >14.4"), the
/// long/short burn that tripped it, and since when. "no active alerts" when quiet.
struct AlertsPane {
    var alerts: [ActiveAlert]
    var now: EpochMillis
    var selected: Int?
    var focused: Bool
    var context: DashboardContext

    var columns: [TableColumn] {
        let sloWidth = min(40, max(8, alerts.map { DisplayWidth.of($0.slo) }.max() ?? 0))
        let tenantWidth = min(16, max(6, alerts.map { DisplayWidth.of($0.tenant ?? "all") }.max() ?? 0))
        return [
            TableColumn("sev", width: 6, priority: 100),
            TableColumn("SLO", width: sloWidth, minWidth: 8, priority: 95, widthPriority: 60, flexible: true),
            TableColumn("tenant", width: tenantWidth, minWidth: 6, priority: 50),
            TableColumn("tier", width: 12, priority: 85),
            TableColumn("burn", width: 11, minWidth: 9, alignment: .right, priority: 40),
            TableColumn("since", width: 9, alignment: .right, priority: 80),
        ]
    }

    /// Width for every column at its preferred width, border included.
    var preferredWidth: Int { TableLayout.preferredWidth(of: columns) + 2 }

    var wantedRows: Int { alerts.isEmpty ? 1 : alerts.count + 1 }

    func draw(in rect: Rect, grid: inout CellGrid) {
        let title = alerts.isEmpty ? "Alerts" : "Alerts (\(alerts.count))"
        let inner = grid.drawBox(rect, title: title, focused: focused, glyphs: context.boxGlyphs)
        guard !inner.isEmpty else { return }
        if alerts.isEmpty {
            let text = context.asciiOnly ? "no active alerts" : "✓ no active alerts"
            grid.put(text, x: inner.x, y: inner.y, style: CellStyle(.ok), maxWidth: inner.width)
            return
        }
        if inner.height == 1, alerts.count > 1 {
            let pages = alerts.filter { $0.tier.severity == .page }.count
            let text = "\(alerts.count) firing: \(pages) page \(context.dot) \(alerts.count - pages) ticket"
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
            grid.drawTableRow(cells(alerts[i]), layout: layout, x: inner.x, y: y,
                              rowStyle: selectionStyle(row: i, selected: selected, focused: focused),
                              columns: columns)
            y += 1
        }
        grid.drawMore(plan.window.hidden, in: inner, y: y)
    }

    private func cells(_ alert: ActiveAlert) -> [TableCell] {
        let role = SLOText.role(alert.tier.severity)
        return [
            TableCell(SLOText.severity(alert.tier.severity), style: CellStyle(role, bold: true)),
            TableCell(alert.slo),
            TableCell(alert.tenant ?? "all", style: CellStyle(alert.tenant == nil ? .dim : .normal)),
            TableCell(SLOText.tier(alert.tier)),
            TableCell(NumberFormat.burn(alert.longBurn) + "/" + NumberFormat.burn(alert.shortBurn),
                      style: CellStyle(role)),
            TableCell(DurationFormat.ago(now - alert.since), style: CellStyle(.dim)),
        ]
    }
}
