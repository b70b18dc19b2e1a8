import FlowCore
import FlowTestKit
import Foundation
import Testing

@testable import FlowReports

/// A replayed engine with known `ai_request_success` numbers (objective 99.9%, budget 0.001).
///
/// Two days ago, 09:00-10:00: globex on claude, 7000 requests, 6 failed.
/// Today, now = 10:00:30:
/// - 09:15-09:30 acme on gpt-4o, 947 good; 09:15-09:45 globex on claude, 2000 good;
/// - 09:56 acme on gpt-4o, 50 failures; 09:58 initech on gpt-4o, 2 good and 1 failed;
/// - 09:59 acme, 100 AI responses taking 0.2, 0.4, ... 20 ms (`ai_response_latency`).
///
/// So the total's 1h burn is 51 / 3000 / 0.001 = 17 (page 1h/5m >14.4 fires, the slower
/// tiers hold too and are inhibited), its 3d and window burn 57 / 10000 / 0.001 = 5.7,
/// budget left 1 - 5.7 = -470%. initech burns at 333 but with 3 events stays below the
/// minimum traffic of 10.
enum SLOReportFixture {
    static let today = TestTime.start   // 2026-11-30T00:00:00Z
    static let now = today + TestTime.hours(10) + TestTime.seconds(30)

    static func engine(configuration: EngineConfiguration = EngineConfiguration()) -> Engine {
        var engine = Engine(configuration: configuration)
        let old = today - TestTime.days(2) + TestTime.hours(9)
        let t = today + TestTime.hours(9)
        var events = EventBuilder.aiRequests(good: 6994, bad: 6, from: old, until: old + TestTime.hours(1),
                                             model: "claude", tenant: "globex")
        events += EventBuilder.aiRequests(good: 947, bad: 0, from: t + TestTime.minutes(15), until: t + TestTime.minutes(30),
                                          model: "gpt-4o", tenant: "acme")
        events += EventBuilder.aiRequests(good: 2000, bad: 0, from: t + TestTime.minutes(15), until: t + TestTime.minutes(45),
                                          model: "claude", tenant: "globex")
        events += EventBuilder.aiRequests(good: 0, bad: 50, from: t + TestTime.minutes(56), until: t + TestTime.minutes(57),
                                          model: "gpt-4o", tenant: "acme")
        events += [
            EventBuilder.aiRequest(success: true, model: "gpt-4o", tenant: "initech", at: t + TestTime.minutes(58)),
            EventBuilder.aiRequest(success: true, model: "gpt-4o", tenant: "initech", at: t + TestTime.minutes(58) + 1000),
            EventBuilder.aiRequest(success: false, model: "gpt-4o", tenant: "initech", at: t + TestTime.minutes(58) + 2000),
        ]
        events += (1...100).map { i in
            EventBuilder.aiLatency(Double(i) * 0.2, tenant: "acme", at: t + TestTime.minutes(59) + Int64(i) * 100)
        }
        engine.apply(events.sorted { $0.time < $1.time }, receivedAt: now)
        return engine
    }

    static func snapshot(tenant: String? = nil, detail: SLODetailQuery? = nil) -> EngineSnapshot {
        var engine = engine()
        return engine.snapshot(SnapshotQuery(tenant: tenant, detail: detail), now: now)
    }

    static func parse(_ json: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        return try #require(object as? [String: Any])
    }
}

/// `report slo` without `--name`: every SLO, its burns (the whole window included) and
/// its tiers with their state.
@Suite struct SLOReportTests {
    @Test func jsonCarriesBurnsWindowBurnAndTierStates() throws {
        let root = try SLOReportFixture.parse(renderReport(.slo, snapshot: SLOReportFixture.snapshot(), format: .json))
        let slos = try #require(root["slos"] as? [[String: Any]])
        let success = try #require(slos.first { $0["name"] as? String == "ai_request_success" })
        #expect(success["series"] as? String == "total" && success["status"] as? String == "page")
        #expect(success["display_name"] is NSNull)
        #expect(success["good"] as? Int == 9943 && success["total"] as? Int == 10000)
        let burns = try #require(success["burn_rates"] as? [String: Double])
        #expect(abs((burns["1h"] ?? 0) - 17) < 1e-9)
        #expect(abs((success["window_burn"] as? Double ?? 0) - 5.7) < 1e-9)
        #expect(abs((success["error_budget_remaining"] as? Double ?? 0) + 4.7) < 1e-9)
        let tiers = try #require(success["alerts"] as? [[String: Any]])
        #expect(tiers.map { $0["state"] as? String } == ["firing", "inhibited", "inhibited", "inhibited"])
        #expect(tiers[0]["factor"] as? Double == 14.4 && tiers[0]["firing"] as? Bool == true)
        #expect(tiers[0]["long_events"] as? Int == 3000 && tiers[0]["enabled"] as? Bool == true)
        #expect(tiers[1]["firing"] as? Bool == false && tiers[1]["below_min_events"] as? Bool == false)
        let quiet = try #require(slos.first { $0["name"] as? String == "message_processing_latency" })
        #expect(quiet["status"] as? String == "no_data" && quiet["window_burn"] is NSNull)
        #expect(quiet["percentiles"] is NSNull)
    }

    @Test func tierStatesReadInTheTextTable() throws {
        let text = renderReport(.slo, snapshot: SLOReportFixture.snapshot(), format: .text)
        let lines = text.split(separator: "\n").map(String.init)
        func cells(_ line: String) -> [String] { line.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        let fast = try #require(lines.first { $0.hasPrefix("ai_request_success") && $0.contains("1h & 5m") })
        #expect(cells(fast) == ["ai_request_success", "page", "1h", "&", "5m", "14.40", "17.00", "962.26", "3000", "firing"])
        let slow = try #require(lines.first { $0.hasPrefix("ai_request_success") && $0.contains("6h & 30m") })
        #expect(cells(slow).last == "inhibited")
        // The whole-window burn is the last column of the burn table.
        let header = try #require(lines.first { $0.hasPrefix("slo") && $0.contains("30m") })
        #expect(cells(header).last == "window")
        let burns = try #require(lines.first { $0.hasPrefix("ai_request_success") && $0.contains("962.26") && !$0.contains("&") })
        // 30m at 10:00:30 holds (09:30:30, 10:00:30]: half of minute 09:30 counts.
        #expect(cells(burns) == ["ai_request_success", "962.26", "50.02", "17.00", "17.00", "17.00", "17.00", "5.70", "5.70"])
    }

    @Test func aTenantBelowMinimumTrafficSaysSo() throws {
        let snap = SLOReportFixture.snapshot(tenant: "initech")
        let root = try SLOReportFixture.parse(renderReport(.slo, snapshot: snap, format: .json))
        let slos = try #require(root["slos"] as? [[String: Any]])
        let success = try #require(slos.first { $0["name"] as? String == "ai_request_success" })
        #expect(success["series"] as? String == "tenant:initech" && success["status"] as? String == "ok")
        let tiers = try #require(success["alerts"] as? [[String: Any]])
        #expect(tiers.allSatisfy { $0["state"] as? String == "ok" && $0["below_min_events"] as? Bool == true })
        let text = renderReport(.slo, snapshot: snap, format: .text)
        #expect(text.contains("333.33      333.33            3  below min traffic\n"))
        #expect(text.contains("66.667%     2      3    -33233.3%             -  below min traffic\n"))
    }

    @Test func disabledTiersAndDisplayNamesShow() throws {
        var tiers = SLODefinition.workbookTiers
        tiers[0].enabled = false
        let def = SLODefinition(name: "checkout", kind: .aiRequestSuccess, objective: 0.999, tiers: tiers,
                                displayName: "Checkout AI")
        var engine = SLOReportFixture.engine(configuration: EngineConfiguration(slos: [def]))
        let snap = engine.snapshot(SnapshotQuery(), now: SLOReportFixture.now)
        let root = try SLOReportFixture.parse(renderReport(.slo, snapshot: snap, format: .json))
        let slo = try #require((root["slos"] as? [[String: Any]])?.first)
        #expect(slo["display_name"] as? String == "Checkout AI")
        let states = (slo["alerts"] as? [[String: Any]])?.map { $0["state"] as? String }
        // With the 1h page off, the 6h page fires and nothing inhibits it.
        #expect(states == ["disabled", "firing", "inhibited", "inhibited"])
        let md = renderReport(.slo, snapshot: snap, format: .markdown)
        #expect(md.contains("| checkout | page | 1h & 5m | 14.40 | 17.00 |"))
        #expect(md.contains("| disabled |"))
    }

    @Test func latencyPercentilesPerWindow() throws {
        let snap = SLOReportFixture.snapshot()
        let root = try SLOReportFixture.parse(renderReport(.slo, snapshot: snap, format: .json))
        let slos = try #require(root["slos"] as? [[String: Any]])
        let latency = try #require(slos.first { $0["name"] as? String == "ai_response_latency" })
        let percentiles = try #require(latency["percentiles"] as? [String: [String: Any]])
        #expect(Set(percentiles.keys) == ["5m", "1h", "1d", "window"])
        let hour = try #require(percentiles["1h"])
        #expect(hour["count"] as? Int == 100)
        #expect(abs((hour["p50_ms"] as? Double ?? 0) - 10) <= 0.1)
        #expect(abs((hour["p99_ms"] as? Double ?? 0) - 19.8) <= 0.1)
        let text = renderReport(.slo, snapshot: snap, format: .text)
        let section = try #require(text.components(separatedBy: "Latency percentiles\n").last)
        let row = try #require(section.split(separator: "\n").first { $0.hasPrefix("ai_response_latency") && $0.contains(" 30d ") })
        #expect(row.split(separator: " ").map(String.init).prefix(3) == ["ai_response_latency", "30d", "100"])
        // A tenant series keeps no percentiles.
        let acme = try SLOReportFixture.parse(renderReport(.slo, snapshot: SLOReportFixture.snapshot(tenant: "acme"), format: .json))
        #expect((acme["slos"] as? [[String: Any]])?.allSatisfy { $0["percentiles"] is NSNull } == true)
    }

    @Test func markdownHasTheBurnTableWithTheWholeWindow() {
        let md = renderReport(.slo, snapshot: SLOReportFixture.snapshot(), format: .markdown)
        #expect(md.contains("| slo | 5m | 30m | 1h | 2h | 6h | 1d | 3d | window |"))
        #expect(md.contains("| ai_request_success | 99.900% | 30d | 99.430% | 9943 | 10000 | -470.0% | - | page |"))
    }
}
