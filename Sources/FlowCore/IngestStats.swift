/// The engine's own counters: what arrived, what was refused and why.
public struct IngestStats: Sendable, Equatable, Codable {
    public var eventsTotal: Int64
    public var rejected: RejectionCounts
    /// Accepted events per second, averaged over the last few seconds.
    public var eventsPerSecond: Double
    public var lastEventAt: EpochMillis?

    public init(eventsTotal: Int64 = 0, rejected: RejectionCounts = RejectionCounts(),
                eventsPerSecond: Double = 0, lastEventAt: EpochMillis? = nil) {
        self.eventsTotal = eventsTotal
        self.rejected = rejected
        self.eventsPerSecond = eventsPerSecond
        self.lastEventAt = lastEventAt
    }
}
