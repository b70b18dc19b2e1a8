/// Everything `/metrics` exports, read from the engine at one instant: the counters of the
/// original framework's tracking calls, the engine's intake, and every SLO series' windows.
///
/// Why one value: a scrape takes it under `EngineHost`'s lock once, then formats it without
/// the lock, so ingest waits only for the copy and every number in one scrape agrees with
/// the others (a burn rate and the counts it came from are read at the same `now`).
/// Series are sorted by their labels, so the same engine always exports the same text.
/// An empty label value (`scenario` of a request that named none) means "no such label".
///
/// ```swift
/// let export = host.metrics()
/// export.aiRequests.reduce(0) { $0 + $1.requests }   // every ai_request applied
/// export.slos[0].series[0].burnRates[.h1]            // the total's 1h burn rate
/// ```
public struct MetricsExport: Sendable, Equatable {
    /// The instant every window and age is computed at.
    public var now: EpochMillis
    public var ingest: IngestStats
    /// The newest event time applied (events carry their own `ts`): how far behind `now`
    /// the data is.
    public var newestEventTime: EpochMillis?
    /// Distinct tenants seen, `other` included.
    public var tenants: Int
    public var caps: MetricLabelCaps
    /// Events counted under `other` for a label because its cap was reached.
    public var foldedEvents: [MetricLabel: Int64]
    /// Events counted in a family's all-`other` series because it held the most series.
    public var foldedSeriesEvents: [MetricFamily: Int64]
    public var leadsCreated: [LeadsCreatedSeries]
    public var aiRequests: [AIRequestSeries]
    public var aiResponseLatency: [AIResponseLatencySeries]
    public var messagesSent: [MessagesSentSeries]
    public var messageProcessing: [MessageProcessingSeries]
    /// In configuration order.
    public var slos: [SLOMetrics]
}

/// The families of counters the engine keeps for export, one per tracking call.
public enum MetricFamily: String, Sendable, CaseIterable, Hashable, Codable {
    case leadsCreated = "leads_created"
    case aiRequests = "ai_requests"
    case aiResponseLatency = "ai_response_latency"
    case messagesSent = "messages_sent"
    case messageProcessing = "message_processing"
}

/// `lead_created` events.
public struct LeadsCreatedSeries: Sendable, Equatable {
    public var source: String
    public var tenant: String
    public var count: Int64
}

/// `ai_request` events: how many, their tokens and cost, and the durations they reported
/// (requests without `duration_seconds`, or with 0, are not in `duration`).
public struct AIRequestSeries: Sendable, Equatable {
    public var provider: String
    public var model: String
    public var scenario: String
    public var tenant: String
    public var success: Bool
    public var requests: Int64
    public var tokensInput: Int64
    public var tokensOutput: Int64
    public var costUSD: Double
    public var duration: HistogramSnapshot
}

/// `ai_response_latency` events, in seconds.
public struct AIResponseLatencySeries: Sendable, Equatable {
    public var model: String
    public var tenant: String
    public var latency: HistogramSnapshot
}

/// `message_sent` events.
public struct MessagesSentSeries: Sendable, Equatable {
    public var channel: String
    public var messageType: String
    public var tenant: String
    public var count: Int64
}

/// `message_processing_latency` events, in seconds.
public struct MessageProcessingSeries: Sendable, Equatable {
    public var channel: String
    public var tenant: String
    public var success: Bool
    public var latency: HistogramSnapshot
}

/// One SLO's series, for export.
public struct SLOMetrics: Sendable, Equatable {
    public var name: String
    public var objective: Double
    public var window: SLOWindow
    /// Events counted in an `other` series because a cap was reached (`SLODetail`'s too).
    public var overflowEvents: Int64
    /// The total first, then tenants, then models, each sorted by name.
    public var series: [SLOSeriesMetrics]
}

/// One series of an SLO at `now`: counts since start, per burn window and over the SLO
/// window, and what the engine derives from them.
///
/// The burn rates are `ErrorBudget.burnRate` of `windows` and `period`, the very numbers
/// `SLOStatus` shows; so `(1 - good / total) / (1 - objective)` over the exported window
/// counts gives the exported burn rate (up to floating-point rounding).
public struct SLOSeriesMetrics: Sendable, Equatable {
    public var series: SLOSeriesID
    /// Every event the SLO judged since the engine started, whatever its timestamp:
    /// monotonic, for `rate()` and `increase()`.
    public var cumulative: SLICounts
    /// Per burn window, the events in (now - window, now], the oldest minute weighted by
    /// the share of it inside (so fractions of events).
    public var windows: [BurnWindow: WindowCounts]
    /// nil where the window is empty.
    public var burnRates: [BurnWindow: Double]
    /// Over the SLO window, by the same rule over hours (`SLOStatus.good` and `total` are
    /// these rounded).
    public var period: WindowCounts
    public var periodBurnRate: Double?
    public var errorBudgetRemaining: Double?
}
