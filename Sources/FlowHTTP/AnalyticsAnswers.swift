import FlowCore
import FlowFormats
import FlowReports

/// Every endpoint's answer, from an `AnalyticsSource`: each takes one snapshot for its
/// query (tenant, funnel period, attribution model and period, SLO detail) and renders it
/// with the report builders, so `/slo/report/json` is byte for byte what
/// `flowtop report slo --format json` prints for the same engine state, and the other
/// endpoints are parts of those reports (`APIDocuments`).
///
/// Parameters arrive checked (`EndpointRequest`); a request that names something that
/// does not exist is an `APIError` 404 naming the valid choices.
///
/// ```swift
/// let answers = AnalyticsAnswers(source: source)
/// try await answers.funnelSnapshot(FunnelRequest(periodDays: 7))   // 200, the funnel report JSON
/// ```
struct AnalyticsAnswers: Sendable {
    let source: any AnalyticsSource

    /// A snapshot with the pass over every lead (funnel, attribution).
    private func answer(_ query: SnapshotQuery,
                        _ render: @escaping @Sendable (EngineSnapshot) throws -> APIResponse) async throws -> APIResponse {
        try await source.render(query, leads: true, render)
    }

    /// The same with SLOs and alerts only: no pass over the leads, which these endpoints do not show.
    private func status(_ query: SnapshotQuery,
                        _ render: @escaping @Sendable (EngineSnapshot) throws -> APIResponse) async throws -> APIResponse {
        try await source.render(query, leads: false, render)
    }

    // MARK: SLOs

    /// `/slo/status`: every SLO's status in a few fields, and the worst of them.
    func sloStatus(tenant: String?) async throws -> APIResponse {
        try await status(SnapshotQuery(tenant: tenant)) { .json(APIDocuments.sloStatus($0)) }
    }

    /// `/slo/report/json`: `flowtop report slo --format json`.
    func sloReportJSON(tenant: String?) async throws -> APIResponse {
        try await status(SnapshotQuery(tenant: tenant)) { .json(renderReport(.slo, snapshot: $0, format: .json)) }
    }

    /// `/slo/report/markdown`: `flowtop report slo --format markdown`.
    func sloReportMarkdown(tenant: String?) async throws -> APIResponse {
        try await status(SnapshotQuery(tenant: tenant)) { .markdown(renderReport(.slo, snapshot: $0, format: .markdown)) }
    }

    /// `/slo/{slo_name}`: one SLO in depth (`flowtop report slo --name`). Series as
    /// `report slo --name` picks it: `tenant:T` for `tenant=T` alone; with both, they must
    /// agree. An unknown SLO, or an explicit series the SLO has never seen, is a 404
    /// naming the valid ones; an unknown tenant alone is an empty series.
    func slo(_ request: SLORequest) async throws -> APIResponse {
        let series: SLOSeriesID
        switch (request.tenant, request.series) {
        case (nil, let s): series = s ?? .total
        case (let t?, nil): series = .tenant(t)
        case (let t?, let s?):
            guard s == .tenant(t) else {
                throw APIError.badParameter("series", "series \(s.label) does not match tenant \(t); give only one of them")
            }
            series = s
        }
        let query = SLODetailQuery(slo: request.name, series: series, range: request.range ?? SLOReportTarget.defaultRange)
        let asked = request.series
        return try await status(SnapshotQuery(tenant: request.tenant, detail: query)) { snap in
            guard let detail = snap.detail else {
                throw APIError.notFound("no SLO named '\(request.name)'; the SLOs are: \(Self.list(snap.slos.map(\.name)))",
                                        parameter: "slo_name")
            }
            let known = detail.breakdown.map(\.series)
            if let asked, asked != .total, !known.contains(asked) {
                throw APIError.notFound(
                    "\(request.name) has no series \(asked.label); its series are: "
                        + Self.list([SLOSeriesID.total.label] + known.map(\.label)),
                    parameter: "series")
            }
            return .json(renderReport(.slo, snapshot: snap, format: .json))
        }
    }

    private static func list(_ items: [String]) -> String {
        let shown = items.prefix(30).joined(separator: ", ")
        return items.count > 30 ? shown + " and \(items.count - 30) more" : shown
    }

    // MARK: Metrics and health

    /// `/metrics/prometheus` and `/metrics`: the Prometheus text exposition.
    func prometheusMetrics() async throws -> APIResponse {
        try await source.renderMetrics { export, context in
            APIResponse(contentType: PrometheusExposition.contentType, body: PrometheusExposition.text(export, context: context))
        }
    }

    /// `/health/check`: 200 while healthy or degraded (the body says which), 503 once
    /// unhealthy, so a load balancer can act on the status alone.
    func healthCheck() async throws -> APIResponse {
        let report = source.health()
        return .json(report.json().rendered(.indented) + "\n", status: report.status == .unhealthy ? 503 : 200)
    }

    /// `/health/kubernetes/{probe_type}`: 200 when the probe passes, else 503, with the
    /// report that decided it. Answered where the request arrives, without a snapshot.
    func kubernetesProbe(_ probe: ProbeKind) async throws -> APIResponse {
        let report = source.health()
        return .json(report.json().rendered(.indented) + "\n", status: report.passes(probe) ? 200 : 503)
    }

    // MARK: Alerts

    /// `/alerts/active`: the pending and firing alerts.
    func activeAlerts(tenant: String?) async throws -> APIResponse {
        try await status(SnapshotQuery(tenant: tenant)) { .json(APIDocuments.activeAlerts($0)) }
    }

    /// `/alerts/stats`: the alert statistics of the last day.
    func alertStatistics(tenant: String?) async throws -> APIResponse {
        try await status(SnapshotQuery(tenant: tenant)) { .json(APIDocuments.alertStatistics($0)) }
    }

    // MARK: Funnel

    private func answer(_ request: FunnelRequest,
                        _ render: @escaping @Sendable (EngineSnapshot) -> APIResponse) async throws -> APIResponse {
        var funnel = FunnelQuery()
        funnel.periodDays = request.periodDays
        return try await answer(SnapshotQuery(tenant: request.tenant, funnel: funnel), render)
    }

    /// `/funnel/snapshot`: `flowtop report funnel --format json`.
    func funnelSnapshot(_ request: FunnelRequest) async throws -> APIResponse {
        try await answer(request) { .json(renderReport(.funnel, snapshot: $0, format: .json)) }
    }

    /// `/funnel/visualization`: the stages in order with both conversion rates.
    func funnelVisualization(_ request: FunnelRequest) async throws -> APIResponse {
        try await answer(request) { .json(APIDocuments.funnelVisualization($0)) }
    }

    /// `/funnel/dropoff`: where leads stop and how long each step takes.
    func funnelDropoff(_ request: FunnelRequest) async throws -> APIResponse {
        try await answer(request) { .json(APIDocuments.funnelDropoff($0)) }
    }

    // MARK: Attribution

    private func answer(_ request: AttributionRequest,
                        _ render: @escaping @Sendable (EngineSnapshot) -> APIResponse) async throws -> APIResponse {
        try await answer(SnapshotQuery(tenant: request.tenant, model: request.model,
                                       attributionPeriodDays: request.periodDays), render)
    }

    /// `/attribution/report`: `flowtop report attribution --format json`.
    func attributionReport(_ request: AttributionRequest) async throws -> APIResponse {
        try await answer(request) { .json(renderReport(.attribution, snapshot: $0, format: .json)) }
    }

    /// `/attribution/channels`: the channels under the model and under every model.
    func attributionChannels(_ request: AttributionRequest) async throws -> APIResponse {
        try await answer(request) { .json(APIDocuments.attributionChannels($0)) }
    }

    /// `/attribution/features`: feature impact.
    func attributionFeatures(_ request: AttributionRequest) async throws -> APIResponse {
        try await answer(request) { .json(APIDocuments.attributionFeatures($0)) }
    }

    /// `/attribution/ai-roi`: AI spend against the revenue it earned.
    func attributionAIROI(_ request: AttributionRequest) async throws -> APIResponse {
        try await answer(request) { .json(APIDocuments.attributionAIROI($0)) }
    }
}
