import FlowCore
import FlowHTTP
import FlowIngest
import FlowTestKit
import Foundation
import Testing

@testable import FlowApp

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

    @Test func healthCheckIsTheMonitorsReport() async throws {
        let host = APIFixture.host()
        let monitor = HealthMonitor(host: host, server: nil, notifiers: nil)
        try await APIServerHarness.withServer(host: host, health: monitor) { client in
            let reply = try await client.get("/api/analytics/health/check")
            let report = monitor.report()
            #expect(reply.status == (report.status == .unhealthy ? 503 : 200))
            #expect(reply.contentType == "application/json; charset=utf-8")
            let body = try reply.json()
            #expect(body["status"] as? String == report.status.rawValue)
            #expect((body["checks"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == report.checks.map(\.name))
        }
    }

    /// A socket that never listened: the startup probe fails (503), liveness passes, and
    /// the body says why either way.
    @Test func probesAnswer503WhenTheMonitorSaysTheyFail() async throws {
        let host = APIFixture.host()
        let notListening = IngestServer(host: host, configuration: IngestServerConfiguration(socketPath: "/tmp/ft-http-none.sock"))
        let monitor = HealthMonitor(host: host, server: notListening, notifiers: nil)
        try await APIServerHarness.withServer(host: host, health: monitor) { client in
            for probe in ProbeKind.allCases {
                let reply = try await client.get("/api/analytics/health/kubernetes/\(probe.rawValue)")
                #expect(reply.status == (monitor.probe(probe).ok ? 200 : 503), "\(probe)")
                #expect(try reply.json()["checks"] is [Any], "\(probe)")
            }
            #expect(try await client.get("/api/analytics/health/kubernetes/startup").status == 503)
            #expect(try await client.get("/api/analytics/health/kubernetes/liveness").status == 200)
            #expect(try await client.get("/api/analytics/health/check").status == 503)
        }
    }
}
