import FlowCore
import FlowHTTP

/// The HTTP API's answers, from the live engine: each endpoint takes one snapshot for
/// its query (tenant, funnel period, attribution model and period, SLO detail) and
/// renders it with the report builders, so `/slo/report/json` is byte for byte what
/// `flowtop report slo --format json` prints for the same engine state, and the other
/// endpoints are parts of those reports (`APIDocuments`).
///
/// Snapshots take the engine's lock and, for the funnel and attribution, a pass over
/// every lead (tens of milliseconds with many leads), so they run on a thread of their
/// own (`runOnThread`, at most four at once: `SnapshotGate`), never on the few cooperative threads the HTTP server shares
/// with the notifiers and the socket.
///
/// ```swift
/// let source = EngineAnalyticsSource(host: host, health: health, exposition: { ExpositionContext(startedAt: start) })
/// try await source.funnelSnapshot(FunnelRequest(periodDays: 7))   // 200, the funnel report JSON
/// ```
struct EngineAnalyticsSource: AnalyticsSource {
    let host: EngineHost
    let health: HealthMonitor
    /// What `/metrics` adds to the engine's counters, read at each scrape.
    let exposition: @Sendable () -> ExpositionContext
    /// Bounds the snapshots and scrapes computed at once (503 beyond).
    var gate = SnapshotGate()

    /// A snapshot for `query`, rendered by `render`, both on the gate's thread: a large
    /// document (every channel under every model) is built off the cooperative threads,
    /// which the probes and the notifiers need.
    private func answer(_ query: SnapshotQuery,
                        _ render: @escaping @Sendable (EngineSnapshot) throws -> APIResponse) async throws -> APIResponse {
        let host = self.host
        return try await gate.run { try render(host.snapshot(query)) }
    }

    /// The same with SLOs and alerts only: no pass over the leads, which these endpoints do not show.
    private func status(_ query: SnapshotQuery,
                        _ render: @escaping @Sendable (EngineSnapshot) throws -> APIResponse) async throws -> APIResponse {
        let host = self.host
        return try await gate.run { try render(host.snapshotWithoutLeads(query)) }
    }

    // MARK: SLOs

    func sloStatus(tenant: String?) async throws -> APIResponse {
        try await status(SnapshotQuery(tenant: tenant)) { .json(APIDocuments.sloStatus($0)) }
    }

    func sloReportJSON(tenant: String?) async throws -> APIResponse {
        try await status(SnapshotQuery(tenant: tenant)) { .json(renderReport(.slo, snapshot: $0, format: .json)) }
    }

    func sloReportMarkdown(tenant: String?) async throws -> APIResponse {
        try await status(SnapshotQuery(tenant: tenant)) { .markdown(renderReport(.slo, snapshot: $0, format: .markdown)) }
    }

    /// Series as `report slo --name` picks it: `tenant:T` for `tenant=T` alone; with both,
    /// they must agree. An unknown SLO, or an explicit series the SLO has never seen, is
    /// a 404 naming the valid ones; an unknown tenant alone is an empty series.
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

    func prometheusMetrics() async throws -> APIResponse {
        let (host, context) = (self.host, exposition())
        let text = try await gate.run { PrometheusExposition.text(host: host, context: context) }
        return APIResponse(contentType: PrometheusExposition.contentType, body: text)
    }

    /// 200 while healthy or degraded (the body says which), 503 once unhealthy, so a
    /// load balancer can act on the status alone.
    func healthCheck() async throws -> APIResponse {
        let report = health.report()
        return .json(report.json().rendered(.indented) + "\n", status: report.status == .unhealthy ? 503 : 200)
    }

    /// Answered where the request arrives, without a thread or the gate: the checks read
    /// atomics and never wait (`HealthMonitor`), so a probe is never queued behind
    /// snapshots, however busy the API is.
    func kubernetesProbe(_ probe: KubernetesProbe) async throws -> APIResponse {
        let (ok, report) = health.probe(ProbeKind(probe))
        return .json(report.json().rendered(.indented) + "\n", status: ok ? 200 : 503)
    }

    // MARK: Alerts

    func activeAlerts(tenant: String?) async throws -> APIResponse {
        try await status(SnapshotQuery(tenant: tenant)) { .json(APIDocuments.activeAlerts($0)) }
    }

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

    func funnelSnapshot(_ request: FunnelRequest) async throws -> APIResponse {
        try await answer(request) { .json(renderReport(.funnel, snapshot: $0, format: .json)) }
    }

    func funnelVisualization(_ request: FunnelRequest) async throws -> APIResponse {
        try await answer(request) { .json(APIDocuments.funnelVisualization($0)) }
    }

    func funnelDropoff(_ request: FunnelRequest) async throws -> APIResponse {
        try await answer(request) { .json(APIDocuments.funnelDropoff($0)) }
    }

    // MARK: Attribution

    private func answer(_ request: AttributionRequest,
                        _ render: @escaping @Sendable (EngineSnapshot) -> APIResponse) async throws -> APIResponse {
        try await answer(SnapshotQuery(tenant: request.tenant, model: request.model,
                                       attributionPeriodDays: request.periodDays), render)
    }

    func attributionReport(_ request: AttributionRequest) async throws -> APIResponse {
        try await answer(request) { .json(renderReport(.attribution, snapshot: $0, format: .json)) }
    }

    func attributionChannels(_ request: AttributionRequest) async throws -> APIResponse {
        try await answer(request) { .json(APIDocuments.attributionChannels($0)) }
    }

    func attributionFeatures(_ request: AttributionRequest) async throws -> APIResponse {
        try await answer(request) { .json(APIDocuments.attributionFeatures($0)) }
    }

    func attributionAIROI(_ request: AttributionRequest) async throws -> APIResponse {
        try await answer(request) { .json(APIDocuments.attributionAIROI($0)) }
    }
}

extension ProbeKind {
    init(_ probe: KubernetesProbe) {
        switch probe {
        case .liveness: self = .liveness
        case .readiness: self = .readiness
        case .startup: self = .startup
        }
    }
}
