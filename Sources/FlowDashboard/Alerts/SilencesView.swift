import FlowCore
import TerminalUI

/// Every silence the engine keeps (`S`), in its order: active ones ending soonest first,
/// then pending ones, then those expired in the last day. Per silence its id, state,
/// matchers, start and end (relative to now), author, how many pending or firing alerts it
/// mutes now, and its comment. Under the table the selected silence whole, since the
/// columns cut matchers short: all its matchers, the alerts it mutes, and its comment.
///
/// Why a view of its own: `x` in the alerts pane expires only the silences made for the
/// selected alert; a broad one (`severity="ticket"`, from `--silences FILE`) mutes many
/// alerts, and is expired here, one at a time, with what it mutes in sight.
///
/// ```
/// ╭─ Alerts › silences ───────────────────────────────────────────────────────╮
/// │Silences  1 active · x expires the selected one                           │
/// │id         state    matchers                    starts   ends     by  mutes│
/// │silence-1  active   alertname="ErrorBudgetBurn" 2m ago   in 58m   ana     1│
/// ```
struct SilencesView {
    /// nil before the engine's first snapshot.
    var snapshot: EngineSnapshot?
    var selected: ListedSilence?
    /// The tenant filter: the alerts counted are that tenant's.
    var tenant: String?
    var context: DashboardContext

    func draw(over area: Rect, breadcrumb: String, grid: inout CellGrid) {
        let inner = grid.drawViewBox(over: area, breadcrumb: breadcrumb, context: context)
        guard !inner.isEmpty else { return }
        guard let snapshot else { return grid.drawWaiting("waiting for the engine" + context.ellipsis, in: inner) }
        let silences = snapshot.alerting.silences
        var blocks = [table(silences, alerts: snapshot.alerting.alerts, now: snapshot.now)
            .block(priority: 100, ascii: context.asciiOnly)]
        if let selected {
            let lines = details(selected, alerts: snapshot.alerting.alerts, width: inner.width)
            blocks.append(StackBlock(priority: 80, minHeight: 1, height: lines.count) { rect, grid in
                for (i, line) in lines.prefix(rect.height).enumerated() {
                    grid.put(TextFit.truncate(line.text, to: rect.width), x: rect.x, y: rect.y + i, style: line.style)
                }
            })
        }
        DetailStack.draw(blocks, in: inner, grid: &grid)
    }

    /// The pending and firing alerts `id` mutes now.
    private func muted(by id: String, in alerts: [ListedAlert]) -> [ListedAlert] {
        alerts.filter { ($0.alert.state == .pending || $0.alert.state == .firing) && $0.silencedBy.contains(id) }
    }

    private func table(_ silences: [ListedSilence], alerts: [ListedAlert], now: EpochMillis) -> TitledTable {
        let idWidth = min(20, max(10, silences.map { DisplayWidth.of($0.silence.id) }.max() ?? 0))
        let columns = [
            TableColumn("id", width: idWidth, minWidth: 10, priority: 100),
            TableColumn("state", width: 7, priority: 95),
            TableColumn("matchers", width: 40, minWidth: 16, priority: 90, widthPriority: 50, flexible: true),
            TableColumn("starts", width: 9, alignment: .right, priority: 60),
            TableColumn("ends", width: 9, alignment: .right, priority: 85),
            TableColumn("by", width: 10, priority: 70),
            TableColumn("mutes", width: 5, alignment: .right, priority: 80),
            TableColumn("comment", width: 24, minWidth: 8, priority: 40, flexible: true),
        ]
        let rows: [[TableCell]] = silences.map { listed in
            let s = listed.silence
            let live = listed.state != .expired
            let text = CellStyle(live ? .normal : .dim)
            let mutes = muted(by: s.id, in: alerts).count
            return [
                TableCell(s.id, style: CellStyle(live ? .accent : .dim)),
                TableCell(listed.state.rawValue, style: CellStyle(Self.role(listed.state), bold: listed.state == .active)),
                TableCell(s.matchers.map(Self.matcherText).joined(separator: ", "), style: text),
                TableCell(Self.relative(s.start, now: now), style: CellStyle(.dim)),
                TableCell(Self.relative(s.end, now: now), style: text),
                TableCell(s.author, style: text),
                TableCell(live ? String(mutes) : "–", style: CellStyle(mutes > 0 ? .normal : .dim, bold: mutes > 0)),
                TableCell(s.comment, style: CellStyle(.dim)),
            ]
        }
        var counts = [SilenceState.active, .pending, .expired].compactMap { state -> String? in
            let n = silences.filter { $0.state == state }.count
            return n > 0 ? "\(n) \(state.rawValue)" : nil
        }
        if silences.contains(where: { $0.state != .expired }) { counts.append("x expires the selected one") }
        if let tenant { counts.append("mutes counts tenant \(tenant)'s alerts") }
        return TitledTable(title: "Silences", note: counts.joined(separator: " \(context.dot) "), columns: columns,
                           rows: rows, highlighted: selected.flatMap(silences.firstIndex(of:)),
                           empty: "no silences: s on an alert in the Alerts pane silences it; --silences FILE "
                               + "loads planned ones (docs/alerts.md)")
    }

    /// The selected silence whole: matchers (wrapped at commas), the alerts it mutes, and
    /// who made it and why.
    private func details(_ listed: ListedSilence, alerts: [ListedAlert],
                         width: Int) -> [(text: String, style: CellStyle)] {
        let s = listed.silence
        let matchers = "\(s.id) {" + s.matchers.map(Self.matcherText).joined(separator: ", ") + "}"
        var lines = TextFit.wrapAtCommas(matchers, width: width).map { (text: $0, style: CellStyle(.accent)) }
        let names = muted(by: s.id, in: alerts).map { AlertText.name($0.alert, dot: context.dot) }
        let mutes = listed.state != .active ? "mutes nothing while \(listed.state.rawValue)"
            : names.isEmpty ? "mutes no alert now" : "mutes " + names.joined(separator: ", ")
        lines += TextFit.wrapAtCommas(mutes, width: width).prefix(2).map { (text: $0, style: CellStyle(.normal)) }
        let by = s.comment.isEmpty ? "by \(s.author)" : "by \(s.author): \(s.comment)"
        lines.append((text: by, style: CellStyle(.dim)))
        return lines
    }

    static func role(_ state: SilenceState) -> StyleRole {
        switch state {
        case .active: .ok
        case .pending: .warn
        case .expired: .dim
        }
    }

    /// `slo="ai_request_success"`, as Alertmanager (and `report alerts`) write a matcher.
    static func matcherText(_ m: LabelMatcher) -> String { "\(m.name)\(m.op.rawValue)\"\(m.value)\"" }

    /// "2m ago", "now", "in 58m", "in 1d 2h", "never" (a silence without an end).
    static func relative(_ time: EpochMillis, now: EpochMillis) -> String {
        if time == .max { return "never" }
        guard time > now else { return DurationFormat.ago(now - time) }
        let secs = (time - now) / 1000
        if secs < 60 { return "in \(max(1, secs))s" }
        if secs < 3_600 { return "in \(secs / 60)m" }
        return "in " + DurationFormat.duration(seconds: Double(secs))
    }
}
