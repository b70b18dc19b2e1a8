/// A lead is named by its id within a tenant: two tenants may reuse an id.
struct LeadKey: Hashable, Sendable, Codable {
    var tenant: String
    var id: String
}

/// One touchpoint kept on a lead's path for attribution.
struct TouchRecord: Sendable, Equatable, Codable {
    var channel: String
    var time: EpochMillis
    var cost: Double
    var aiAssisted: Bool
    var feature: String? = nil
}

/// What the engine remembers about one lead: enough to count each funnel stage once and
/// to attribute a conversion to the touches that led to it. (When it was last active,
/// for retention, `LeadTable` keeps beside it.)
///
/// Memory: about 430 bytes a lead in the table, plus 57 a touch kept (with ids and names
/// of up to 15 bytes, which Swift stores inline; a longer id adds its length plus ~60);
/// docs/benchmarks.md, "Memory per lead".
struct LeadRecord: Sendable, Codable {
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
    ///
    /// The oldest go before the insert, so a full path never grows its array past `limit`
    /// (an insert into a full array would double its capacity: 64 slots for 32 touches).
    mutating func addTouch(_ touch: TouchRecord, limit: Int) {
        var i = touches.count
        while i > 0 && touches[i - 1].time > touch.time { i -= 1 }
        let excess = touches.count + 1 - limit
        if excess > 0 {
            guard i >= excess else { return }   // older than every touch kept: dropped at once
            touches.removeFirst(excess)
            i -= excess
        }
        touches.insert(touch, at: i)
    }
}
