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
    /// One SLO in depth, for one series (Enter on an SLO, an alert or a breakdown row):
    /// burn per window against each tier, SLI and burn charts, budget burn-down, tiers,
    /// the per-tenant / per-model breakdown and the SLO's alerts.
    case sloDetail(SLODetailLevel)
    /// Rejected lines by reason code (`R` anywhere, `r` outside the attribution views).
    case rejected
    /// One funnel stage in depth (Enter in the funnel pane): conversions, where its leads
    /// stop (lost, stalled, in progress), how long the next step and the way to won take,
    /// and the breakdown at this stage. ↑↓ move to the other stages.
    case funnelStage(Stage)
    /// One channel in depth (Enter in the attribution pane): its credit, cost and ROI
    /// under the chosen model, its revenue under every model side by side, and the most
    /// common converting paths through it. ↑↓ move to the other channels.
    case attributionChannel(String)
    /// What each product feature did for the leads it touched (`f` in attribution).
    case featureImpact
    /// What AI cost and what it earned, per model and tenant (`r` in attribution).
    case aiROI
    /// How long to silence the selected alert for, and why (`s` in the alerts pane).
    case silence(SilencePrompt)
    /// Every silence, active, pending and recently expired (`S`): ↑↓ select one, `x`
    /// expires it. `selected` is the selected silence's id, since the list reorders as
    /// silences start and end; nil selects the first.
    case silences(selected: String?)
    /// One group of the alerts pane in depth (Enter there): its series, tiers and values.
    /// `id` is the group's (`AlertGroup.id`), as its members change while it is open.
    case alertGroup(id: String, name: String)
    /// The alerting overview of the last day (`A`), in `report alerts`' words.
    case alertStatistics
    /// How each notifier's deliveries are going (`N`), and the groups it could not follow.
    case notifiers

    var crumb: String {
        switch self {
        case .help: "help"
        case .sloDetail(let level): level.crumb
        case .rejected: "rejected"
        case .funnelStage(let stage): stage.name
        case .attributionChannel(let channel): channel
        case .featureImpact: "features"
        case .aiROI: "AI ROI"
        case .silence: "silence"
        case .silences: "silences"
        case .alertGroup(_, let name): name
        case .alertStatistics: "statistics"
        case .notifiers: "notifiers"
        }
    }

    /// A view that fills the body (drawn under help or the rejected lines opened over it),
    /// as opposed to a small box in the middle.
    var fillsBody: Bool {
        switch self {
        case .sloDetail, .funnelStage, .attributionChannel, .featureImpact, .aiROI, .silences, .alertStatistics,
             .notifiers, .alertGroup: true
        case .help, .rejected, .silence: false
        }
    }

    /// One of the attribution views, where `f` and `r` switch between them.
    var isAttributionView: Bool {
        switch self {
        case .attributionChannel, .featureImpact, .aiROI: true
        case .help, .rejected, .sloDetail, .funnelStage, .silence, .silences, .alertStatistics, .notifiers,
             .alertGroup: false
        }
    }

    /// One of the views about alerting as a whole (silences, statistics, notifiers), where
    /// `S`, `A` and `N` switch between them.
    var isAlertingView: Bool {
        switch self {
        case .silences, .alertStatistics, .notifiers: true
        case .help, .rejected, .sloDetail, .funnelStage, .attributionChannel, .featureImpact, .aiROI, .silence,
             .alertGroup: false
        }
    }

    /// The detail level, for a detail overlay.
    var detailLevel: SLODetailLevel? {
        if case .sloDetail(let level) = self { level } else { nil }
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
    /// The four panes, or the focused one alone (`z`, `--pane`).
    public var arrangement: PaneArrangement
    /// Selected row per pane (clamped to the rows there are when drawn), in the order the
    /// pane shows them.
    public var selection: [DashboardPane: Int]
    /// The attribution model the engine should credit revenue with.
    public var model: AttributionModel
    /// The tenant filter; nil shows all tenants together.
    public var tenant: String?
    /// While paused the app keeps showing the last snapshot (the header says PAUSED).
    public var isPaused: Bool
    /// Open overlays, bottom first; Esc pops the last.
    public var overlays: [DashboardOverlay]
    /// The SLO pane's row order (`s`).
    public var sloSort: SLOSortOrder
    /// The SLO detail's breakdown order (`s` in the detail).
    public var breakdownSort: BreakdownSortOrder
    /// The time range of the SLO detail's charts (`1`-`5`).
    public var historyRange: SLOHistoryRange
    /// The SLO the SLO pane's selection is on. Worst-first order changes with live data,
    /// so the highlight follows the SLO, not the row number.
    public var selectedSLO: String?
    /// The funnel's period and breakdown (`p`, `b` in the funnel pane); its tenant is
    /// `tenant`'s, set by the engine.
    public var funnel: FunnelQuery
    /// The group (`AlertGroup.id`) the alerts pane's selection is on: the list reorders as
    /// alerts fire, get silenced and resolve, so the highlight follows the group.
    public var selectedAlert: String?
    /// Which labels make one row of the alerts pane (`--alert-group-by`).
    public var alertGrouping: AlertGrouping = .default
    /// Whether the alerts pane and a group's view list the tiers a faster tier inhibits (`i`).
    public var showsInhibited = false
    /// What the last command did or why not, in the footer until the next key.
    public var notice: DashboardNotice?
    /// Each pane's kept `/` filter, a regular expression over its rows' names.
    public var filters: [DashboardPane: String]
    /// The `/` prompt in the footer while it is open; it takes every key but Ctrl-C.
    public var filterPrompt: ListFilterPrompt?
    /// The tenant picker (`t`) while it is open; it takes every key but Ctrl-C.
    public var tenantPicker: TenantPicker?

    public init(focus: DashboardPane = .slos, model: AttributionModel = .linear, tenant: String? = nil,
                isPaused: Bool = false) {
        self.focus = focus
        arrangement = .all
        selection = [:]
        self.model = model
        self.tenant = tenant
        self.isPaused = isPaused
        overlays = []
        sloSort = .burn
        breakdownSort = .burn
        historyRange = .h6
        selectedSLO = nil
        funnel = FunnelQuery()
        selectedAlert = nil
        notice = nil
        filters = [:]
        filterPrompt = nil
        tenantPicker = nil
    }

    /// The SLO pane's selected row in its sorted order: the row of `selectedSLO` while it
    /// is listed, else the remembered row (clamped); nil with no SLOs.
    public func sloRow(in snapshot: EngineSnapshot) -> Int? {
        if let name = selectedSLO, let i = sortedSLOs(snapshot).firstIndex(where: { $0.name == name }) {
            return i
        }
        return selectedRow(in: .slos, count: snapshot.slos.count)
    }

    /// Selects row `row` of the SLO pane (in its sorted order) and remembers its SLO.
    mutating func selectSLO(row: Int, in snapshot: EngineSnapshot) {
        let slos = sortedSLOs(snapshot)
        guard slos.indices.contains(row) else { return }
        selection[.slos] = row
        selectedSLO = slos[row].name
    }

    /// The overlay on top, nil in the main view.
    public var overlay: DashboardOverlay? { overlays.last }

    /// The SLO detail level shown: the topmost one, even under help.
    public var detailLevel: SLODetailLevel? { overlays.lazy.reversed().compactMap(\.detailLevel).first }

    /// What the engine should compute the next snapshot for: the detail of the level
    /// shown, if any, over the chosen range, and the funnel over the chosen period.
    public var query: SnapshotQuery {
        SnapshotQuery(tenant: tenant, model: model, detail: detailLevel.map {
            SLODetailQuery(slo: $0.slo, series: $0.shownSeries(tenant: tenant), range: historyRange)
        }, funnel: funnel)
    }

    /// Where the user is, k9s-style: ["SLOs"], ["SLOs", "ai_request_success", "tenant:acme"].
    /// The alerting views (`S`, `A`, `N`) open from anywhere but are the alerts pane's,
    /// so their trail starts there: `Alerts › silences`, not `SLOs › silences`.
    public var breadcrumb: [String] {
        let root = overlays.first?.isAlertingView == true ? DashboardPane.alerts.title : focus.title
        return [root] + overlays.map(\.crumb)
    }

    /// The selected row of `pane` (0 if never moved).
    public func selectedRow(in pane: DashboardPane) -> Int { selection[pane] ?? 0 }

    /// The selected row of `pane` kept inside `count` rows; nil when there are none.
    func selectedRow(in pane: DashboardPane, count: Int) -> Int? {
        count > 0 ? min(max(0, selectedRow(in: pane)), count - 1) : nil
    }

    /// The SLOs in the order the SLO pane shows them.
    public func sortedSLOs(_ snapshot: EngineSnapshot) -> [SLOStatus] { sloSort.sorted(snapshot.slos) }

    /// The snapshot's detail when it answers the level shown (it lags a key press by one
    /// snapshot at most); nil otherwise.
    public func detail(in snapshot: EngineSnapshot?) -> SLODetail? {
        guard let detail = snapshot?.detail, let level = detailLevel,
              detail.status.name == level.slo, detail.status.series == level.shownSeries(tenant: tenant)
        else { return nil }
        return detail
    }

    /// The breakdown rows of the detail shown, in the order the table shows them.
    public func sortedBreakdown(_ snapshot: EngineSnapshot?) -> [SLOStatus] {
        detail(in: snapshot).map { breakdownSort.sorted($0.breakdown) } ?? []
    }
}
