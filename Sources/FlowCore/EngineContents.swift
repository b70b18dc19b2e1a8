/// How much an engine holds, for `flowtop store info`: its SLO series (each SLO's total,
/// tenant and model series), its leads with their touches, and the oldest lead it keeps.
///
/// ```swift
/// let held = engine.contents   // EngineContents(sloSeries: 163, leads: 200_000, ...)
/// ```
public struct EngineContents: Sendable, Equatable {
    public var sloSeries: Int
    public var leads: Int
    public var touches: Int
    /// When the oldest lead kept was created; nil with no leads.
    public var oldestLeadCreated: EpochMillis?

    public init(sloSeries: Int, leads: Int, touches: Int, oldestLeadCreated: EpochMillis?) {
        self.sloSeries = sloSeries
        self.leads = leads
        self.touches = touches
        self.oldestLeadCreated = oldestLeadCreated
    }
}

extension Engine {
    /// What the engine holds now; walks every lead, so for diagnostics, not for a frame.
    public var contents: EngineContents {
        var touches = 0
        var oldest: EpochMillis?
        leads.table.forEach { _, record in
            touches += record.touches.count
            oldest = min(oldest ?? record.created, record.created)
        }
        return EngineContents(sloSeries: slos.reduce(0) { $0 + $1.series.count }, leads: leads.table.count,
                              touches: touches, oldestLeadCreated: oldest)
    }
}
