import FlowCore
import TerminalUI

/// Draws one dashboard frame: header, the four panes (2x2 when wide, stacked when not) or
/// the focused one alone (`z`, `--pane`), footer, and the open overlay on top. Snapshot in, cells out; no terminal involved, so
/// tests render into a grid and read `grid.text`.
///
/// - Parameters:
///   - snapshot: the engine's latest answer for `state.query`; nil before the first one.
///   - state: what is focused, selected, filtered and open.
///   - context: the socket path and whether to stay in ASCII.
///   - grid: cleared and drawn over completely, at its own size.
///
/// ```swift
/// var grid = CellGrid(width: 120, height: 40)
/// render(snapshot, state: state, context: DashboardContext(socketPath: path), into: &grid)
/// screen.present(grid)
/// ```
public func render(_ snapshot: EngineSnapshot?, state: DashboardState, context: DashboardContext,
                   into grid: inout CellGrid) {
    var panes = PaneCache()
    render(snapshot, state: state, context: context, into: &grid, panes: &panes)
}

/// `render`, copying each pane that is built as in the last frame drawn with `panes` (the
/// same rows, selection, focus and rect) from there instead of drawing it: the grid is
/// the same either way. The frame loop keeps one cache for all its frames.
public func render(_ snapshot: EngineSnapshot?, state: DashboardState, context: DashboardContext,
                   into grid: inout CellGrid, panes cache: inout PaneCache) {
    // `--ascii` promises ASCII only, whatever a pane or the data put in a cell.
    defer { if context.asciiOnly { grid.foldToASCII() } }
    grid.fill(x: 0, y: 0, width: grid.width, height: grid.height)
    let snapshot = snapshot.map(state.visible)
    // A view that fills the body draws its box over all of it (the body of any size the
    // layout accepts is at least 20x4), covering every cell the panes and their filter
    // marks would draw: under it they are neither built nor drawn, which was a third of
    // such a frame. The header and footer do not depend on the panes.
    let covered = state.overlays.contains(where: \.fillsBody)
    let panes = PaneSet(snapshot: snapshot, state: state, context: context, building: !covered)
    guard let layout = frameLayout(panes, state: state, size: grid.size) else {
        drawTooSmall(DashboardLayout.minimumSize(for: state), into: &grid)
        return
    }
    Header(snapshot: snapshot, state: state, context: context).draw(in: layout.header, grid: &grid)
    if !covered {
        panes.draw(layout: layout, grid: &grid, cache: &cache)
        for (pane, rect) in layout.panes {
            grid.drawFilterMark(state.filterPattern(for: pane), on: rect, context: context)
        }
    }
    Footer(snapshot: snapshot, state: state, context: context).draw(in: layout.footer, grid: &grid)

    // A view that fills the body (an SLO's detail, a funnel stage, an attribution or an
    // alerting view) stays drawn under help or the rejected lines opened over it.
    if let i = state.overlays.lastIndex(where: \.fillsBody) {
        // An array's `joined`, as for the full breadcrumb below: a slice's is generic code
        // whose first call resolves its types at run time, 0.2-0.3 ms of the first view opened.
        let crumb = Array(state.breadcrumb.prefix(i + 2)).joined(separator: context.crumbSeparator)
        switch state.overlays[i] {
        case .sloDetail(let level):
            SLODetailView(level: level, snapshot: snapshot, state: state, context: context)
                .draw(over: layout.body, breadcrumb: crumb, grid: &grid)
        case .funnelStage(let stage):
            FunnelStageView(stage: stage, analysis: snapshot?.funnelAnalysis, context: context)
                .draw(over: layout.body, breadcrumb: crumb, grid: &grid)
        case .attributionChannel(let channel):
            AttributionChannelView(channel: channel, attribution: snapshot?.attribution, model: state.model,
                                   context: context)
                .draw(over: layout.body, breadcrumb: crumb, grid: &grid)
        case .featureImpact:
            FeatureImpactView(attribution: snapshot?.attribution, context: context)
                .draw(over: layout.body, breadcrumb: crumb, grid: &grid)
        case .aiROI:
            AIROIView(attribution: snapshot?.attribution, model: state.model, context: context)
                .draw(over: layout.body, breadcrumb: crumb, grid: &grid)
        case .silences:
            SilencesView(snapshot: snapshot, selected: state.selectedSilence(in: snapshot), tenant: state.tenant,
                         context: context)
                .draw(over: layout.body, breadcrumb: crumb, grid: &grid)
        case .alertStatistics:
            AlertStatisticsView(statistics: snapshot?.alerting.statistics, hasSnapshot: snapshot != nil,
                                tenant: state.tenant, context: context)
                .draw(over: layout.body, breadcrumb: crumb, grid: &grid)
        case .notifiers:
            NotifierStatusView(notifiers: snapshot?.notifiers ?? [], remoteWrite: snapshot?.remoteWrite, now: snapshot?.now,
                               context: context)
                .draw(over: layout.body, breadcrumb: crumb, grid: &grid)
        case .alertGroup(let id, _):
            AlertGroupView(id: id, snapshot: snapshot, state: state, context: context)
                .draw(over: layout.body, breadcrumb: crumb, grid: &grid)
        case .help, .rejected, .silence:
            break
        }
    }
    let breadcrumb = state.breadcrumb.joined(separator: context.crumbSeparator)
    switch state.overlay {
    case nil, .sloDetail?, .funnelStage?, .attributionChannel?, .featureImpact?, .aiROI?, .silences?,
         .alertStatistics?, .notifiers?, .alertGroup?:
        break
    case .help?:
        HelpOverlay(context: context).draw(over: layout.body, breadcrumb: breadcrumb, grid: &grid)
    case .rejected?:
        RejectedOverlay(ingest: snapshot?.ingest, context: context)
            .draw(over: layout.body, breadcrumb: breadcrumb, grid: &grid)
    case .silence(let prompt)?:
        SilencePromptView(prompt: prompt, context: context).draw(over: layout.body, breadcrumb: breadcrumb, grid: &grid)
    }
    if let picker = state.tenantPicker {
        TenantPickerView(picker: picker, tenants: snapshot?.tenants ?? [], current: state.tenant, context: context)
            .draw(over: layout.body, breadcrumb: breadcrumb, grid: &grid)
    }
}

/// Where `render` puts the header, each pane and the footer at `size`, for the `visible`
/// snapshot; nil when the screen is too small for the dashboard. The mouse finds the pane
/// under the pointer with it.
func frameLayout(_ snapshot: EngineSnapshot?, state: DashboardState, context: DashboardContext,
                 size: GridSize) -> DashboardLayout? {
    frameLayout(PaneSet(snapshot: snapshot, state: state, context: context), state: state, size: size)
}

/// The layout for panes already built for the frame.
private func frameLayout(_ panes: PaneSet, state: DashboardState, size: GridSize) -> DashboardLayout? {
    let minimum = DashboardLayout.minimumSize(for: state)
    guard size.width >= minimum.width, size.height >= minimum.height else { return nil }
    return DashboardLayout(size: size, wanted: panes.wantedRows, widths: panes.preferredWidths,
                           only: state.showsOnePane ? state.focus : nil)
}

/// Instead of a garbled dashboard: what the size is and what it needs to be, on one line
/// when it fits, else on two, else in fewer words (a one-pane split can be very narrow).
private func drawTooSmall(_ minimum: GridSize, into grid: inout CellGrid) {
    let size = "\(grid.width)x\(grid.height)", need = "\(minimum.width)x\(minimum.height)"
    let forms = [
        ["terminal too small: \(size) (need at least \(need))"],
        ["terminal too small: \(size)", "(need at least \(need))"],
        ["too small: \(size)", "need \(need)"],
    ]
    let shown = forms.first { $0.allSatisfy { DisplayWidth.of($0) <= grid.width } } ?? forms[forms.count - 1]
    let top = max(0, (grid.height - shown.count) / 2)
    for (i, line) in shown.enumerated() {
        let text = TextFit.truncate(line, to: grid.width)
        grid.put(text, x: max(0, (grid.width - DisplayWidth.of(text)) / 2), y: top + i, style: CellStyle(.warn, bold: true))
    }
}

/// The four panes for one frame, or the first-run hint in each when nothing has arrived.
///
/// Each pane is built once per frame (sorting the SLOs, grouping the alerts) and serves the
/// layout's wanted rows and widths and the drawing alike: building it once for each of the
/// three was a tenth of a frame.
private struct PaneSet {
    var snapshot: EngineSnapshot?
    var state: DashboardState
    var context: DashboardContext
    /// The four panes from the snapshot; nil when it has no events yet (or there is none).
    private let built: Built?

    private struct Built {
        var slo: SLOPane
        var alerts: AlertsPane
        var funnel: FunnelPane
        var attribution: AttributionPane

        func pane(_ pane: DashboardPane) -> PaneCache.Pane {
            switch pane {
            case .slos: .slo(slo)
            case .alerts: .alerts(alerts)
            case .funnel: .funnel(funnel)
            case .attribution: .attribution(attribution)
            }
        }
    }

    /// - Parameter building: false when the panes will not be drawn (a view covers them):
    ///   the layout then places them by the defaults, which moves only the panes.
    init(snapshot: EngineSnapshot?, state: DashboardState, context: DashboardContext, building: Bool = true) {
        self.snapshot = snapshot
        self.state = state
        self.context = context
        // No events accepted yet (or no snapshot): every pane shows how to send some.
        if building, let snapshot, snapshot.ingest.eventsTotal != 0 {
            built = Built(slo: Self.slo(snapshot, state: state, context: context),
                          alerts: Self.alerts(snapshot, state: state, context: context),
                          funnel: Self.funnel(snapshot, state: state, context: context),
                          attribution: Self.attribution(snapshot, state: state, context: context))
        } else {
            built = nil
        }
    }

    var wantedRows: [DashboardPane: Int] {
        guard let built else {
            return Dictionary(uniqueKeysWithValues: DashboardPane.allCases.map { ($0, 3) })
        }
        return [
            .slos: built.slo.wantedRows,
            .alerts: built.alerts.wantedRows,
            .funnel: built.funnel.wantedRows,
            .attribution: built.attribution.wantedRows,
        ]
    }

    var preferredWidths: [DashboardPane: Int] {
        guard let built else { return [:] }
        return [
            .slos: built.slo.preferredWidth,
            .alerts: built.alerts.preferredWidth,
            .funnel: built.funnel.preferredWidth,
            .attribution: built.attribution.preferredWidth,
        ]
    }

    func draw(layout: DashboardLayout, grid: inout CellGrid, cache: inout PaneCache) {
        for pane in DashboardPane.allCases {
            guard let rect = layout.panes[pane] else { continue }
            if let built {
                let value = built.pane(pane)
                if !cache.restore(pane, value, in: rect, grid: &grid) {
                    switch value {
                    case .slo(let drawn): drawn.draw(in: rect, grid: &grid)
                    case .alerts(let drawn): drawn.draw(in: rect, grid: &grid)
                    case .funnel(let drawn): drawn.draw(in: rect, grid: &grid)
                    case .attribution(let drawn): drawn.draw(in: rect, grid: &grid)
                    }
                    cache.keep(pane, value, in: rect, grid: grid)
                }
                continue
            }
            let title: String
            switch pane {
            case .attribution: title = "Attribution \(context.dot) \(state.model.rawValue)  [m]"
            case .funnel: title = FunnelPane.title(state.funnel, context: context)
            case .slos, .alerts: title = pane.title
            }
            let inner = grid.drawBox(rect, title: title, focused: Self.focused(pane, state), glyphs: context.boxGlyphs)
            grid.drawEmptyState(in: inner, context: context, rejected: snapshot?.ingest.rejected.total ?? 0)
        }
    }

    private static func focused(_ pane: DashboardPane, _ state: DashboardState) -> Bool {
        state.overlay == nil && state.focus == pane
    }

    private static func slo(_ s: EngineSnapshot, state: DashboardState, context: DashboardContext) -> SLOPane {
        SLOPane(slos: state.sortedSLOs(s), sort: state.sloSort, alerts: s.alerting.alerts, selected: state.sloRow(in: s),
                focused: focused(.slos, state), context: context)
    }

    private static func alerts(_ s: EngineSnapshot, state: DashboardState, context: DashboardContext) -> AlertsPane {
        AlertsPane(sections: state.alertSections(s), silences: s.alerting.silences, now: s.now,
                   selected: state.alertRow(in: s), focused: focused(.alerts, state), context: context,
                   shortNames: s.sloShortNames, showsSeriesCount: state.alertGrouping != .oneRowPerAlert)
    }

    private static func funnel(_ s: EngineSnapshot, state: DashboardState, context: DashboardContext) -> FunnelPane {
        FunnelPane(funnel: s.funnel, breakdown: s.funnelAnalysis?.breakdown ?? [],
                   breakdownKind: s.funnelAnalysis?.query.breakdown ?? .none, query: state.funnel,
                   selected: state.selectedRow(in: .funnel, count: s.funnel.stages.count),
                   focused: focused(.funnel, state), context: context)
    }

    private static func attribution(_ s: EngineSnapshot, state: DashboardState,
                                    context: DashboardContext) -> AttributionPane {
        AttributionPane(attribution: AttributionPane.shown(s.attribution), model: state.model,
                        selected: state.selectedRow(in: .attribution, count: s.attribution.rows.count),
                        focused: focused(.attribution, state), context: context)
    }
}

/// The cells each pane drew in the last frame, with the pane as it was built and its rect.
///
/// Why: a key that moves the selection, opens help or switches the focus changes one pane
/// at most, and drawing the other three again (their tables' text, bars and sparklines)
/// was the larger part of such a frame. A pane draws only inside its rect, over cells
/// `render` has just blanked, so what it draws depends on nothing but its value (rows,
/// selection, focus, sort, context) and the rect: an equal pane in an equal rect on a grid
/// of the same size draws the same cells, and they are copied instead.
public struct PaneCache: Sendable {
    /// A pane as built for one frame; equal values draw equal cells.
    enum Pane: Equatable, Sendable {
        case slo(SLOPane)
        case alerts(AlertsPane)
        case funnel(FunnelPane)
        case attribution(AttributionPane)
    }

    private struct Entry: Sendable {
        var pane: Pane
        var rect: Rect
        var size: GridSize
        var cells: [CellGrid.Cell]
    }

    private var entries: [DashboardPane: Entry] = [:]
    /// Panes copied rather than drawn so far (for tests).
    private(set) var restored = 0

    public init() {}

    /// Copies `value`'s cells into `rect` when it was drawn there last; false when it
    /// must be drawn.
    mutating func restore(_ pane: DashboardPane, _ value: Pane, in rect: Rect, grid: inout CellGrid) -> Bool {
        guard let entry = entries[pane], entry.rect == rect, entry.size == grid.size, entry.pane == value else {
            return false
        }
        grid.restore(entry.cells, in: rect)
        restored += 1
        return true
    }

    /// Keeps what `value` has just drawn in `rect`.
    mutating func keep(_ pane: DashboardPane, _ value: Pane, in rect: Rect, grid: CellGrid) {
        entries[pane] = Entry(pane: value, rect: rect, size: grid.size, cells: grid.cells(in: rect))
    }
}
