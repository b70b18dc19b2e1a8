/// One SLO as it stands now, for one series (the total, a tenant or a model).
public struct SLOStatus: Sendable, Equatable, Codable {
    public var name: String
    /// The OpenSLO display name, if the SLO file gave one.
    public var displayName: String?
    /// The SLO's short name for narrow columns (`x-flowtop.shortName`), if its file gave one.
    public var shortName: String? = nil
    public var series: SLOSeriesID
    public var objective: Double
    public var window: SLOWindow
    /// Good / total over the whole window; nil when there were no events ("no data").
    public var sli: Double?
    public var good: Int64
    public var total: Int64
    /// 1 - bad / (total x (1 - objective)); not clamped, goes negative. nil with no data.
    public var errorBudgetRemaining: Double?
    /// Burn rate per window (error ratio / (1 - objective)); nil where the window is empty.
    public var burnRates: [BurnWindow: Double]
    /// Burn rate over the whole SLO window; nil with no data.
    public var windowBurn: Double?
    /// One entry per configured tier, fastest first.
    public var alerts: [AlertTierStatus]
    /// Seconds until the remaining budget is spent at the current 1h burn; nil when not burning.
    public var timeToExhaustionSeconds: Double?
    /// SLI per minute over the last hour, oldest first (nil = no events in that minute).
    public var sliSparkline: [Double?]
    /// Burn rate per minute-bucket over the last hour, oldest first.
    public var burnSparkline: [Double?]
    /// Latency percentiles per window (HdrHistogram, display only), for the total series
    /// of SLOs whose events carry a latency; empty otherwise.
    public var percentiles: [PercentileWindow: LatencyPercentiles] = [:]

    public init(name: String, displayName: String? = nil, series: SLOSeriesID = .total, objective: Double,
                window: SLOWindow = .thirtyDays, sli: Double?, good: Int64, total: Int64,
                errorBudgetRemaining: Double?, burnRates: [BurnWindow: Double], windowBurn: Double? = nil,
                alerts: [AlertTierStatus], timeToExhaustionSeconds: Double?, sliSparkline: [Double?],
                burnSparkline: [Double?]) {
        self.name = name
        self.displayName = displayName
        self.series = series
        self.objective = objective
        self.window = window
        self.sli = sli
        self.good = good
        self.total = total
        self.errorBudgetRemaining = errorBudgetRemaining
        self.burnRates = burnRates
        self.windowBurn = windowBurn
        self.alerts = alerts
        self.timeToExhaustionSeconds = timeToExhaustionSeconds
        self.sliSparkline = sliSparkline
        self.burnSparkline = burnSparkline
    }

    /// Nominal window length in days (30 for a calendar month).
    public var windowDays: Int { window.nominalDays }

    /// The most severe firing tier, if any (inhibited tiers don't count). A loop, not
    /// `filter`/`map`/`min`: the "worst first" sorts call it in every comparison, and
    /// the two arrays per call showed in the dashboard's slowest frames.
    public var worstFiring: Severity? {
        var worst: Severity?
        for alert in alerts where alert.firing {
            let severity = alert.tier.severity
            if let current = worst, current <= severity { continue }
            worst = severity
        }
        return worst
    }

    /// The highest burn among the windows of firing-relevant length (for "worst first"
    /// sorting): the largest of the 1h, 6h and 1d burns; nil with no data. No array per
    /// call, as `worstFiring`.
    public var sortBurn: Double? {
        func higher(_ a: Double?, _ b: Double?) -> Double? {
            guard let a else { return b }
            guard let b else { return a }
            return Swift.max(a, b)
        }
        return higher(higher(burnRates[.h1], burnRates[.h6]), burnRates[.d1])
    }
}
