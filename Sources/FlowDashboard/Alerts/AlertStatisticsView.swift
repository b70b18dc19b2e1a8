import FlowCore
import TerminalUI

/// The alerting overview (`A`), worded as `report alerts` words it, so a screen and a
/// report read the same: on the left the alerts as they stand now, by state and by
/// severity, how many are silenced and acknowledged; on the right the episodes that fired
/// in the last day, by severity and per SLO, with the mean time to acknowledge and to
/// resolve ("–" when none was, never 0); under both the alerts that flapped most.
///
/// The engine computes the statistics over every tenant (docs/alerts.md, "Statistics");
/// under a tenant filter the note says so.
///
/// ```
/// Now              value   Fired in the last 24h            value
/// pending now          1   fired in the last 24h                3
/// firing now           2     page                               2
/// ```
struct AlertStatisticsView {
    /// nil before the engine's first snapshot.
    var statistics: AlertStatistics?
    var hasSnapshot: Bool
    var tenant: String?
    var context: DashboardContext

    func draw(over area: Rect, breadcrumb: String, grid: inout CellGrid) {
        let inner = grid.drawViewBox(over: area, breadcrumb: breadcrumb, context: context)
        guard !inner.isEmpty else { return }
        guard hasSnapshot else { return grid.drawWaiting("waiting for the engine" + context.ellipsis, in: inner) }
        guard let s = statistics else { return grid.drawWaiting("no alert statistics in this snapshot", in: inner) }
        let hours = Int(s.period / 3_600_000)
        let ascii = context.asciiOnly
        let now = table("Now", rows: nowRows(s))
        let fired = table("Fired in the last \(hours)h", rows: firedRows(s, hours: hours))
        var blocks = [
            DetailStack.pair(now.block(priority: 100, ascii: ascii), fired.block(priority: 95, ascii: ascii),
                             leftShare: 0.5),
            flapping(s, hours: hours).block(priority: 70, ascii: ascii),
        ]
        if let tenant {
            let note = "all tenants: the statistics do not follow the tenant filter (\(tenant))"
            blocks.insert(StackBlock(priority: 60, minHeight: 1, height: 1) { rect, grid in
                grid.put(TextFit.truncate(note, to: rect.width), x: rect.x, y: rect.y, style: CellStyle(.warn))
            }, at: 0)
        }
        DetailStack.draw(blocks, in: inner, grid: &grid)
    }

    /// Counts by state (inactive never listed), silenced and acknowledged, then the
    /// pending and firing alerts by severity (`report alerts`' JSON `by_severity`).
    private func nowRows(_ s: AlertStatistics) -> [(String, String)] {
        var rows = AlertLifecycleState.allCases.filter { $0 != .inactive }
            .map { ("\($0.rawValue) now", String(s.byState[$0] ?? 0)) }
        rows.append(("silenced now", String(s.silenced)))
        rows.append(("acknowledged now", String(s.acknowledged)))
        if !s.bySeverity.isEmpty {
            rows.append(("by severity now", ""))
            rows += s.bySeverity.sorted { $0.key < $1.key }.map { ("  \($0.key)", String($0.value)) }
        }
        return rows
    }

    private func firedRows(_ s: AlertStatistics, hours: Int) -> [(String, String)] {
        var rows = [("fired in the last \(hours)h", String(s.fired))]
        rows += s.firedBySeverity.sorted { $0.key < $1.key }.map { ("  \($0.key)", String($0.value)) }
        rows += s.firedPerSLO.sorted { $0.key < $1.key }.map { ("  slo \($0.key)", String($0.value)) }
        rows.append(("mean time to acknowledge", Self.duration(s.meanTimeToAcknowledgeMillis)))
        rows.append(("mean time to resolve", Self.duration(s.meanTimeToResolveMillis)))
        return rows
    }

    private func table(_ title: String, rows: [(String, String)]) -> TitledTable {
        let width = min(36, max(16, rows.map { DisplayWidth.of($0.0) }.max() ?? 0))
        let columns = [
            TableColumn("statistic", width: width, minWidth: 12, priority: 100, widthPriority: 50, flexible: true),
            TableColumn("value", width: 7, alignment: .right, priority: 90),
        ]
        let cells = rows.map { row in
            [TableCell(row.0, style: CellStyle(row.0.hasPrefix(" ") ? .dim : .normal)),
             TableCell(row.1, style: CellStyle(.normal, bold: true))]
        }
        return TitledTable(title: title, columns: columns, rows: cells, empty: "none")
    }

    private func flapping(_ s: AlertStatistics, hours: Int) -> TitledTable {
        let columns = [
            TableColumn("alert", width: 24, minWidth: 12, priority: 100, widthPriority: 60),
            TableColumn("labels", width: 40, minWidth: 10, priority: 80, widthPriority: 50, flexible: true),
            TableColumn("firings", width: 7, alignment: .right, priority: 90),
        ]
        let rows: [[TableCell]] = s.topFlapping.map { flap in
            let labels = flap.labels.pairs.filter { $0.name != "alertname" }.map { "\($0.name)=\($0.value)" }
            return [TableCell(flap.alertname), TableCell(labels.joined(separator: " "), style: CellStyle(.dim)),
                    TableCell("\(flap.firings)x", style: CellStyle(.warn, bold: true))]
        }
        return TitledTable(title: "Top flapping", note: "fired at least twice in the last \(hours)h",
                           columns: columns, rows: rows, empty: "no alert fired twice in the last \(hours)h")
    }

    /// "2m 0s", "1h 5m"; "–" when there is no mean (none acknowledged or resolved).
    static func duration(_ millis: Double?) -> String {
        millis.map { DurationFormat.duration(seconds: $0 / 1000) } ?? "–"
    }
}
