import FlowCore

/// How the SLO pane orders its rows (`s` cycles, the pane title says which).
///
/// ```swift
/// SLOSortOrder.burn.sorted(snapshot.slos)   // paging first, then the fastest burn; no data last
/// ```
public enum SLOSortOrder: Sendable, Hashable, CaseIterable {
    /// Worst first: the most severe firing tier, then the highest `sortBurn`; no data last.
    case burn
    case name
    /// Least budget left first; no data last.
    case budget

    /// The word in the pane title: "by burn".
    public var label: String {
        switch self {
        case .burn: "burn"
        case .name: "name"
        case .budget: "budget"
        }
    }

    public var next: SLOSortOrder {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }

    public func sorted(_ slos: [SLOStatus]) -> [SLOStatus] {
        switch self {
        case .burn: slos.sorted { SLOOrdering.worstFirst($0, $1, tie: $0.name < $1.name) }
        case .name: slos.sorted { $0.name < $1.name }
        case .budget:
            slos.sorted { a, b in
                SLOOrdering.ascendingNilLast(a.errorBudgetRemaining, b.errorBudgetRemaining) ?? (a.name < b.name)
            }
        }
    }
}

/// How the SLO detail orders its per-tenant / per-model breakdown (`s` in the detail).
public enum BreakdownSortOrder: Sendable, Hashable, CaseIterable {
    /// Worst first, as the SLO pane's `burn` order.
    case burn
    /// Tenants, then models, each by name.
    case name
    /// Most events over the window first.
    case events

    public var label: String {
        switch self {
        case .burn: "burn"
        case .name: "name"
        case .events: "events"
        }
    }

    public var next: BreakdownSortOrder {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }

    public func sorted(_ rows: [SLOStatus]) -> [SLOStatus] {
        let byName: (SLOStatus, SLOStatus) -> Bool = {
            SLOOrdering.seriesRank($0.series) < SLOOrdering.seriesRank($1.series)
        }
        switch self {
        case .burn: return rows.sorted { SLOOrdering.worstFirst($0, $1, tie: byName($0, $1)) }
        case .name: return rows.sorted(by: byName)
        case .events: return rows.sorted { $0.total != $1.total ? $0.total > $1.total : byName($0, $1) }
        }
    }
}

/// The comparisons the two orders share, so "worst first" means the same in both tables.
enum SLOOrdering {
    /// Paging before ticketing before quiet (inhibited tiers do not count), then the
    /// highest `sortBurn`; a series with no data goes last whatever else holds.
    static func worstFirst(_ a: SLOStatus, _ b: SLOStatus, tie: @autoclosure () -> Bool) -> Bool {
        let aData = a.sortBurn != nil || a.sli != nil
        let bData = b.sortBurn != nil || b.sli != nil
        if aData != bData { return aData }
        let aRank = severityRank(a.worstFiring), bRank = severityRank(b.worstFiring)
        if aRank != bRank { return aRank < bRank }
        if let higher = descendingNilLast(a.sortBurn, b.sortBurn) { return higher }
        return tie()
    }

    /// nil when equal (both nil or the same), else whether `a` comes first, nil values last.
    static func ascendingNilLast(_ a: Double?, _ b: Double?) -> Bool? {
        switch (a, b) {
        case (nil, nil): nil
        case (nil, _): false
        case (_, nil): true
        case let (a?, b?): a == b ? nil : a < b
        }
    }

    static func descendingNilLast(_ a: Double?, _ b: Double?) -> Bool? {
        switch (a, b) {
        case (nil, nil): nil
        case (nil, _): false
        case (_, nil): true
        case let (a?, b?): a == b ? nil : a > b
        }
    }

    private static func severityRank(_ severity: Severity?) -> Int {
        switch severity {
        case .page?: 0
        case .ticket?: 1
        case nil: 2
        }
    }

    /// The total first, then tenants, then models, each by name.
    static func seriesRank(_ id: SLOSeriesID) -> (Int, String) {
        switch id {
        case .total: (0, "")
        case .tenant(let t): (1, t)
        case .model(let m): (2, m)
        case .instance(let i): (3, i)
        }
    }
}
