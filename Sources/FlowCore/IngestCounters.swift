/// The engine's own intake counters: accepted events, rejections by reason, and a rate.
///
/// The rate comes from a ring of per-second counts keyed by receive time, so it needs no
/// timer: `eventsPerSecond` at `now` averages the `rateWindowSeconds` whole seconds before
/// the one `now` is in (the current second is still filling, so it would read low).
///
/// ```swift
/// var ingest = IngestCounters()
/// ingest.recordAccepted(100, receivedAt: t)
/// ingest.stats(now: t + 1_000).eventsPerSecond   // 20 (100 over 5 s)
/// ```
struct IngestCounters: Sendable {
    static let rateWindowSeconds: Int64 = 5

    private(set) var eventsTotal: Int64 = 0
    private(set) var rejected = RejectionCounts()
    private(set) var lastEventAt: EpochMillis?
    private var perSecond = BucketRing(capacity: Int(rateWindowSeconds) + 3)

    mutating func recordAccepted(_ count: Int64, receivedAt: EpochMillis) {
        guard count > 0 else { return }
        eventsTotal += count
        lastEventAt = max(lastEventAt ?? receivedAt, receivedAt)
        perSecond.add(SLICounts(good: count, total: count), at: TimeMath.second(of: receivedAt))
    }

    mutating func recordRejections(_ counts: RejectionCounts) {
        rejected.add(counts)
    }

    func stats(now: EpochMillis) -> IngestStats {
        let second = TimeMath.second(of: now)
        let recent = perSecond.sum((second - Self.rateWindowSeconds)...(second - 1))
        return IngestStats(eventsTotal: eventsTotal, rejected: rejected,
                           eventsPerSecond: Double(recent.total) / Double(Self.rateWindowSeconds),
                           lastEventAt: lastEventAt)
    }
}

/// Every tenant seen, capped: past `capacity` distinct names, new ones are folded into
/// `other` everywhere in the engine (SLO series, funnel, attribution), which keeps every
/// per-tenant table bounded.
///
/// ```swift
/// var tenants = TenantDirectory(capacity: 2)
/// tenants.canonical("a"); tenants.canonical("b")
/// tenants.canonical("c")   // ("other", folded: true)
/// ```
struct TenantDirectory: Sendable {
    let capacity: Int
    private var known: Set<String> = []
    private(set) var sorted: [String] = []

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The name the engine files this tenant under, and whether it was folded into
    /// `other` because the directory is full.
    mutating func canonical(_ tenant: String) -> (name: String, folded: Bool) {
        if known.contains(tenant) { return (tenant, false) }
        let folded = known.count >= capacity
        let name = folded ? SLOTracker.overflowLabel : tenant
        if known.insert(name).inserted {
            let i = sorted.firstIndex(where: { $0 > name }) ?? sorted.endIndex
            sorted.insert(name, at: i)
        }
        return (name, folded)
    }
}
