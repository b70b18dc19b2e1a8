import Foundation
import Testing

/// `--max-leads` and `--lead-retention-days` on the commands that run the engine: they
/// reach the engine, a report keeps the leads of its whole period, and bad values are
/// refused with a message saying what is allowed.
@Suite("lead options")
struct LeadOptionsCommandTests {
    /// `report funnel --format json`: the count of each stage by name.
    func funnelCounts(_ arguments: [String], events: String) throws -> [String: Int] {
        let dir = try temporaryDirectory()
        let input = try Fixtures.write(events, in: dir)
        let (status, output, _) = try runSplit(try flowtopBinary(), ["report", "funnel", "--input", input, "--format", "json"] + arguments)
        #expect(status == 0, "\(output)")
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        let stages = try #require(json?["stages"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: stages.compactMap { s in
            (s["stage"] as? String).map { ($0, s["count"] as? Int ?? -1) }
        })
    }

    /// The ten fixture leads, plus one created 200 days before them and idle since.
    var eventsWithAnOldLead: String {
        let old = Fixtures.base - 200 * 86_400
        return #"{"type":"lead_created","lead_id":"OLD","source":"email","tenant":"acme","ts":\#(old)}"# + "\n"
            + Fixtures.events()
    }

    @Test func maxLeadsCapsTheLeadsTheReportSees() throws {
        let counts = try funnelCounts(["--max-leads", "3"], events: Fixtures.events())
        #expect(counts["lead_created"] == 3)   // the last three created
    }

    @Test func aReportKeepsEveryLeadOfItsPeriodByDefault() throws {
        // 365 days is past the default retention of 180: the report raises it to its period.
        #expect(try funnelCounts(["--period-days", "365"], events: eventsWithAnOldLead)["lead_created"] == 11)
        #expect(try funnelCounts(["--period-days", "365", "--lead-retention-days", "0"],
                                 events: eventsWithAnOldLead)["lead_created"] == 11)
        #expect(try funnelCounts(["--period-days", "365", "--lead-retention-days", "365"],
                                 events: eventsWithAnOldLead)["lead_created"] == 11)
    }

    @Test(arguments: [
        (["report", "funnel", "--input", "x", "--max-leads=0"], "--max-leads must be between 1 and 50000000, not 0"),
        (["report", "funnel", "--input", "x", "--max-leads=-3"], "--max-leads must be between 1 and 50000000, not -3"),
        (["snapshot", "--input", "x", "--lead-retention-days=-1"], "--lead-retention-days must be between 0"),
        (["watch", "--lead-retention-days", "40000"], "--lead-retention-days must be between 0"),
        (["report", "attribution", "--input", "x", "--lead-retention-days", "10"],
         "the report covers the last 30 days (--period-days), but --lead-retention-days 10"),
    ])
    func badValuesAreRefusedWithAUsageError(arguments: [String], message: String) throws {
        let (status, output) = try run(try flowtopBinary(), arguments)
        #expect(status == 64)
        #expect(output.contains(message), "\(output)")
    }
}
