public struct EngineConfiguration: Sendable, Equatable {
    public var slos: [SLODefinition]
    /// Cap on distinct series (tenants, models) per SLO; the rest are counted as `other`.
    public var maxSeriesPerSLO: Int
    /// Cap on leads kept for funnel and attribution; the oldest are evicted first.
    public var maxLeads: Int
    /// Touchpoints kept per lead for attribution paths (the most recent).
    public var maxTouchesPerLead: Int
    /// How stale the funnel analysis (a pass over every lead) may be before a snapshot
    /// computes it again: 0 (replays, reports) computes it for every snapshot; the live
    /// dashboard uses 1 s, so frames at 10 fps do not each walk 200,000 leads.
    public var analysisRefreshMillis: EpochMillis = 0

    public init(slos: [SLODefinition] = SLODefinition.builtIn, maxSeriesPerSLO: Int = 1000,
                maxLeads: Int = 200_000, maxTouchesPerLead: Int = 32) {
        self.slos = slos
        self.maxSeriesPerSLO = maxSeriesPerSLO
        self.maxLeads = maxLeads
        self.maxTouchesPerLead = maxTouchesPerLead
    }
}
