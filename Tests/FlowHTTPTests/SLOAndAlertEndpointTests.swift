import FlowCore
import FlowReports
import FlowTestKit
import Foundation
import Testing

@testable import FlowHTTP

/// The SLO and alert endpoints over a real socket answer what the engine computed: the
/// reports byte for byte, the summaries field for field.
@Suite("HTTP API: SLO and alert endpoints")
struct SLOAndAlertEndpointTests {
    @Test func sloReportJSONIsTheReportByteForByte() async throws {
        let host = APIFixture.host()
        try await APIServerHarness.withServer(host: host) { client in
            let all = try await client.get("/api/analytics/slo/report/json")
            #expect(all.status == 200 && all.contentType == "application/json; charset=utf-8")
            #expect(all.body == renderReport(.slo, snapshot: host.snapshot(SnapshotQuery()), format: .json))
            let acme = try await client.get("/api/analytics/slo/report/json?tenant=acme")
            #expect(acme.body == renderReport(.slo, snapshot: host.snapshot(SnapshotQuery(tenant: "acme")), format: .json))
            #expect(acme.body != all.body)
        }
    }

    @Test func sloReportMarkdownIsTheMarkdownReport() async throws {
        let host = APIFixture.host()
        try await APIServerHarness.withServer(host: host) { client in
            let reply = try await client.get("/api/analytics/slo/report/markdown?tenant=globex")
            #expect(reply.status == 200 && reply.contentType == "text/markdown; charset=utf-8")
            #expect(reply.body == renderReport(.slo, snapshot: host.snapshot(SnapshotQuery(tenant: "globex")), format: .markdown))
            #expect(reply.body.hasPrefix("# SLO report\n\nGenerated 2026-11-30T10:02:00Z for globex."))
        }
    }

    @Test func sloStatusSummarisesEverySLOAndTheWorstStatus() async throws {
        try await APIServerHarness.withServer { client in
            let all = try await client.get("/api/analytics/slo/status").json()
            #expect(all["generated_at"] as? String == "2026-11-30T10:02:00Z")
            #expect(all["status"] as? String == "page")
            let slos = try #require(all["slos"] as? [[String: Any]])
            #expect(slos.map { $0["name"] as? String } == ["ai_response_latency", "message_processing_latency", "ai_request_success"])
            let success = try #require(slos.last)
            #expect(Set(success.keys) == ["name", "display_name", "objective", "window", "series", "status", "sli",
                                          "error_budget_remaining", "window_burn", "time_to_exhaustion_seconds"])
            // 600 + 300 + 1 (the $4 request) good, 50 failed.
            #expect(success["sli"] as? Double == 901.0 / 951 && success["status"] as? String == "page")

            let globex = try await client.get("/api/analytics/slo/status?tenant=globex").json()
            #expect(globex["tenant"] as? String == "globex" && globex["status"] as? String == "ok")
            let nobody = try await client.get("/api/analytics/slo/status?tenant=nobody").json()
            #expect(nobody["status"] as? String == "no_data")
            #expect((nobody["slos"] as? [[String: Any]])?.allSatisfy { $0["sli"] is NSNull } == true)
        }
    }

    @Test func oneSLOIsTheDetailReport() async throws {
        let host = APIFixture.host()
        try await APIServerHarness.withServer(host: host) { client in
            let reply = try await client.get("/api/analytics/slo/ai_request_success")
            #expect(reply.status == 200)
            let query = SLODetailQuery(slo: "ai_request_success", series: .total, range: .h6)
            #expect(reply.body == renderReport(.slo, snapshot: host.snapshot(SnapshotQuery(detail: query)), format: .json))

            let acme = try await client.get("/api/analytics/slo/ai_request_success?tenant=acme").json()
            #expect((acme["slo"] as? [String: Any])?["series"] as? String == "tenant:acme")
            let claude = try await client.get("/api/analytics/slo/ai_request_success?series=model:claude&range=1h").json()
            #expect((claude["slo"] as? [String: Any])?["series"] as? String == "model:claude")
            #expect(claude["history_range"] as? String == "1h")
            #expect((claude["slo"] as? [String: Any])?["sli"] as? Double == 1)
        }
    }

    @Test func anUnknownSLOOrSeriesIsA404NamingWhatExists() async throws {
        try await APIServerHarness.withServer { client in
            let slo = try await client.get("/api/analytics/slo/ai_success")
            #expect(slo.status == 404)
            let sloError = try slo.json()
            #expect(sloError["parameter"] as? String == "slo_name")
            #expect(sloError["error"] as? String
                == "no SLO named 'ai_success'; the SLOs are: ai_response_latency, message_processing_latency, ai_request_success")

            let series = try await client.get("/api/analytics/slo/ai_request_success?series=tenant:initech")
            #expect(series.status == 404)
            #expect(try series.json()["parameter"] as? String == "series")
            let seriesError = try series.json()["error"] as? String
            #expect(seriesError?.contains("tenant:acme") == true)

            let clash = try await client.get("/api/analytics/slo/ai_request_success?series=tenant:acme&tenant=globex")
            #expect(clash.status == 400)
            #expect(try clash.json()["parameter"] as? String == "series")
        }
    }

    @Test func activeAlertsListThePendingAndFiringWithTheReportsKeys() async throws {
        let host = APIFixture.host()
        try await APIServerHarness.withServer(host: host) { client in
            let reply = try await client.get("/api/analytics/alerts/active")
            #expect(reply.status == 200 && reply.contentType == "application/json; charset=utf-8")
            let alerts = try #require(try reply.json()["alerts"] as? [[String: Any]])
            let page = try #require(alerts.first { alert in
                let labels = alert["labels"] as? [String: String]
                return labels?["long_window"] == "1h" && labels?["tenant"] == "acme"
            })
            #expect(page["state"] as? String == "firing" && page["severity"] as? String == "page")
            #expect((page["labels"] as? [String: String])?["slo"] == "ai_request_success")
            #expect(page["fired_at"] as? String == "2026-11-30T10:01:00Z")
            let report = try JSONSerialization.jsonObject(with: Data(
                renderReport(.alerts, snapshot: host.snapshot(SnapshotQuery()), format: .json).utf8)) as? [String: Any]
            let reported = (report?["alerts"] as? [[String: Any]] ?? []).filter {
                ["pending", "firing"].contains($0["state"] as? String)
            }
            #expect(alerts.map { $0["fingerprint"] as? String } == reported.map { $0["fingerprint"] as? String })
            #expect(Set(page.keys) == Set(reported.first?.keys ?? [:].keys))

            let globex = try await client.get("/api/analytics/alerts/active?tenant=globex").json()
            #expect((globex["alerts"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func alertStatsAreTheReportsStatistics() async throws {
        let host = APIFixture.host()
        try await APIServerHarness.withServer(host: host) { client in
            let stats = try #require(try await client.get("/api/analytics/alerts/stats").json()["statistics"] as? [String: Any])
            let report = try JSONSerialization.jsonObject(with: Data(
                renderReport(.alerts, snapshot: host.snapshot(SnapshotQuery()), format: .json).utf8)) as? [String: Any]
            let expected = try #require(report?["statistics"] as? [String: Any])
            #expect(NSDictionary(dictionary: stats).isEqual(to: expected))
            #expect((stats["by_state"] as? [String: Any])?["firing"] as? Int ?? 0 >= 1)
            #expect((stats["fired_per_slo"] as? [String: Any])?["ai_request_success"] as? Int ?? 0 >= 1)
        }
    }
}
