/// The funnel of one cohort of leads: per stage counts, conversions, where leads drop off,
/// how long they take, and a breakdown by source or tenant. Built by `FunnelAnalyzer`;
/// every definition is in docs/funnel.md.
///
/// Ratios are nil, never 0, when their denominator is 0, so an empty funnel shows "–".
///
/// ```swift
/// let funnel = FunnelAnalyzer.analyze(leads, query: FunnelQuery(), now: now)
/// funnel.stages[1].stepConversion      // contacted / lead_created
/// funnel.stage(.won)?.timeToNext       // nil: there is no step after won
/// funnel.stages[0].timeToWon?.median   // the median sales cycle, in ms
/// ```
public struct FunnelAnalysis: Sendable, Equatable, Codable {
    public var query: FunnelQuery
    public var now: EpochMillis
    /// The oldest creation time in the period: `now - periodDays days`.
    public var periodStart: EpochMillis
    /// Leads created in the period (of the query's tenant): the `lead_created` count.
    public var leadCount: Int
    /// The six stages of `Stage.funnel`, in order.
    public var stages: [FunnelStageAnalysis]
    /// Lost leads: the sum of `lostHere` over the stages.
    public var lost: Int
    /// Revenue of the leads counted as won.
    public var wonRevenue: Double
    /// Empty for `.none`; otherwise at most `breakdownLimit` rows, most leads first, and
    /// an `other` row last when there were more labels.
    public var breakdown: [FunnelBreakdownRow]

    /// The analysis of one funnel stage; nil for `lost`, which is an exit, not a stage.
    public func stage(_ stage: Stage) -> FunnelStageAnalysis? {
        stages.first { $0.stage == stage }
    }
}

/// One funnel stage of a `FunnelAnalysis`. "Next" is the following stage of `Stage.funnel`;
/// `won` has none, so its drop-off is 0 and its rate, time to next and time to won are nil.
public struct FunnelStageAnalysis: Sendable, Equatable, Codable {
    public var stage: Stage
    /// Leads that reached this stage or passed it (within the conversion window).
    public var count: Int
    /// count / the previous stage's count; nil for `lead_created` or when that count is 0.
    public var stepConversion: Double?
    /// count / the `lead_created` count; nil when there are no leads.
    public var overallConversion: Double?
    /// Leads that reached this stage but not the next: `lostHere + stalled + inProgress`.
    public var dropOff: Int
    /// dropOff / count; nil for `won` or when count is 0.
    public var dropOffRate: Double?
    /// Lost leads whose highest stage was this one.
    public var lostHere: Int
    /// Open leads whose highest stage is this one and that have not changed stage for more
    /// than `stalledAfterDays`.
    public var stalled: Int
    /// The stalled leads by source, most first (ties by name), capped like the breakdown.
    public var stalledBySource: [FunnelLabelCount]
    /// Open leads whose highest stage is this one that are not stalled.
    public var inProgress: Int
    /// From reaching this stage to reaching the next, over the leads that did both.
    public var timeToNext: FunnelDurationStats?
    /// From reaching this stage to `won`, over the won leads.
    public var timeToWon: FunnelDurationStats?
}

/// Median and 90th percentile of durations in milliseconds, by nearest rank: the value at
/// 1-based rank ceil(p/100 x samples) in ascending order, always an observed duration.
public struct FunnelDurationStats: Sendable, Equatable, Codable {
    public var samples: Int
    public var median: Int64
    public var p90: Int64

    public init(samples: Int, median: Int64, p90: Int64) {
        self.samples = samples
        self.median = median
        self.p90 = p90
    }
}

/// A breakdown label: one source or tenant, or the remainder past the row cap.
public enum FunnelLabel: Sendable, Hashable, Codable {
    case named(String)
    /// The labels past the cap, summed; `labels` says how many.
    case other(labels: Int)

    /// What a table shows: the name, or `other`.
    public var text: String {
        switch self {
        case .named(let name): name
        case .other: "other"
        }
    }
}

/// A count under a label, e.g. stalled leads of one source.
public struct FunnelLabelCount: Sendable, Equatable, Codable {
    public var label: FunnelLabel
    public var count: Int

    public init(label: FunnelLabel, count: Int) {
        self.label = label
        self.count = count
    }
}

/// The funnel of one source or tenant (or of the `other` remainder).
public struct FunnelBreakdownRow: Sendable, Equatable, Codable {
    public var label: FunnelLabel
    /// Leads created in the period: `counts[0]`.
    public var leads: Int
    /// Indexed like `Stage.funnel`.
    public var counts: [Int]
    public var stepConversions: [Double?]
    public var overallConversions: [Double?]
    public var lost: Int
    public var wonRevenue: Double
}
