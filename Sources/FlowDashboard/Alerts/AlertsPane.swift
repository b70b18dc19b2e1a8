import FlowCore
import TerminalUI

/// Every alert's lifecycle (burn-rate tiers and threshold rules), in three sections
/// (`AlertSections`): active alerts first, each with its state (the severity, `PAGE` or
/// `TICKET`, once firing; `pending` before), who it is about (`ai_request_success ·
/// tenant:acme`, or `AICostHigh team=revenue`), the burn tier, since when and the value its
/// condition last saw; inhibited tiers dimmed and marked `inhib`. Then, dimmed under their
/// own heading, the silenced and acknowledged; then the recently resolved. The focused
/// pane's last line says who silenced or acknowledged the selected alert, and until when.
/// "no active alerts" when nothing needs anyone.
///
/// The series sits in the alert cell rather than in a column of its own so that it
/// survives a narrow pane: the SLO name is cut before the series is.
struct AlertsPane {
    var sections: AlertSections
    /// The silences, to say who muted the selected alert and until when.
    var silences: [ListedSilence] = []
    var now: EpochMillis
    /// Index into `sections.rows`.
    var selected: Int?
    var focused: Bool
    var context: DashboardContext
    /// Off in the SLO detail, where every alert is of the same SLO: the cell names the series only.
    var showsSLO = true

    /// One line of the pane under the column header.
    private enum Line {
        case alert(ListedAlert, row: Int)
        case heading(String)
        case quiet
    }

    var columns: [TableColumn] {
        let widest = sections.rows.map { DisplayWidth.of(AlertText.subject($0.alert, showsSLO: showsSLO, dot: context.dot)) }
        let subjectWidth = min(48, max(12, widest.max() ?? 0))
        return [
            TableColumn("state", width: 8, priority: 100),
            TableColumn("sev", width: 6, priority: 30),
            TableColumn(showsSLO ? "alert" : "series", width: subjectWidth, minWidth: 20, priority: 95,
                        widthPriority: 35, flexible: true),
            TableColumn("tier", width: 6, priority: 85),
            TableColumn("since", width: 9, alignment: .right, priority: 80),
            TableColumn("value", width: 7, alignment: .right, priority: 40),
        ]
    }

    /// Width for every column at its preferred width, border included.
    var preferredWidth: Int { TableLayout.preferredWidth(of: columns) + 2 }

    /// The column header, the lines and the two lines that say who muted the selection.
    var wantedRows: Int { sections.isEmpty ? 1 : 1 + lines.count + (sections.muted.isEmpty ? 0 : 2) }

    /// "Alerts (2)", "Alerts (2 · 1 inhibited · 1 muted)": the alerts that count first.
    func title(_ name: String) -> String {
        guard !sections.active.isEmpty || !sections.muted.isEmpty else { return name }
        var parts = ["\(sections.notInhibited.count)"]
        if sections.inhibitedCount > 0 { parts.append("\(sections.inhibitedCount) inhibited") }
        if !sections.muted.isEmpty { parts.append("\(sections.muted.count) muted") }
        return "\(name) (\(parts.joined(separator: " \(context.dot) ")))"
    }

    func draw(in rect: Rect, grid: inout CellGrid) {
        let inner = grid.drawBox(rect, title: title("Alerts"), focused: focused, glyphs: context.boxGlyphs)
        guard !inner.isEmpty else { return }
        drawTable(in: inner, grid: &grid)
    }

    /// The rows without a box: in the pane, and in the SLO detail under its own title.
    func drawTable(in inner: Rect, grid: inout CellGrid) {
        guard !inner.isEmpty else { return }
        if sections.isEmpty {
            drawQuiet(x: inner.x, y: inner.y, width: inner.width, grid: &grid)
            return
        }
        if inner.height == 1, sections.rows.count > 1 {
            drawSummary(in: inner, grid: &grid)
            return
        }
        let columns = self.columns
        let layout = TableLayout.fit(columns, width: inner.width)
        let lines = self.lines
        // A short pane gives its rows to alerts first: the column header only when all fit
        // or there are five lines, who muted the selection from six.
        let showsHeader = inner.height >= 3 && (inner.height >= 5 || lines.count < inner.height)
        let detail = inner.height >= 6 ? selectionDetail(width: inner.width).prefix(inner.height >= 8 ? 2 : 1) : []
        let bodyHeight = inner.height - (showsHeader ? 1 : 0) - detail.count
        let selectedLine = lines.firstIndex { if case .alert(_, let row) = $0 { row == selected } else { false } }
        let window = RowWindow(count: lines.count, height: bodyHeight, selected: selectedLine)
        var y = inner.y
        if showsHeader {
            grid.drawTableHeader(columns, layout: layout, x: inner.x, y: y)
            y += 1
        }
        for i in window.range {
            switch lines[i] {
            case .alert(let listed, let row):
                grid.drawTableRow(cells(listed, layout: layout), layout: layout, x: inner.x, y: y,
                                  rowStyle: selectionStyle(row: row, selected: selected, focused: focused),
                                  columns: columns)
            case .heading(let text):
                grid.put(text, x: inner.x, y: y, style: CellStyle(.dim, bold: true), maxWidth: inner.width)
            case .quiet:
                drawQuiet(x: inner.x, y: y, width: inner.width, grid: &grid)
            }
            y += 1
        }
        grid.drawMore(window.hidden, in: inner, y: y)
        for (i, line) in detail.enumerated() {
            grid.put(TextFit.truncate(line, to: inner.width), x: inner.x, y: inner.maxY - detail.count + i,
                     style: CellStyle(.accent))
        }
    }

    private var lines: [Line] {
        var lines: [Line] = []
        var row = 0
        func add(_ alerts: [ListedAlert]) {
            for alert in alerts {
                lines.append(.alert(alert, row: row))
                row += 1
            }
        }
        if sections.active.isEmpty { lines.append(.quiet) }
        add(sections.active)
        if !sections.muted.isEmpty {
            lines.append(.heading("silenced / acknowledged (\(sections.muted.count))"))
            add(sections.muted)
        }
        if !sections.resolved.isEmpty {
            lines.append(.heading("resolved in the last hour (\(sections.resolvedTotal))"))
            add(sections.resolved)
        }
        return lines
    }

    private func drawQuiet(x: Int, y: Int, width: Int, grid: inout CellGrid) {
        let text = context.asciiOnly ? "no active alerts" : "✓ no active alerts"
        grid.put(text, x: x, y: y, style: CellStyle(.ok), maxWidth: width)
    }

    /// A pane one line high: how many fire, pages and tickets, and what is held back.
    private func drawSummary(in inner: Rect, grid: inout CellGrid) {
        let firing = sections.notInhibited.filter { $0.alert.state == .firing }
        let pages = firing.filter { $0.alert.severity == Severity.page.rawValue }.count
        var text = "\(firing.count) firing: \(pages) page \(context.dot) \(firing.count - pages) other"
        if sections.inhibitedCount > 0 { text += " \(context.dot) \(sections.inhibitedCount) inhibited" }
        if !sections.muted.isEmpty { text += " \(context.dot) \(sections.muted.count) muted" }
        grid.drawSummary(text, style: CellStyle(pages > 0 ? .crit : firing.isEmpty ? .dim : .warn, bold: true),
                         in: inner)
    }

    /// Who silenced or acknowledged the selected alert and until when, while the pane has
    /// the focus, on as many lines as `width` needs: "silenced by ana until 12:15 UTC,
    /// silence-1: deploy, acknowledged by bob 2m ago".
    private func selectionDetail(width: Int) -> [String] {
        guard focused, let selected, sections.rows.indices.contains(selected) else { return [] }
        let listed = sections.rows[selected]
        var parts: [String] = []
        if let id = listed.silencedBy.first, let silence = silences.first(where: { $0.silence.id == id })?.silence {
            let until = silence.end == .max ? "for good" : "until \(DurationFormat.clockUTC(epochMillis: silence.end).prefix(5)) UTC"
            parts.append("silenced by \(silence.author) \(until)")
            let ids = listed.silencedBy.joined(separator: " ")
            parts.append(silence.comment.isEmpty ? ids : "\(ids): \(silence.comment)")
        }
        if let who = listed.alert.acknowledgedBy, let at = listed.alert.acknowledgedAt {
            parts.append("acknowledged by \(who) \(DurationFormat.ago(now - at))")
        }
        return parts.isEmpty ? [] : TextFit.wrapAtCommas(parts.joined(separator: ", "), width: width)
    }

    private func cells(_ listed: ListedAlert, layout: TableLayout) -> [TableCell] {
        let alert = listed.alert
        let live = alert.state != .resolved && !listed.isMuted && !listed.inhibited
        let text = CellStyle(live ? .normal : .dim)
        let state: TableCell
        switch alert.state {
        case .resolved:
            state = TableCell("resolved", style: CellStyle(.dim))
        case _ where listed.isSilenced:
            state = TableCell("silenced", style: CellStyle(.dim))
        case _ where listed.alert.isAcknowledged:
            state = TableCell("acked", style: CellStyle(.dim))
        case _ where listed.inhibited:
            state = TableCell("inhib", style: CellStyle(.dim))
        case .firing:
            state = TableCell(AlertText.severity(alert), style: CellStyle(AlertText.role(alert), bold: true))
        case .pending, .inactive:
            state = TableCell("pending", style: CellStyle(.warn))
        }
        let subjectWidth = layout.width(of: 2)
        return [
            state,
            TableCell(alert.severity ?? "–", style: live ? CellStyle(AlertText.role(alert)) : text),
            TableCell(AlertText.subject(alert, showsSLO: showsSLO, width: subjectWidth, dot: context.dot), style: text),
            TableCell(AlertText.tier(alert), style: text),
            TableCell(DurationFormat.ago(now - AlertText.since(alert)), style: CellStyle(.dim)),
            TableCell(AlertText.value(alert), style: live ? CellStyle(AlertText.role(alert)) : text),
        ]
    }
}
