import FlowCore

/// What the HTTP API asks of the application: one method per endpoint of the original
/// framework's router (`/api/analytics/...`), each taking parameters already checked
/// (`tenant` 1-128 characters, `period_days` 1-3650, a known `model`...) and answering
/// with a finished document.
///
/// Why a protocol: FlowHTTP knows paths, parameters, auth and errors; what an endpoint
/// says comes from the engine and the report builders, which live in FlowApp. FlowApp's
/// `EngineAnalyticsSource` implements this; tests can give a fake.
///
/// A method throws `APIError` for a request that names something that does not exist
/// (`APIError.notFound(..., parameter: "slo_name")`); any other error is a 500.
///
/// ```swift
/// let server = try AnalyticsHTTPServer(configuration: .init(address: address), source: source, logger: logger)
/// // GET /api/analytics/funnel/snapshot?period_days=7&tenant=acme calls
/// try await source.funnelSnapshot(FunnelRequest(periodDays: 7, tenant: "acme"))
/// ```
public protocol AnalyticsSource: Sendable {
    /// `/slo/status`: every SLO's status in a few fields, and the worst of them.
    func sloStatus(tenant: String?) async throws -> APIResponse
    /// `/slo/{slo_name}`: one SLO in depth (`flowtop report slo --name`).
    func slo(_ request: SLORequest) async throws -> APIResponse
    /// `/slo/report/json`: `flowtop report slo --format json`.
    func sloReportJSON(tenant: String?) async throws -> APIResponse
    /// `/slo/report/markdown`: `flowtop report slo --format markdown`.
    func sloReportMarkdown(tenant: String?) async throws -> APIResponse
    /// `/metrics/prometheus` and `/metrics`: the Prometheus text exposition.
    func prometheusMetrics() async throws -> APIResponse
    /// `/health/check`: every health check.
    func healthCheck() async throws -> APIResponse
    /// `/health/kubernetes/{probe_type}`: 200 when the probe passes, else 503.
    func kubernetesProbe(_ probe: KubernetesProbe) async throws -> APIResponse
    /// `/alerts/active`: the pending and firing alerts.
    func activeAlerts(tenant: String?) async throws -> APIResponse
    /// `/alerts/stats`: the alert statistics of the last day.
    func alertStatistics(tenant: String?) async throws -> APIResponse
    /// `/funnel/snapshot`: `flowtop report funnel --format json`.
    func funnelSnapshot(_ request: FunnelRequest) async throws -> APIResponse
    /// `/funnel/visualization`: the stages in order with both conversion rates.
    func funnelVisualization(_ request: FunnelRequest) async throws -> APIResponse
    /// `/funnel/dropoff`: where leads stop and how long each step takes.
    func funnelDropoff(_ request: FunnelRequest) async throws -> APIResponse
    /// `/attribution/report`: `flowtop report attribution --format json`.
    func attributionReport(_ request: AttributionRequest) async throws -> APIResponse
    /// `/attribution/channels`: the channels under the model and under every model.
    func attributionChannels(_ request: AttributionRequest) async throws -> APIResponse
    /// `/attribution/features`: feature impact.
    func attributionFeatures(_ request: AttributionRequest) async throws -> APIResponse
    /// `/attribution/ai-roi`: AI spend against the revenue it earned.
    func attributionAIROI(_ request: AttributionRequest) async throws -> APIResponse
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

/// The probes a kubelet calls: `/health/kubernetes/liveness` and so on.
public enum KubernetesProbe: String, Sendable, CaseIterable {
    case liveness, readiness, startup
}
