import FlowCore

/// The four panes of the main view, in focus order (Tab moves forward).
public enum DashboardPane: Int, CaseIterable, Sendable, Hashable {
    case slos, alerts, funnel, attribution

    /// The pane's name in its title and in breadcrumbs.
    public var title: String {
        switch self {
        case .slos: "SLOs"
        case .alerts: "Alerts"
        case .funnel: "Funnel"
        case .attribution: "Attribution"
        }
    }
}

/// A view drawn over the panes; Esc closes the top one.
public enum DashboardOverlay: Sendable, Hashable {
    /// The key list (`?`).
    case help
    /// One SLO in depth: burn rate per window against each alert tier, SLI sparkline,
    /// error budget, time to exhaustion (Enter on an SLO or on an alert).
    case sloDetail(String)
    /// Rejected lines by reason code (`r`).
    case rejected

    var crumb: String {
        switch self {
        case .help: "help"
        case .sloDetail(let name): name
        case .rejected: "rejected"
        }
    }
}

/// Everything the dashboard remembers between frames: where the keyboard is, what is
/// selected, what to look at. A value: `handle(_:snapshot:)` changes it, `render` reads it,
/// and tests drive it without a terminal.
///
/// ```swift
/// var state = DashboardState()
/// _ = state.handle(.char("m"), snapshot: snapshot)
/// engineQuery = state.query          // model is now the next one
/// ```
public struct DashboardState: Sendable, Equatable {
    /// The pane that arrows and Enter act on.
    public var focus: DashboardPane
    /// Selected row per pane (clamped to the rows there are when drawn).
    public var selection: [DashboardPane: Int]
    /// The attribution model the engine should credit revenue with.
    public var model: AttributionModel
    /// The tenant filter; nil shows all tenants together.
    public var tenant: String?
    /// While paused the app keeps showing the last snapshot (the header says PAUSED).
    public var isPaused: Bool
    /// Open overlays, bottom first; Esc pops the last.
    public var overlays: [DashboardOverlay]

    public init(focus: DashboardPane = .slos, model: AttributionModel = .linear, tenant: String? = nil,
                isPaused: Bool = false) {
        self.focus = focus
        selection = [:]
        self.model = model
        self.tenant = tenant
        self.isPaused = isPaused
        overlays = []
    }

    /// The overlay on top, nil in the main view.
    public var overlay: DashboardOverlay? { overlays.last }

    /// What the engine should compute the next snapshot for.
    public var query: SnapshotQuery { SnapshotQuery(tenant: tenant, model: model) }

    /// Where the user is, k9s-style: ["SLOs"], ["SLOs", "ai_request_success"].
    public var breadcrumb: [String] { [focus.title] + overlays.map(\.crumb) }

    /// The selected row of `pane` (0 if never moved).
    public func selectedRow(in pane: DashboardPane) -> Int { selection[pane] ?? 0 }

    /// The selected row of `pane` kept inside `count` rows; nil when there are none.
    func selectedRow(in pane: DashboardPane, count: Int) -> Int? {
        count > 0 ? min(max(0, selectedRow(in: pane)), count - 1) : nil
    }
}
