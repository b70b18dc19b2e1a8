import FlowCore
import FlowTestKit
import Foundation
import Testing

@testable import FlowReports

/// Reports render a snapshot as JSON, Markdown or text, deterministically.
@Suite struct ReportRenderingTests {
    static let burst = TestTime.start + TestTime.hours(10)
    static let now = burst + TestTime.minutes(2)

    /// A small day: an outage on `acme`, two won leads, touches and AI spend.
    static func snapshot(tenant: String? = nil, model: AttributionModel = .linear) -> EngineSnapshot {
        var engine = Engine()
        let t = burst - TestTime.hours(1)
        var events = EventBuilder.aiRequests(good: 600, bad: 0, from: t, until: burst, tenant: "acme")
        events += EventBuilder.aiRequests(good: 0, bad: 50, from: burst, until: burst + 10_000, tenant: "acme")
        events += [
            EventBuilder.leadCreated("L1", source: "whatsapp", tenant: "acme", at: t),
            EventBuilder.touch("L1", channel: "ads", cost: 10, aiAssisted: true, tenant: "acme", at: t + 1),
            EventBuilder.touch("L1", channel: "email", cost: 2, tenant: "acme", at: t + 2),
            EventBuilder.stage("L1", .won, revenue: 300, tenant: "acme", at: t + 3),
            EventBuilder.leadCreated("L2", source: "referral", tenant: "globex", at: t),
            EventBuilder.stage("L2", .qualified, tenant: "globex", at: t + 4),
            EventBuilder.stage("L2", .lost, tenant: "globex", at: t + 5),
            EventBuilder.aiRequest(cost: 4, tenant: "acme", at: t + 6),
        ]
        engine.apply(events.sorted { $0.time < $1.time }, receivedAt: burst + 10_000)
        return engine.snapshot(SnapshotQuery(tenant: tenant, model: model), now: now)
    }

    func parse(_ json: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func sloJSONHasTheDocumentedShape() throws {
        let root = try parse(renderReport(.slo, snapshot: Self.snapshot(), format: .json))
        #expect(root["generated_at"] as? String == "2026-11-30T10:02:00Z")
        #expect(root["tenant"] is NSNull)
        let slos = try #require(root["slos"] as? [[String: Any]])
        #expect(slos.map { $0["name"] as? String } == SLODefinition.builtIn.map(\.name))
        let requests = try #require(slos.first { $0["name"] as? String == "ai_request_success" })
        #expect(requests["objective"] as? Double == 0.999)
        #expect(requests["window"] as? String == "30d")
        #expect(requests["good"] as? Int == 601 && requests["total"] as? Int == 651)
        #expect(requests["error_budget_remaining"] is Double)
        #expect(requests["time_to_exhaustion_seconds"] is NSNull)   // budget overspent
        let burns = try #require(requests["burn_rates"] as? [String: Any])
        #expect(Set(burns.keys) == ["5m", "30m", "1h", "2h", "6h", "1d", "3d"])
        #expect(burns["5m"] is Double)
        let alerts = try #require(requests["alerts"] as? [[String: Any]])
        #expect(alerts.count == 4)
        #expect(Set(alerts[0].keys) == ["severity", "long_window", "short_window", "factor", "enabled", "state", "firing",
                                        "long_burn", "short_burn", "long_events", "below_min_events"])
        #expect(alerts[0]["firing"] as? Bool == true && alerts[0]["factor"] as? Double == 14.4)
        let latency = try #require(slos.first { $0["name"] as? String == "ai_response_latency" })
        #expect(latency["sli"] is NSNull && (latency["burn_rates"] as? [String: Any])?["1h"] is NSNull)
    }

    @Test func jsonKeysComeInAFixedOrderAndOutputIsStable() {
        let a = renderReport(.slo, snapshot: Self.snapshot(), format: .json)
        let b = renderReport(.slo, snapshot: Self.snapshot(), format: .json)
        #expect(a == b)
        let order = ["generated_at", "tenant", "slos", "name", "display_name", "objective", "window", "series", "status",
                     "sli", "good", "total", "error_budget_remaining", "burn_rates", "window_burn", "alerts",
                     "time_to_exhaustion_seconds"]
        let positions = order.compactMap { a.range(of: "\"\($0)\": ")?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
        #expect(a.hasSuffix("}\n"))
    }

    @Test func funnelJSONListsStagesLostAndRevenue() throws {
        let root = try parse(renderReport(.funnel, snapshot: Self.snapshot(), format: .json))
        let stages = try #require(root["stages"] as? [[String: Any]])
        #expect(stages.map { $0["stage"] as? String } == Stage.funnel.map(\.name))
        #expect(stages.map { $0["count"] as? Int } == [2, 2, 2, 1, 1, 1])
        #expect(stages[0]["step_conversion"] is NSNull)
        #expect(stages[3]["step_conversion"] as? Double == 0.5)
        #expect(root["lost"] as? Int == 1 && root["won_revenue"] as? Double == 300)
    }

    @Test func attributionJSONHasRowsByRevenueAndTotals() throws {
        let root = try parse(renderReport(.attribution, snapshot: Self.snapshot(model: .firstTouch), format: .json))
        #expect(root["model"] as? String == "first_touch")
        let rows = try #require(root["rows"] as? [[String: Any]])
        #expect(rows.map { $0["channel"] as? String } == ["ads", "email"])
        #expect(rows[0]["revenue"] as? Double == 300 && rows[0]["cost"] as? Double == 14)
        #expect(rows[1]["roi"] as? Double == -1)
        let totals = try #require(root["totals"] as? [String: Any])
        #expect(totals["revenue"] as? Double == 300 && totals["cost"] as? Double == 16 && totals["ai_spend"] as? Double == 4)
    }

    /// Every model's name is accepted and its rows add up to the won revenue; on the two
    /// touches ads > email converting 300, position-based splits 50/50 (two touches) and
    /// time decay favours the later touch.
    @Test(arguments: AttributionModel.allCases)
    func everyModelReportsRowsThatAddUpToTheRevenue(model: AttributionModel) throws {
        let root = try parse(renderReport(.attribution, snapshot: Self.snapshot(model: model), format: .json))
        #expect(root["model"] as? String == model.rawValue)
        let rows = try #require(root["rows"] as? [[String: Any]])
        let revenue = rows.compactMap { $0["revenue"] as? Double }.reduce(0, +)
        #expect(abs(revenue - 300) < 1e-6, "\(model)")
        let byChannel = Dictionary(uniqueKeysWithValues: rows.compactMap { row in
            (row["channel"] as? String).map { ($0, row["revenue"] as? Double ?? 0) }
        })
        switch model {
        case .positionBased: #expect(byChannel["ads"] == 150 && byChannel["email"] == 150)
        case .timeDecay: #expect((byChannel["email"] ?? 0) > (byChannel["ads"] ?? 0))
        default: break
        }
    }

    @Test func alertsJSONHasStateLabelsAndTimesInRFC3339() throws {
        let root = try parse(renderReport(.alerts, snapshot: Self.snapshot(tenant: "acme"), format: .json))
        #expect(root["tenant"] as? String == "acme")
        let alerts = try #require(root["alerts"] as? [[String: Any]])
        #expect(!alerts.isEmpty)
        let first = try #require(alerts.first { ($0["labels"] as? [String: String])?["long_window"] == "1h" })
        let labels = try #require(first["labels"] as? [String: String])
        #expect(labels["slo"] == "ai_request_success" && labels["tenant"] == "acme")
        #expect(first["alertname"] as? String == "ErrorBudgetBurn" && first["state"] as? String == "firing")
        #expect(first["severity"] as? String == "page" && labels["long_window"] == "1h")
        #expect(first["fired_at"] as? String == "2026-11-30T10:01:00Z")
        #expect(first["value"] is Double && first["flap_count"] as? Int == 1)
        #expect(Set(first.keys) == ["fingerprint", "alertname", "state", "severity", "labels", "annotations", "active_at",
                                    "fired_at", "resolved_at", "value", "flap_count", "inhibited", "silenced_by",
                                    "acknowledged_by", "acknowledged_at"])
    }

    @Test func markdownIsTables() {
        let md = renderReport(.slo, snapshot: Self.snapshot(), format: .markdown)
        #expect(md.hasPrefix("# SLO report\n"))
        #expect(md.contains("| slo | objective | window |"))
        #expect(md.contains("| ai_request_success | 99.900% | 30d |"))
        #expect(md.contains("## Burn rates"))
        #expect(md.contains("| --- | ---: |"))
    }

    @Test func emptyAlertsSayNoneFiring() {
        var engine = Engine()
        let snap = engine.snapshot(SnapshotQuery(), now: TestTime.start)
        #expect(renderReport(.alerts, snapshot: snap, format: .text).contains("(no alert pending or firing)"))
        #expect(renderReport(.alerts, snapshot: snap, format: .markdown).contains("_no alert pending or firing_"))
        #expect(renderReport(.alerts, snapshot: snap, format: .json).contains("\"alerts\": []"))
    }

    @Test func formattingHelpers() {
        #expect(ReportFormatting.rfc3339(0) == "1970-01-01T00:00:00Z")
        #expect(ReportFormatting.rfc3339(951_782_400_123) == "2000-02-29T00:00:00.123Z")
        #expect(ReportFormatting.rfc3339(-1_000) == "1969-12-31T23:59:59Z")
        #expect(ReportFormatting.duration(259_200) == "3d 0h")
        #expect(ReportFormatting.duration(nil) == "-")
        #expect(ReportTable.markdownEscape("a|b") == "a\\|b")
    }
}

/// Writes every report in every format to a folder for a person to read; off unless
/// `FLOWTOP_REPORT_SAMPLES` names the folder.
@Test func writeSampleReports() throws {
    guard let dir = ProcessInfo.processInfo.environment["FLOWTOP_REPORT_SAMPLES"] else { return }
    for kind in ReportKind.allCases {
        for format in ReportFormat.allCases {
            let text = renderReport(kind, snapshot: ReportRenderingTests.snapshot(), format: format)
            try text.write(toFile: "\(dir)/\(kind.rawValue).\(format.rawValue)", atomically: true, encoding: .utf8)
        }
    }
    for format in ReportFormat.allCases {
        let snap = SLOReportFixture.snapshot(detail: SLODetailQuery(slo: "ai_request_success"))
        try renderReport(.slo, snapshot: snap, format: format)
            .write(toFile: "\(dir)/slo-detail.\(format.rawValue)", atomically: true, encoding: .utf8)
    }
}
