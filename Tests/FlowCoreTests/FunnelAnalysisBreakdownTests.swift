import FlowCore
import FlowTestKit
import Testing

/// The same funnel per lead source and per tenant, the largest rows first, capped with an
/// `other` row. Leads and counts are those of `FunnelExample`.
@Suite struct FunnelAnalysisBreakdownTests {
    func analyze(_ breakdown: FunnelBreakdown, limit: Int = 20) -> FunnelAnalysis {
        FunnelAnalyzer.analyze(FunnelExample.leads, query: FunnelQuery(breakdown: breakdown, breakdownLimit: limit),
                               now: FunnelExample.now)
    }

    @Test func bySourceMostLeadsFirstThenByName() {
        let rows = analyze(.source).breakdown
        #expect(rows.map(\.label) == [.named("website"), .named("whatsapp"), .named("referral"), .named("unknown")])
        #expect(rows.map(\.leads) == [3, 3, 1, 1])
    }

    @Test func aSourceRowHasItsOwnCountsAndConversions() throws {
        let rows = analyze(.source).breakdown
        let website = try #require(rows.first)
        // C won, D lost at qualified, E stalled at contacted.
        #expect(website.counts == [3, 3, 2, 1, 1, 1])
        let step: [Double?] = [nil, 1, 2.0 / 3, 0.5, 1, 1]
        let overall: [Double?] = [1, 1, 2.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3]
        #expect(website.stepConversions == step)
        #expect(website.overallConversions == overall)
        #expect(website.lost == 1 && website.wonRevenue == 500)
        let whatsapp = rows[1]
        #expect(whatsapp.counts == [3, 3, 2, 2, 2, 2])
        #expect(whatsapp.lost == 0 && whatsapp.wonRevenue == 4_000)
    }

    @Test func leadsFirstSeenInAStageEventCountUnderUnknown() {
        let unknown = analyze(.source).breakdown[3]
        #expect(unknown.label == .named("unknown"))
        #expect(unknown.counts == [1, 1, 1, 0, 0, 0])
    }

    @Test func theCapKeepsTheLargestRowsAndSumsTheRestIntoOther() {
        let rows = analyze(.source, limit: 2).breakdown
        #expect(rows.map(\.label) == [.named("website"), .named("whatsapp"), .other(labels: 2)])
        let other = rows[2]
        #expect(other.label.text == "other")
        // referral's F (lost at creation) and unknown's G (qualified).
        #expect(other.leads == 2 && other.counts == [2, 1, 1, 0, 0, 0])
        #expect(other.stepConversions == [nil, 0.5, 1, 0, nil, nil])
        #expect(other.lost == 1 && other.wonRevenue == 0)
    }

    @Test func noOtherRowWhenEveryLabelFits() {
        #expect(analyze(.source, limit: 4).breakdown.count == 4)
        #expect(analyze(.source, limit: 3).breakdown.last?.label == .other(labels: 1))
    }

    @Test func rowsAddUpToTheTotal() {
        for breakdown in [FunnelBreakdown.source, .tenant] {
            for limit in [1, 2, 20] {
                let f = analyze(breakdown, limit: limit)
                for i in 0..<6 {
                    #expect(f.breakdown.map { $0.counts[i] }.reduce(0, +) == f.stages[i].count)
                }
                #expect(f.breakdown.map(\.wonRevenue).reduce(0, +) == f.wonRevenue)
                #expect(f.breakdown.map(\.lost).reduce(0, +) == f.lost)
            }
        }
    }

    @Test func byTenant() {
        let rows = analyze(.tenant).breakdown
        #expect(rows.map(\.label) == [.named("acme"), .named("globex"), .named("initech")])
        #expect(rows.map(\.counts) == [[6, 5, 4, 3, 3, 3], [1, 1, 0, 0, 0, 0], [1, 1, 1, 0, 0, 0]])
        #expect(rows[0].wonRevenue == 4_500 && rows[0].lost == 2)
    }

    @Test func byTenantCapped() {
        let rows = analyze(.tenant, limit: 1).breakdown
        #expect(rows.map(\.label) == [.named("acme"), .other(labels: 2)])
        #expect(rows[1].counts == [2, 2, 1, 0, 0, 0])
    }

    @Test func stalledBySourceIsCappedToo() {
        let c = FunnelExample.c
        let leads = ["a", "b", "b", "c", "c", "c"].map { funnelLead($0, created: c) }
        let f = FunnelAnalyzer.analyze(leads, query: FunnelQuery(breakdownLimit: 2), now: FunnelExample.now)
        #expect(f.stages[0].stalled == 6)
        #expect(f.stages[0].stalledBySource == [FunnelLabelCount(label: .named("c"), count: 3),
                                                FunnelLabelCount(label: .named("b"), count: 2),
                                                FunnelLabelCount(label: .other(labels: 1), count: 1)])
    }
}
