import FlowCore
import TerminalUI

/// One row per SLO: status, name, objective, SLI over the window, burn rates over 5m, 1h,
/// 6h and 3d, the error budget left as a bar and a percentage, and (when wide) the burn
/// over the last hour as a sparkline. Rows come in the order `s` picks (worst first by
/// default); the title names it.
///
/// When narrow it drops, in order: the sparkline, the budget bar, the objective, the 6h
/// and 5m burns, then cuts long names, then drops the 3d and 1h burns; status, name, SLI
/// and budget % stay.
struct SLOPane: Equatable {
    /// In the order chosen (`sort`).
    var slos: [SLOStatus]
    var sort: SLOSortOrder
    /// The alert list, which the status column agrees with (`SLOText.status(_:alerts:)`).
    var alerts: [ListedAlert] = []
    var selected: Int?
    var focused: Bool
    var context: DashboardContext

    static let burnWindows: [(BurnWindow, Int)] = [(.m5, 55), (.h1, 75), (.h6, 50), (.d3, 60)]

    /// Names are kept whole before the objective and the 5m and 6h burns are shown.
    var columns: [TableColumn] {
        let nameWidth = min(40, max(10, slos.map { DisplayWidth.of($0.name) }.max() ?? 0))
        return [
            TableColumn("", width: 4, priority: 96),
            TableColumn("SLO", width: nameWidth, minWidth: 10, priority: 100, widthPriority: 62),
            TableColumn("obj", width: 6, alignment: .right, priority: 40),
            TableColumn("SLI", width: 7, alignment: .right, priority: 90),
        ] + Self.burnWindows.map { window, priority in
            TableColumn(window.rawValue, width: 5, alignment: .right, priority: priority)
        } + [
            TableColumn("budget", width: 12, minWidth: 5, priority: 30, flexible: true),
            TableColumn("left", width: 6, alignment: .right, priority: 85),
            TableColumn("burn, last 1h", width: 30, minWidth: 15, priority: 20),
        ]
    }

    /// Width for every column but the sparkline at its preferred width, border included:
    /// the sparkline only takes room no other pane wants.
    var preferredWidth: Int { TableLayout.preferredWidth(of: columns.filter { $0.priority > 20 }) + 2 }

    /// Content rows wanted: a column header plus one per SLO (two when the budget bar
    /// and sparkline need a line of their own; the layout gives what it can spare).
    var wantedRows: Int { slos.count + 1 }

    func draw(in rect: Rect, grid: inout CellGrid) {
        let inner = grid.drawBox(rect, title: title, focused: focused, glyphs: context.boxGlyphs)
        guard !inner.isEmpty else { return }
        if slos.isEmpty {
            grid.put("no SLOs configured", x: inner.x, y: inner.y, style: CellStyle(.dim), maxWidth: inner.width)
            return
        }
        if inner.height == 1, slos.count > 1 {
            let firing = slos.compactMap(\.worstFiring)
            let pages = firing.filter { $0 == .page }.count
            let text = "\(slos.count) SLOs: \(pages) crit \(context.dot) \(firing.count - pages) warn "
                + "\(context.dot) \(slos.count - firing.count) ok"
            grid.drawSummary(text, style: CellStyle(pages > 0 ? .crit : firing.isEmpty ? .ok : .warn), in: inner)
            return
        }
        let columns = self.columns
        let layout = TableLayout.fit(columns, width: inner.width)
        // The budget bar and the sparkline are the first columns a narrow pane drops; when
        // the pane has rows to spare (a few SLOs in a tall pane), each SLO gets a second
        // line with both instead.
        let hidesGraphics = layout.width(of: Self.budgetColumn) == 0 || layout.width(of: Self.sparklineColumn) == 0
        let twoLines = hidesGraphics && inner.height >= 1 + 2 * slos.count && inner.width >= 30
        let plan = PanePlan(height: inner.height, count: slos.count, header: true, footer: 0, selected: selected)
        var y = inner.y
        if plan.showsHeader {
            grid.drawTableHeader(columns, layout: layout, x: inner.x, y: y)
            y += 1
        }
        for i in plan.window.range {
            grid.drawTableRow(cells(slos[i]), layout: layout, x: inner.x, y: y,
                              rowStyle: selectionStyle(row: i, selected: selected, focused: focused),
                              ascii: context.asciiOnly, columns: columns)
            y += 1
            if twoLines {
                drawGraphicsLine(slos[i], x: inner.x + 5, y: y, width: inner.width - 5, grid: &grid)
                y += 1
            }
        }
        grid.drawMore(plan.window.hidden, in: inner, y: y)
    }

    static let budgetColumn = 8
    static let sparklineColumn = 10

    /// `budget ██████▍      burn 1h ▁▁▂▇▅▁`: the second line of an SLO in a tall pane.
    private func drawGraphicsLine(_ slo: SLOStatus, x: Int, y: Int, width: Int, grid: inout CellGrid) {
        let label = CellStyle(.dim)
        let barWidth = max(4, min(20, (width - 20) / 3))
        var cx = x
        cx += grid.put("budget ", x: cx, y: y, style: label, maxWidth: width)
        let bar = HorizontalBar.text(fraction: slo.errorBudgetRemaining ?? 0, width: barWidth, ascii: context.asciiOnly)
        cx += grid.put(bar, x: cx, y: y, style: CellStyle(SLOText.budgetRole(slo.errorBudgetRemaining)),
                       maxWidth: x + width - cx)
        cx += grid.put("  burn 1h ", x: cx, y: y, style: label, maxWidth: max(0, x + width - cx))
        let room = min(60, x + width - cx)
        guard room >= 4 else { return }
        let line = Sparkline.text(slo.burnSparkline, width: room, range: SLOText.burnRange(slo.burnSparkline),
                                  missing: context.asciiOnly ? " " : "·", ascii: context.asciiOnly)
        grid.put(line, x: cx, y: y, style: CellStyle(.graph), maxWidth: room)
    }

    /// "SLOs (2 burning) · by burn  [s]": how many fire, and the order `s` changes.
    private var title: String {
        let firing = slos.filter { $0.worstFiring != nil }.count
        return (firing > 0 ? "SLOs (\(firing) burning)" : "SLOs") + " \(context.dot) by \(sort.label)  [s]"
    }

    private func cells(_ slo: SLOStatus) -> [TableCell] {
        let status = SLOText.status(slo, alerts: alerts)
        var cells: [TableCell] = [
            TableCell(status.label, style: CellStyle(status.role, bold: status.role == .crit)),
            TableCell(slo.name),
            TableCell(SLOText.objective(slo.objective), style: CellStyle(.dim)),
            TableCell(SLOText.sli(slo.sli, objective: slo.objective),
                      style: CellStyle(slo.sli.map { $0 < slo.objective ? .warn : .normal } ?? .dim)),
        ]
        for (window, _) in Self.burnWindows {
            let value = slo.burnRates[window]
            cells.append(TableCell(SLOText.burn(value),
                                   style: CellStyle(SLOText.burnRole(slo, window: window, value: value))))
        }
        let budgetRole = SLOText.budgetRole(slo.errorBudgetRemaining)
        cells.append(.bar(slo.errorBudgetRemaining ?? 0, style: CellStyle(budgetRole)))
        cells.append(TableCell(slo.errorBudgetRemaining.map { NumberFormat.percent($0, digits: 0) } ?? "–",
                               style: CellStyle(budgetRole)))
        cells.append(.sparkline(slo.burnSparkline, range: SLOText.burnRange(slo.burnSparkline)))
        return cells
    }
}
