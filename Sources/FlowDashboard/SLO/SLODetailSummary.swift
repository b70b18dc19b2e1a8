import FlowCore
import TerminalUI

/// The top of the SLO detail: the summary lines, the burn rate per window against each
/// tier's threshold, and the tiers' state.
extension SLODetailView {
    /// Status, objective, SLI, series; then the budget bar, what is left, and when it runs out.
    func summaryBlock(_ slo: SLOStatus) -> StackBlock {
        let label = CellStyle(.dim)
        let status = SLOText.status(slo, alerts: alerts)
        var first = [
            LineItem([(status.label, CellStyle(status.role, bold: true))], priority: 100),
            LineItem([("objective ", label), (SLOText.objective(slo.objective), CellStyle(.normal, bold: true)),
                      (" over \(slo.window.label)", label)], priority: 70),
            LineItem([("SLI ", label),
                      (SLOText.sli(slo.sli, objective: slo.objective), CellStyle(.normal, bold: true))], priority: 95),
            LineItem([("\(NumberFormat.grouped(slo.good)) good of \(NumberFormat.grouped(slo.total))", label)],
                     priority: 30),
            LineItem([("series ", label), (slo.series.label, CellStyle(.accent, bold: true)),
                      (level.series == nil && state.tenant != nil ? " (tenant filter)" : "", label)], priority: 90),
        ]
        if let name = slo.displayName {
            first.insert(LineItem([(name, CellStyle(.normal, bold: true))], priority: 40), at: 1)
        }
        let budget = slo.errorBudgetRemaining
        let budgetRole = SLOText.budgetRole(budget)
        let exhaustion = exhaustionItem(slo)
        return StackBlock(priority: 100, minHeight: 2, height: 2) { rect, grid in
            grid.drawItems(first, x: rect.x, y: rect.y, width: rect.width)
            guard rect.height > 1 else { return }
            let barWidth = max(6, min(24, rect.width / 5))
            let bar = HorizontalBar.text(fraction: budget ?? 0, width: barWidth, ascii: context.asciiOnly)
            grid.drawItems([
                LineItem([("budget ", label), (bar, CellStyle(budgetRole)),
                          (" " + (budget.map { NumberFormat.percent($0) + " left" } ?? "no data"),
                           CellStyle(budgetRole, bold: true))], priority: 100),
                exhaustion,
            ], x: rect.x, y: rect.y + 1, width: rect.width)
        }
    }

    /// "exhausted in 1d 4h at 1h burn 15.1", "budget spent" once it is, else "not burning".
    private func exhaustionItem(_ slo: SLOStatus) -> LineItem {
        let role = SLOText.budgetRole(slo.errorBudgetRemaining)
        if let remaining = slo.errorBudgetRemaining, remaining <= 0 {
            return LineItem([("budget spent", CellStyle(.crit, bold: true))], priority: 80)
        }
        guard let seconds = slo.timeToExhaustionSeconds else {
            return LineItem([("not burning", CellStyle(slo.sli == nil ? .dim : .ok, bold: true))], priority: 80)
        }
        let hourBurn = slo.burnRates[.h1].map { " " + NumberFormat.burn($0) } ?? ""
        return LineItem([("exhausted in ", CellStyle(.dim)),
                         (DurationFormat.duration(seconds: seconds), CellStyle(role, bold: true)),
                         (" at 1h burn" + hourBurn, CellStyle(.dim))], priority: 80)
    }

    /// Burn per window, 5m to 3d and then the whole SLO window, each beside the thresholds
    /// of the tiers that use it; one or two compact lines of numbers when short of rows.
    func burnWindowBlock(_ slo: SLOStatus, width: Int) -> StackBlock {
        typealias Row = (window: String, value: Double?, role: StyleRole, note: String, shortNote: String)
        let rows: [Row] = BurnWindow.allCases.map { window in
            let value = slo.burnRates[window]
            let tiers = slo.alerts.map(\.tier)
                .filter { $0.enabled && ($0.longWindow == window || $0.shortWindow == window) }
            let notes = tiers.map {
                "\($0.severity.rawValue) >\(NumberFormat.burn($0.factor)) (\(SLOText.windows($0)))"
            }
            let short = tiers.map { ">\(NumberFormat.burn($0.factor)) \(SLOText.windows($0))" }
            return (window.rawValue, value, SLOText.burnRole(slo, window: window, value: value),
                    notes.isEmpty ? "–" : notes.joined(separator: "  "),
                    short.isEmpty ? "–" : short.joined(separator: " "))
        } + [(slo.window.label, slo.windowBurn, slo.windowBurn.map { $0 > 1 ? .crit : .normal } ?? .dim,
              "whole window (1.00 spends the budget)", "whole window")]
        let compact = compactLines(rows.map { ($0.window, $0.value, $0.role) }, width: width)
        let maxFactor = slo.alerts.filter(\.tier.enabled).map(\.tier.factor).max() ?? 1
        let full = rows.count + 1
        return StackBlock(priority: 90, minHeight: compact.count, height: full, stepped: true) { rect, grid in
            if rect.height < full {
                for (i, line) in compact.prefix(rect.height).enumerated() {
                    grid.drawItems(line, x: rect.x, y: rect.y + i, width: rect.width, spacing: 2)
                }
                return
            }
            let noteWidth = rows.map { DisplayWidth.of($0.note) }.max() ?? 12
            let columns = [
                TableColumn("window", width: 6, priority: 100),
                TableColumn("burn", width: 6, alignment: .right, priority: 95),
                TableColumn("", width: 12, minWidth: 4, priority: 30),
                TableColumn("tier thresholds", width: noteWidth, minWidth: 12, priority: 80, flexible: true),
            ]
            let layout = TableLayout.fit(columns, width: rect.width)
            let noteRoom = layout.width(of: 3)
            grid.drawTableHeader(columns, layout: layout, x: rect.x, y: rect.y)
            for (i, row) in rows.enumerated() {
                // "page >6.00 (6h/30m)" when it fits, else ">6.00 6h/30m" (the tier table says which pages).
                let note = DisplayWidth.of(row.note) <= noteRoom ? row.note : row.shortNote
                grid.drawTableRow([
                    TableCell(row.window, style: CellStyle(i == rows.count - 1 ? .accent : .normal)),
                    TableCell(SLOText.burn(row.value), style: CellStyle(row.role, bold: row.role == .crit)),
                    .bar((row.value ?? 0) / maxFactor, style: CellStyle(row.role == .normal ? .barFill : row.role)),
                    TableCell(note, style: CellStyle(.dim)),
                ], layout: layout, x: rect.x, y: rect.y + 1 + i, ascii: context.asciiOnly, columns: columns)
            }
        }
    }

    /// "burn  5m 18.2  30m 16.0 …" cut into as few lines of `width` as the items need.
    private func compactLines(_ rows: [(String, Double?, StyleRole)], width: Int) -> [[LineItem]] {
        var lines: [[LineItem]] = [[LineItem([("burn", CellStyle(.dim, bold: true))], priority: 100)]]
        var used = 4
        for (window, value, role) in rows {
            let item = LineItem([(window + " ", CellStyle(.dim)),
                                 (SLOText.burn(value), CellStyle(role, bold: role == .crit))], priority: 90)
            if used + 2 + item.width > width, !(lines.last ?? []).isEmpty {
                lines.append([])
                used = -2
            }
            lines[lines.count - 1].append(item)
            used += 2 + item.width
        }
        return lines
    }

    /// One row per tier: windows, factor, the burn over each window, events in the long
    /// window (against the min-traffic guard) and the state.
    func tierBlock(_ slo: SLOStatus) -> StackBlock {
        let states = slo.alerts.map(SLOText.tierState)
        let stateWidth = max(6, states.map { DisplayWidth.of($0.label) }.max() ?? 0)
        let columns = [
            TableColumn("tier", width: 6, priority: 100),
            TableColumn("windows", width: 7, priority: 90),
            TableColumn("factor", width: 6, alignment: .right, priority: 85),
            TableColumn("long", width: 6, alignment: .right, priority: 70),
            TableColumn("short", width: 6, alignment: .right, priority: 60),
            TableColumn("events", width: 7, alignment: .right, priority: 40),
            TableColumn("state", width: stateWidth, minWidth: 6, priority: 95, widthPriority: 80, flexible: true),
        ]
        let height = slo.alerts.isEmpty ? 0 : slo.alerts.count + 1
        return StackBlock(priority: 85, minHeight: height, height: height) { rect, grid in
            let layout = TableLayout.fit(columns, width: rect.width)
            grid.drawTableHeader(columns, layout: layout, x: rect.x, y: rect.y)
            for (i, status) in slo.alerts.enumerated() where i + 1 < rect.height {
                let tier = status.tier
                let off = status.state == .disabled
                let over = { (burn: Double?) in CellStyle(burn.map { $0 > tier.factor && !off } == true
                                                              ? SLOText.role(tier.severity) : .normal) }
                grid.drawTableRow([
                    TableCell(tier.severity.rawValue, style: CellStyle(off ? .dim : SLOText.role(tier.severity))),
                    TableCell(SLOText.windows(tier), style: CellStyle(off ? .dim : .normal)),
                    TableCell(">" + NumberFormat.burn(tier.factor), style: CellStyle(off ? .dim : .normal)),
                    TableCell(SLOText.burn(status.longBurn), style: over(status.longBurn)),
                    TableCell(SLOText.burn(status.shortBurn), style: over(status.shortBurn)),
                    TableCell(NumberFormat.compact(status.longEvents), style: CellStyle(.dim)),
                    TableCell(states[i].label, style: CellStyle(states[i].role, bold: status.firing)),
                ], layout: layout, x: rect.x, y: rect.y + 1 + i, columns: columns)
            }
        }
    }
}
