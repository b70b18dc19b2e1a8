import FlowCore
import FlowTestKit
import Foundation
import Testing

@testable import FlowReports

/// `report attribution` carries everything the engine's attribution snapshot has: rows
/// with ROAS and touches per conversion, every model side by side, feature impact, AI ROI
/// by model and tenant with its headline, and the top converting paths.
///
/// The fixture, worked by hand (touches an hour apart, won an hour after the last):
///
/// | lead | tenant | touches | outcome |
/// | --- | --- | --- | --- |
/// | L1 | acme | ads (cost 10, AI-assisted, `lead_scoring`) > email (2) > email (2) | won 300 |
/// | L2 | acme | email (2) | won 100 |
/// | L3 | globex | ads (10) | lost |
///
/// plus 4 of AI request spend on acme. Cost: ads 20 of touches + all 4 of AI request
/// spend (its touch is the only AI-assisted one) = 24; email 6.
@Suite struct AttributionReportTests {
    static let start = TestTime.start + TestTime.hours(10)
    static let now = start + TestTime.hours(5)

    static func snapshot(model: AttributionModel = .linear, tenant: String? = nil) -> EngineSnapshot {
        let t = start
        let hour = TestTime.hours(1)
        var engine = Engine()
        let events = [
            EventBuilder.leadCreated("L1", source: "ads", tenant: "acme", at: t),
            EventBuilder.touch("L1", channel: "ads", cost: 10, aiAssisted: true, feature: "lead_scoring", tenant: "acme", at: t),
            EventBuilder.touch("L1", channel: "email", cost: 2, tenant: "acme", at: t + hour),
            EventBuilder.touch("L1", channel: "email", cost: 2, tenant: "acme", at: t + 2 * hour),
            EventBuilder.stage("L1", .won, revenue: 300, tenant: "acme", at: t + 3 * hour),
            EventBuilder.leadCreated("L2", source: "email", tenant: "acme", at: t),
            EventBuilder.touch("L2", channel: "email", cost: 2, tenant: "acme", at: t),
            EventBuilder.stage("L2", .won, revenue: 100, tenant: "acme", at: t + hour),
            EventBuilder.leadCreated("L3", source: "ads", tenant: "globex", at: t),
            EventBuilder.touch("L3", channel: "ads", cost: 10, tenant: "globex", at: t),
            EventBuilder.stage("L3", .lost, tenant: "globex", at: t + hour),
            EventBuilder.aiRequest(cost: 4, tenant: "acme", at: t + hour),
        ]
        engine.apply(events.sorted { $0.time < $1.time }, receivedAt: now)
        return engine.snapshot(SnapshotQuery(tenant: tenant, model: model, attributionPeriodDays: 7), now: now)
    }

    static func json(model: AttributionModel = .linear) throws -> [String: Any] {
        let text = renderReport(.attribution, snapshot: snapshot(model: model), format: .json)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func byChannel(_ rows: [[String: Any]]) -> [String: [String: Any]] {
        Dictionary(uniqueKeysWithValues: rows.compactMap { row in (row["channel"] as? String).map { ($0, row) } })
    }

    static func close(_ value: Any?, _ expected: Double) -> Bool {
        guard let d = value as? Double else { return false }
        return abs(d - expected) < 1e-9 * max(1, abs(expected))
    }

    @Test func topLevelKeysComeInTheDocumentedOrder() {
        let text = renderReport(.attribution, snapshot: Self.snapshot(), format: .json)
        let keys = ["generated_at", "tenant", "model", "period_days", "paths", "conversions", "rows", "totals",
                    "comparison", "features", "ai_roi", "top_paths"]
        let positions = keys.compactMap { text.range(of: "\n  \"\($0)\": ")?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted())
    }

    /// Linear on L1 gives ads 100 and email 200; L2 adds 100 to email.
    @Test func rowsCarryCostROIROASAndTouchesPerConversion() throws {
        let root = try Self.json()
        #expect(root["model"] as? String == "linear" && root["period_days"] as? Int == 7)
        #expect(root["paths"] as? Int == 3 && root["conversions"] as? Int == 2)
        let rows = try #require(root["rows"] as? [[String: Any]])
        #expect(rows.map { $0["channel"] as? String } == ["email", "ads"])
        #expect(Set(rows[0].keys) == ["channel", "revenue", "conversions", "cost", "roi", "roas", "touches",
                                      "touches_per_conversion"])
        let email = rows[0], ads = rows[1]
        #expect(email["revenue"] as? Double == 300 && Self.close(email["conversions"], 5.0 / 3))
        #expect(email["cost"] as? Double == 6 && email["roi"] as? Double == 49 && email["roas"] as? Double == 50)
        #expect(email["touches"] as? Int == 3 && Self.close(email["touches_per_conversion"], 1.8))
        #expect(Self.close(ads["revenue"], 100) && ads["cost"] as? Double == 24)
        #expect(Self.close(ads["roas"], 100.0 / 24) && Self.close(ads["roi"], 76.0 / 24))
        #expect(ads["touches"] as? Int == 2 && Self.close(ads["touches_per_conversion"], 6))
        let totals = try #require(root["totals"] as? [String: Any])
        #expect(totals["revenue"] as? Double == 400 && totals["cost"] as? Double == 30 && totals["ai_spend"] as? Double == 4)
    }

    /// Under last touch ads earns nothing: ROAS 0, ROI -1, no touches per conversion.
    @Test func aChannelWithNoConversionHasNullTouchesPerConversion() throws {
        let rows = Self.byChannel(try #require(try Self.json(model: .lastTouch)["rows"] as? [[String: Any]]))
        #expect(rows["ads"]?["revenue"] as? Double == 0 && rows["ads"]?["touches_per_conversion"] is NSNull)
        #expect(rows["ads"]?["roas"] as? Double == 0 && rows["ads"]?["roi"] as? Double == -1)
    }

    /// Every model, side by side. W-shaped: winning marks L1 qualified at the win, so its
    /// opportunity touch is the last one: 0.3, 0.1, 0.6. Markov by hand: start → ads 2/3,
    /// → email 1/3; ads → email 1/2, → null 1/2; email → conversion. P = 2/3; without ads
    /// 1/3 (RE 1/2), without email 0 (RE 1): shares 1/3 and 2/3 of 400. Shapley: L1's 300
    /// split over {ads, email}, L2's 100 to email.
    @Test func comparisonHasEveryModelPerChannel() throws {
        let root = try Self.json()
        let comparison = try #require(root["comparison"] as? [[String: Any]])
        #expect(comparison.map { $0["channel"] as? String } == ["email", "ads"])
        let models = try #require(comparison[0]["models"] as? [String: [String: Any]])
        #expect(Set(models.keys) == Set(AttributionModel.allCases.map(\.rawValue)))
        let text = renderReport(.attribution, snapshot: Self.snapshot(), format: .json)
        let order = AttributionModel.allCases.compactMap { text.range(of: "\"\($0.rawValue)\": {")?.lowerBound }
        #expect(order.count == 8 && order == order.sorted())

        let expected: [(AttributionModel, ads: Double, email: Double)] = [
            (.firstTouch, 300, 100), (.lastTouch, 0, 400), (.linear, 100, 300), (.positionBased, 120, 280),
            (.wShaped, 90, 310), (.markov, 400.0 / 3, 800.0 / 3), (.shapley, 150, 250),
        ]
        let rows = Self.byChannel(comparison)
        for (model, ads, email) in expected {
            let a = (rows["ads"]?["models"] as? [String: [String: Any]])?[model.rawValue]
            let e = (rows["email"]?["models"] as? [String: [String: Any]])?[model.rawValue]
            #expect(Self.close(a?["revenue"], ads) && Self.close(e?["revenue"], email), "\(model)")
        }
        let markov = try #require((rows["ads"]?["models"] as? [String: [String: Any]])?["markov"])
        #expect(Self.close(markov["conversions"], 2.0 / 3) && Self.close(markov["roas"], 400.0 / 3 / 24))
        #expect(Self.close(markov["roi"], (400.0 / 3 - 24) / 24))
        let shapley = try #require((rows["email"]?["models"] as? [String: [String: Any]])?["shapley"])
        #expect(Self.close(shapley["conversions"], 1.5) && Self.close(shapley["roas"], 250.0 / 6))
        #expect(rows["ads"]?["cost"] as? Double == 24 && rows["ads"]?["touches"] as? Int == 2)
    }

    /// `lead_scoring` touched L1 only: rate 1 and 300 per lead against L2 and L3's 0.5 and
    /// 50, lift 2; linear gives its touch a third of 300, first touch all of it.
    @Test func featuresCompareTouchedLeadsWithTheRest() throws {
        let features = try #require(try Self.json()["features"] as? [[String: Any]])
        #expect(features.count == 1)
        let f = try #require(features.first)
        #expect(f["feature"] as? String == "lead_scoring")
        #expect(f["leads_touched"] as? Int == 1 && f["conversions_touched"] as? Int == 1)
        #expect(f["conversion_rate_touched"] as? Double == 1 && f["revenue_per_lead_touched"] as? Double == 300)
        #expect(f["leads_not_touched"] as? Int == 2 && f["conversions_not_touched"] as? Int == 1)
        #expect(f["conversion_rate_not_touched"] as? Double == 0.5 && f["revenue_per_lead_not_touched"] as? Double == 50)
        #expect(f["lift"] as? Double == 2 && Self.close(f["attributed_revenue"], 100))
        let first = try #require(try Self.json(model: .firstTouch)["features"] as? [[String: Any]])
        #expect(first.first?["attributed_revenue"] as? Double == 300)
    }

    /// Spend 4 of requests + 10 of the AI-assisted touch = 14; linear credits that touch
    /// 100 of L1's 300: ROI (100 - 14) / 14, 14 per won deal.
    @Test func aiROIHasTheHeadlineAndBreaksDownByModelAndTenant() throws {
        let ai = try #require(try Self.json()["ai_roi"] as? [String: Any])
        #expect(ai["model"] as? String == "linear")
        #expect(ai["headline"] as? String == "AI: $14 spent, $100 of revenue attributed (ROI 6.1x), $14 per won deal")
        #expect(ai["ai_request_spend"] as? Double == 4 && ai["ai_touch_cost"] as? Double == 10)
        #expect(ai["ai_assisted_touches"] as? Int == 1 && ai["ai_spend"] as? Double == 14)
        #expect(Self.close(ai["attributed_revenue"], 100) && ai["won_deals_with_ai"] as? Int == 1)
        #expect(ai["cost_per_won_deal"] as? Double == 14 && Self.close(ai["roi"], 86.0 / 14))

        let byModel = try #require(ai["by_model"] as? [[String: Any]])
        #expect(byModel.map { $0["model"] as? String } == AttributionModel.allCases.map(\.rawValue))
        #expect(byModel.allSatisfy { $0["by_model"] == nil && $0["by_tenant"] == nil && $0["headline"] is String })
        let revenue = Dictionary(uniqueKeysWithValues: byModel.compactMap { m in
            (m["model"] as? String).map { ($0, m["attributed_revenue"] as? Double ?? -1) }
        })
        #expect(revenue["first_touch"] == 300 && revenue["last_touch"] == 0)
        #expect(Self.close(revenue["markov"], 100))   // linear's per-touch weights

        let byTenant = try #require(ai["by_tenant"] as? [[String: Any]])
        #expect(byTenant.map { $0["tenant"] as? String } == ["acme", "globex"])
        #expect(byTenant[0]["ai_spend"] as? Double == 14 && byTenant[0]["cost_per_won_deal"] as? Double == 14)
        #expect(byTenant[1]["ai_spend"] as? Double == 0 && byTenant[1]["roi"] is NSNull)
        #expect(byTenant[1]["cost_per_won_deal"] is NSNull && byTenant[1]["model"] as? String == "linear")
    }

    @Test func topPathsListConvertingJourneysWithRepeatsCollapsed() throws {
        let paths = try #require(try Self.json()["top_paths"] as? [[String: Any]])
        #expect(paths.map { $0["path"] as? [String] } == [["ads", "email"], ["email"]])
        #expect(paths.map { $0["conversions"] as? Int } == [1, 1])
        #expect(paths.map { $0["revenue"] as? Double } == [300, 100])
    }

    @Test func markdownOpensWithTheHeadlineThenEverySection() {
        let md = renderReport(.attribution, snapshot: Self.snapshot(model: .markov), format: .markdown)
        let lines = md.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.first == "# Attribution report (markov, 7 days)")
        #expect(lines.dropFirst(2).first == "AI: $14 spent, $100 of revenue attributed (ROI 6.1x), $14 per won deal")
        let headings = lines.filter { $0.hasPrefix("## ") }
        #expect(headings == ["## Channels (markov)", "## Revenue by model", "## Feature impact (markov)",
                             "## AI ROI by model", "## AI ROI by tenant (markov)", "## Top converting paths"])
        #expect(md.contains("| channel | revenue | share | conversions | cost | ROI | ROAS | touches | touches/conv |"))
        #expect(md.contains("| email | 266.67 | 66.7% | 1.33 | 6.00 | 4344.4% | 44.44x | 3 | 2.25 |"))
        #expect(md.contains("| channel | first | last | linear | position | w_shaped | decay | markov | shapley | cost |"))
        #expect(md.contains("| ads | 300.00 | 0.00 | 100.00 | 120.00 | 90.00 |"))
        #expect(md.contains("| 133.33 | 150.00 | 24.00 |"))
        #expect(md.contains("| lead_scoring | 1 | 1 | 100.0% | 300.00 | 2 | 50.0% | 50.00 | 2.00x | 100.00 |"))
        #expect(md.contains("| first_touch | 14.00 | 300.00 | 2042.9% | 1 | 14.00 |"))
        #expect(md.contains("| globex | 0.00 | 0.00 | 0 | 0.00 | 0.00 | - | 0 | - |"))
        #expect(md.contains("| ads > email | 1 | 300.00 |"))
    }

    @Test func textOpensWithTheHeadlineAndFitsIn120Columns() {
        let text = renderReport(.attribution, snapshot: Self.snapshot(), format: .text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("Attribution report (linear, 7 days) - generated "))
        #expect(lines[2] == "AI: $14 spent, $100 of revenue attributed (ROI 6.1x), $14 per won deal")
        for heading in ["Channels (linear)", "Revenue by model", "Feature impact (linear)", "AI ROI by model",
                        "AI ROI by tenant (linear)", "Top converting paths"] {
            #expect(lines.contains(Substring(heading)), "\(heading)")
        }
        let wide = lines.filter { $0.count > 120 }
        #expect(wide.isEmpty, "\(wide)")
    }

    @Test func anEmptyEngineSaysSoInEverySection() {
        var engine = Engine()
        let snap = engine.snapshot(SnapshotQuery(), now: TestTime.start)
        let text = renderReport(.attribution, snapshot: snap, format: .text)
        #expect(text.contains("AI: $0 spent, $0 of revenue attributed (ROI n/a), no AI-assisted won deal"))
        #expect(text.contains("(no conversions or costs yet)") && text.contains("(no touch used a feature)"))
        let json = renderReport(.attribution, snapshot: snap, format: .json)
        #expect(json.contains("\"comparison\": []") && json.contains("\"top_paths\": []"))
    }
}
