import FlowCore
import FlowFormats

/// What the dashboard remembers from one run to the next (`ui.json`): the focused pane,
/// the SLO and breakdown orders, the detail's chart range, the attribution model, the
/// tenant filter, and the funnel's period and breakdown. Not the selection, the overlays,
/// pause or zoom: those belong to one look at the data, not to how someone likes to work.
///
/// Read leniently, because nothing in this file may stop start-up: unknown keys are
/// ignored, a value this build does not know (a model a newer flowtop added, a typo made
/// by hand) is skipped on its own, and a file that is not a JSON object, has no version or
/// a newer one is no `SavedUIState` at all. A tenant that no longer sends events is
/// harmless: its panes are empty until `t`.
///
/// ```swift
/// let saved = SavedUIState(state)
/// saved.json                                         // {"version": 1, "pane": "alerts", ...}
/// SavedUIState.decode(Array(saved.json.utf8))        // .saved(saved)
/// let restored = saved.applied(to: DashboardState())
/// ```
public struct SavedUIState: Sendable, Equatable {
    /// The format written; a file with a higher one is left alone (`Reading.newer`).
    public static let version = 1

    public var pane: DashboardPane?
    public var sloSort: SLOSortOrder?
    public var breakdownSort: BreakdownSortOrder?
    public var chartRange: SLOHistoryRange?
    public var model: AttributionModel?
    /// nil: all tenants.
    public var tenant: String?
    public var funnelPeriodDays: Int?
    public var funnelBreakdown: FunnelBreakdown?

    public init(pane: DashboardPane? = nil, sloSort: SLOSortOrder? = nil, breakdownSort: BreakdownSortOrder? = nil,
         chartRange: SLOHistoryRange? = nil, model: AttributionModel? = nil, tenant: String? = nil,
         funnelPeriodDays: Int? = nil, funnelBreakdown: FunnelBreakdown? = nil) {
        self.pane = pane
        self.sloSort = sloSort
        self.breakdownSort = breakdownSort
        self.chartRange = chartRange
        self.model = model
        self.tenant = tenant
        self.funnelPeriodDays = funnelPeriodDays
        self.funnelBreakdown = funnelBreakdown
    }

    /// What `state` chose. With `--pane` the pane was the command line's choice, not a
    /// focus the user moved to, so the pane `previous` kept stays (a split showing the
    /// funnel does not move the full dashboard's focus there).
    public init(_ state: DashboardState, previous: SavedUIState? = nil) {
        self.init(pane: state.arrangement == .single ? previous?.pane : state.focus, sloSort: state.sloSort,
                  breakdownSort: state.breakdownSort, chartRange: state.historyRange, model: state.model,
                  tenant: state.tenant, funnelPeriodDays: state.funnel.periodDays,
                  funnelBreakdown: state.funnel.breakdown)
    }

    /// `state` with every value this file holds put back; the tenant filter always (nil
    /// is a choice too: all tenants).
    public func applied(to state: DashboardState) -> DashboardState {
        var state = state
        if let pane { state.focus = pane }
        if let sloSort { state.sloSort = sloSort }
        if let breakdownSort { state.breakdownSort = breakdownSort }
        if let chartRange { state.historyRange = chartRange }
        if let model { state.model = model }
        state.tenant = tenant
        if let funnelPeriodDays { state.funnel.periodDays = funnelPeriodDays }
        if let funnelBreakdown { state.funnel.breakdown = funnelBreakdown }
        return state
    }

    /// The file's text: one key per line, in a fixed order, so it reads and diffs well.
    public var json: String {
        JSONValue.object([
            ("version", .int(Int64(Self.version))),
            ("pane", .string(pane?.name)),
            ("slo_sort", .string(sloSort?.label)),
            ("breakdown_sort", .string(breakdownSort?.label)),
            ("chart_range", .string(chartRange?.label)),
            ("model", .string(model?.rawValue)),
            ("tenant", .string(tenant)),
            ("funnel_period_days", funnelPeriodDays.map { .int(Int64($0)) } ?? .null),
            ("funnel_breakdown", .string(funnelBreakdown?.rawValue)),
        ]).rendered(.indented) + "\n"
    }

    /// What a file's bytes turned out to be.
    public enum Reading: Sendable, Equatable {
        case saved(SavedUIState)
        /// Written by a newer flowtop: not read, and not overwritten.
        case newer(version: Int)
        /// Not JSON, not an object, no version: ignored, and replaced on the next save.
        case unreadable
    }

    /// The funnel periods a file may ask for, as `report funnel --period-days` takes them.
    public static let funnelPeriods = 1...3650

    public static func decode(_ bytes: [UInt8]) -> Reading {
        guard let tree = try? JSONValue.parse(bytes), let fields = try? JSONTreeDecoder().decode(Fields.self, from: tree),
              let version = fields.version,
              version >= 1
        else { return .unreadable }
        guard version <= Self.version else { return .newer(version: version) }
        return .saved(SavedUIState(
            pane: fields.pane.flatMap(DashboardPane.init(name:)),
            sloSort: SLOSortOrder.allCases.first { $0.label == fields.sloSort },
            breakdownSort: BreakdownSortOrder.allCases.first { $0.label == fields.breakdownSort },
            chartRange: fields.chartRange.flatMap(SLOHistoryRange.init(label:)),
            model: fields.model.flatMap(AttributionModel.init(rawValue:)),
            tenant: fields.tenant,
            funnelPeriodDays: fields.funnelPeriodDays.flatMap { funnelPeriods.contains($0) ? $0 : nil },
            funnelBreakdown: fields.funnelBreakdown.flatMap(FunnelBreakdown.init(rawValue:))))
    }

    /// The file as written, each field read on its own: one of the wrong type is nil, not
    /// a reason to drop the others.
    private struct Fields: Decodable {
        var version: Int?
        var pane, sloSort, breakdownSort, chartRange, model, tenant, funnelBreakdown: String?
        var funnelPeriodDays: Int?

        enum CodingKeys: String, CodingKey {
            case version, pane, model, tenant
            case sloSort = "slo_sort", breakdownSort = "breakdown_sort", chartRange = "chart_range"
            case funnelPeriodDays = "funnel_period_days", funnelBreakdown = "funnel_breakdown"
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            version = try? c.decode(Int.self, forKey: .version)
            pane = try? c.decode(String.self, forKey: .pane)
            sloSort = try? c.decode(String.self, forKey: .sloSort)
            breakdownSort = try? c.decode(String.self, forKey: .breakdownSort)
            chartRange = try? c.decode(String.self, forKey: .chartRange)
            model = try? c.decode(String.self, forKey: .model)
            tenant = try? c.decode(String.self, forKey: .tenant)
            funnelPeriodDays = try? c.decode(Int.self, forKey: .funnelPeriodDays)
            funnelBreakdown = try? c.decode(String.self, forKey: .funnelBreakdown)
        }
    }
}
