import FlowCore
import TerminalUI

/// How each notifier of `--notify` is doing (`N`): the drill-down behind the header's
/// "notify N failed". A headline says whether anything was lost; the table has, per
/// notifier, the messages queued, sent, failed, retried and dropped, whether it is waiting
/// to retry now, and how long ago it last succeeded and last failed; then the last error
/// of each notifier in full, and the alert groups a notifier could not follow because its
/// group cap was reached (their alerts are not sent). Without `--notify` it says how to
/// turn notifications on. The statuses travel in the snapshot (`EngineSnapshot.notifiers`),
/// so before the first one it waits, as the other views do.
///
/// With `--remote-write` (docs/fleet.md) a second table says the same of the samples sent
/// to Prometheus: waiting, sent, refused, dropped, retried, and how old the oldest unsent
/// one is; its last error joins the notifiers' (`EngineSnapshot.remoteWrite`).
///
/// ```
/// 1 notification will never arrive (failed or dropped) · 1 notifier retrying now
/// notifier      queued  sent  failed  retries  dropped  now       last success  last error
/// slack              1     3       1        4        0  retrying  12m ago       20s ago
/// ```
struct NotifierStatusView {
    var notifiers: [NotifierStatus]
    /// `--remote-write`'s status; nil without it.
    var remoteWrite: RemoteWriteStatus? = nil
    /// The snapshot's time, to say how long ago; nil before the first snapshot.
    var now: EpochMillis?
    var context: DashboardContext

    func draw(over area: Rect, breadcrumb: String, grid: inout CellGrid) {
        let inner = grid.drawViewBox(over: area, breadcrumb: breadcrumb, context: context)
        guard !inner.isEmpty else { return }
        guard now != nil else { return grid.drawWaiting("waiting for the engine" + context.ellipsis, in: inner) }
        guard !notifiers.isEmpty || remoteWrite != nil else { return drawOff(in: inner, grid: &grid) }
        let ascii = context.asciiOnly
        var blocks = [headline, table.block(priority: 100, ascii: ascii)]
        if let remoteWrite {
            // Title, header and its one row: a height of 3 would leave the header out.
            let table = remoteWriteTable(remoteWrite)
            blocks.append(StackBlock(priority: 85, minHeight: 2, height: 4) { rect, grid in
                table.draw(in: rect, ascii: ascii, grid: &grid)
            })
        }
        let refused = notifiers.filter { $0.refusedGroups > 0 }
        if !refused.isEmpty {
            let lines = refused.map {
                "\($0.name): \($0.refusedGroups) alert \($0.refusedGroups == 1 ? "group" : "groups") not sent at the "
                    + "last planning: its group cap was reached (docs/notifiers.md, Grouping)"
            }
            blocks.append(StackBlock(priority: 90, minHeight: 1, height: lines.count) { rect, grid in
                for (i, line) in lines.prefix(rect.height).enumerated() {
                    grid.put(TextFit.truncate(line, to: rect.width), x: rect.x, y: rect.y + i,
                             style: CellStyle(.warn, bold: true))
                }
            })
        }
        blocks.append(errors.block(priority: 80, ascii: ascii))
        DetailStack.draw(blocks, in: inner, grid: &grid)
    }

    /// What was lost and what is retrying, or that all went well.
    private var headline: StackBlock {
        let lost = notifiers.reduce(0) { $0 + $1.failures }
        let retrying = notifiers.filter(\.isRetrying).count
        var parts: [String] = []
        if lost > 0 {
            parts.append("\(lost) \(lost == 1 ? "notification" : "notifications") will never arrive (failed or dropped)")
        }
        if retrying > 0 { parts.append("\(retrying) \(retrying == 1 ? "notifier" : "notifiers") retrying now") }
        let text = parts.isEmpty ? "no notification lost" : parts.joined(separator: " \(context.dot) ")
        let style = CellStyle(lost > 0 ? .crit : retrying > 0 ? .warn : .ok, bold: true)
        return StackBlock(priority: 95, minHeight: 1, height: 1) { rect, grid in
            grid.put(TextFit.truncate(text, to: rect.width), x: rect.x, y: rect.y, style: style)
        }
    }

    private var table: TitledTable {
        let nameWidth = min(16, max(8, notifiers.map { DisplayWidth.of($0.name) }.max() ?? 0))
        let columns = [
            TableColumn("notifier", width: nameWidth, priority: 100),
            TableColumn("queued", width: 6, alignment: .right, priority: 80),
            TableColumn("sent", width: 6, alignment: .right, priority: 90),
            TableColumn("failed", width: 6, alignment: .right, priority: 95),
            TableColumn("retries", width: 7, alignment: .right, priority: 60),
            TableColumn("dropped", width: 7, alignment: .right, priority: 85),
            TableColumn("now", width: 8, priority: 75),
            TableColumn("last success", width: 12, alignment: .right, priority: 70),
            TableColumn("last error", width: 12, alignment: .right, priority: 65),
        ]
        let rows: [[TableCell]] = notifiers.map { n in
            let count = { (value: Int, role: StyleRole) in Self.count(Int64(value), role) }
            let now = Self.activity(retrying: n.isRetrying, busy: n.queued > 0)
            return [
                TableCell(n.name, style: CellStyle(.accent)),
                count(n.queued, .normal), count(n.sent, .ok), count(n.failed, .crit), count(n.retries, .warn),
                count(n.dropped, .crit), now,
                TableCell(n.lastSuccessAt.map(age) ?? "never", style: CellStyle(.dim)),
                TableCell(n.lastErrorAt.map(age) ?? "–", style: CellStyle(n.lastErrorAt == nil ? .dim : .warn)),
            ]
        }
        return TitledTable(title: "Notifiers", note: "counts since start-up", columns: columns, rows: rows,
                           empty: "notifications are off: start flowtop with --notify FILE (docs/notifiers.md)")
    }

    /// remote_write's one row: samples, not messages, so a table of its own.
    private func remoteWriteTable(_ rw: RemoteWriteStatus) -> TitledTable {
        let columns = [
            TableColumn("receiver", width: 30, minWidth: 16, priority: 100, flexible: true),
            TableColumn("pending", width: 8, alignment: .right, priority: 90),
            TableColumn("sent", width: 8, alignment: .right, priority: 90),
            TableColumn("failed", width: 6, alignment: .right, priority: 95),
            TableColumn("dropped", width: 7, alignment: .right, priority: 85),
            TableColumn("retries", width: 7, alignment: .right, priority: 60),
            TableColumn("now", width: 8, priority: 75),
            TableColumn("last success", width: 12, alignment: .right, priority: 70),
            TableColumn("oldest pending", width: 14, alignment: .right, priority: 65),
        ]
        let count = Self.count
        let state = Self.activity(retrying: rw.isRetrying, busy: rw.pending > 0)
        let row = [
            TableCell(rw.endpoint, style: CellStyle(.accent)),
            count(rw.pending, .normal), count(rw.sent, .ok), count(rw.failed, .crit), count(rw.dropped, .crit),
            count(rw.retries, .warn), state,
            TableCell(rw.lastSuccessAt.map(age) ?? "never", style: CellStyle(.dim)),
            TableCell(rw.oldestPendingAt.map(age) ?? "–", style: CellStyle(.dim)),
        ]
        return TitledTable(title: "Remote write", note: "samples since start-up (docs/fleet.md)", columns: columns,
                           rows: [row], empty: "")
    }

    /// A count, bold in `role` when above 0, dim at 0.
    private static func count(_ value: Int64, _ role: StyleRole) -> TableCell {
        TableCell(String(value), style: value > 0 ? CellStyle(role, bold: true) : CellStyle(.dim))
    }

    /// The "now" column: retrying, sending, or idle.
    private static func activity(retrying: Bool, busy: Bool) -> TableCell {
        retrying ? TableCell("retrying", style: CellStyle(.warn, bold: true))
            : busy ? TableCell("sending") : TableCell("idle", style: CellStyle(.dim))
    }

    /// Each notifier's last error, in full: it says what to fix.
    private var errors: TitledTable {
        var failing = notifiers.filter { $0.lastError != nil }
        if let rw = remoteWrite, rw.lastError != nil {
            failing.append(NotifierStatus(name: "remote_write", lastError: rw.lastError, lastErrorAt: rw.lastErrorAt))
        }
        let nameWidth = min(16, max(8, failing.map { DisplayWidth.of($0.name) }.max() ?? 0))
        let columns = [
            TableColumn("notifier", width: nameWidth, priority: 100),
            TableColumn("when", width: 12, alignment: .right, priority: 90),
            TableColumn("error", width: 60, minWidth: 20, priority: 95, flexible: true),
        ]
        let rows = failing.map { n in
            [TableCell(n.name, style: CellStyle(.accent)),
             TableCell(n.lastErrorAt.map(age) ?? "", style: CellStyle(.dim)),
             TableCell(n.lastError ?? "", style: CellStyle(.warn))]
        }
        return TitledTable(title: "Last errors", columns: columns, rows: rows, empty: "no delivery has failed")
    }

    /// "20s ago" from the snapshot's time (the view draws ages only once it has one).
    private func age(_ time: EpochMillis) -> String { DurationFormat.ago((now ?? time) - time) }

    private func drawOff(in rect: Rect, grid: inout CellGrid) {
        let lines: [(String, CellStyle)] = [
            ("notifications are off", CellStyle(.dim, bold: true)),
            ("start flowtop with --notify FILE to send alerts to Slack, PagerDuty, e-mail or Alertmanager",
             CellStyle(.normal)),
            ("the file, grouping and this view: docs/notifiers.md", CellStyle(.accent)),
        ]
        for (i, (text, style)) in lines.prefix(rect.height).enumerated() {
            grid.put(TextFit.truncate(text, to: rect.width), x: rect.x, y: rect.y + i, style: style)
        }
    }
}

extension EngineSnapshot {
    /// Notifications that will never arrive (failed or dropped, over every notifier): the
    /// header says "notify N failed" when above 0, and the footer offers `N`.
    var notifyFailures: Int { notifiers.reduce(0) { $0 + $1.failures } }
}
