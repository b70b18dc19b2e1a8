import FlowCore
import TerminalUI

/// One SLO in depth for one series, over the panes (Enter on an SLO, an alert or a
/// breakdown row), most important first:
///
/// - status, objective, SLI, the series shown, budget left and time to exhaustion;
/// - the burn rate over every window (and the whole SLO window) beside each tier's
///   threshold, and the tiers with their state (FIRING, inhibited, below min traffic, off);
/// - the SLI and the burn rate over the chosen range as charts (keys `1`-`5`);
/// - the per-tenant / per-model breakdown (↑↓, Enter drills in, `s` sorts) and the
///   alerts of this SLO;
/// - the error budget burn-down over the SLO window, and latency percentiles (p50 to p99
///   over 5m, 1h, 1d and the window) for a latency SLO's total.
///
/// Parts share the rows by priority (`DetailStack`): a short screen drops the burn-down
/// first, then the alerts, the breakdown and the charts, and the burn table falls back to
/// one compact line. From 90 columns on, parts sit two by two.
struct SLODetailView {
    var level: SLODetailLevel
    /// The series shown: the detail's own, or the SLO pane's while the detail is on its way.
    var status: SLOStatus?
    var detail: SLODetail?
    /// The breakdown rows in the order chosen.
    var breakdown: [SLOStatus]
    var state: DashboardState
    /// The alerts with this SLO's `slo` label, on any series.
    var alerts: [ListedAlert]
    var now: EpochMillis
    var context: DashboardContext

    /// From this inner width on, parts sit side by side.
    static let twoColumnWidth = 90

    init(level: SLODetailLevel, snapshot: EngineSnapshot?, state: DashboardState, context: DashboardContext) {
        self.level = level
        detail = state.detail(in: snapshot)
        status = detail?.status ?? (level.series == nil ? snapshot?.slos.first { $0.name == level.slo } : nil)
        breakdown = state.sortedBreakdown(snapshot)
        self.state = state
        alerts = snapshot?.alerting.alerts.filter { $0.alert.slo == level.slo } ?? []
        now = snapshot?.now ?? 0
        self.context = context
    }

    func draw(over area: Rect, breadcrumb: String, grid: inout CellGrid) {
        let inner = grid.drawBox(area, title: breadcrumb, focused: true, glyphs: context.boxGlyphs)
            .inset(dx: 1, dy: 0)
        guard !inner.isEmpty else { return }
        guard let status else {
            let series = level.shownSeries(tenant: state.tenant).label
            let text = detail == nil && level.series != nil
                ? "loading \(level.slo) \(context.dot) \(series)" + context.ellipsis
                : "\(level.slo) is not in this snapshot"
            grid.put(text, x: inner.x, y: inner.y, style: CellStyle(.dim), maxWidth: inner.width)
            return
        }
        DetailStack.draw(blocks(status, width: inner.width), in: inner, grid: &grid)
    }

    private func blocks(_ status: SLOStatus, width: Int) -> [StackBlock] {
        let wide = width >= Self.twoColumnWidth
        var blocks = [summaryBlock(status)]
        let burn = burnWindowBlock(status, width: wide ? DetailStack.leftWidth(of: width, share: 0.55) : width)
        let tiers = tierBlock(status)
        blocks += wide ? [DetailStack.pair(burn, tiers, leftShare: 0.55)] : [burn, tiers]
        guard let detail else {
            blocks.append(StackBlock(priority: 10, minHeight: 1, height: 1) { rect, grid in
                grid.put("charts and breakdown: waiting for the next snapshot", x: rect.x, y: rect.y,
                         style: CellStyle(.dim), maxWidth: rect.width)
            })
            return blocks
        }
        let sideBySideCharts = width >= 76
        let sli = sliChartBlock(detail, selector: !sideBySideCharts)
        let burnChart = burnChartBlock(detail, selector: sideBySideCharts)
        blocks += sideBySideCharts ? [DetailStack.pair(sli, burnChart, leftShare: 0.5)] : [sli, burnChart]
        let burnDown = burnDownBlock(detail)
        if let percentiles = percentileBlock(status) {
            blocks += wide ? [DetailStack.pair(burnDown, percentiles, leftShare: 0.58)] : [percentiles, burnDown]
        } else {
            blocks.append(burnDown)
        }
        let table = breakdownBlock(detail)
        let alertTable = alertsBlock()
        blocks += wide ? [DetailStack.pair(table, alertTable, leftShare: 0.55)] : [table, alertTable]
        if let cap = capNoteBlock(detail) {
            // Under the breakdown it explains, before the alerts when stacked.
            blocks.insert(cap, at: blocks.count - (wide ? 0 : 1))
        }
        return blocks
    }

    /// The SLO's alerts on any series, in the alerts pane's sections: active first
    /// (inhibited dimmed), then silenced or acknowledged, then resolved.
    private func alertsBlock() -> StackBlock {
        let pane = AlertsPane(sections: AlertSections(alerts, grouping: .oneRowPerAlert, showsInhibited: true), now: now,
                              selected: nil, focused: false, context: context, showsSLO: false, showsSeriesCount: false)
        return StackBlock(priority: 65, minHeight: 2, height: 1 + pane.wantedRows) { rect, grid in
            grid.put(pane.title("alerts of this SLO"), x: rect.x, y: rect.y, style: CellStyle(.title, bold: true),
                     maxWidth: rect.width)
            pane.drawTable(in: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1),
                           grid: &grid)
        }
    }
}
