import Foundation
import Testing

/// `flowtop report` and `flowtop snapshot`: the headless, deterministic paths, run as the
/// real binary on a fixture file.
@Suite("report and snapshot commands")
struct ReportCommandTests {
    @Test func sloReportAsJSONHasTheDocumentedKeys() throws {
        let dir = try temporaryDirectory()
        let input = try Fixtures.write(Fixtures.events(), in: dir)
        let (status, output, _) = try runSplit(try flowtopBinary(), ["report", "slo", "--input", input, "--format", "json"])
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
        let (status, output, _) = try runSplit(try flowtopBinary(),
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
        let (status, output, _) = try runSplit(try flowtopBinary(), ["report", "funnel", "--input", input, "--format", "json"])
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
        #expect(contacted["step_conversion"] as? Double == 0.6)
        #expect(contacted["overall_conversion"] as? Double == 0.6)
    }

    /// Three leads in the last week and one before it: `--period-days 7` keeps the three,
    /// and the report says where they stopped and how long the first step took.
    @Test func funnelReportOverSevenDaysAsJSON() throws {
        let dir = try temporaryDirectory()
        let now = Fixtures.base
        let day: Int64 = 86_400, hour: Int64 = 3_600
        let events = [
            #"{"type":"lead_created","lead_id":"OLD","source":"whatsapp","ts":\#(now - 10 * day)}"#,
            #"{"type":"lead_stage","lead_id":"OLD","stage":"won","revenue":9999,"ts":\#(now - 9 * day)}"#,
            #"{"type":"lead_created","lead_id":"N1","source":"whatsapp","ts":\#(now - 3 * day)}"#,
            #"{"type":"lead_stage","lead_id":"N1","stage":"contacted","ts":\#(now - 3 * day + 2 * hour)}"#,
            #"{"type":"lead_stage","lead_id":"N1","stage":"won","revenue":1200,"ts":\#(now - 2 * day)}"#,
            #"{"type":"lead_created","lead_id":"N2","source":"website","ts":\#(now - 2 * day)}"#,
            #"{"type":"lead_stage","lead_id":"N2","stage":"contacted","ts":\#(now - 2 * day + 4 * hour)}"#,
            #"{"type":"lead_stage","lead_id":"N2","stage":"lost","ts":\#(now - day)}"#,
            #"{"type":"lead_created","lead_id":"N3","source":"website","ts":\#(now - day)}"#,
        ]
        let input = try Fixtures.write(events.joined(separator: "\n") + "\n", in: dir)
        let bin = try flowtopBinary()
        let (status, output, _) = try runSplit(bin, ["report", "funnel", "--period-days", "7", "--format", "json",
                                             "--input", input, "--now", String(now), "--breakdown", "source"])
        #expect(status == 0, "\(output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(json["period_days"] as? Int == 7)
        #expect(json["lead_count"] as? Int == 3)
        #expect(json["won_revenue"] as? Double == 1200 && json["lost"] as? Int == 1)
        let stages = try #require(json["stages"] as? [[String: Any]])
        #expect(stages.map { $0["count"] as? Int } == [3, 2, 1, 1, 1, 1])
        // N3 has not moved yet (in progress); N2 was lost after contacted.
        #expect(stages[0]["drop_off"] as? Int == 1 && stages[0]["in_progress"] as? Int == 1)
        #expect(stages[1]["drop_off"] as? Int == 1 && stages[1]["lost_here"] as? Int == 1)
        #expect(stages[1]["drop_off_rate"] as? Double == 0.5)
        // lead_created → contacted: N1 2h, N2 4h; the median is the lower one.
        let toNext = try #require(stages[0]["time_to_next"] as? [String: Any])
        #expect(toNext["median_ms"] as? Int == 7_200_000 && toNext["p90_ms"] as? Int == 14_400_000)
        #expect(toNext["samples"] as? Int == 2)
        let rows = try #require(json["breakdown"] as? [[String: Any]])
        #expect(rows.map { $0["label"] as? String } == ["website", "whatsapp"])

        let (badStatus, badOutput) = try run(bin, ["report", "funnel", "--period-days", "0", "--input", input])
        #expect(badStatus == 64)
        #expect(badOutput.contains("--period-days must be a whole number of days from 1 to 3650, not 0"), "\(badOutput)")
        // Attribution's period is checked by the same rule (it once took 0 and reported nothing).
        let (attributionStatus, attributionOutput) = try run(bin, ["report", "attribution", "--period-days", "0", "--input", input])
        #expect(attributionStatus == 64)
        #expect(attributionOutput.contains("--period-days must be a whole number of days from 1 to 3650, not 0"),
                "\(attributionOutput)")
        // `report slo` has no --breakdown (only `report funnel` takes it): argument-parser
        // refuses it as an unknown option and shows `report slo`'s usage.
        let (sloStatus, sloOutput) = try run(bin, ["report", "slo", "--breakdown", "source", "--input", input])
        #expect(sloStatus == 64)
        #expect(sloOutput.contains("Unknown option '--breakdown'"), "\(sloOutput)")
        #expect(sloOutput.contains("Usage: flowtop report slo "), "\(sloOutput)")
        // A report that does not exist is named as such, not as its first option.
        let (kindStatus, kindOutput) = try run(bin, ["report", "nothing", "--input", input])
        #expect(kindStatus == 64)
        #expect(kindOutput.contains("no report named 'nothing'; say slo, funnel, attribution or alerts"), "\(kindOutput)")
        #expect(!kindOutput.contains("Unknown option"), "\(kindOutput)")
    }

    @Test func attributionReportCreditsRevenueToChannels() throws {
        let dir = try temporaryDirectory()
        let input = try Fixtures.write(Fixtures.events(), in: dir)
        let bin = try flowtopBinary()
        // L-2 won 4800 after touches on whatsapp then email.
        for (model, whatsapp, email) in [("first_touch", 4800.0, 0.0), ("last_touch", 0, 4800), ("linear", 2400, 2400)] {
            let (status, output, _) = try runSplit(bin, ["report", "attribution", "--input", input, "--format", "json", "--model", model])
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

    /// The fixture's AI spend: 10 AI-assisted whatsapp touches at 0.5 and 20 requests at
    /// 0.01, 5.20 in all; linear gives L-2's whatsapp touch half of 4800.
    @Test func attributionReportHasComparisonFeaturesAIROIAndPaths() throws {
        let dir = try temporaryDirectory()
        let input = try Fixtures.write(Fixtures.events(), in: dir)
        let bin = try flowtopBinary()
        let (status, output, _) = try runSplit(bin, ["report", "attribution", "--input", input, "--format", "json",
                                             "--model", "markov", "--period-days", "7"])
        #expect(status == 0, "\(output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(json["model"] as? String == "markov" && json["period_days"] as? Int == 7)
        #expect(json["paths"] as? Int == 10 && json["conversions"] as? Int == 1)
        let rows = try #require(json["rows"] as? [[String: Any]])
        let email = try #require(rows.first { $0["channel"] as? String == "email" })
        #expect(email["revenue"] as? Double == 2400 && email["cost"] as? Double == 1 && email["roas"] as? Double == 2400)
        #expect(email["touches"] as? Int == 1 && email["touches_per_conversion"] as? Double == 2)
        let comparison = try #require(json["comparison"] as? [[String: Any]])
        let models = try #require(comparison.first?["models"] as? [String: Any])
        #expect(Set(models.keys) == ["first_touch", "last_touch", "linear", "position_based", "w_shaped", "time_decay",
                                     "markov", "shapley"])
        let ai = try #require(json["ai_roi"] as? [String: Any])
        #expect(ai["model"] as? String == "markov")
        #expect(ai["headline"] as? String == "AI: $5.20 spent, $2.4k of revenue attributed (ROI 461x), $5.20 per won deal")
        #expect((ai["by_model"] as? [Any])?.count == 8)
        #expect((ai["by_tenant"] as? [[String: Any]])?.map { $0["tenant"] as? String } == ["acme", "globex"])
        #expect(json["features"] as? [Any] != nil)
        let paths = try #require(json["top_paths"] as? [[String: Any]])
        #expect(paths.first?["path"] as? [String] == ["whatsapp", "email"])

        for format in ["markdown", "text"] {
            let (status, output) = try run(bin, ["report", "attribution", "--input", input, "--format", format])
            #expect(status == 0, "\(output)")
            #expect(output.contains("\nAI: $5.20 spent, $2.4k of revenue attributed (ROI 461x), $5.20 per won deal\n"))
            #expect(output.contains("Revenue by model") && output.contains("Top converting paths"), "\(format)")
        }
    }

    @Test func reportRejectsAMissingFileClearly() throws {
        let (status, output) = try run(try flowtopBinary(), ["report", "slo", "--input", "/nonexistent/events.ndjson"])
        #expect(status != 0)
        #expect(output.contains("/nonexistent/events.ndjson"))
        #expect(!output.contains("Fatal error"))
    }

    /// A report of a file with bad lines says how many it left out and why, after the
    /// report; a clean file's report says nothing more.
    @Test func reportSaysWhichLinesItLeftOut() throws {
        let dir = try temporaryDirectory()
        let bad = #"{"type":"ai_request","provider":"p","model":"m","tokens_input":5e18}"# + "\nnot json\n"
        // The fixture ends with its two bad lines; keep the valid ones.
        let valid = Fixtures.events().split(separator: "\n").dropLast(Fixtures.rejectedCount).joined(separator: "\n") + "\n"
        let clean = try Fixtures.write(valid, in: dir)
        let dirty = try Fixtures.write(valid + bad, in: dir, name: "dirty.ndjson")
        let bin = try flowtopBinary()
        let (status, output) = try run(bin, ["report", "slo", "--input", dirty])
        #expect(status == 0, "\(output)")
        #expect(output.contains("ai_request_success"), "\(output)")
        #expect(output.hasSuffix("flowtop report: left out 2 lines of the input (out_of_range 1, invalid_json 1); docs/events.md lists the reasons\n")
                || output.hasSuffix("flowtop report: left out 2 lines of the input (invalid_json 1, out_of_range 1); docs/events.md lists the reasons\n"),
                "\(output)")
        let (cleanStatus, cleanOutput) = try run(bin, ["report", "slo", "--input", clean])
        #expect(cleanStatus == 0 && !cleanOutput.contains("left out"), "\(cleanOutput)")
        let (snapStatus, snapOutput) = try run(bin, ["snapshot", "--input", dirty, "--width", "80", "--height", "24"])
        #expect(snapStatus == 0 && snapOutput.contains("flowtop snapshot: left out 2 lines"), "\(snapOutput)")
    }

    @Test func snapshotPrintsTheDashboardAtTheGivenSize() throws {
        let dir = try temporaryDirectory()
        let input = try Fixtures.write(Fixtures.events(), in: dir)
        let (status, output, _) = try runSplit(try flowtopBinary(), ["snapshot", "--input", input, "--width", "100", "--height", "30"])
        #expect(status == 0, "\(output)")
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 30)
        #expect(lines.allSatisfy { $0.count <= 100 })
        for word in ["ai_request_success", "lead_created", "whatsapp"] {
            #expect(output.contains(word), "\(word) not in snapshot:\n\(output)")
        }
    }
}
