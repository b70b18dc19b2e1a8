import FlowCore
import FlowTestKit
import Testing

/// Random leads analysed in one pass agree with a stage-by-stage recount written the
/// slow, obvious way (a loop per stage, full sorts for percentiles).
@Suite struct FunnelAnalysisRecountTests {
    static let now = TestTime.start + TestTime.days(60)
    static let d = TestTime.days(1)

    static func randomLeads(count: Int, seed: UInt64) -> [FunnelLead] {
        var rng = SeededGenerator(seed: seed)
        let sources = ["whatsapp", "email", "website", "referral"]
        let tenants = ["acme", "globex"]
        return (0..<count).map { _ in
            let created = now - Int64.random(in: 0...(40 * d), using: &rng)
            var lead = FunnelLead(tenant: tenants.randomElement(using: &rng) ?? "acme",
                                  source: sources.randomElement(using: &rng) ?? "email", created: created)
            for _ in 0..<Int.random(in: 0...5, using: &rng) {
                let stage = Stage.allCases.randomElement(using: &rng) ?? .lost
                lead.apply(stage: stage, at: created + Int64.random(in: 0...(30 * d), using: &rng),
                           revenue: Double(Int.random(in: 1...9, using: &rng)) * 100)
            }
            return lead
        }
    }

    /// The stages a lead counts in: reached by `now` and within the window.
    static func counted(_ lead: FunnelLead, _ stage: Int, window: Int?) -> Bool {
        guard let t = lead.reached[stage], t <= now else { return false }
        return window.map { t - lead.created <= Int64($0) * d } ?? true
    }

    static func nearestRank(_ values: [Int64]) -> FunnelDurationStats? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return FunnelDurationStats(samples: s.count, median: s[(50 * s.count + 99) / 100 - 1],
                                   p90: s[(90 * s.count + 99) / 100 - 1])
    }

    @Test(arguments: [nil, 0, 3, 10] as [Int?])
    func onePassAgreesWithARecount(window: Int?) {
        let all = Self.randomLeads(count: 2_000, seed: 3)
        let query = FunnelQuery(periodDays: 30, conversionWindowDays: window)
        let f = FunnelAnalyzer.analyze(all, query: query, now: Self.now)
        let leads = all.filter { $0.created >= Self.now - 30 * Self.d && $0.created <= Self.now }
        #expect(f.leadCount == leads.count)
        for i in 0..<6 {
            let here = leads.filter { Self.counted($0, i, window: window) }
            #expect(f.stages[i].count == here.count)
            guard i < 5 else { continue }
            let next = here.filter { Self.counted($0, i + 1, window: window) }
            #expect(f.stages[i].dropOff == here.count - next.count)
            #expect(f.stages[i].timeToNext == Self.nearestRank(next.compactMap { lead in
                lead.reached[i + 1].flatMap { to in lead.reached[i].map { to - $0 } }
            }))
            let won = here.filter { Self.counted($0, 5, window: window) }
            #expect(f.stages[i].timeToWon == Self.nearestRank(won.compactMap { lead in
                lead.reached[5].flatMap { to in lead.reached[i].map { to - $0 } }
            }))
        }
        let won = leads.filter { Self.counted($0, 5, window: window) }
        #expect(f.wonRevenue == won.map(\.wonRevenue).reduce(0, +))
    }
}
