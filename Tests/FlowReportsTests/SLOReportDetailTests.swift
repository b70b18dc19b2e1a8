import FlowCore
import FlowTestKit
import Foundation
import Testing

@testable import FlowReports

/// `report slo --name NAME`: one SLO in depth from `snapshot.detail` (numbers explained
/// on `SLOReportFixture`).
@Suite struct SLOReportDetailTests {
    static func snapshot(series: SLOSeriesID = .total, range: SLOHistoryRange = .h6, tenant: String? = nil) -> EngineSnapshot {
        SLOReportFixture.snapshot(tenant: tenant, detail: SLODetailQuery(slo: "ai_request_success", series: series, range: range))
    }

    static func render(_ format: ReportFormat, series: SLOSeriesID = .total, range: SLOHistoryRange = .h6) -> String {
        renderReport(.slo, snapshot: snapshot(series: series, range: range), format: format)
    }

    @Test func jsonHasTheSLOThenHistoryBurnDownBreakdownAndAlerts() throws {
        let json = Self.render(.json)
        let order = ["generated_at", "tenant", "slo", "sli_last_hour", "burn_last_hour", "history_range",
                     "history_bucket_seconds", "history", "burn_down_start", "burn_down_step_seconds", "burn_down",
                     "breakdown", "series_cap", "overflow_events", "alerts"]
        // Top-level keys are indented by two spaces.
        let positions = order.compactMap { json.range(of: "\n  \"\($0)\": ")?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
        #expect(json == Self.render(.json))

        let root = try SLOReportFixture.parse(json)
        let slo = try #require(root["slo"] as? [String: Any])
        #expect(slo["name"] as? String == "ai_request_success" && slo["series"] as? String == "total")
        let tiers = try #require(slo["alerts"] as? [[String: Any]])
        #expect(tiers[0]["state"] as? String == "firing" && tiers[0]["factor"] as? Double == 14.4)
        #expect((root["sli_last_hour"] as? [Any])?.count == 60)
        #expect(root["series_cap"] as? Int == 1000 && root["overflow_events"] as? Int == 0)
    }

    @Test func jsonHistoryHasEveryBucketWithCounts() throws {
        let root = try SLOReportFixture.parse(Self.render(.json))
        #expect(root["history_range"] as? String == "6h" && root["history_bucket_seconds"] as? Int == 60)
        let history = try #require(root["history"] as? [[String: Any]])
        #expect(history.count == 360)
        #expect(history.last?["start"] as? String == "2026-11-30T10:00:00Z")
        #expect(history.first?["start"] as? String == "2026-11-30T04:01:00Z")
        let failures = try #require(history.first { $0["start"] as? String == "2026-11-30T09:56:00Z" })
        #expect(failures["good"] as? Int == 0 && failures["total"] as? Int == 50)
        #expect(failures["sli"] as? Double == 0 && failures["burn"] as? Double == 1000)
        let initech = try #require(history.first { $0["start"] as? String == "2026-11-30T09:58:00Z" })
        #expect(initech["good"] as? Int == 2 && initech["total"] as? Int == 3)
        #expect(history.first?["sli"] is NSNull && history.first?["total"] as? Int == 0)
    }

    @Test func jsonBurnDownEndsAtTheBudgetLeftNow() throws {
        let root = try SLOReportFixture.parse(Self.render(.json))
        #expect(root["burn_down_step_seconds"] as? Int == 3600)
        let points = try #require(root["burn_down"] as? [[String: Any]])
        let last = try #require(points.last)
        #expect(last["at"] as? String == "2026-11-30T10:00:30Z")
        #expect(abs((last["remaining"] as? Double ?? 0) + 4.7) < 1e-9)
        let firstData = try #require(points.first { $0["remaining"] is Double })
        #expect(firstData["at"] as? String == "2026-11-28T10:00:00Z")
        #expect(abs((firstData["remaining"] as? Double ?? 0) - 0.4) < 1e-9)
    }

    @Test func breakdownListsEveryTenantAndModelWorstBurnFirst() throws {
        let root = try SLOReportFixture.parse(Self.render(.json))
        let rows = try #require(root["breakdown"] as? [[String: Any]])
        #expect(rows.map { $0["series"] as? String }
            == ["tenant:initech", "model:gpt-4o", "tenant:acme", "model:claude", "tenant:globex"])
        let acme = try #require(rows.first { $0["series"] as? String == "tenant:acme" })
        #expect(acme["good"] as? Int == 947 && acme["total"] as? Int == 997 && acme["status"] as? String == "page")
        let initech = try #require(rows.first)
        #expect(initech["status"] as? String == "ok")
        #expect((initech["alerts"] as? [[String: Any]])?.first?["below_min_events"] as? Bool == true)
    }

    @Test func alertsOfThisSLOHaveSeriesAndState() throws {
        let root = try SLOReportFixture.parse(Self.render(.json))
        let alerts = try #require(root["alerts"] as? [[String: Any]])
        let total = try #require(alerts.first { $0["series"] as? String == "total" && $0["long_window"] as? String == "1h" })
        #expect(total["severity"] as? String == "page" && total["state"] as? String == "firing")
        #expect(alerts.contains { $0["series"] as? String == "tenant:acme" })
        #expect(alerts.contains { $0["state"] as? String == "inhibited" })
        #expect(!alerts.contains { $0["series"] as? String == "tenant:initech" })
    }

    @Test func aTenantSeriesIsShownForThatTenant() throws {
        let root = try SLOReportFixture.parse(Self.render(.json, series: .tenant("acme"), range: .h1))
        let slo = try #require(root["slo"] as? [String: Any])
        #expect(slo["series"] as? String == "tenant:acme" && slo["total"] as? Int == 997)
        let history = try #require(root["history"] as? [[String: Any]])
        #expect(history.count == 60)
        #expect(history.first?["start"] as? String == "2026-11-30T09:01:00Z")
        #expect(history.reduce(0) { $0 + ($1["total"] as? Int ?? 0) } == 997)
    }

    @Test func textShowsBurnsBesideThresholdsAndCondensedHistory() {
        let text = Self.render(.text)
        #expect(text.hasPrefix("SLO report: ai_request_success, series total - generated 2026-11-30T10:00:30Z - all tenants\n"))
        #expect(text.contains("1h       17.00  page >14.40 (1h & 5m)                          page\n"))
        #expect(text.contains("6h       17.00  page >6.00 (6h & 30m), ticket >1.00 (3d & 6h)  page\n"))
        #expect(text.contains("30d       5.70  whole SLO window                               -\n"))
        #expect(text.contains("History, last 6h"))
        #expect(text.contains("2026-11-30T09:15:00Z  1947    0   1947  100.000%    0.00\n"))
        #expect(text.contains("2026-11-30T09:45:00Z     2   51     53    3.774%  962.26\n"))
        #expect(text.contains("15m rows merged from 1m buckets; 22 of 25 rows had no events and are left out."))
        #expect(text.contains("tenant:initech  66.667%     2      3    -33233.3%  333.33"))
        #expect(text.contains("page      tenant:acme   1h & 5m    14.40      50.15     1000.00  2026-11-30T09:57:00Z  firing\n"))
        #expect(text.contains("Series cap: 1000 tenants and 1000 models; none past it."))
    }

    @Test func textBurnDownIsMilestonesOneRowPerStep() {
        let text = Self.render(.text)
        #expect(text.contains("""
            Error budget burn-down (30d)
            milestone                           at                    budget left
            ----------------------------------  --------------------  -----------
            window start                        2026-10-31T11:00:00Z       100.0%
            first events, below 75%, below 50%  2026-11-28T10:00:00Z        40.0%
            below 25%, spent                    2026-11-30T10:00:00Z      -470.0%
            now                                 2026-11-30T10:00:30Z      -470.0%
            Budget left after each 1h step: bad events so far against all events of the window.
            """))
    }

    @Test func percentilesOfOneSLOAreATable() throws {
        let snap = SLOReportFixture.snapshot(detail: SLODetailQuery(slo: "ai_response_latency"))
        let md = renderReport(.slo, snapshot: snap, format: .markdown)
        #expect(md.contains("## Latency percentiles\n\n| window | events | p50 ms | p90 ms | p95 ms | p99 ms |\n"))
        #expect(md.contains("| 5m | 100 | "))
        let root = try SLOReportFixture.parse(renderReport(.slo, snapshot: snap, format: .json))
        let slo = try #require(root["slo"] as? [String: Any])
        #expect((slo["percentiles"] as? [String: [String: Any]])?["window"]?["count"] as? Int == 100)
    }

    @Test func markdownHasTablesForEverySection() {
        let md = Self.render(.markdown)
        #expect(md.hasPrefix("# SLO report: ai_request_success, series total\n"))
        // The fixture's requests carry no duration, so no percentiles: see the latency SLO test.
        #expect(md.contains("## Latency percentiles\n\n_none"))
        for heading in ["## Burn rates", "## Alert tiers", "## History, last 6h", "## Error budget burn-down (30d)",
                        "## Breakdown by tenant and model (worst burn first)", "## Alerts"] {
            #expect(md.contains(heading + "\n\n|"), "\(heading)")
        }
        #expect(md.contains("| 1h | 17.00 | page >14.40 (1h & 5m) | page |"))
        #expect(md.contains("| page | 1h & 5m | 14.40 | 17.00 |"))
        #expect(md.contains("| tenant:acme | 94.985% | 947 | 997 |"))
        #expect(md.contains("| 2026-11-30T09:30:00Z | 1000 | 0 | 1000 | 100.000% | 0.00 |"))
    }

    @Test func anSLOWithoutEventsSaysSoInsteadOfEmptyTables() {
        let snap = SLOReportFixture.snapshot(detail: SLODetailQuery(slo: "message_processing_latency", range: .h1))
        let text = renderReport(.slo, snapshot: snap, format: .text)
        for note in ["(no events in the last 1h)", "(no events in the window)", "(no tenant or model series yet)",
                     "(no alerts firing for this SLO)", "(none: kept for the total series of latency SLOs only)"] {
            #expect(text.contains(note), "\(note)")
        }
        #expect(renderReport(.slo, snapshot: snap, format: .markdown).contains("_no events in the window_"))
    }
}

/// `--name`, `--series` and `--range` as the command line gives them.
@Suite struct SLOReportTargetTests {
    @Test func spellingIsCheckedBeforeTheReplay() throws {
        let target = try SLOReportTarget(name: "ai_request_success", series: "model:gpt-4o", range: "1d")
        #expect(target.series == .model("gpt-4o") && target.range == .d1)
        #expect(try SLOReportTarget(name: "x").range == .h6)
        #expect(throws: UserFacingError.self) { try SLOReportTarget(name: "x", range: "2h") }
        #expect(throws: UserFacingError.self) { try SLOReportTarget(name: "x", series: "acme") }
        do {
            _ = try SLOReportTarget(name: "x", range: "2h")
        } catch let error as UserFacingError {
            #expect(error.description == "--range must be one of 1h, 6h, 1d, 3d, 30d, not '2h'")
        }
    }

    @Test func tenantPicksTheSeriesAndMustAgreeWithIt() throws {
        let bare = try SLOReportTarget(name: "s")
        #expect(try bare.query(tenant: "acme").series == .tenant("acme"))
        #expect(try bare.query(tenant: nil).series == .total)
        let model = try SLOReportTarget(name: "s", series: "model:gpt-4o")
        #expect(throws: UserFacingError.self) { try model.query(tenant: "acme") }
    }

    @Test func unknownNamesListTheValidOnes() throws {
        let unknown = try SLOReportTarget(name: "nope")
        let snap = SLOReportFixture.snapshot(detail: try unknown.query(tenant: nil))
        do {
            try unknown.check(snap)
            Issue.record("no error for an unknown SLO")
        } catch let error as UserFacingError {
            #expect(error.description
                == "no SLO named 'nope'; the SLOs are: ai_response_latency, message_processing_latency, ai_request_success")
        }
        let series = try SLOReportTarget(name: "ai_request_success", series: "tenant:nobody")
        do {
            try series.check(SLOReportFixture.snapshot(detail: try series.query(tenant: nil)))
            Issue.record("no error for an unknown series")
        } catch let error as UserFacingError {
            #expect(error.description.hasPrefix("ai_request_success has no series tenant:nobody in this input; its series are: total, "))
            #expect(error.description.contains("tenant:acme") && error.description.contains("model:gpt-4o"))
        }
    }
}
