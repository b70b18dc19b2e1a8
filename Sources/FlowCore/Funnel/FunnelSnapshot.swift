/// One stage of the funnel pane's summary: how many leads got this far, and the share of
/// them that came from the stage before and from the start.
public struct FunnelStageStatus: Sendable, Equatable, Codable {
    public var stage: Stage
    /// Leads that reached this stage or a later one.
    public var count: Int64
    /// count / previous stage's count; nil for the first stage or when the previous is 0.
    public var conversionFromPrevious: Double?
    /// count / lead_created count; nil when there are no leads.
    public var conversionFromStart: Double?

    public init(stage: Stage, count: Int64, conversionFromPrevious: Double?, conversionFromStart: Double?) {
        self.stage = stage
        self.count = count
        self.conversionFromPrevious = conversionFromPrevious
        self.conversionFromStart = conversionFromStart
    }
}

/// The funnel pane's summary (`EngineSnapshot.funnel`): leads per stage with both
/// conversions, leads lost, revenue won. `FunnelAnalysis` holds the whole analysis it is
/// made from.
public struct FunnelSnapshot: Sendable, Equatable, Codable {
    public var stages: [FunnelStageStatus]
    public var lost: Int64
    public var wonRevenue: Double

    public init(stages: [FunnelStageStatus], lost: Int64, wonRevenue: Double) {
        self.stages = stages
        self.lost = lost
        self.wonRevenue = wonRevenue
    }

    /// The pane's summary of an analysis: count and both conversions per stage.
    public init(_ analysis: FunnelAnalysis) {
        stages = analysis.stages.map {
            FunnelStageStatus(stage: $0.stage, count: Int64($0.count), conversionFromPrevious: $0.stepConversion,
                              conversionFromStart: $0.overallConversion)
        }
        lost = Int64(analysis.lost)
        wonRevenue = analysis.wonRevenue
    }
}
