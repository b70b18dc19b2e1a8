import FlowCore
import TerminalUI

/// One SLO in depth, over most of the screen (Enter on an SLO or an alert): the burn rate
/// over every window with each alert tier's threshold beside it, the error budget left,
/// the time to exhaustion at the current 1h burn, and the last hour as sparklines.
struct SLODetailView {
    var name: String
    var slo: SLOStatus?
    var context: DashboardContext

    /// One line of the view. When the box is short, blank lines go first, then the
    /// sparklines (`extra`), then lines are cut from the bottom.
    private enum Line {
        case blank
        case text([(String, CellStyle)], extra: Bool = false)
        case table([TableCell], [TableColumn])

        var isBlank: Bool { if case .blank = self { true } else { false } }
        var isExtra: Bool { if case .text(_, true) = self { true } else { false } }
    }

    func draw(over area: Rect, breadcrumb: String, grid: inout CellGrid) {
        let inner = grid.drawBox(area, title: breadcrumb, focused: true, glyphs: context.boxGlyphs)
            .inset(dx: 1, dy: 0)
        guard !inner.isEmpty else { return }
        guard let slo else {
            grid.put("\(name) is not in this snapshot (tenant filter?)", x: inner.x, y: inner.y,
                     style: CellStyle(.dim), maxWidth: inner.width)
            return
        }
        var lines = self.lines(slo, width: inner.width)
        for droppable in [\Line.isBlank, \Line.isExtra] {
            while lines.count > inner.height, let i = lines.lastIndex(where: { $0[keyPath: droppable] }) {
                lines.remove(at: i)
            }
        }
        for (i, line) in lines.prefix(inner.height).enumerated() {
            let y = inner.y + i
            switch line {
            case .blank:
                break
            case .text(let segments, _):
                var x = inner.x
                for (text, style) in segments where x < inner.maxX {
                    x += grid.put(text, x: x, y: y, style: style, maxWidth: inner.maxX - x)
                }
            case .table(let cells, let columns):
                let layout = TableLayout.fit(columns, width: inner.width)
                grid.drawTableRow(cells, layout: layout, x: inner.x, y: y, ascii: context.asciiOnly, columns: columns)
            }
        }
    }

    private func lines(_ slo: SLOStatus, width: Int) -> [Line] {
        let status = SLOText.status(slo)
        let label = CellStyle(.dim)
        var lines: [Line] = [
            .text([("status ", label), (status.label, CellStyle(status.role, bold: true)),
                   ("   objective ", label), (SLOText.objective(slo.objective), CellStyle(.normal, bold: true)),
                   (" over \(slo.windowDays)d   ", label), ("SLI ", label),
                   (SLOText.sli(slo.sli, objective: slo.objective), CellStyle(.normal, bold: true)),
                   ("   \(NumberFormat.grouped(slo.good)) good of \(NumberFormat.grouped(slo.total))", label)]),
            .blank,
        ]
        let maxFactor = slo.alerts.map(\.tier.factor).max() ?? 1
        let burnColumns = [
            TableColumn("window", width: 7, priority: 100),
            TableColumn("burn", width: 7, alignment: .right, priority: 95),
            TableColumn("", width: 20, minWidth: 6, priority: 30),
            TableColumn("alert thresholds over this window", width: 40, minWidth: 12, priority: 80, flexible: true),
        ]
        lines.append(.table(burnColumns.map { TableCell($0.title, style: CellStyle(.dim, bold: true)) }, burnColumns))
        for window in BurnWindow.allCases {
            let value = slo.burnRates[window]
            let role = SLOText.burnRole(slo, window: window, value: value)
            let tiers = slo.alerts.map(\.tier).filter { $0.longWindow == window || $0.shortWindow == window }
            let thresholds = tiers.map {
                "\($0.severity.rawValue) >\(NumberFormat.burn($0.factor)) (\($0.longWindow.rawValue)/\($0.shortWindow.rawValue))"
            }
            lines.append(.table([
                TableCell(window.rawValue),
                TableCell(SLOText.burn(value), style: CellStyle(role, bold: role == .crit)),
                .bar((value ?? 0) / maxFactor, style: CellStyle(role == .normal ? .barFill : role)),
                TableCell(thresholds.isEmpty ? "–" : thresholds.joined(separator: "   "), style: CellStyle(.dim)),
            ], burnColumns))
        }
        lines.append(.blank)
        let budgetRole = SLOText.budgetRole(slo.errorBudgetRemaining)
        let barWidth = max(4, min(30, width - 30))
        let budget = slo.errorBudgetRemaining
        let bar = HorizontalBar.text(fraction: budget ?? 0, width: barWidth, ascii: context.asciiOnly)
        lines.append(.text([("error budget  ", label), (bar, CellStyle(budgetRole)),
                            ("  " + (budget.map { NumberFormat.percent($0) + " left" } ?? "no data"),
                             CellStyle(budgetRole, bold: true))]))
        let exhaustion = slo.timeToExhaustionSeconds.map { DurationFormat.duration(seconds: $0) }
        let hourBurn = slo.burnRates[.h1].map { " of " + NumberFormat.burn($0) } ?? ""
        lines.append(.text([("exhausted in  ", label),
                            (exhaustion ?? "not burning", CellStyle(exhaustion == nil ? .ok : budgetRole, bold: true)),
                            (exhaustion == nil ? "" : " at the current 1h burn" + hourBurn, label)]))
        lines.append(.blank)
        let sparkWidth = max(4, min(60, width - 16))
        let missing: Character = context.asciiOnly ? " " : "·"
        let sli = Sparkline.text(slo.sliSparkline, width: sparkWidth, missing: missing, ascii: context.asciiOnly)
        let burn = Sparkline.text(slo.burnSparkline, width: sparkWidth, range: SLOText.burnRange(slo.burnSparkline),
                                  missing: missing, ascii: context.asciiOnly)
        lines.append(.text([("SLI, last 1h  ", label), (sli, CellStyle(.graph))], extra: true))
        lines.append(.text([("burn, last 1h ", label), (burn, CellStyle(.graph))], extra: true))
        if !slo.alerts.isEmpty {
            lines.append(.blank)
            lines.append(contentsOf: tierLines(slo))
        }
        return lines
    }

    private func tierLines(_ slo: SLOStatus) -> [Line] {
        let columns = [
            TableColumn("alert tier", width: 10, priority: 100),
            TableColumn("windows", width: 8, priority: 90),
            TableColumn("factor", width: 7, alignment: .right, priority: 85),
            TableColumn("long", width: 7, alignment: .right, priority: 70),
            TableColumn("short", width: 7, alignment: .right, priority: 60),
            TableColumn("state", width: 8, priority: 95),
        ]
        var lines: [Line] = [.table(columns.map { TableCell($0.title, style: CellStyle(.dim, bold: true)) }, columns)]
        for status in slo.alerts {
            let tier = status.tier
            let role = status.firing ? SLOText.role(tier.severity) : .ok
            lines.append(.table([
                TableCell(tier.severity.rawValue, style: CellStyle(SLOText.role(tier.severity))),
                TableCell("\(tier.longWindow.rawValue)/\(tier.shortWindow.rawValue)"),
                TableCell(">" + NumberFormat.burn(tier.factor)),
                TableCell(SLOText.burn(status.longBurn)),
                TableCell(SLOText.burn(status.shortBurn)),
                TableCell(status.firing ? "FIRING" : "ok", style: CellStyle(role, bold: status.firing)),
            ], columns))
        }
        return lines
    }
}
