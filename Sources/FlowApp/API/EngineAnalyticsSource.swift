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

    private func snapshot(_ query: SnapshotQuery) async throws -> EngineSnapshot {
        let host = self.host
        return try await gate.run { host.snapshot(query) }
    }

    /// SLOs and alerts only: no pass over the leads, which these endpoints do not show.
    private func statusSnapshot(_ query: SnapshotQuery) async throws -> EngineSnapshot {
        let host = self.host
        return try await gate.run { host.snapshotWithoutLeads(query) }
    }

    // MARK: SLOs

    func sloStatus(tenant: String?) async throws -> APIResponse {
        .json(APIDocuments.sloStatus(try await statusSnapshot(SnapshotQuery(tenant: tenant))))
    }

    func sloReportJSON(tenant: String?) async throws -> APIResponse {
        .json(renderReport(.slo, snapshot: try await statusSnapshot(SnapshotQuery(tenant: tenant)), format: .json))
    }

    func sloReportMarkdown(tenant: String?) async throws -> APIResponse {
        .markdown(renderReport(.slo, snapshot: try await statusSnapshot(SnapshotQuery(tenant: tenant)), format: .markdown))
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
        let snap = try await statusSnapshot(SnapshotQuery(tenant: request.tenant, detail: query))
        guard let detail = snap.detail else {
            throw APIError.notFound("no SLO named '\(request.name)'; the SLOs are: \(list(snap.slos.map(\.name)))",
                                    parameter: "slo_name")
        }
        let known = detail.breakdown.map(\.series)
        if let asked = request.series, asked != .total, !known.contains(asked) {
            throw APIError.notFound(
                "\(request.name) has no series \(asked.label); its series are: \(list([SLOSeriesID.total.label] + known.map(\.label)))",
                parameter: "series")
        }
        return .json(renderReport(.slo, snapshot: snap, format: .json))
    }

    private func list(_ items: [String]) -> String {
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
        let health = self.health
        let report = try await runOnThread { health.report() }
        return .json(report.json().serialized() + "\n", status: report.status == .unhealthy ? 503 : 200)
    }

    func kubernetesProbe(_ probe: KubernetesProbe) async throws -> APIResponse {
        let (health, kind) = (self.health, ProbeKind(probe))
        let (ok, report) = try await runOnThread { health.probe(kind) }
        return .json(report.json().serialized() + "\n", status: ok ? 200 : 503)
    }

    // MARK: Alerts

    func activeAlerts(tenant: String?) async throws -> APIResponse {
        .json(APIDocuments.activeAlerts(try await statusSnapshot(SnapshotQuery(tenant: tenant))))
    }

    func alertStatistics(tenant: String?) async throws -> APIResponse {
        .json(APIDocuments.alertStatistics(try await statusSnapshot(SnapshotQuery(tenant: tenant))))
    }

    // MARK: Funnel

    private func snapshot(_ request: FunnelRequest) async throws -> EngineSnapshot {
        var funnel = FunnelQuery()
        funnel.periodDays = request.periodDays
        return try await snapshot(SnapshotQuery(tenant: request.tenant, funnel: funnel))
    }

    func funnelSnapshot(_ request: FunnelRequest) async throws -> APIResponse {
        .json(renderReport(.funnel, snapshot: try await snapshot(request), format: .json))
    }

    func funnelVisualization(_ request: FunnelRequest) async throws -> APIResponse {
        .json(APIDocuments.funnelVisualization(try await snapshot(request)))
    }

    func funnelDropoff(_ request: FunnelRequest) async throws -> APIResponse {
        .json(APIDocuments.funnelDropoff(try await snapshot(request)))
    }

    // MARK: Attribution

    private func snapshot(_ request: AttributionRequest) async throws -> EngineSnapshot {
        try await snapshot(SnapshotQuery(tenant: request.tenant, model: request.model,
                                         attributionPeriodDays: request.periodDays))
    }

    func attributionReport(_ request: AttributionRequest) async throws -> APIResponse {
        .json(renderReport(.attribution, snapshot: try await snapshot(request), format: .json))
    }

    func attributionChannels(_ request: AttributionRequest) async throws -> APIResponse {
        .json(APIDocuments.attributionChannels(try await snapshot(request)))
    }

    func attributionFeatures(_ request: AttributionRequest) async throws -> APIResponse {
        .json(APIDocuments.attributionFeatures(try await snapshot(request)))
    }

    func attributionAIROI(_ request: AttributionRequest) async throws -> APIResponse {
        .json(APIDocuments.attributionAIROI(try await snapshot(request)))
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
