/// One endpoint of the API: its path, what it is for, the parameters it reads, the
/// responses it can give and the call that answers it.
///
/// The router registers exactly these and the OpenAPI document lists exactly these, so
/// the two cannot disagree.
struct Endpoint: Sendable {
    /// With `{name}` for a path parameter: `/api/analytics/slo/{slo_name}`.
    var path: String
    var summary: String
    var description: String
    var parameters: [APIParameter]
    /// The 200 response's content type and what it holds.
    var contentType: String = APIResponse.jsonContentType
    var okDescription: String
    /// Beyond 200 and, when parameters are checked, 400.
    var otherResponses: [Int: String] = [:]
    /// Answered without a bearer token even when the server has one (the Kubernetes
    /// probes: a kubelet sends no headers).
    var open = false
    var respond: @Sendable (EndpointRequest, AnalyticsAnswers) async throws -> APIResponse
}

/// Every endpoint: the original framework's sixteen under `/api/analytics/` (same paths,
/// same query parameters, plus `tenant=` on each), `/metrics` at the root as Prometheus
/// expects, and the OpenAPI document describing them all.
enum AnalyticsEndpoints {
    static let prefix = "/api/analytics"
    static let openAPIPath = prefix + "/openapi.json"

    static let all: [Endpoint] = slo + metrics + health + alerts + funnel + attribution + [openAPI]

    private static let slo: [Endpoint] = [
        Endpoint(path: prefix + "/slo/status", summary: "SLO health summary",
                 description: "Every SLO's status (ok, ticket, page, no_data), SLI, budget left and whole-window burn, "
                    + "and the worst status of them all.",
                 parameters: [.tenant], okDescription: "The summary.") { r, s in try await s.sloStatus(tenant: try r.tenant()) },
        Endpoint(path: prefix + "/slo/report/json", summary: "SLO report as JSON",
                 description: "What `flowtop report slo --format json` prints: every SLO's SLI, budget, burn per window, "
                    + "alert tiers and latency percentiles.",
                 parameters: [.tenant], okDescription: "The report.") { r, s in try await s.sloReportJSON(tenant: try r.tenant()) },
        Endpoint(path: prefix + "/slo/report/markdown", summary: "SLO report as Markdown",
                 description: "What `flowtop report slo --format markdown` prints, for tickets and chat.",
                 parameters: [.tenant], contentType: APIResponse.markdownContentType,
                 okDescription: "The report.") { r, s in try await s.sloReportMarkdown(tenant: try r.tenant()) },
        Endpoint(path: prefix + "/slo/{slo_name}", summary: "One SLO in depth",
                 description: "What `flowtop report slo --name NAME --format json` prints: the SLO, the last hour per "
                    + "minute, the history of the range, the budget burn-down, every tenant and model series, its alerts. "
                    + "An SLO named status cannot be reached here (that path is the summary).",
                 parameters: [.sloName, .series, .range, .tenant], okDescription: "The SLO.",
                 otherResponses: [404: "No SLO of that name (parameter slo_name), or no such series (parameter series)."]) { r, s in
            try await s.slo(try r.sloRequest())
        },
    ]

    private static let metrics: [Endpoint] = [
        prometheus(path: prefix + "/metrics/prometheus", summary: "Prometheus exposition"),
        prometheus(path: "/metrics", summary: "Prometheus exposition (the conventional path)"),
    ]

    private static func prometheus(path: String, summary: String) -> Endpoint {
        Endpoint(path: path, summary: summary,
                 description: "The engine's metrics in the Prometheus text format 0.0.4. With tenant=, only the samples "
                    + "labelled with that tenant and those with no tenant label.",
                 parameters: [.tenant], contentType: "text/plain; version=0.0.4; charset=utf-8",
                 okDescription: "The exposition.") { r, s in
            let tenant = try r.tenant()
            var response = try await s.prometheusMetrics()
            if let tenant { response.body = ExpositionTenantFilter.keeping(tenant: tenant, in: response.body) }
            return response
        }
    }

    private static let health: [Endpoint] = [
        Endpoint(path: prefix + "/health/check", summary: "Full system health",
                 description: "Every health check with its status and detail. Health is the whole process's: "
                    + "tenant= is accepted and changes nothing.",
                 parameters: [.tenant], okDescription: "Healthy or degraded.",
                 otherResponses: [503: "Unhealthy; the body is the same report."]) { r, s in
            _ = try r.tenant()
            return try await s.healthCheck()
        },
        Endpoint(path: prefix + "/health/kubernetes/{probe_type}", summary: "Kubernetes probe",
                 description: "liveness, readiness or startup. Never needs the bearer token: a kubelet sends no headers. "
                    + "tenant= is accepted and changes nothing.",
                 parameters: [.probeType, .tenant], okDescription: "The probe passes; the body is the health report.",
                 otherResponses: [503: "The probe fails; the body is the health report."], open: true) { r, s in
            let probe = try r.probe()
            _ = try r.tenant()
            return try await s.kubernetesProbe(probe)
        },
    ]

    private static let alerts: [Endpoint] = [
        Endpoint(path: prefix + "/alerts/active", summary: "Active alerts",
                 description: "Every pending and firing alert (burn-rate tiers and threshold rules), silenced and "
                    + "acknowledged ones included and marked, with the keys of `flowtop report alerts --format json`.",
                 parameters: [.tenant], okDescription: "The alerts.") { r, s in try await s.activeAlerts(tenant: try r.tenant()) },
        Endpoint(path: prefix + "/alerts/stats", summary: "Alert statistics",
                 description: "By state and severity, fired per SLO, mean time to acknowledge and to resolve, top flapping, "
                    + "over the last day.",
                 parameters: [.tenant], okDescription: "The statistics.") { r, s in
            try await s.alertStatistics(tenant: try r.tenant())
        },
    ]

    private static let funnel: [Endpoint] = [
        Endpoint(path: prefix + "/funnel/snapshot", summary: "Funnel metrics",
                 description: "What `flowtop report funnel --period-days N --format json` prints.",
                 parameters: [.periodDays, .tenant], okDescription: "The funnel.") { r, s in
            try await s.funnelSnapshot(try r.funnelRequest())
        },
        Endpoint(path: prefix + "/funnel/visualization", summary: "Funnel data for a chart",
                 description: "The stages in order with their count, step and overall conversion.",
                 parameters: [.periodDays, .tenant], okDescription: "The stages.") { r, s in
            try await s.funnelVisualization(try r.funnelRequest())
        },
        Endpoint(path: prefix + "/funnel/dropoff", summary: "Drop-off analysis",
                 description: "Per stage: the drop-off to the next split into lost here, stalled and in progress, stalled "
                    + "leads by source, median and p90 time to the next stage and to won.",
                 parameters: [.periodDays, .tenant], okDescription: "The drop-off.") { r, s in
            try await s.funnelDropoff(try r.funnelRequest())
        },
    ]

    private static let attribution: [Endpoint] = [
        attributionEndpoint("/attribution/report", "Full attribution report",
                            "What `flowtop report attribution --model M --period-days N --format json` prints.") {
            try await $1.attributionReport($0)
        },
        attributionEndpoint("/attribution/channels", "Channel comparison",
                            "Revenue, conversions, cost, ROI and ROAS per channel under the model, and under every model.") {
            try await $1.attributionChannels($0)
        },
        attributionEndpoint("/attribution/features", "Feature impact",
                            "Conversion rate and revenue per lead of the leads each feature touched against the rest, "
                                + "the lift and the revenue credited to it.") { try await $1.attributionFeatures($0) },
        attributionEndpoint("/attribution/ai-roi", "AI ROI analysis",
                            "AI spend against the revenue credited to AI-assisted touches, with a headline, per model "
                                + "and per tenant.") { try await $1.attributionAIROI($0) },
    ]

    private static func attributionEndpoint(
        _ path: String, _ summary: String, _ description: String,
        _ call: @escaping @Sendable (AttributionRequest, AnalyticsAnswers) async throws -> APIResponse
    ) -> Endpoint {
        Endpoint(path: prefix + path, summary: summary, description: description,
                 parameters: [.model, .periodDays, .tenant], okDescription: "The analysis.") { r, s in
            try await call(try r.attributionRequest(), s)
        }
    }

    private static let openAPI = Endpoint(
        path: openAPIPath, summary: "This document",
        description: "The OpenAPI 3.1 description of every endpoint.", parameters: [],
        okDescription: "The document.") { _, _ in .json(OpenAPIDocument.json) }
}
