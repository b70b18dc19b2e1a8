public struct EngineConfiguration: Sendable, Equatable, Codable {
    public var slos: [SLODefinition]
    /// Cap on distinct series (tenants, models) per SLO; the rest are counted as `other`.
    public var maxSeriesPerSLO: Int
    /// Cap on leads kept for funnel and attribution; the oldest are evicted first.
    public var maxLeads: Int
    /// Touchpoints kept per lead for attribution paths (the most recent).
    public var maxTouchesPerLead: Int
    /// A lead with no event (creation, stage, touchpoint) in this many days is forgotten;
    /// 0 or less keeps every lead until `maxLeads` evicts it.
    ///
    /// Why 180: attribution looks back 90 days from a conversion by default and the
    /// dashboard's longest period is 90 days, so a lead idle for twice that is in no view.
    /// The engine drops such leads in a sweep at most once per hour of event time (see
    /// `LeadRetention`), so its memory follows the leads active in this window.
    public var leadRetentionDays: Int
    /// How stale the funnel analysis (a pass over every lead) may be before a snapshot
    /// computes it again: 0 (replays, reports) computes it for every snapshot; the live
    /// dashboard uses 1 s, so frames at 10 fps do not each walk 200,000 leads.
    public var analysisRefreshMillis: EpochMillis = 0
    /// Distinct touchpoint channels (and, apart, features) kept for attribution; touches
    /// on further new ones count as channel `other` (`LabelFold`).
    public var maxChannels: Int = EngineConfiguration.defaultMaxChannels
    /// Why 256: real deployments have tens of channels; attribution at 256 stays within
    /// milliseconds (Markov is channels squared), and `other` shows when the cap bites.
    public static let defaultMaxChannels = 256
    /// Threshold alert rules over the engine's own metrics (`--rules FILE`), judged with
    /// the SLO burn-rate tiers at the end of every minute.
    public var alertRules: [ThresholdRule] = []

    public init(slos: [SLODefinition] = SLODefinition.builtIn, maxSeriesPerSLO: Int = 1000,
                maxLeads: Int = 200_000, maxTouchesPerLead: Int = 32, leadRetentionDays: Int = 180) {
        self.slos = slos
        self.maxSeriesPerSLO = maxSeriesPerSLO
        self.maxLeads = maxLeads
        self.maxTouchesPerLead = maxTouchesPerLead
        self.leadRetentionDays = leadRetentionDays
    }
}
