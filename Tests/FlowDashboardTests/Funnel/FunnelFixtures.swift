import FlowCore

/// The leads behind the fixture's funnel, analysed the way the engine does: 1,240 leads
/// created over the last 30 days, of which 980 were contacted, 610 qualified, 320 had a
/// meeting, 190 a proposal and 84 were won at $4,800 each; 212 lost. Sources whatsapp
/// (3 in 8), website (2 in 8), linkedin, email, referral; a third of the leads on globex,
/// the rest on acme. Older leads that stopped moving are stalled.
extension Fixture {
    static let funnelCounts = [1240, 980, 610, 320, 190, 84]
    static let sources = ["whatsapp", "whatsapp", "whatsapp", "website", "website", "linkedin", "email", "referral"]

    static let funnelLeads: [FunnelLead] = (0..<funnelCounts[0]).map { i in
        let hour: Int64 = 3_600_000
        let highest = funnelCounts.dropFirst().filter { i < $0 }.count
        let created = now - Int64(1 + (i * 7) % 29) * 86_400_000 - Int64(i % 20) * hour
        // A step every 1 to 36 hours, all of them at least an hour before `now`.
        let room = (now - hour - created) / Int64(max(1, highest))
        let gap = min(Int64(1 + (i * 5) % 36) * hour, room)
        var reached: [EpochMillis?] = Array(repeating: nil, count: 6)
        for stage in 0...highest { reached[stage] = created + Int64(stage) * gap }
        let j = i - funnelCounts[5]
        let lost = j >= 0 && j % 5 == 0 && j < 1060
        return FunnelLead(tenant: i % 3 == 0 ? "globex" : "acme", source: sources[i % sources.count],
                          created: created, reached: reached,
                          lostAt: lost ? created + Int64(highest) * gap + hour / 2 : nil,
                          wonRevenue: highest == 5 ? 4_800 : 0)
    }

    /// What the engine answers for `query` with the tenant filter `tenant`.
    static func funnelAnalysis(_ query: FunnelQuery = FunnelQuery(), tenant: String? = nil) -> FunnelAnalysis {
        var query = query
        query.tenant = tenant
        return FunnelAnalyzer.analyze(funnelLeads, query: query, now: now)
    }
}
