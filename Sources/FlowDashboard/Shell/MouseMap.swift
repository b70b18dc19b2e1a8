import FlowCore
import TerminalUI

/// The mouse (on unless `--no-mouse`): the wheel scrolls the list under the pointer, as
/// ↑↓ would with that pane focused; a click focuses the pane under it and selects the
/// row clicked. Over a view, a prompt or the tenant picker the wheel moves as ↑↓ do there
/// and a click does nothing.
///
/// Which row is under the pointer is read from the frame itself: the row whose name (an
/// SLO, the words of an alert's subject and its tier, a stage, a channel) the clicked line
/// shows most of. Each pane
/// lays out its lines its own way (section headings, "+N more", a scrolled window), and
/// the drawn text is what the user aimed at.
///
/// ```swift
/// var state = DashboardState()
/// _ = state.handle(mouse: MouseEvent(x: 70, y: 3, action: .press), snapshot: snapshot,
///                  size: GridSize(width: 120, height: 40), context: context)
/// state.focus   // .alerts, its second alert selected
/// ```
extension DashboardState {
    public mutating func handle(mouse event: MouseEvent, snapshot: EngineSnapshot?, size: GridSize,
                                context: DashboardContext) -> DashboardCommand {
        let arrow: Key? = switch event.action {
        case .wheelUp: .up
        case .wheelDown: .down
        case .press: nil
        }
        if silencePrompt != nil || filterPrompt != nil { return .none }
        if tenantPicker != nil || !overlays.isEmpty { return arrow.map { handle($0, snapshot: snapshot) } ?? .none }
        let before = self
        let shown = snapshot.map(visible)
        guard let layout = frameLayout(shown, state: self, context: context, size: size),
              let (pane, rect) = layout.panes.first(where: { $0.value.contains(x: event.x, y: event.y) })
        else { return .none }
        focus = pane
        if let arrow {
            _ = handle(arrow, snapshot: snapshot)
        } else if let shown, let row = row(at: event.y, in: rect, of: pane, snapshot: snapshot, shown: shown,
                                           size: size, context: context) {
            select(row, in: pane, snapshot: shown)
        }
        return self == before ? .none : .redraw
    }

    /// The row of `pane`'s list drawn on line `y`, nil for a title, heading or border.
    private func row(at y: Int, in rect: Rect, of pane: DashboardPane, snapshot: EngineSnapshot?,
                     shown: EngineSnapshot, size: GridSize, context: DashboardContext) -> Int? {
        guard y > rect.y, y < rect.maxY - 1 else { return nil }
        var grid = CellGrid(width: size.width, height: size.height)
        render(snapshot, state: self, context: context, into: &grid)
        let line = String(grid.row(y).dropFirst(rect.x + 1).prefix(max(0, rect.width - 2)))
        let names: [[String]] = switch pane {
        case .slos: sortedSLOs(shown).map { [$0.name] }
        case .alerts: alertRows(shown).map { Self.clickWords($0, dot: context.dot) }
        case .funnel: shown.funnel.stages.map { [$0.stage.name] }
        case .attribution: shown.attribution.rows.map { [$0.channel] }
        }
        var best: (row: Int, score: Int)?
        for (i, parts) in names.enumerated() {
            let scores = parts.filter { !$0.isEmpty }.map { Self.shownLength(of: $0, in: line) }
            guard !scores.isEmpty, !scores.contains(0) else { continue }
            let score = scores.reduce(0, +)
            if score > best?.score ?? 0 { best = (i, score) }
        }
        return best?.row
    }

    /// The words a click on an alert group's line is matched by. The name's column may cut
    /// it short, so each word is looked for on its own; a narrow column drops `tenant:` and
    /// `model:`, so the bare series is; the lead tier tells a group's pages from its tickets.
    static func clickWords(_ group: AlertGroup, dot: String) -> [String] {
        let words = AlertGroupText.fullName(group, dot: dot).split(separator: " ").map(String.init).filter { $0 != dot }
        let bare: [String] = words.map { word in
            for prefix in ["tenant:", "model:"] where word.hasPrefix(prefix) { return String(word.dropFirst(prefix.count)) }
            return word
        }
        return bare + [AlertText.tier(group.lead.alert)]
    }

    /// How much of `name` the line shows: all of it, or the start of it cut by its column
    /// (at least 4 characters, or all of a shorter name); 0 when it is not there.
    static func shownLength(of name: String, in line: String) -> Int {
        let least = min(name.count, 4)
        for length in stride(from: name.count, through: least, by: -1) where line.contains(name.prefix(length)) {
            return length
        }
        return 0
    }

    private mutating func select(_ row: Int, in pane: DashboardPane, snapshot: EngineSnapshot) {
        switch pane {
        case .slos:
            selectSLO(row: row, in: snapshot)
        case .alerts:
            let rows = alertRows(snapshot)
            guard rows.indices.contains(row) else { return }
            selection[.alerts] = row
            selectedAlert = rows[row].id
        case .funnel, .attribution:
            selection[pane] = row
        }
    }
}
