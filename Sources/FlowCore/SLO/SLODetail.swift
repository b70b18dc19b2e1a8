/// The time ranges of the SLO detail chart (keys `1`-`5` on the dashboard).
public enum SLOHistoryRange: Int, Sendable, CaseIterable, Hashable, Codable {
    case h1 = 1, h6, d1, d3, d30

    /// `1h`, `6h`, `1d`, `3d`, `30d`.
    public var label: String {
        switch self {
        case .h1: "1h"
        case .h6: "6h"
        case .d1: "1d"
        case .d3: "3d"
        case .d30: "30d"
        }
    }

    public init?(label: String) {
        guard let r = SLOHistoryRange.allCases.first(where: { $0.label == label }) else { return nil }
        self = r
    }

    /// How far back the chart reaches.
    public var spanMillis: EpochMillis {
        switch self {
        case .h1: 3_600_000
        case .h6: 6 * 3_600_000
        case .d1: 86_400_000
        case .d3: 3 * 86_400_000
        case .d30: 30 * 86_400_000
        }
    }

    /// One chart point per bucket of this size: fine enough for a wide terminal, never
    /// more than 720 points.
    public var bucketMillis: EpochMillis {
        switch self {
        case .h1, .h6: 60_000
        case .d1, .d3: 15 * 60_000
        case .d30: 3_600_000
        }
    }

    public var pointCount: Int { Int(spanMillis / bucketMillis) }
}

/// SLI and burn rate of one series over a range, one point per bucket, oldest first.
///
/// Each point is a traffic-weighted ratio over its bucket (bad / all events in it), so a
/// quiet bucket is "no data" (nil), never 100%.
public struct SLOHistory: Sendable, Equatable, Codable {
    public var range: SLOHistoryRange
    /// Start of the first bucket.
    public var start: EpochMillis
    public var bucketMillis: EpochMillis
    public var counts: [SLICounts]
    public var sli: [Double?]
    public var burn: [Double?]

    public init(range: SLOHistoryRange, start: EpochMillis, bucketMillis: EpochMillis, counts: [SLICounts],
                sli: [Double?], burn: [Double?]) {
        self.range = range
        self.start = start
        self.bucketMillis = bucketMillis
        self.counts = counts
        self.sli = sli
        self.burn = burn
    }
}

/// How the error budget of the current window was spent: the budget left after each step
/// from the window's start to now, counting the bad events up to that step against all
/// events of the window so far. Starts at 1 (100%), ends at the budget left now.
public struct SLOBurnDown: Sendable, Equatable, Codable {
    public var start: EpochMillis
    public var stepMillis: EpochMillis
    /// nil before the first event of the window.
    public var remaining: [Double?]

    public init(start: EpochMillis, stepMillis: EpochMillis, remaining: [Double?]) {
        self.start = start
        self.stepMillis = stepMillis
        self.remaining = remaining
    }
}

/// Everything the SLO detail view (and `report slo`) shows for one SLO and one series.
public struct SLODetail: Sendable, Equatable, Codable {
    /// The selected series, with sparklines.
    public var status: SLOStatus
    public var history: SLOHistory
    public var burnDown: SLOBurnDown
    /// Every series of the SLO but the total: tenants, then models, each by label (the
    /// view re-sorts as the user asks). Rows carry no sparklines.
    public var breakdown: [SLOStatus]
    /// The configured cap on tenant (and on model) series; labels past it count in `other`.
    public var seriesCap: Int
    /// Events counted in an `other` series because the cap was reached.
    public var overflowEvents: Int64
    /// Alerts of this SLO on any series, firing first.
    public var alerts: [ActiveAlert]

    public init(status: SLOStatus, history: SLOHistory, burnDown: SLOBurnDown, breakdown: [SLOStatus],
                seriesCap: Int, overflowEvents: Int64, alerts: [ActiveAlert]) {
        self.status = status
        self.history = history
        self.burnDown = burnDown
        self.breakdown = breakdown
        self.seriesCap = seriesCap
        self.overflowEvents = overflowEvents
        self.alerts = alerts
    }
}

/// Which SLO detail to compute with a snapshot.
public struct SLODetailQuery: Sendable, Hashable, Codable {
    public var slo: String
    public var series: SLOSeriesID
    public var range: SLOHistoryRange

    public init(slo: String, series: SLOSeriesID = .total, range: SLOHistoryRange = .h6) {
        self.slo = slo
        self.series = series
        self.range = range
    }
}
