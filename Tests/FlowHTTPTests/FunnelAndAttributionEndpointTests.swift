import FlowCore
import FlowReports
import FlowTestKit
import Foundation
import Testing

@testable import FlowHTTP

/// The funnel and attribution endpoints answer the reports of `flowtop report funnel` and
/// `report attribution`, or the named parts of them, for the query parameters given.
@Suite("HTTP API: funnel and attribution endpoints")
struct FunnelAndAttributionEndpointTests {
    static func report(_ kind: ReportKind, _ host: EngineHost, _ query: SnapshotQuery) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(
            renderReport(kind, snapshot: host.snapshot(query), format: .json).utf8)) as? [String: Any])
    }

    static func funnelQuery(days: Int, tenant: String? = nil) -> SnapshotQuery {
        var funnel = FunnelQuery()
        funnel.periodDays = days
        return SnapshotQuery(tenant: tenant, funnel: funnel)
    }

    /// Each object of `items` with only `keys`, for comparing a part with the whole.
    static func picked(_ items: Any?, _ keys: Set<String>) -> [NSDictionary] {
        ((items as? [[String: Any]]) ?? []).map { NSDictionary(dictionary: $0.filter { keys.contains($0.key) }) }
    }

    @Test func funnelSnapshotIsTheFunnelReportForThePeriod() async throws {
        let host = APIFixture.host()
        try await APIServerHarness.withServer(host: host) { client in
            let reply = try await client.get("/api/analytics/funnel/snapshot?period_days=7")
            #expect(reply.status == 200 && reply.contentType == "application/json; charset=utf-8")
            #expect(reply.body == renderReport(.funnel, snapshot: host.snapshot(Self.funnelQuery(days: 7)), format: .json))
            let all = try reply.json()
            #expect(all["period_days"] as? Int == 7 && all["lead_count"] as? Int == 4 && all["lost"] as? Int == 1)
            #expect(all["won_revenue"] as? Double == 400)

            let acme = try await client.get("/api/analytics/funnel/snapshot?tenant=acme").json()
            #expect(acme["period_days"] as? Int == 30 && acme["lead_count"] as? Int == 2 && acme["won_revenue"] as? Double == 300)
            let nobody = try await client.get("/api/analytics/funnel/snapshot?tenant=nobody").json()
            #expect(nobody["lead_count"] as? Int == 0)
        }
    }

    @Test func funnelVisualizationIsTheStagesInOrderWithBothRates() async throws {
        let host = APIFixture.host()
        try await APIServerHarness.withServer(host: host) { client in
            let viz = try await client.get("/api/analytics/funnel/visualization?period_days=30").json()
            let keys: Set = ["stage", "count", "step_conversion", "overall_conversion"]
            let stages = try #require(viz["stages"] as? [[String: Any]])
            #expect(stages.allSatisfy { Set($0.keys) == keys })
            #expect(stages.map { $0["stage"] as? String } == Stage.funnel.map(\.name))
            #expect(stages.first?["count"] as? Int == 4 && stages.last?["count"] as? Int == 2)
            let report = try Self.report(.funnel, host, Self.funnelQuery(days: 30))
            #expect(Self.picked(stages, keys) == Self.picked(report["stages"], keys))
            #expect(viz["lead_count"] as? Int == 4 && viz["period_start"] as? String == report["period_start"] as? String)
        }
    }

    @Test func funnelDropoffSplitsWhereLeadsStop() async throws {
        let host = APIFixture.host()
        try await APIServerHarness.withServer(host: host) { client in
            let dropoff = try await client.get("/api/analytics/funnel/dropoff?tenant=globex").json()
            #expect(dropoff["tenant"] as? String == "globex" && dropoff["stalled_after_days"] as? Int == 14)
            let keys: Set = ["stage", "count", "drop_off", "drop_off_rate", "lost_here", "stalled", "in_progress",
                             "stalled_by_source", "time_to_next", "time_to_won"]
            let stages = try #require(dropoff["stages"] as? [[String: Any]])
            #expect(stages.allSatisfy { Set($0.keys) == keys })
            // L3 was lost after qualifying.
            #expect(stages.first { $0["stage"] as? String == "qualified" }?["lost_here"] as? Int == 1)
            let report = try Self.report(.funnel, host, Self.funnelQuery(days: 30, tenant: "globex"))
            #expect(Self.picked(stages, keys) == Self.picked(report["stages"], keys))
        }
    }

    @Test func attributionReportIsTheReportForModelAndPeriod() async throws {
        let host = APIFixture.host()
        try await APIServerHarness.withServer(host: host) { client in
            let reply = try await client.get("/api/analytics/attribution/report?model=time_decay&period_days=30")
            #expect(reply.status == 200 && reply.contentType == "application/json; charset=utf-8")
            let query = SnapshotQuery(model: .timeDecay, attributionPeriodDays: 30)
            #expect(reply.body == renderReport(.attribution, snapshot: host.snapshot(query), format: .json))
            let root = try reply.json()
            #expect(root["model"] as? String == "time_decay" && root["conversions"] as? Int == 2)

            let linear = try await client.get("/api/analytics/attribution/report").json()
            #expect(linear["model"] as? String == "linear" && linear["period_days"] as? Int == 30)
        }
    }

    @Test func attributionChannelsCompareEveryModel() async throws {
        try await APIServerHarness.withServer { client in
            let root = try await client.get("/api/analytics/attribution/channels?model=position_based").json()
            let rows = try #require(root["rows"] as? [[String: Any]])
            let revenue = Dictionary(uniqueKeysWithValues: rows.map { ($0["channel"] as? String ?? "", $0["revenue"] as? Double ?? 0) })
            // L1's 300 split 40/20/40 over two touches is 150 each; L4's 100 to website.
            #expect(revenue == ["ads": 150, "email": 150, "website": 100])
            let comparison = try #require(root["comparison"] as? [[String: Any]])
            #expect(comparison.map { $0["channel"] as? String } == rows.map { $0["channel"] as? String })
            let models = try #require(comparison.first?["models"] as? [String: Any])
            #expect(Set(models.keys) == Set(AttributionModel.allCases.map(\.rawValue)))

            let acme = try await client.get("/api/analytics/attribution/channels?tenant=acme").json()
            #expect((acme["rows"] as? [[String: Any]])?.compactMap { $0["channel"] as? String }.sorted() == ["ads", "email"])
        }
    }

    @Test func attributionFeaturesAndAIROIAreTheReportsParts() async throws {
        let host = APIFixture.host()
        try await APIServerHarness.withServer(host: host) { client in
            let report = try Self.report(.attribution, host, SnapshotQuery(tenant: "acme", model: .markov))
            let features = try await client.get("/api/analytics/attribution/features?tenant=acme&model=markov").json()
            #expect(features["model"] as? String == "markov")
            let rows = try #require(features["features"] as? [[String: Any]])
            #expect(rows.first { $0["feature"] as? String == "ai_response_generation" }?["leads_touched"] as? Int == 1)
            #expect(NSArray(array: rows).isEqual(to: report["features"] as? [Any] ?? []))

            let roi = try await client.get("/api/analytics/attribution/ai-roi?tenant=acme&model=markov").json()
            let summary = try #require(roi["ai_roi"] as? [String: Any])
            #expect(summary["ai_request_spend"] as? Double == 4)
            #expect(NSDictionary(dictionary: summary).isEqual(to: report["ai_roi"] as? [String: Any] ?? [:]))
        }
    }
}
