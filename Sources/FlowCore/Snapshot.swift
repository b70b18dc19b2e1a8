/// Value-type answers of the engine: what the dashboard, the reports and (later) the HTTP
/// API read. A snapshot is computed at one instant for one query and never changes.

/// The burn-rate windows shown everywhere, shortest first.
public enum BurnWindow: String, Sendable, CaseIterable, Hashable, Codable {
    case m5 = "5m", m30 = "30m", h1 = "1h", h2 = "2h", h6 = "6h", d1 = "1d", d3 = "3d"

    public var millis: EpochMillis {
        switch self {
        case .m5: 5 * 60_000
        case .m30: 30 * 60_000
        case .h1: 3_600_000
        case .h2: 2 * 3_600_000
        case .h6: 6 * 3_600_000
        case .d1: 86_400_000
        case .d3: 3 * 86_400_000
        }
    }
}

/// One series of an SLO: the total over every tenant, one tenant, or one AI model.
///
/// Series are separate dimensions (a tenant series counts every model of that tenant);
/// labels past the configured cap share the series labelled `other`.
public enum SLOSeriesID: Sendable, Hashable, Codable {
    case total
    case tenant(String)
    case model(String)

    /// `total`, `tenant:acme`, `model:gpt-4o`: how it appears in reports, the API and keys.
    public var label: String {
        switch self {
        case .total: "total"
        case .tenant(let t): "tenant:\(t)"
        case .model(let m): "model:\(m)"
        }
    }

    /// Parses `label`; nil for anything else.
    public init?(label: String) {
        if label == "total" {
            self = .total
        } else if label.hasPrefix("tenant:"), label.count > 7 {
            self = .tenant(String(label.dropFirst(7)))
        } else if label.hasPrefix("model:"), label.count > 6 {
            self = .model(String(label.dropFirst(6)))
        } else {
            return nil
        }
    }
}

public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case page, ticket

    public static func < (a: Severity, b: Severity) -> Bool { a == .page && b == .ticket }
}

/// One multiwindow burn-rate rule (SRE Workbook, "Alerting on SLOs"): fires when the burn
/// rate over both the long and the short window is strictly above `factor`.
public struct AlertTier: Sendable, Hashable {
    public var severity: Severity
    public var longWindow: BurnWindow
    public var shortWindow: BurnWindow
    public var factor: Double
    /// A disabled tier is listed (so the config is visible) but never fires.
    public var enabled: Bool

    public init(severity: Severity, longWindow: BurnWindow, shortWindow: BurnWindow, factor: Double,
                enabled: Bool = true) {
        self.severity = severity
        self.longWindow = longWindow
        self.shortWindow = shortWindow
        self.factor = factor
        self.enabled = enabled
    }
}

/// Where one alert tier of one series stands.
public enum TierState: String, Sendable, Hashable, Codable {
    /// The condition does not hold (or the long window has too few events to judge).
    case ok
    /// Both windows burn above the factor: this tier alerts.
    case firing
    /// The condition holds, but a faster tier (shorter long window) of the same series
    /// fires, so this one is shown and not sent (the Workbook's inhibition).
    case inhibited
    /// Switched off in the SLO's configuration; never fires.
    case disabled
}

public struct AlertTierStatus: Sendable, Equatable {
    public var tier: AlertTier
    public var state: TierState
    public var longBurn: Double?
    public var shortBurn: Double?
    /// Events in the long window, against the SLO's `minEvents` guard.
    public var longEvents: Int64
    /// The burn condition holds but the long window has fewer than `minEvents` events.
    public var belowMinEvents: Bool

    public init(tier: AlertTier, state: TierState, longBurn: Double?, shortBurn: Double?,
                longEvents: Int64 = 0, belowMinEvents: Bool = false) {
        self.tier = tier
        self.state = state
        self.longBurn = longBurn
        self.shortBurn = shortBurn
        self.longEvents = longEvents
        self.belowMinEvents = belowMinEvents
    }

    /// Firing and not inhibited.
    public var firing: Bool { state == .firing }
}

/// One SLO as it stands now, for one series (the total, a tenant or a model).
public struct SLOStatus: Sendable, Equatable {
    public var name: String
    /// The OpenSLO display name, if the SLO file gave one.
    public var displayName: String?
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

    /// The most severe firing tier, if any (inhibited tiers don't count).
    public var worstFiring: Severity? {
        alerts.filter(\.firing).map(\.tier.severity).min()
    }

    /// The highest burn among the windows of firing-relevant length (for "worst first"
    /// sorting): the largest of the 1h, 6h and 1d burns; nil with no data.
    public var sortBurn: Double? {
        [burnRates[.h1], burnRates[.h6], burnRates[.d1]].compactMap { $0 }.max()
    }
}

/// An active (firing or inhibited) burn-rate alert.
public struct ActiveAlert: Sendable, Equatable {
    public var slo: String
    /// The series it fires on.
    public var series: SLOSeriesID
    public var tier: AlertTier
    public var since: EpochMillis
    public var longBurn: Double
    public var shortBurn: Double
    /// A faster tier of the same series fires: shown, not sent.
    public var inhibited: Bool

    public init(slo: String, series: SLOSeriesID, tier: AlertTier, since: EpochMillis, longBurn: Double,
                shortBurn: Double, inhibited: Bool = false) {
        self.slo = slo
        self.series = series
        self.tier = tier
        self.since = since
        self.longBurn = longBurn
        self.shortBurn = shortBurn
        self.inhibited = inhibited
    }

    /// Compatibility: the tenant for a tenant series, else nil.
    public init(slo: String, tenant: String?, tier: AlertTier, since: EpochMillis, longBurn: Double, shortBurn: Double) {
        self.init(slo: slo, series: tenant.map { .tenant($0) } ?? .total, tier: tier, since: since,
                  longBurn: longBurn, shortBurn: shortBurn)
    }

    /// The tenant of a tenant series; nil for the total and model series.
    public var tenant: String? { if case .tenant(let t) = series { t } else { nil } }
    /// The model of a model series; nil otherwise.
    public var model: String? { if case .model(let m) = series { m } else { nil } }
}

public struct FunnelStageStatus: Sendable, Equatable {
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

public struct FunnelSnapshot: Sendable, Equatable {
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

public struct AttributionRow: Sendable, Equatable {
    public var channel: String
    public var revenue: Double
    /// Conversions credited to the channel (fractional under multi-touch models).
    public var conversions: Double
    /// Touchpoint cost on this channel plus its share of AI spend.
    public var cost: Double
    /// (revenue - cost) / cost; nil when cost is 0.
    public var roi: Double?
    /// Touches on the channel in the period's paths (inside the lookback or not).
    public var touches: Int

    public init(channel: String, revenue: Double, conversions: Double, cost: Double, roi: Double?, touches: Int = 0) {
        self.channel = channel
        self.revenue = revenue
        self.conversions = conversions
        self.cost = cost
        self.roi = roi
        self.touches = touches
    }

    /// Return on ad spend, revenue / cost; nil when cost is 0.
    public var roas: Double? { cost > 0 ? revenue / cost : nil }
    /// Touches on the channel per conversion credited to it; nil with no conversion.
    public var touchesPerConversion: Double? { conversions > 0 ? Double(touches) / conversions : nil }
}

/// One channel under every model, side by side (`revenue[.markov]`...).
public struct ChannelComparison: Sendable, Equatable {
    public var channel: String
    public var touches: Int
    /// Same under every model: touch cost plus the channel's share of AI spend.
    public var cost: Double
    public var revenue: [AttributionModel: Double]
    public var conversions: [AttributionModel: Double]

    public init(channel: String, touches: Int, cost: Double, revenue: [AttributionModel: Double],
                conversions: [AttributionModel: Double]) {
        self.channel = channel
        self.touches = touches
        self.cost = cost
        self.revenue = revenue
        self.conversions = conversions
    }

    /// The channel's row under `model`.
    public func row(_ model: AttributionModel) -> AttributionRow {
        let r = revenue[model] ?? 0
        return AttributionRow(channel: channel, revenue: r, conversions: conversions[model] ?? 0, cost: cost,
                              roi: cost > 0 ? (r - cost) / cost : nil, touches: touches)
    }
}

public struct AttributionSnapshot: Sendable, Equatable {
    public var model: AttributionModel
    /// Highest revenue first.
    public var rows: [AttributionRow]
    public var totalRevenue: Double
    public var totalCost: Double
    /// AI request spend (`ai_request` `cost_usd`) in the same scope and period, split over
    /// channels by AI-assisted touches in `cost`.
    public var aiSpend: Double
    /// The paths ended (won, or last touched) in these last days.
    public var periodDays: Int
    /// Paths in the period and how many converted.
    public var paths: Int
    public var conversions: Int
    /// Every channel of `rows`, in the same order, under every model.
    public var comparison: [ChannelComparison]
    /// Under `model` (linear's per-touch weights for Markov and Shapley).
    public var features: [FeatureImpactRow]
    public var aiROI: AIROISummary
    /// AI ROI under every model, in `AttributionModel.allCases` order.
    public var aiROIByModel: [AIROISummary]
    /// Under `model`, by tenant name.
    public var aiROIByTenant: [TenantAIROI]
    /// The most common converting paths, overall and per channel.
    public var topPaths: ConversionPaths

    public init(model: AttributionModel, rows: [AttributionRow], totalRevenue: Double, totalCost: Double,
                aiSpend: Double, periodDays: Int = 30, paths: Int = 0, conversions: Int = 0,
                comparison: [ChannelComparison] = [], features: [FeatureImpactRow] = [],
                aiROI: AIROISummary? = nil, aiROIByModel: [AIROISummary] = [], aiROIByTenant: [TenantAIROI] = [],
                topPaths: ConversionPaths = ConversionPaths()) {
        self.model = model
        self.rows = rows
        self.totalRevenue = totalRevenue
        self.totalCost = totalCost
        self.aiSpend = aiSpend
        self.periodDays = periodDays
        self.paths = paths
        self.conversions = conversions
        self.comparison = comparison
        self.features = features
        self.aiROI = aiROI ?? AIROISummary(model: model, aiRequestSpend: aiSpend, aiTouchCost: 0, aiAssistedTouches: 0,
                                           attributedRevenue: 0, wonDealsWithAI: 0)
        self.aiROIByModel = aiROIByModel
        self.aiROIByTenant = aiROIByTenant
        self.topPaths = topPaths
    }

    /// The comparison row of `channel`, if it is listed.
    public func comparison(of channel: String) -> ChannelComparison? {
        comparison.first { $0.channel == channel }
    }
}

/// The engine's own counters: what arrived, what was refused and why.
public struct IngestStats: Sendable, Equatable {
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

/// What to look at: a tenant filter (nil = all tenants), the attribution model, and
/// optionally one SLO in depth.
public struct SnapshotQuery: Sendable, Equatable {
    public var tenant: String?
    public var model: AttributionModel
    /// When set, the snapshot carries `detail` for that SLO and series.
    public var detail: SLODetailQuery?
    /// The funnel's period, conversion window and breakdown; its tenant is `tenant`.
    public var funnel: FunnelQuery
    /// Attribution covers the paths that ended (won, or last touched) in these last days.
    public var attributionPeriodDays: Int
    /// Lookback, time-decay half-life, Markov order, channel cap.
    public var attribution: AttributionParameters

    public init(tenant: String? = nil, model: AttributionModel = .linear, detail: SLODetailQuery? = nil,
                funnel: FunnelQuery = FunnelQuery(), attributionPeriodDays: Int = 30,
                attribution: AttributionParameters = AttributionParameters()) {
        self.tenant = tenant
        self.model = model
        self.detail = detail
        self.funnel = funnel
        self.attributionPeriodDays = attributionPeriodDays
        self.attribution = attribution
    }
}

/// Everything one dashboard frame or one report needs, computed at `now`.
public struct EngineSnapshot: Sendable, Equatable {
    public var now: EpochMillis
    public var query: SnapshotQuery
    /// Every tenant seen, sorted, for the tenant filter.
    public var tenants: [String]
    public var slos: [SLOStatus]
    /// Firing alerts, pages first, then oldest first.
    public var alerts: [ActiveAlert]
    public var funnel: FunnelSnapshot
    public var attribution: AttributionSnapshot
    public var ingest: IngestStats
    /// The SLO in depth, when `query.detail` asked for one that exists.
    public var detail: SLODetail?
    /// The funnel over `query.funnel`'s period: what `funnel` summarises, and more.
    public var funnelAnalysis: FunnelAnalysis?
    /// Every alert's lifecycle (burn-rate tiers and threshold rules), silences, statistics.
    public var alerting: AlertingSnapshot = AlertingSnapshot()
    /// How each notifier of `--notify` is doing, in the notify file's order; empty without
    /// notifiers. The engine does not know them: the app fills this where it takes the
    /// snapshot, so the dashboard draws notifiers from the same value as everything else.
    public var notifiers: [NotifierStatus] = []

    public init(now: EpochMillis, query: SnapshotQuery, tenants: [String], slos: [SLOStatus], alerts: [ActiveAlert],
                funnel: FunnelSnapshot, attribution: AttributionSnapshot, ingest: IngestStats,
                detail: SLODetail? = nil, funnelAnalysis: FunnelAnalysis? = nil) {
        self.detail = detail
        self.funnelAnalysis = funnelAnalysis
        self.now = now
        self.query = query
        self.tenants = tenants
        self.slos = slos
        self.alerts = alerts
        self.funnel = funnel
        self.attribution = attribution
        self.ingest = ingest
    }
}
