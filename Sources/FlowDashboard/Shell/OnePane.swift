import TerminalUI

/// How the body is shared: the four panes, or one of them at full size.
///
/// Why two ways to show one pane: `--pane` is for a tmux split that only ever shows, say,
/// the alerts (it starts that way and stays so); `z` is for a look at the focused pane
/// with more room, and back. In both, the pane keeps its keys and its drill-down, and Tab
/// does nothing (there is no other pane on screen to move to).
///
/// ```swift
/// var state = DashboardState(focus: .alerts)
/// state.arrangement = .single           // flowtop --pane alerts
/// _ = state.handle(.char("z"), snapshot: snapshot)   // .none: nothing to zoom back to
/// ```
public enum PaneArrangement: Sendable, Hashable {
    /// The four panes: 2x2 when wide, stacked when not.
    case all
    /// The focused pane over the whole body (`z`); `z` again brings the four back.
    case zoomed
    /// Only the focused pane, for the whole run (`--pane`).
    case single
}

extension DashboardPane {
    /// The word `--pane` takes and `ui.json` keeps.
    public var name: String {
        switch self {
        case .slos: "slo"
        case .alerts: "alerts"
        case .funnel: "funnel"
        case .attribution: "attribution"
        }
    }

    /// The pane `name` names; nil for any other word.
    public init?(name: String) {
        guard let pane = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = pane
    }

    /// The smallest terminal on which this pane alone (`--pane`, `z`) is still of use: its
    /// title, its selected row with the figure that matters (an SLO's SLI, an alert's
    /// subject, a stage's count, a channel's revenue and the model's name), "+N more", and
    /// `q quit` and `? help` in the footer. One row less and the pane would show a summary
    /// line with the selection out of sight; below this the screen says "terminal too
    /// small", as the four panes do below 60x16. Found by drawing each pane at every size
    /// up to 40x8 (docs/viewers.md has the table).
    public var minimumSize: GridSize {
        switch self {
        case .slos: GridSize(width: 25, height: 6)
        case .alerts: GridSize(width: 31, height: 6)
        case .funnel: GridSize(width: 20, height: 6)
        case .attribution: GridSize(width: 28, height: 6)
        }
    }
}

extension DashboardState {
    /// Only the focused pane is on screen (`--pane` or `z`).
    public var showsOnePane: Bool { arrangement != .all }

    /// `z` in the main view: the focused pane over the whole body, or the four panes again.
    /// With `--pane` there is nothing to go back to, so it does nothing.
    mutating func toggleZoom() {
        switch arrangement {
        case .all: arrangement = .zoomed
        case .zoomed: arrangement = .all
        case .single: break
        }
    }
}

extension DashboardLayout {
    /// The smallest screen `state` draws on: 60x16 for the four panes, the pane's own
    /// minimum when it is alone.
    static func minimumSize(for state: DashboardState) -> GridSize {
        state.showsOnePane ? state.focus.minimumSize : minimumSize
    }
}
