/// A lead is named by its id within a tenant: two tenants may reuse an id.
struct LeadKey: Hashable, Sendable {
    var tenant: String
    var id: String
}

/// One touchpoint kept on a lead's path for attribution.
struct TouchRecord: Sendable, Equatable {
    var channel: String
    var time: EpochMillis
    var cost: Double
    var aiAssisted: Bool
    var feature: String? = nil
}

/// What the engine remembers about one lead: enough to count each funnel stage once and
/// to attribute a conversion to the touches that led to it.
struct LeadRecord: Sendable {
    var source: String
    var created: EpochMillis
    /// The most recent touches, oldest first, at most `maxTouchesPerLead`.
    var touches: [TouchRecord] = []
    /// When the lead reached each funnel stage, for the funnel analysis; nil while the
    /// lead is known only from touchpoints (it is not in the funnel yet).
    var funnel: FunnelLead?

    init(source: String, created: EpochMillis) {
        self.source = source
        self.created = created
    }

    /// Inserts a touch in time order (late ones too), dropping the oldest past `limit`.
    mutating func addTouch(_ touch: TouchRecord, limit: Int) {
        var i = touches.count
        while i > 0 && touches[i - 1].time > touch.time { i -= 1 }
        touches.insert(touch, at: i)
        if touches.count > limit { touches.removeFirst(touches.count - limit) }
    }

    mutating func modify<R>(_ body: (inout LeadRecord) -> R) -> R { body(&self) }
}

/// Leads by key, capped at `capacity`: inserting past the cap evicts the oldest inserted.
///
/// Why: lead ids come from the wire, so the table must not grow without end. Eviction is
/// O(1): a ring of keys in insertion order, overwritten slot by slot once full. An evicted
/// lead's counts stay in the funnel and attribution totals (they are cumulative); a later
/// event for it starts a fresh record.
///
/// ```swift
/// var table = LeadTable(capacity: 2)
/// table.insert(LeadRecord(source: "web", created: 0), for: a)
/// table.insert(LeadRecord(source: "web", created: 1), for: b)
/// table.insert(LeadRecord(source: "web", created: 2), for: c)   // evicts a
/// ```
struct LeadTable: Sendable {
    let capacity: Int
    private var records: [LeadKey: LeadRecord] = [:]
    private var order: [LeadKey] = []
    private var nextSlot = 0

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    var count: Int { records.count }

    func contains(_ key: LeadKey) -> Bool { records[key] != nil }

    func record(_ key: LeadKey) -> LeadRecord? { records[key] }

    /// Every lead with its key, for attribution.
    func forEach(_ body: (LeadKey, LeadRecord) -> Void) {
        for (key, record) in records { body(key, record) }
    }

    /// Every lead in the funnel, for the funnel analysis (no copy of the table).
    var funnelLeads: some Collection<FunnelLead> {
        records.values.lazy.compactMap(\.funnel)
    }

    /// Adds a new lead (the key must be absent), evicting the oldest when full.
    mutating func insert(_ record: LeadRecord, for key: LeadKey) {
        guard capacity > 0, records[key] == nil else { return }
        if order.count < capacity {
            order.append(key)
        } else {
            records[order[nextSlot]] = nil
            order[nextSlot] = key
            nextSlot = (nextSlot + 1) % capacity
        }
        records[key] = record
    }

    /// Changes a lead in place; nil when it is absent.
    mutating func modify<R>(_ key: LeadKey, _ body: (inout LeadRecord) -> R) -> R? {
        records[key]?.modify(body)
    }
}
