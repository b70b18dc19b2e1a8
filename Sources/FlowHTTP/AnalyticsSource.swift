import FlowCore
import FlowReports

/// What the HTTP API needs from the application: snapshots of the engine, its metrics
/// export and the health report. Three calls; `AnalyticsAnswers` turns them into every
/// endpoint's document with the report builders (FlowReports), so FlowHTTP knows HTTP
/// and documents, and the application only says where the numbers come from.
///
/// Why rendering goes into the source: a snapshot takes the engine's lock and, for the
/// funnel and attribution, a pass over every lead; a large document (every channel
/// under every model) takes a while to build too. The application runs both on a
/// thread of its own with a bound on how many at once (`SnapshotGate`),
/// never on the few cooperative threads the server shares with the notifiers, and may
/// refuse with `APIError` 503 when too many are in flight. A test source can run them
/// inline.
///
/// ```swift
/// struct Inline: AnalyticsSource {
///     let host: EngineHost
///     func render(_ q: SnapshotQuery, leads: Bool, _ body: @escaping @Sendable (EngineSnapshot) throws -> APIResponse) async throws -> APIResponse {
///         try body(leads ? host.snapshot(q) : host.snapshotWithoutLeads(q))
///     }
///     ...
/// }
/// ```
public protocol AnalyticsSource: Sendable {
    /// A snapshot for `query` (without the pass over the leads when `leads` is false:
    /// the SLO and alert endpoints do not show them), rendered by `body`.
    func render(_ query: SnapshotQuery, leads: Bool,
                _ body: @escaping @Sendable (EngineSnapshot) throws -> APIResponse) async throws -> APIResponse
    /// The engine's metrics export and what the process adds to it, rendered by `body`.
    func renderMetrics(_ body: @escaping @Sendable (MetricsExport, ExpositionContext) -> APIResponse) async throws -> APIResponse
    /// Every health check now. Called where the request arrives: it must read only what
    /// never waits (atomics), so a probe is never queued behind snapshots.
    func health() -> HealthReport
}

/// `/slo/{slo_name}?series=&range=&tenant=`: which SLO, which series, how much history.
public struct SLORequest: Sendable, Equatable {
    public var name: String
    /// nil: `tenant:T` when a tenant is given, else the total.
    public var series: SLOSeriesID?
    /// nil: the report's default (6h).
    public var range: SLOHistoryRange?
    public var tenant: String?

    public init(name: String, series: SLOSeriesID? = nil, range: SLOHistoryRange? = nil, tenant: String? = nil) {
        self.name = name
        self.series = series
        self.range = range
        self.tenant = tenant
    }
}

/// `/funnel/*?period_days=&tenant=`: the leads created in the last `periodDays`.
public struct FunnelRequest: Sendable, Equatable {
    public var periodDays: Int
    public var tenant: String?

    public init(periodDays: Int = 30, tenant: String? = nil) {
        self.periodDays = periodDays
        self.tenant = tenant
    }
}

/// `/attribution/*?model=&period_days=&tenant=`: the journeys that ended in the last
/// `periodDays`, credited under `model`.
public struct AttributionRequest: Sendable, Equatable {
    public var model: AttributionModel
    public var periodDays: Int
    public var tenant: String?

    public init(model: AttributionModel = .linear, periodDays: Int = 30, tenant: String? = nil) {
        self.model = model
        self.periodDays = periodDays
        self.tenant = tenant
    }
}
