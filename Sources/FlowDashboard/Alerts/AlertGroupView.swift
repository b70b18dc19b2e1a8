import FlowCore
import TerminalUI

/// One alert group in depth (Enter in the alerts pane): every series and tier in it, with
/// its state, since when, the burn or value its condition last saw and the engine's
/// summary, active members first. Inhibited tiers are left out, and counted, until `i`.
/// `s`, `a` and `x` act on the whole group here as in the pane; Enter opens the SLO's
/// detail; Esc goes back.
///
/// ```
/// ╭─ Alerts › ai_request_success page ─────────────────────────────────────────╮
/// │PAGE ai_request_success  7 series · 9 alerts  since 4m ago  slo=… severity=page│
/// │state    series             tier    since     value  summary                 │
/// │PAGE     tenant:acme        1h/5m   4m ago   22.0x   ai_request_success (…   │
/// ```
struct AlertGroupView {
    var id: String
    var snapshot: EngineSnapshot?
    var state: DashboardState
    var context: DashboardContext

    func draw(over area: Rect, breadcrumb: String, grid: inout CellGrid) {
        let inner = grid.drawViewBox(over: area, breadcrumb: breadcrumb, context: context)
        guard !inner.isEmpty else { return }
        guard let snapshot else { return grid.drawWaiting("waiting for the engine…", in: inner) }
        guard let group = state.alertGroup(id: id, in: snapshot, includingInhibited: true) else {
            return grid.drawWaiting("no alert in this group now: it resolved over an hour ago. Esc goes back", in: inner)
        }
        let shown = group.members.filter { state.showsInhibited || !$0.inhibited }
        let hidden = group.members.count - shown.count
        var blocks = [StackBlock(priority: 100, minHeight: 1, height: 1) { rect, grid in
            drawHeadline(group, in: rect, grid: &grid)
        }]
        blocks.append(table(shown, hidden: hidden, now: snapshot.now).block(priority: 90, ascii: context.asciiOnly))
        blocks.append(StackBlock(priority: 80, minHeight: 1, height: 1) { rect, grid in
            var keys = ["s silences the group", "a acknowledges every alert", "Enter: the SLO", "Esc back"]
            keys.insert(state.showsInhibited ? "i hides inhibited tiers" : "i shows \(hidden) inhibited", at: 0)
            if hidden == 0 && !state.showsInhibited { keys.removeFirst() }
            grid.put(TextFit.truncate(keys.joined(separator: " \(context.dot) "), to: rect.width), x: rect.x,
                     y: rect.y, style: CellStyle(.dim))
        })
        DetailStack.draw(blocks, in: inner, grid: &grid)
    }

    /// `PAGE ai_request_success  7 series · 9 alerts  since 4m ago  {severity="page", slo="…"}`
    private func drawHeadline(_ group: AlertGroup, in rect: Rect, grid: inout CellGrid) {
        let lead = group.lead.alert
        let label = group.state == .firing ? AlertText.severity(lead) : group.state.rawValue
        var x = rect.x
        x += grid.put(label + " ", x: x, y: rect.y, style: CellStyle(group.state == .firing ? AlertText.role(lead) : .warn,
                                                                         bold: true), maxWidth: rect.width)
        let name = AlertGroupText.fullName(group, dot: context.dot)
        x += grid.put(name, x: x, y: rect.y, style: CellStyle(.title, bold: true), maxWidth: max(0, rect.maxX - x))
        let rest = "  \(AlertGroupText.seriesCount(group)) \(context.dot) \(group.members.count) alerts  since "
            + DurationFormat.ago((snapshot?.now ?? group.since) - group.since) + "  " + group.key.description
        grid.put(TextFit.truncate(rest, to: max(0, rect.maxX - x)), x: x, y: rect.y, style: CellStyle(.dim))
    }

    private func table(_ members: [ListedAlert], hidden: Int, now: EpochMillis) -> TitledTable {
        let columns = [
            TableColumn("state", width: 8, priority: 100),
            TableColumn("series", width: 24, minWidth: 12, priority: 95, widthPriority: 40),
            TableColumn("tier", width: 6, priority: 90),
            TableColumn("since", width: 9, alignment: .right, priority: 80),
            TableColumn("value", width: 7, alignment: .right, priority: 85),
            TableColumn("summary", width: 60, minWidth: 12, priority: 40, flexible: true),
        ]
        let rows: [[TableCell]] = members.map { listed in
            let alert = listed.alert
            let live = alert.state != .resolved && !listed.isMuted && !listed.inhibited
            let text = CellStyle(live ? .normal : .dim)
            return [
                Self.stateCell(listed),
                TableCell(AlertText.isBurnRate(alert) ? AlertText.series(alert).label : AlertText.subject(alert, dot: context.dot),
                          style: text),
                TableCell(AlertText.tier(alert), style: text),
                TableCell(DurationFormat.ago(now - AlertText.since(alert)), style: CellStyle(.dim)),
                TableCell(AlertText.value(alert), style: live ? CellStyle(AlertText.role(alert)) : text),
                TableCell(alert.annotations["summary"] ?? "", style: CellStyle(.dim)),
            ]
        }
        let note = hidden > 0 ? "\(members.count) shown \(context.dot) \(hidden) inhibited hidden (i)" : "\(members.count)"
        return TitledTable(title: "Series and tiers", note: note, columns: columns, rows: rows,
                           empty: "every tier of this group is inhibited: i shows them")
    }

    /// The member's state as the pane says it: severity once firing, else pending,
    /// silenced, acked, inhib or resolved, dim when it asks nothing of anyone.
    static func stateCell(_ listed: ListedAlert) -> TableCell {
        let alert = listed.alert
        switch alert.state {
        case .resolved: return TableCell("resolved", style: CellStyle(.dim))
        case _ where listed.isSilenced: return TableCell("silenced", style: CellStyle(.dim))
        case _ where alert.isAcknowledged: return TableCell("acked", style: CellStyle(.dim))
        case _ where listed.inhibited: return TableCell("inhib", style: CellStyle(.dim))
        case .firing: return TableCell(AlertText.severity(alert), style: CellStyle(AlertText.role(alert), bold: true))
        case .pending, .inactive: return TableCell("pending", style: CellStyle(.warn))
        }
    }
}

extension DashboardState {
    /// Every alert of the group `id` under the configured grouping, whatever its section:
    /// active, muted and resolved members together, in the group's order (`AlertGroup.lead`
    /// first by state); nil when none is listed.
    func alertGroup(id: String, in snapshot: EngineSnapshot, includingInhibited: Bool) -> AlertGroup? {
        let members = snapshot.alerting.alerts.filter {
            alertGrouping.key(of: $0.alert.labels).fingerprint == id && (includingInhibited || !$0.inhibited)
        }
        guard !members.isEmpty else { return nil }
        let ordered = members.sorted { a, b in
            let ka = (AlertGroup.stateRank(a.alert.state), a.isMuted ? 1 : 0, a.inhibited ? 1 : 0,
                      AlertGroup.severityRank(a.alert.severity))
            let kb = (AlertGroup.stateRank(b.alert.state), b.isMuted ? 1 : 0, b.inhibited ? 1 : 0,
                      AlertGroup.severityRank(b.alert.severity))
            if ka != kb { return ka < kb }
            return AlertText.series(a.alert).label < AlertText.series(b.alert).label
        }
        return AlertGroup(key: alertGrouping.key(of: members[0].alert.labels), members: ordered)
    }

    /// The group view's keys: `i` shows or hides inhibited tiers, `s` `a` `x` act on the
    /// whole group, Enter opens the group's SLO (and series, when its key names one).
    mutating func handleInAlertGroup(_ key: Key, snapshot: EngineSnapshot?) -> DashboardCommand? {
        guard case .alertGroup(let id, _)? = overlay, let snapshot else { return nil }
        if key == .char("i") {
            showsInhibited.toggle()
            return nil
        }
        guard let group = alertGroup(id: id, in: snapshot, includingInhibited: true) else { return nil }
        switch key {
        case .char("s"), .char("a"), .char("x"):
            return act(on: group, key: key, snapshot: snapshot)
        case .enter:
            guard let slo = group.slo else { return nil }
            let series: SLOSeriesID = group.key["tenant"].map { .tenant($0) } ?? group.key["model"].map { .model($0) }
                ?? group.key["instance"].map { .instance($0) } ?? .total
            openSLO(slo, series: series)
            return nil
        default:
            return nil
        }
    }
}
