/// Funnel counts of one scope (one tenant, or all).
struct FunnelCounts: Sendable, Equatable {
    /// Leads that reached each funnel stage or a later one, indexed like `Stage.funnel`.
    var reached = [Int64](repeating: 0, count: Stage.funnel.count)
    var lost: Int64 = 0
    var wonRevenue: Double = 0
}

/// Funnel counts kept incrementally, per tenant and in total, so a snapshot only divides.
///
/// Why incremental: a frame must not walk 200,000 leads. Each lead moves its stage
/// forward through `advance(from:to:)` exactly once per stage, so a lead that jumps from
/// `contacted` to `won` also counts in `qualified`, `meeting` and `proposal`, and repeated
/// or out-of-order stage events (the caller sees they are not forward) count nothing.
///
/// ```swift
/// var funnel = FunnelTracker()
/// funnel.advance(tenant: "acme", from: nil, to: .leadCreated)
/// funnel.advance(tenant: "acme", from: .leadCreated, to: .meeting)
/// funnel.snapshot(tenant: "acme").stages[2].count   // 1 (qualified)
/// ```
struct FunnelTracker: Sendable {
    private(set) var total = FunnelCounts()
    private var byTenant: [String: FunnelCounts] = [:]

    /// Counts a lead in every stage after `from` up to and including `to`.
    mutating func advance(tenant: String, from: Stage?, to: Stage) {
        guard let toIndex = Stage.funnel.firstIndex(of: to) else { return }
        let fromIndex = from.flatMap { Stage.funnel.firstIndex(of: $0) } ?? -1
        guard toIndex > fromIndex else { return }
        for i in (fromIndex + 1)...toIndex {
            total.reached[i] += 1
            byTenant[tenant, default: FunnelCounts()].reached[i] += 1
        }
    }

    mutating func markLost(tenant: String) {
        total.lost += 1
        byTenant[tenant, default: FunnelCounts()].lost += 1
    }

    mutating func addWonRevenue(_ revenue: Double, tenant: String) {
        total.wonRevenue += revenue
        byTenant[tenant, default: FunnelCounts()].wonRevenue += revenue
    }

    /// The funnel for one tenant, or all tenants when nil.
    func snapshot(tenant: String?) -> FunnelSnapshot {
        let counts = tenant.map { byTenant[$0] ?? FunnelCounts() } ?? total
        let start = counts.reached.first ?? 0
        var stages: [FunnelStageStatus] = []
        for (i, stage) in Stage.funnel.enumerated() {
            let n = counts.reached[i]
            let previous: Double? = i == 0 ? nil : (counts.reached[i - 1] > 0 ? Double(n) / Double(counts.reached[i - 1]) : nil)
            stages.append(FunnelStageStatus(stage: stage, count: n, conversionFromPrevious: previous,
                                            conversionFromStart: start > 0 ? Double(n) / Double(start) : nil))
        }
        return FunnelSnapshot(stages: stages, lost: counts.lost, wonRevenue: counts.wonRevenue)
    }
}
