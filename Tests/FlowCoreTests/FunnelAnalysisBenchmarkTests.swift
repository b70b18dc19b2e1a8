import FlowCore
import FlowTestKit
import Foundation
import Testing

/// A by-hand timing of `FunnelAnalyzer.analyze`, off unless `FLOWTOP_BENCH=1`; it prints
/// and asserts nothing about time, so a slow or busy machine never fails the suite:
///
///     FLOWTOP_BENCH=1 swift test -c release --scratch-path .build-funnel \
///         --filter FunnelAnalysisBenchmark
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["FLOWTOP_BENCH"] == "1"))
struct FunnelAnalysisBenchmarkTests {
    static let now = TestTime.start + TestTime.days(90)

    /// Leads created over the last 30 days (all in the default period, the most work), 8
    /// sources, 3 tenants; each goes on to the next stage with probability 0.6, a quarter of
    /// those that stop are lost. Stage times are minutes to days apart.
    static func leads(_ count: Int) -> [FunnelLead] {
        var rng = SeededGenerator(seed: 2026)
        let sources = ["whatsapp", "instagram", "facebook", "linkedin", "website", "referral", "email", "phone"]
        let tenants = ["acme", "globex", "initech"]
        return (0..<count).map { i in
            let created = now - Int64.random(in: 0..<TestTime.days(30), using: &rng)
            var lead = FunnelLead(tenant: tenants[i % tenants.count], source: sources[i % sources.count], created: created)
            var t = created
            for stage in Stage.funnel.dropFirst() {
                guard Double.random(in: 0..<1, using: &rng) < 0.6 else {
                    if Int.random(in: 0..<4, using: &rng) == 0 { lead.apply(stage: .lost, at: t + TestTime.hours(1)) }
                    break
                }
                t += Int64.random(in: TestTime.minutes(5)..<TestTime.days(4), using: &rng)
                lead.apply(stage: stage, at: t, revenue: 1_000)
            }
            return lead
        }
    }

    @Test(arguments: [FunnelBreakdown.none, .source, .tenant])
    func analyzeHundredThousandLeads(breakdown: FunnelBreakdown) {
        let leads = Self.leads(100_000)
        let query = FunnelQuery(breakdown: breakdown)
        var times: [Double] = []
        var result: FunnelAnalysis?
        for _ in 0..<15 {
            let elapsed = ContinuousClock().measure {
                result = FunnelAnalyzer.analyze(leads, query: query, now: Self.now)
            }
            times.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
        }
        times.sort()
        let median = times[times.count / 2]
        print("BENCH funnel analyze 100k leads, breakdown \(breakdown): median \(String(format: "%.2f", median)) ms, "
              + "min \(String(format: "%.2f", times[0])) ms, max \(String(format: "%.2f", times[times.count - 1])) ms")
        if let f = result {
            print("BENCH funnel workload: counts \(f.stages.map(\.count)), lost \(f.lost), "
                  + "stalled \(f.stages.map(\.stalled).reduce(0, +)), breakdown rows \(f.breakdown.count)")
        }
        #expect(result?.leadCount == 100_000)
    }
}
