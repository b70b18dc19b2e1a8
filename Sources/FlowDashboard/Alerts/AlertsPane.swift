import FlowCore
import TerminalUI

/// The alerts, one row per group (`AlertSections`, by SLO and severity by default): each
/// with its state (the severity, `PAGE` or `TICKET`, once a member fires; `pending`
/// before), what it is about (`ai_request_success`, or `AICostHigh team=revenue`), how many
/// series fire in it, the tier and value of its leading member and since when its newest
/// member fires. Then, dimmed under their own heading, the silenced and acknowledged
/// groups; then the recently resolved. Tiers a faster tier inhibits are left out and
/// counted in the title until `i` shows them. The focused pane's last line says who
/// silenced or acknowledged the selected group, and until when. "no active alerts" when
/// nothing needs anyone.
///
/// An unfocused pane always shows its top rows: the selection is kept in view only while
/// someone moves it, so acknowledging never scrolls the firing rows away.
///
/// ```
/// ╭─ Alerts (2 groups · 9 series · 21 inhibited hidden [i]) ─────────╮
/// │state    alert                 series     tier      since   value│
/// │PAGE     ai_request_success   7 series    1h/5m    4m ago  15.1x │
/// ```
struct AlertsPane: Equatable {
    var sections: AlertSections
    /// The silences, to say who muted the selected group and until when.
    var silences: [ListedSilence] = []
    var now: EpochMillis
    /// Index into `sections.rows`.
    var selected: Int?
    var focused: Bool
    var context: DashboardContext
    /// Off in the SLO detail, where every alert is of the same SLO: the cell names the series only.
    var showsSLO = true
    /// The SLOs' short names (`x-flowtop.shortName`), for a narrow column.
    var shortNames: [String: String] = [:]
    /// The "N series" column: off when every group is one alert (grouped by every label).
    var showsSeriesCount = true

    /// One line of the pane under the column header.
    private enum Line {
        case group(AlertGroup, row: Int)
        case heading(String)
        case quiet
    }

    var columns: [TableColumn] {
        let widest = sections.rows.map {
            DisplayWidth.of(AlertGroupText.fullName($0, shortNames: shortNames, showsSLO: showsSLO, dot: context.dot))
        }
        let subjectWidth = min(48, max(12, widest.max() ?? 0))
        return [
            TableColumn("state", width: 8, priority: 100),
            TableColumn("sev", width: 6, priority: 30),
            TableColumn(showsSLO ? "alert" : "series", width: subjectWidth, minWidth: 20, priority: 95,
                        widthPriority: 35, flexible: true),
        ] + (showsSeriesCount ? [TableColumn("series", width: 9, alignment: .right, priority: 75)] : []) + [
            TableColumn("tier", width: 6, priority: 85),
            TableColumn("since", width: 9, alignment: .right, priority: 80),
            TableColumn("value", width: 7, alignment: .right, priority: 40),
        ]
    }

    /// Width for every column at its preferred width, border included.
    var preferredWidth: Int { TableLayout.preferredWidth(of: columns) + 2 }

    /// The column header, the lines and the two lines that say who muted the selection.
    var wantedRows: Int { sections.isEmpty ? 1 : 1 + lines.count + (sections.muted.isEmpty ? 0 : 2) }

    /// "Alerts (2 groups · 9 series · 21 inhibited hidden [i] · 1 muted)": the groups and
    /// series that need someone first, then what is left out or muted.
    func title(_ name: String) -> String {
        guard !sections.active.isEmpty || !sections.muted.isEmpty || sections.inhibitedCount > 0 else { return name }
        let groups = sections.active.filter { !$0.lead.inhibited }.count
        // One row per alert: the count of alerts says it all.
        var parts = showsSeriesCount ? ["\(groups) group\(groups == 1 ? "" : "s")", "\(sections.activeSeries) series"]
            : ["\(sections.activeSeries)"]
        if sections.hiddenInhibited > 0 {
            parts.append("\(sections.hiddenInhibited) inhibited hidden [i]")
        } else if sections.inhibitedCount > 0 {
            parts.append("\(sections.inhibitedCount) inhibited")
        }
        if !sections.muted.isEmpty { parts.append("\(sections.mutedAlerts) muted") }
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
        // Unfocused, the pane shows its top rows whatever was selected last.
        let selectedLine = focused
            ? lines.firstIndex { if case .group(_, let row) = $0 { row == selected } else { false } } : nil
        let window = RowWindow(count: lines.count, height: bodyHeight, selected: selectedLine)
        let names = AlertGroupText.fitted(sections.rows, width: layout.width(of: Self.nameColumn),
                                          shortNames: shortNames, showsSLO: showsSLO, dot: context.dot)
        var y = inner.y
        if showsHeader {
            grid.drawTableHeader(columns, layout: layout, x: inner.x, y: y)
            y += 1
        }
        for i in window.range {
            switch lines[i] {
            case .group(let group, let row):
                grid.drawTableRow(cells(group, name: names[row], section: section(of: row)), layout: layout,
                                  x: inner.x, y: y, rowStyle: selectionStyle(row: row, selected: selected, focused: focused),
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

    static let nameColumn = 2

    private enum Section { case active, muted, resolved }

    private func section(of row: Int) -> Section {
        if row < sections.active.count { return .active }
        return row < sections.active.count + sections.muted.count ? .muted : .resolved
    }

    private var lines: [Line] {
        var lines: [Line] = []
        var row = 0
        func add(_ groups: [AlertGroup]) {
            for group in groups {
                lines.append(.group(group, row: row))
                row += 1
            }
        }
        if sections.active.isEmpty { lines.append(.quiet) }
        add(sections.active)
        if !sections.muted.isEmpty {
            lines.append(.heading("silenced / acknowledged (\(sections.mutedAlerts))"))
            add(sections.muted)
        }
        if !sections.resolved.isEmpty {
            lines.append(.heading("resolved in the last hour (\(sections.resolvedTotal))"))
            add(sections.resolved)
        }
        return lines
    }

    private func drawQuiet(x: Int, y: Int, width: Int, grid: inout CellGrid) {
        var text = context.asciiOnly ? "no active alerts" : "✓ no active alerts"
        if sections.hiddenInhibited > 0 { text += " (\(sections.hiddenInhibited) inhibited: i shows them)" }
        grid.put(text, x: x, y: y, style: CellStyle(.ok), maxWidth: width)
    }

    /// A pane one line high: how many groups fire, pages and tickets, and what is held back.
    private func drawSummary(in inner: Rect, grid: inout CellGrid) {
        let firing = sections.active.filter { $0.state == .firing && !$0.lead.inhibited }
        let pages = firing.filter { $0.severity == Severity.page.rawValue }.count
        var text = "\(firing.count) firing: \(pages) page \(context.dot) \(firing.count - pages) other"
        if sections.inhibitedCount > 0 { text += " \(context.dot) \(sections.inhibitedCount) inhibited" }
        if !sections.muted.isEmpty { text += " \(context.dot) \(sections.mutedAlerts) muted" }
        grid.drawSummary(text, style: CellStyle(pages > 0 ? .crit : firing.isEmpty ? .dim : .warn, bold: true),
                         in: inner)
    }

    /// Who silenced or acknowledged the selected group and until when, while the pane has
    /// the focus, on as many lines as `width` needs: "silenced by ana until 12:15 UTC,
    /// silence-1: deploy, acknowledged by bob 2m ago".
    private func selectionDetail(width: Int) -> [String] {
        guard focused, let selected, sections.rows.indices.contains(selected) else { return [] }
        let members = sections.rows[selected].members
        var parts: [String] = []
        let ids = members.flatMap(\.silencedBy).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if let id = ids.first, let silence = silences.first(where: { $0.silence.id == id })?.silence {
            let until = silence.end == .max ? "for good" : "until \(DurationFormat.clockUTC(epochMillis: silence.end).prefix(5)) UTC"
            parts.append("silenced by \(silence.author) \(until)")
            let joined = ids.joined(separator: " ")
            parts.append(silence.comment.isEmpty ? joined : "\(joined): \(silence.comment)")
        }
        if let acked = members.first(where: { $0.alert.isAcknowledged })?.alert, let who = acked.acknowledgedBy,
           let at = acked.acknowledgedAt {
            parts.append("acknowledged by \(who) \(DurationFormat.ago(now - at))")
        }
        return parts.isEmpty ? [] : TextFit.wrapAtCommas(parts.joined(separator: ", "), width: width)
    }

    private func cells(_ group: AlertGroup, name: String, section: Section) -> [TableCell] {
        let lead = group.lead
        let alert = lead.alert
        let live = section == .active && !lead.inhibited
        let text = CellStyle(live ? .normal : .dim)
        let state: TableCell
        switch section {
        case .resolved:
            state = TableCell("resolved", style: CellStyle(.dim))
        case .muted:
            state = TableCell(group.members.allSatisfy(\.isSilenced) ? "silenced"
                                  : group.members.allSatisfy(\.alert.isAcknowledged) ? "acked" : "muted",
                              style: CellStyle(.dim))
        case .active where lead.inhibited:
            state = TableCell("inhib", style: CellStyle(.dim))
        case .active where alert.state == .firing:
            state = TableCell(AlertText.severity(alert), style: CellStyle(AlertText.role(alert), bold: true))
        case .active:
            state = TableCell("pending", style: CellStyle(.warn))
        }
        return [
            state,
            TableCell(alert.severity ?? "–", style: live ? CellStyle(AlertText.role(alert)) : text),
            TableCell(name, style: text),
        ] + (showsSeriesCount ? [TableCell(AlertGroupText.seriesCount(group), style: CellStyle(.dim))] : []) + [
            TableCell(AlertText.tier(alert), style: text),
            TableCell(DurationFormat.ago(now - group.since), style: CellStyle(.dim)),
            TableCell(AlertText.value(alert), style: live ? CellStyle(AlertText.role(alert)) : text),
        ]
    }
}
