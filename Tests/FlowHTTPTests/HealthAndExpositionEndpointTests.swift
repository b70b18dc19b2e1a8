import FlowCore
import FlowFormats
import FlowReports

import FlowTestKit
import Foundation
import Testing

@testable import FlowHTTP

/// `/metrics`, `/metrics/prometheus` and the health endpoints: the exposition and the
/// health monitor's verdicts, with the status codes a scraper or a kubelet acts on.
@Suite("HTTP API: metrics and health endpoints")
struct HealthAndExpositionEndpointTests {
    @Test func bothMetricsPathsServeTheExposition() async throws {
        let host = APIFixture.host()
        try await APIServerHarness.withServer(host: host) { client in
            let expected = PrometheusExposition.text(host: host, context: ExpositionContext(startedAt: APIFixture.burst))
            for path in ["/metrics", "/api/analytics/metrics/prometheus"] {
                let reply = try await client.get(path)
                #expect(reply.status == 200, "\(path)")
                #expect(reply.contentType == "text/plain; version=0.0.4; charset=utf-8", "\(path)")
                #expect(reply.body == expected, "\(path)")
            }
            #expect(expected.contains("tenant=\"acme\"") && expected.contains("tenant=\"globex\""))
        }
    }

    @Test func tenantKeepsThatTenantsSamplesAndTheUnlabelledOnes() async throws {
        try await APIServerHarness.withServer { client in
            let all = try await client.get("/metrics").body
            let acme = try await client.get("/api/analytics/metrics/prometheus?tenant=acme").body
            #expect(acme.contains("tenant=\"acme\"") && !acme.contains("tenant=\"globex\""))
            let unlabelled = all.split(separator: "\n").filter { !$0.contains("tenant=") }
            #expect(acme.split(separator: "\n").filter { !$0.contains("tenant=") } == unlabelled)
            #expect(acme.split(separator: "\n").filter { $0.contains("tenant=\"acme\"") }
                == all.split(separator: "\n").filter { $0.contains("tenant=\"acme\"") })
        }
    }

    @Test func healthCheckIsTheSourcesReport() async throws {
        let degraded = HealthReport(
            status: .degraded,
            checks: [HealthCheckResult(name: "ingest_socket", status: .healthy, detail: "listening on /tmp/s.sock, 0 clients"),
                     HealthCheckResult(name: "last_event", status: .degraded, detail: "no event for 20m")],
            checkedAt: APIFixture.now)
        try await APIServerHarness.withServer(health: degraded) { client in
            let reply = try await client.get("/api/analytics/health/check")
            #expect(reply.status == 200)
            #expect(reply.contentType == "application/json; charset=utf-8")
            #expect(reply.body == degraded.json().rendered(.indented) + "\n")
            let body = try reply.json()
            #expect(body["status"] as? String == "degraded")
            #expect((body["checks"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["ingest_socket", "last_event"])
        }
    }

    /// A socket that never listened: the startup and readiness probes fail (503),
    /// liveness passes, and the body says why either way.
    @Test func probesAnswer503WhenTheReportSaysTheyFail() async throws {
        let unhealthy = HealthReport(
            status: .unhealthy,
            checks: [HealthCheckResult(name: "ingest_socket", status: .unhealthy, detail: "not listening")],
            checkedAt: APIFixture.now, failingProbes: [.startup, .readiness])
        try await APIServerHarness.withServer(health: unhealthy) { client in
            for probe in ProbeKind.allCases {
                let reply = try await client.get("/api/analytics/health/kubernetes/\(probe.rawValue)")
                #expect(reply.status == (unhealthy.passes(probe) ? 200 : 503), "\(probe)")
                #expect(try reply.json()["checks"] is [Any], "\(probe)")
            }
            #expect(try await client.get("/api/analytics/health/kubernetes/startup").status == 503)
            #expect(try await client.get("/api/analytics/health/kubernetes/readiness").status == 503)
            #expect(try await client.get("/api/analytics/health/kubernetes/liveness").status == 200)
            #expect(try await client.get("/api/analytics/health/check").status == 503)
        }
    }
}
