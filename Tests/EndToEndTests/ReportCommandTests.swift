import Foundation
import Testing

/// `flowtop report` and `flowtop snapshot`: the headless, deterministic paths, run as the
/// real binary on a fixture file.
@Suite("report and snapshot commands")
struct ReportCommandTests {
    @Test func sloReportAsJSONHasTheDocumentedKeys() throws {
        let dir = try temporaryDirectory()
        let input = try Fixtures.write(Fixtures.events(), in: dir)
        let (status, output) = try run(try flowtopBinary(), ["report", "slo", "--input", input, "--format", "json"])
        #expect(status == 0, "\(output)")
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        let slos = try #require(json?["slos"] as? [[String: Any]])
        #expect(slos.map { $0["name"] as? String } == ["ai_response_latency", "message_processing_latency", "ai_request_success"])
        let success = try #require(slos.first { $0["name"] as? String == "ai_request_success" })
        for key in ["objective", "window", "sli", "error_budget_remaining", "burn_rates", "alerts"] {
            #expect(success[key] != nil, "missing \(key)")
        }
        // 19 of 20 AI requests succeeded.
        #expect(success["sli"] as? Double == 0.95)
        let burns = try #require(success["burn_rates"] as? [String: Any])
        #expect(Set(burns.keys) == ["5m", "30m", "1h", "2h", "6h", "1d", "3d"])
        // error ratio 0.05 / budget 0.001 = burn 50 in every window holding the events.
        #expect(abs((burns["1h"] as? Double ?? 0) - 50) < 1e-9)
        let alerts = try #require(success["alerts"] as? [[String: Any]])
        #expect(alerts.contains { $0["severity"] as? String == "page" && $0["firing"] as? Bool == true })
    }

    @Test func oneSLOReportAsJSONHasHistoryBreakdownAndAlerts() throws {
        let dir = try temporaryDirectory()
        let input = try Fixtures.write(Fixtures.events(), in: dir)
        // Two minutes after the last event, so alerts have been confirmed on completed minutes.
        let (status, output) = try run(try flowtopBinary(),
                                       ["report", "slo", "--name", "ai_request_success", "--input", input, "--format", "json",
                                        "--now", "2025-11-24T16:02:00Z"])
        #expect(status == 0, "\(output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let slo = try #require(json["slo"] as? [String: Any])
        #expect(slo["name"] as? String == "ai_request_success" && slo["series"] as? String == "total")
        #expect(slo["sli"] as? Double == 0.95 && slo["status"] as? String == "page")
        // 20 requests in the last 6 hours, one failed, in 1-minute buckets.
        #expect(json["history_range"] as? String == "6h")
        let history = try #require(json["history"] as? [[String: Any]])
        #expect(history.count == 360)
        #expect(history.reduce(0) { $0 + ($1["total"] as? Int ?? 0) } == 20)
        #expect(history.reduce(0) { $0 + ($1["good"] as? Int ?? 0) } == 19)
        let breakdown = try #require(json["breakdown"] as? [[String: Any]])
        #expect(Set(breakdown.compactMap { $0["series"] as? String }) == ["tenant:acme", "model:gpt-4o"])
        let alerts = try #require(json["alerts"] as? [[String: Any]])
        #expect(alerts.contains { $0["series"] as? String == "total" && $0["severity"] as? String == "page" })
        #expect((json["burn_down"] as? [Any])?.isEmpty == false)
    }

    @Test func oneSLOReportNamesTheValidChoicesOnABadName() throws {
        let dir = try temporaryDirectory()
        let input = try Fixtures.write(Fixtures.events(), in: dir)
        let bin = try flowtopBinary()
        let (status, output) = try run(bin, ["report", "slo", "--name", "ai_success", "--input", input])
        #expect(status == 1)
        #expect(output.contains("no SLO named 'ai_success'; the SLOs are: ai_response_latency, message_processing_latency, ai_request_success"), "\(output)")
        let (rangeStatus, rangeOutput) = try run(bin, ["report", "slo", "--name", "ai_request_success", "--range", "2h",
                                                       "--input", input])
        #expect(rangeStatus == 64)
        #expect(rangeOutput.contains("--range must be one of 1h, 6h, 1d, 3d, 30d, not '2h'"), "\(rangeOutput)")
        let (seriesStatus, seriesOutput) = try run(bin, ["report", "slo", "--name", "ai_request_success",
                                                         "--series", "tenant:globex", "--input", input])
        #expect(seriesStatus == 1)
        #expect(seriesOutput.contains("its series are: total, tenant:acme, model:gpt-4o"), "\(seriesOutput)")
        #expect(!output.contains("Fatal error") && !seriesOutput.contains("Fatal error"))
    }

    @Test func funnelReportCountsStagesAndConversions() throws {
        let dir = try temporaryDirectory()
        let input = try Fixtures.write(Fixtures.events(), in: dir)
        let (status, output) = try run(try flowtopBinary(), ["report", "funnel", "--input", input, "--format", "json"])
        #expect(status == 0, "\(output)")
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        let stages = try #require(json?["stages"] as? [[String: Any]])
        let counts = Dictionary(uniqueKeysWithValues: stages.compactMap { s in
            (s["stage"] as? String).map { ($0, s["count"] as? Int ?? -1) }
        })
        #expect(counts["lead_created"] == 10)
        #expect(counts["contacted"] == 6)
        #expect(counts["won"] == 1)
        let contacted = try #require(stages.first { $0["stage"] as? String == "contacted" })
        #expect(contacted["conversion_from_previous"] as? Double == 0.6)
        #expect(contacted["conversion_from_start"] as? Double == 0.6)
    }

    @Test func attributionReportCreditsRevenueToChannels() throws {
        let dir = try temporaryDirectory()
        let input = try Fixtures.write(Fixtures.events(), in: dir)
        let bin = try flowtopBinary()
        // L-2 won 4800 after touches on whatsapp then email.
        for (model, whatsapp, email) in [("first_touch", 4800.0, 0.0), ("last_touch", 0, 4800), ("linear", 2400, 2400)] {
            let (status, output) = try run(bin, ["report", "attribution", "--input", input, "--format", "json", "--model", model])
            #expect(status == 0, "\(output)")
            let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            let rows = try #require(json?["rows"] as? [[String: Any]])
            let revenue = Dictionary(uniqueKeysWithValues: rows.compactMap { r in
                (r["channel"] as? String).map { ($0, r["revenue"] as? Double ?? -1) }
            })
            #expect((revenue["whatsapp"] ?? 0) == whatsapp, "\(model)")
            #expect((revenue["email"] ?? 0) == email, "\(model)")
            for row in rows { for key in ["channel", "revenue", "conversions", "cost"] { #expect(row[key] != nil) } }
        }
    }

    @Test func reportRejectsAMissingFileClearly() throws {
        let (status, output) = try run(try flowtopBinary(), ["report", "slo", "--input", "/nonexistent/events.ndjson"])
        #expect(status != 0)
        #expect(output.contains("/nonexistent/events.ndjson"))
        #expect(!output.contains("Fatal error"))
    }

    @Test func snapshotPrintsTheDashboardAtTheGivenSize() throws {
        let dir = try temporaryDirectory()
        let input = try Fixtures.write(Fixtures.events(), in: dir)
        let (status, output) = try run(try flowtopBinary(), ["snapshot", "--input", input, "--width", "100", "--height", "30"])
        #expect(status == 0, "\(output)")
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 30)
        #expect(lines.allSatisfy { $0.count <= 100 })
        for word in ["ai_request_success", "lead_created", "whatsapp"] {
            #expect(output.contains(word), "\(word) not in snapshot:\n\(output)")
        }
    }
}
