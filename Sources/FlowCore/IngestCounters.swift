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
struct IngestCounters: Sendable, Codable {
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
/// Each canonical name also gets a small integer id, handed out once and never changed:
/// `other` is always 0 (a real tenant named `other` shares it, and so does every folded
/// one), the others 1, 2, 3, ... in order of arrival. Why ids: the engine hashes the tenant
/// here once per event anyway, and the exported counters key their series on integers
/// (`ExportCounters`), so they take the id instead of hashing the same string again (about
/// 400 instructions an event at 100 tenants). `other` has its id before any tenant is
/// folded so that a metric family that is full can file its all-`other` series under it.
///
/// ```swift
/// var tenants = TenantDirectory(capacity: 2)
/// tenants.canonical("a")   // (CanonicalTenant(name: "a", id: 1), folded: false)
/// tenants.canonical("b")   // id 2
/// tenants.canonical("c")   // ("other", id 0, folded: true)
/// tenants.canonical("a")   // id 1 again
/// ```
struct TenantDirectory: Sendable, Codable {
    let capacity: Int
    /// The id of each canonical name; `other` only once it is one (folded into or sent).
    private var idByName: [String: UInt32] = [:]
    /// The name of each id: `names[0]` is `other`, whether or not it has been seen.
    private(set) var names: [String] = [SLOTracker.overflowLabel]
    private(set) var sorted: [String] = []

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The name (and its id) the engine files this tenant under, and whether it was folded
    /// into `other` because the directory is full. One dictionary lookup for a known tenant.
    mutating func canonical(_ tenant: String) -> (tenant: CanonicalTenant, folded: Bool) {
        if let id = idByName[tenant] { return (CanonicalTenant(name: tenant, id: id), false) }
        let folded = idByName.count >= capacity
        let name = folded ? SLOTracker.overflowLabel : tenant
        if let id = idByName[name] { return (CanonicalTenant(name: name, id: id), folded) }
        let id = name == SLOTracker.overflowLabel ? CanonicalTenant.otherID : UInt32(names.count)
        if id != CanonicalTenant.otherID { names.append(name) }
        idByName[name] = id
        let i = sorted.firstIndex(where: { $0 > name }) ?? sorted.endIndex
        sorted.insert(name, at: i)
        return (CanonicalTenant(name: name, id: id), folded)
    }
}

/// A tenant as the engine files it: its canonical name and that name's id in the engine's
/// `TenantDirectory`. The id stands for the name wherever a table keys on integers.
///
/// ```swift
/// let (tenant, _) = tenants.canonical(event.tenant)
/// counters.recordMessageSent(channel: "sms", messageType: "outbound", tenant: tenant)
/// ```
struct CanonicalTenant: Sendable, Equatable {
    /// The id of `other`, the same in every directory.
    static let otherID: UInt32 = 0
    static let other = CanonicalTenant(name: SLOTracker.overflowLabel, id: otherID)

    let name: String
    let id: UInt32
}
