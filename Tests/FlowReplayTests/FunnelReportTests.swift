import FlowCore
import FlowReplay
import FlowTestKit
import Foundation
import Testing

@testable import FlowReports

/// docs/funnel.md's worked example as NDJSON, replayed like `flowtop report funnel
/// --input FILE --now 2026-11-30T00:00:00Z`: `c` is 20 days before `now`.
///
/// A, B (whatsapp) and C (website, jumping from contacted to proposal) are won for $1,000,
/// $3,000 and $500; D is lost from qualified, E stalls at contacted, F (referral) is lost
/// at once, G is first seen as `qualified` on initech (source unknown) and stalls there,
/// H (globex) was created two days ago and is in progress, I is older than the period.
enum FunnelReportFixture {
    static let now = TestTime.start
    static let nowSeconds = now / 1000
    static let hour: Int64 = 3_600
    static let day: Int64 = 86_400

    static var lines: String {
        let c = nowSeconds - 20 * day
        var out: [String] = []
        func created(_ id: String, _ source: String, _ tenant: String, _ t: Int64) {
            out.append(#"{"type":"lead_created","lead_id":"\#(id)","source":"\#(source)","tenant":"\#(tenant)","ts":\#(t)}"#)
        }
        func stage(_ id: String, _ stage: String, _ tenant: String, _ t: Int64, revenue: Int? = nil) {
            let money = revenue.map { #","revenue":\#($0)"# } ?? ""
            out.append(#"{"type":"lead_stage","lead_id":"\#(id)","stage":"\#(stage)","tenant":"\#(tenant)"\#(money),"ts":\#(t)}"#)
        }
        created("A", "whatsapp", "acme", c)
        stage("A", "contacted", "acme", c + hour)
        stage("A", "qualified", "acme", c + day)
        stage("A", "meeting", "acme", c + 2 * day)
        stage("A", "proposal", "acme", c + 3 * day)
        stage("A", "won", "acme", c + 5 * day, revenue: 1_000)
        created("B", "whatsapp", "acme", c)
        stage("B", "contacted", "acme", c + 2 * hour)
        stage("B", "qualified", "acme", c + 2 * day)
        stage("B", "meeting", "acme", c + 4 * day)
        stage("B", "proposal", "acme", c + 6 * day)
        stage("B", "won", "acme", c + 10 * day, revenue: 3_000)
        created("C", "website", "acme", c)
        stage("C", "contacted", "acme", c + 3 * hour)
        stage("C", "proposal", "acme", c + 4 * day)
        stage("C", "won", "acme", c + 8 * day, revenue: 500)
        created("D", "website", "acme", c)
        stage("D", "contacted", "acme", c + 4 * hour)
        stage("D", "qualified", "acme", c + 3 * day)
        stage("D", "lost", "acme", c + 5 * day)
        created("E", "website", "acme", c)
        stage("E", "contacted", "acme", c + 5 * hour)
        created("F", "referral", "acme", c)
        stage("F", "lost", "acme", c + day)
        stage("G", "qualified", "initech", c + day)
        created("H", "whatsapp", "globex", nowSeconds - 2 * day)
        stage("H", "contacted", "globex", nowSeconds - day)
        created("I", "website", "acme", nowSeconds - 31 * day)
        stage("I", "contacted", "acme", nowSeconds - 31 * day + hour)
        return out.joined(separator: "\n") + "\n"
    }

    /// The replay's snapshot for `funnel` (and a tenant filter), as `report funnel` takes it.
    static func snapshot(_ funnel: FunnelQuery = FunnelQuery(), tenant: String? = nil) -> EngineSnapshot {
        var replay = Replay(now: now, realTime: now)
        replay.feed(Data(lines.utf8))
        replay.finish()
        return replay.snapshot(SnapshotQuery(tenant: tenant, funnel: funnel))
    }

    static func report(_ funnel: FunnelQuery = FunnelQuery(), tenant: String? = nil, format: ReportFormat) -> String {
        renderReport(.funnel, snapshot: snapshot(funnel, tenant: tenant), format: format)
    }
}

@Suite struct FunnelReportTests {
    typealias F = FunnelReportFixture
    static let hourMs: Int64 = 3_600_000
    static let dayMs: Int64 = 86_400_000

    func parse(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    func stages(_ root: [String: Any]) throws -> [[String: Any]] {
        try #require(root["stages"] as? [[String: Any]])
    }

    func duration(_ stage: [String: Any], _ key: String) -> [Int64]? {
        guard let d = stage[key] as? [String: Any] else { return nil }
        return [d["median_ms"], d["p90_ms"], d["samples"]].map { ($0 as? NSNumber)?.int64Value ?? -1 }
    }

    @Test func jsonHasTheCohortAndTheTotals() throws {
        let root = try parse(F.report(format: .json))
        #expect(root["period_days"] as? Int == 30)
        #expect(root["period_start"] as? String == "2026-10-31T00:00:00Z")
        #expect(root["conversion_window_days"] is NSNull)
        #expect(root["stalled_after_days"] as? Int == 14)
        #expect(root["breakdown_by"] as? String == "none")
        #expect(root["lead_count"] as? Int == 8)   // I is older than 30 days
        #expect(root["lost"] as? Int == 2)
        #expect(root["won_revenue"] as? Double == 4_500)
        #expect((root["breakdown"] as? [Any])?.isEmpty == true)
    }

    @Test func jsonHasCountsAndBothConversionsPerStage() throws {
        let stages = try stages(parse(F.report(format: .json)))
        #expect(stages.map { $0["stage"] as? String } == Stage.funnel.map(\.name))
        #expect(stages.map { $0["count"] as? Int } == [8, 7, 5, 3, 3, 3])
        #expect(stages[0]["step_conversion"] is NSNull)
        #expect(stages.dropFirst().map { $0["step_conversion"] as? Double } == [0.875, 5.0 / 7, 0.6, 1, 1])
        #expect(stages.map { $0["overall_conversion"] as? Double } == [1, 0.875, 0.625, 0.375, 0.375, 0.375])
    }

    @Test func jsonSplitsTheDropOffIntoLostStalledAndInProgress() throws {
        let stages = try stages(parse(F.report(format: .json)))
        #expect(stages.map { $0["drop_off"] as? Int } == [1, 2, 2, 0, 0, 0])
        #expect(stages.map { $0["lost_here"] as? Int } == [1, 0, 1, 0, 0, 0])
        #expect(stages.map { $0["stalled"] as? Int } == [0, 1, 1, 0, 0, 0])
        #expect(stages.map { $0["in_progress"] as? Int } == [0, 1, 0, 0, 0, 0])
        #expect(stages[2]["drop_off_rate"] as? Double == 0.4)
        #expect(stages[5]["drop_off_rate"] is NSNull)   // won has no next stage
        // E stalls at contacted, G (first seen as qualified, so of unknown source) at qualified.
        let contacted = try #require(stages[1]["stalled_by_source"] as? [[String: Any]])
        #expect(contacted.count == 1)
        #expect(contacted.first?["source"] as? String == "website" && contacted.first?["count"] as? Int == 1)
        #expect(contacted.first?["other_labels"] is NSNull)
        let qualified = try #require(stages[2]["stalled_by_source"] as? [[String: Any]])
        #expect(qualified.first?["source"] as? String == "unknown")
    }

    @Test func jsonHasTimeToNextAndToWonInMilliseconds() throws {
        let stages = try stages(parse(F.report(format: .json)))
        let h = Self.hourMs, d = Self.dayMs
        // lead_created → contacted: G 0, A 1h, B 2h, C 3h, D 4h, E 5h, H 1d: ranks 4 and 7.
        #expect(duration(stages[0], "time_to_next") == [3 * h, d, 7])
        // contacted → qualified: G 0, A 23h, B 46h, D 68h, C 93h (its jump): ranks 3 and 5.
        #expect(duration(stages[1], "time_to_next") == [46 * h, 93 * h, 5])
        #expect(duration(stages[2], "time_to_next") == [d, 2 * d, 3])
        #expect(duration(stages[4], "time_to_next") == [4 * d, 4 * d, 3])
        // The sales cycle: A 5d, C 8d, B 10d.
        #expect(duration(stages[0], "time_to_won") == [8 * d, 10 * d, 3])
        #expect(duration(stages[1], "time_to_won") == [8 * d - 3 * h, 10 * d - 2 * h, 3])
        #expect(stages[5]["time_to_next"] is NSNull && stages[5]["time_to_won"] is NSNull)
    }

    @Test func jsonBreakdownBySourceHasARowPerSourceMostLeadsFirst() throws {
        let root = try parse(F.report(FunnelQuery(breakdown: .source), format: .json))
        #expect(root["breakdown_by"] as? String == "source")
        let rows = try #require(root["breakdown"] as? [[String: Any]])
        #expect(rows.map { $0["label"] as? String } == ["website", "whatsapp", "referral", "unknown"])
        #expect(rows.map { $0["leads"] as? Int } == [3, 3, 1, 1])
        #expect(rows.map { $0["won_revenue"] as? Double } == [500, 4_000, 0, 0])
        #expect(rows.map { $0["lost"] as? Int } == [1, 0, 1, 0])
        let website = try #require(rows.first?["stages"] as? [[String: Any]])
        #expect(website.map { $0["count"] as? Int } == [3, 3, 2, 1, 1, 1])
        #expect(website[5]["overall_conversion"] as? Double == 1.0 / 3)
        #expect(rows.first?["other_labels"] is NSNull)
    }

    @Test func jsonBreakdownPastTheCapSumsTheRestIntoOther() throws {
        let root = try parse(F.report(FunnelQuery(breakdown: .tenant, breakdownLimit: 1), format: .json))
        let rows = try #require(root["breakdown"] as? [[String: Any]])
        #expect(rows.map { $0["label"] as? String } == ["acme", "other"])
        #expect(rows.map { $0["other_labels"] as? Int } == [nil, 2])
        #expect(rows.map { $0["leads"] as? Int } == [6, 2])
    }

    @Test func theShorterPeriodHoldsOnlyTheRecentLead() throws {
        let root = try parse(F.report(FunnelQuery(periodDays: 7), format: .json))
        #expect(root["period_start"] as? String == "2026-11-23T00:00:00Z")
        #expect(root["lead_count"] as? Int == 1)
        let stages = try stages(root)
        #expect(stages.map { $0["count"] as? Int } == [1, 1, 0, 0, 0, 0])
        #expect(stages[1]["in_progress"] as? Int == 1)
        #expect(stages[3]["step_conversion"] is NSNull)   // 0 of 0 is no ratio
        #expect(root["won_revenue"] as? Double == 0)
    }

    @Test func aConversionWindowCutsLateStages() throws {
        // Within 3 days of creation: A up to proposal (exactly +3d counts), B and D to
        // qualified, C stops at contacted (its jump came on day 4); nobody is won.
        let root = try parse(F.report(FunnelQuery(conversionWindowDays: 3), format: .json))
        #expect(root["conversion_window_days"] as? Int == 3)
        #expect(try stages(root).map { $0["count"] as? Int } == [8, 7, 4, 1, 1, 0])
        #expect(root["won_revenue"] as? Double == 0)
    }

    @Test func theTenantFilterNarrowsTheCohort() throws {
        let root = try parse(F.report(tenant: "acme", format: .json))
        #expect(root["tenant"] as? String == "acme")
        #expect(try stages(root).map { $0["count"] as? Int } == [6, 5, 4, 3, 3, 3])
    }

    @Test func markdownHasTheStagesTimesStalledAndBreakdownTables() {
        let md = F.report(FunnelQuery(breakdown: .source), format: .markdown)
        #expect(md.hasPrefix("# Funnel report (30 days, by source)\n"))
        #expect(md.contains("| stage | leads | step | overall | drop-off | drop-off rate | lost here | stalled | in progress |"))
        #expect(md.contains("| qualified | 5 | 71.4% | 62.5% | 2 | 40.0% | 1 | 1 | 0 |"))
        #expect(md.contains("| won | 3 | 100.0% | 37.5% | - | - | 0 | 0 | 0 |"))
        #expect(md.contains("## Time between stages"))
        #expect(md.contains("| lead_created | contacted | 3h 0m | 1d 0h | 7 | 8d 0h | 10d 0h | 3 |"))
        #expect(md.contains("| contacted | qualified | 1d 22h | 3d 21h | 5 | 7d 21h | 9d 22h | 3 |"))
        #expect(md.contains("| contacted | website | 1 |"))
        #expect(md.contains("| qualified | unknown | 1 |"))
        #expect(md.contains("## By source"))
        #expect(md.contains("| whatsapp | 3 | 3 | 2 | 2 | 2 | 2 | 66.7% | 0 | 4000.00 |"))
        #expect(md.contains("8 leads, 2 lost, won revenue 4500.00."))
    }

    @Test func textReadsAsAlignedColumns() {
        #expect(F.report(format: .text) == """
            Funnel report (30 days) - generated 2026-11-30T00:00:00Z - all tenants

            Stages
            stage         leads    step  overall  drop-off  drop-off rate  lost here  stalled  in progress
            ------------  -----  ------  -------  --------  -------------  ---------  -------  -----------
            lead_created      8       -   100.0%         1          12.5%          1        0            0
            contacted         7   87.5%    87.5%         2          28.6%          0        1            1
            qualified         5   71.4%    62.5%         2          40.0%          1        1            0
            meeting           3   60.0%    37.5%         0           0.0%          0        0            0
            proposal          3  100.0%    37.5%         0           0.0%          0        0            0
            won               3  100.0%    37.5%         -              -          0        0            0
            Leads created from 2026-10-31T00:00:00Z to 2026-11-30T00:00:00Z (30 days), no conversion window, \
            stalled after 14 days without a stage change.
            8 leads, 2 lost, won revenue 4500.00.

            Time between stages
            stage         next       to next median  to next p90  leads  to won median  to won p90  won leads
            ------------  ---------  --------------  -----------  -----  -------------  ----------  ---------
            lead_created  contacted           3h 0m        1d 0h      7          8d 0h      10d 0h          3
            contacted     qualified          1d 22h       3d 21h      5         7d 21h      9d 22h          3
            qualified     meeting             1d 0h        2d 0h      3          4d 0h       8d 0h          3
            meeting       proposal            1d 0h        2d 0h      3          4d 0h       6d 0h          3
            proposal      won                 4d 0h        4d 0h      3          4d 0h       4d 0h          3
            Median and p90 by nearest rank, over the leads that made the step; a skipped stage takes 0.

            Stalled by source
            stage      source   stalled
            ---------  -------  -------
            contacted  website        1
            qualified  unknown        1

            """)
    }

    @Test func anEmptyFunnelHasNoRatiosAndSaysSo() throws {
        var engine = Engine()
        let snapshot = engine.snapshot(SnapshotQuery(), now: F.now)
        let root = try parse(renderReport(.funnel, snapshot: snapshot, format: .json))
        let stages = try stages(root)
        #expect(stages.allSatisfy { $0["overall_conversion"] is NSNull && $0["time_to_next"] is NSNull })
        let text = renderReport(.funnel, snapshot: snapshot, format: .text)
        #expect(text.contains("(no stalled leads)"))
        #expect(text.contains("0 leads, 0 lost, won revenue 0.00."))
        let md = renderReport(.funnel, snapshot: FunnelReportFixture.snapshot(FunnelQuery(periodDays: 1, breakdown: .tenant)),
                              format: .markdown)
        #expect(md.contains("_no leads in the period_"))
    }

    @Test func everyFormatIsStable() {
        for format in ReportFormat.allCases {
            let query = FunnelQuery(breakdown: .source)
            #expect(F.report(query, format: format) == F.report(query, format: format), "\(format)")
        }
    }
}

@Suite struct FunnelReportQueryTests {
    @Test func noOptionsIsTheDefaultQuery() throws {
        #expect(try FunnelReportQuery.make(periodDays: nil, windowDays: nil, breakdown: nil, stalledDays: nil)
                == FunnelQuery())
    }

    @Test func optionsSetTheirFields() throws {
        let query = try FunnelReportQuery.make(periodDays: 7, windowDays: 0, breakdown: .tenant, stalledDays: 3)
        #expect(query == FunnelQuery(periodDays: 7, conversionWindowDays: 0, stalledAfterDays: 3, breakdown: .tenant))
        let longest = try FunnelReportQuery.make(periodDays: 3650, windowDays: 3650, breakdown: nil, stalledDays: 3650)
        #expect(longest.periodDays == 3650)
    }

    @Test("out-of-range values name the option, its range and the value", arguments: [
        (0, nil, nil, "--period-days must be a whole number of days from 1 to 3650, not 0"),
        (3651, nil, nil, "--period-days must be a whole number of days from 1 to 3650, not 3651"),
        (nil, -1, nil, "--window-days must be a whole number of days from 0 to 3650, not -1"),
        (nil, nil, 4000, "--stalled-days must be a whole number of days from 0 to 3650, not 4000"),
    ] as [(Int?, Int?, Int?, String)])
    func outOfRange(period: Int?, window: Int?, stalled: Int?, message: String) {
        #expect(throws: UserFacingError.self) {
            try FunnelReportQuery.make(periodDays: period, windowDays: window, breakdown: nil, stalledDays: stalled)
        }
        do {
            _ = try FunnelReportQuery.make(periodDays: period, windowDays: window, breakdown: nil, stalledDays: stalled)
        } catch {
            #expect("\(error)" == message)
        }
    }
}
