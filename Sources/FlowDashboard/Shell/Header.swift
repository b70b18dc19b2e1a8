import FlowCore
import TerminalUI

/// The top line: events per second, events and rejections so far, the tenant filter, the
/// socket, PAUSED when paused, "notify N failed" when notifications were lost, and the
/// snapshot's UTC time at the right edge.
///
/// Items are dropped least useful first when the line is short (the socket path is cut
/// before it is dropped); the clock always stays at the right edge.
struct Header {
    var snapshot: EngineSnapshot?
    var state: DashboardState
    var context: DashboardContext

    func draw(in rect: Rect, grid: inout CellGrid) {
        guard !rect.isEmpty else { return }
        let base = CellStyle(.header)
        grid.fill(x: rect.x, y: rect.y, width: rect.width, height: 1, style: base)
        var items: [(text: String, style: CellStyle, priority: Int, minWidth: Int?, flexible: Bool)] = []
        func add(_ text: String, _ style: CellStyle = CellStyle(.header), priority: Int, minWidth: Int? = nil) {
            items.append((text, style, priority, minWidth, false))
        }
        add("flowtop", CellStyle(.title, bold: true), priority: 100)
        if state.isPaused { add("PAUSED", CellStyle(.warn, bold: true, reverse: true), priority: 99) }
        if let snapshot {
            let ingest = snapshot.ingest
            add(NumberFormat.compact(ingest.eventsPerSecond) + " ev/s", CellStyle(.header, bold: true), priority: 90)
            add("events " + NumberFormat.compact(ingest.eventsTotal), priority: 80)
            let rejected = ingest.rejected.total
            add("rejected " + NumberFormat.compact(rejected), CellStyle(rejected > 0 ? .warn : .header), priority: 70)
        } else {
            add("waiting for the engine", CellStyle(.dim), priority: 90)
        }
        if let failures = snapshot?.notifyFailures, failures > 0 {
            add("notify \(failures) failed", CellStyle(.warn), priority: 75)
        }
        if let link = context.link, let text = link.headerText {
            add(text, link.headerStyle, priority: 92, minWidth: 12)
        }
        add(state.tenant.map { "tenant " + $0 } ?? "all tenants", CellStyle(.accent), priority: 85, minWidth: 10)
        switch context.link {
        case .attached?, .unreachable?, .connecting?:
            break   // the link names where the data comes from
        case .embedded?, nil:
            add("socket " + context.socketPath, CellStyle(.dim), priority: 40, minWidth: 16)
        }
        items.append(("", base, 1000, 0, true))
        if let snapshot {
            add(DurationFormat.clockUTC(epochMillis: snapshot.now) + " UTC", priority: 95)
        }
        let columns = items.map {
            TableColumn("", width: DisplayWidth.of($0.text), minWidth: $0.minWidth, priority: $0.priority,
                        flexible: $0.flexible)
        }
        let inner = rect.inset(dx: 1, dy: 0)
        let layout = TableLayout.fit(columns, width: inner.width, spacing: 2)
        grid.drawTableRow(items.map { TableCell($0.text, style: $0.style) }, layout: layout, x: inner.x,
                          y: rect.y, columns: columns)
    }
}
