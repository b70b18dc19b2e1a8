import Foundation
import Testing

/// `flowtop report alerts --rules FILE --silences FILE --now TS`: the real binary replays
/// a file and prints every alert's lifecycle state, labels and times, the silences and
/// the statistics; a mistake in either file is a clear error naming file, line and key.
@Suite("report alerts")
struct AlertsReportCommandTests {
    /// 2026-11-30T00:00:00Z.
    static let t0: Int64 = 1_795_996_800

    /// An hour of AI requests costing 0.2 every 6 s (120 an hour), then a minute of half
    /// failures, then nothing.
    static var events: String {
        var lines: [String] = []
        for i in 0..<600 {
            lines.append(#"{"type":"ai_request","provider":"openai","model":"gpt-4o","cost_usd":0.2,"success":true,"tenant":"acme","ts":\#(t0 + Int64(i) * 6)}"#)
        }
        for i in 0..<60 {
            lines.append(#"{"type":"ai_request","provider":"openai","model":"gpt-4o","cost_usd":0.01,"success":\#(i % 2 == 0),"tenant":"acme","ts":\#(t0 + 3600 + Int64(i))}"#)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let rules = """
        groups:
          - name: flowtop
            rules:
              - alert: AICostHigh
                expr: ai_cost_per_hour > 50
                for: 10m
                labels: {severity: ticket, team: revenue}
                annotations: {summary: AI spend above $50 an hour}
              - alert: IngestSilent
                expr: ingest_silence_seconds > 300
                labels: {severity: page}
        """

    static let silences = """
        silences:
          - matchers: ['alertname="IngestSilent"']
            starts_at: 2026-11-30T01:00:00Z
            ends_at: 2026-11-30T03:00:00Z
            created_by: bob
            comment: collector rebuilt
        """

    func report(_ extra: [String], now: String = "2026-11-30T01:10:00Z") throws -> (Int32, String) {
        let dir = try temporaryDirectory()
        let input = try Fixtures.write(Self.events, in: dir)
        let rules = try Fixtures.write(Self.rules, in: dir, name: "rules.yaml")
        let silences = try Fixtures.write(Self.silences, in: dir, name: "silences.yaml")
        let arguments = ["report", "alerts", "--input", input, "--now", now]
            + extra.map { $0 == "RULES" ? rules : $0 == "SILENCES" ? silences : $0 }
        return try run(try flowtopBinary(), arguments)
    }

    @Test func jsonListsEachAlertWithStateLabelsAndTimes() throws {
        let (status, output) = try report(["--rules", "RULES", "--silences", "SILENCES", "--format", "json"])
        #expect(status == 0, "\(output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let alerts = try #require(json["alerts"] as? [[String: Any]])
        func named(_ name: String) -> [[String: Any]] { alerts.filter { $0["alertname"] as? String == name } }

        // 120 an hour from 00:00: above 50 once 26 minutes are in (judged at 00:26),
        // firing 10 minutes later; still above 50 at 01:10 (the hour 00:10-01:10).
        let cost = try #require(named("AICostHigh").first)
        #expect(cost["state"] as? String == "firing")
        #expect(cost["active_at"] as? String == "2026-11-30T00:26:00Z")
        #expect(cost["fired_at"] as? String == "2026-11-30T00:36:00Z")
        #expect((cost["labels"] as? [String: String]) == ["alertname": "AICostHigh", "severity": "ticket", "team": "revenue"])
        #expect((cost["annotations"] as? [String: String])?["summary"] == "AI spend above $50 an hour")
        #expect(cost["fingerprint"] as? String != nil && cost["resolved_at"] is NSNull)

        // The last event at 01:00:59: silent for more than 300 s at 01:06, and silenced by bob.
        let silent = try #require(named("IngestSilent").first)
        #expect(silent["state"] as? String == "firing" && silent["fired_at"] as? String == "2026-11-30T01:06:00Z")
        #expect((silent["silenced_by"] as? [String])?.count == 1)

        // The failures burn the budget: the page tier on the total series, with the SLO label.
        let burn = try #require(named("ErrorBudgetBurn").first {
            ($0["labels"] as? [String: String])?["long_window"] == "6h"
                && ($0["labels"] as? [String: String])?["tenant"] == nil
                && ($0["labels"] as? [String: String])?["model"] == nil
        })
        #expect((burn["labels"] as? [String: String])?["slo"] == "ai_request_success")
        #expect(burn["severity"] as? String == "page" && burn["state"] as? String == "firing")
        // The 1h tier fired and resolved once its 5-minute window drained.
        #expect(named("ErrorBudgetBurn").contains { $0["state"] as? String == "resolved" })

        let silences = try #require(json["silences"] as? [[String: Any]])
        #expect(silences.first?["created_by"] as? String == "bob" && silences.first?["state"] as? String == "active")
        let stats = try #require(json["statistics"] as? [String: Any])
        #expect((stats["by_state"] as? [String: Int])?["firing"] ?? 0 >= 2)
        #expect(stats["silenced"] as? Int == 1)
    }

    @Test func textGroupsActiveMutedAndResolved() throws {
        let (status, output) = try report(["--rules", "RULES", "--silences", "SILENCES"])
        #expect(status == 0, "\(output)")
        for heading in ["Active", "Silenced or acknowledged", "Resolved in the last hour", "Silences", "Statistics"] {
            #expect(output.contains(heading), "\(heading)")
        }
        let muted = try #require(output.components(separatedBy: "Silenced or acknowledged").last)
        #expect(muted.prefix(400).contains("IngestSilent"))
    }

    @Test func aMistakeInTheRulesFileNamesFileLineAndKey() throws {
        let dir = try temporaryDirectory()
        let input = try Fixtures.write(Self.events, in: dir)
        let rules = try Fixtures.write("groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: ai_cost_per_hour > 5\n        fro: 5m\n",
                                       in: dir, name: "bad.yaml")
        let (status, output) = try run(try flowtopBinary(), ["report", "alerts", "--input", input, "--rules", rules])
        #expect(status == 1)
        #expect(output.contains("bad.yaml:6:9") && output.contains("fro") && output.contains("for"), "\(output)")
    }
}
