/// Turns the engine's per-lead funnel records into a `FunnelAnalysis`, in one pass.
///
/// Why one pass: the engine calls this at snapshot time over every lead it keeps, so the
/// cost must stay linear. Each lead is placed once (its highest counted stage, lost or
/// stalled, its stage-to-stage durations) and only the collected durations are reordered,
/// by selection, for their medians and p90s. 100,000 leads take 7 to 10 ms in a release
/// build (docs/funnel.md).
///
/// The analysis is as of `now`: stage, lost and creation times after it are ignored, so a
/// replay at an earlier `now` sees the funnel as it was.
///
/// ```swift
/// let funnel = FunnelAnalyzer.analyze(leads, query: FunnelQuery(periodDays: 7, breakdown: .source), now: now)
/// for row in funnel.breakdown { print(row.label.text, row.counts, row.overallConversions.last ?? nil) }
/// ```
public enum FunnelAnalyzer {
    public static func analyze<C: Collection>(_ leads: C, query: FunnelQuery, now: EpochMillis) -> FunnelAnalysis
    where C.Element == FunnelLead {
        var pass = FunnelPass(period: FunnelPeriod(query: query, now: now), query: query)
        // Arrays (the usual case) are walked through their buffer: called from another
        // module this generic is not specialised, and per-element witness calls would
        // cost more than the analysis itself.
        let walked: Void? = leads.withContiguousStorageIfAvailable { buffer in
            for i in buffer.indices { pass.add(buffer[i]) }
        }
        if walked == nil {
            for lead in leads { pass.add(lead) }
        }
        return pass.finish()
    }
}

/// The state of one analysis pass: totals, stalled leads, durations, breakdown groups.
struct FunnelPass {
    static let last = FunnelTally.stageCount - 1

    let period: FunnelPeriod
    let query: FunnelQuery
    var total = FunnelTally()
    var stalled = [Int](repeating: 0, count: FunnelTally.stageCount)
    var stalledBySource = [[String: Int]](repeating: [:], count: FunnelTally.stageCount)
    /// Durations from each stage to the next, and to won, in ms.
    var toNext = [[Int64]](repeating: [], count: FunnelTally.stageCount - 1)
    var toWon = [[Int64]](repeating: [], count: FunnelTally.stageCount - 1)
    var groups: [String: FunnelTally] = [:]
    /// The current lead's first time per stage; reused so the pass allocates per group, not per lead.
    private var times = [Int64](repeating: 0, count: FunnelTally.stageCount)

    init(period: FunnelPeriod, query: FunnelQuery) {
        self.period = period
        self.query = query
    }

    mutating func add(_ lead: FunnelLead) {
        if let tenant = query.tenant, lead.tenant != tenant { return }
        let created = lead.created
        guard period.contains(created: created) else { return }

        // First time per stage: the earliest time of this stage or any later one (a record
        // built by `apply` already is), never before creation. `top`: the last stage with a time.
        var top = 0
        var running = Int64.max
        let reached = lead.reached
        for i in stride(from: Self.last, through: 1, by: -1) {
            if i < reached.count, let t = reached[i] {
                running = min(running, t)
                if top == 0 { top = i }
            }
            times[i] = max(running, created)
        }
        times[0] = created

        let countsUntil = period.countsUntil(created: created)
        var highest = 0
        while highest < top && times[highest + 1] <= countsUntil { highest += 1 }
        var latest = highest
        while latest < top && times[latest + 1] <= period.now { latest += 1 }

        let won = highest == Self.last
        var lost = false
        if !won, let lostAt = lead.lostAt, lostAt <= period.now, lostAt >= times[highest] { lost = true }
        if !won && !lost && period.isStalled(lastChange: times[latest]) {
            stalled[highest] += 1
            stalledBySource[highest][lead.source, default: 0] += 1
        }

        for i in 0..<highest { toNext[i].append(times[i + 1] - times[i]) }
        if won {
            for i in 0..<Self.last { toWon[i].append(times[Self.last] - times[i]) }
        }

        let revenue = won ? lead.wonRevenue : 0
        total.add(highest: highest, lost: lost, revenue: revenue)
        switch query.breakdown {
        case .none: break
        case .source: groups[lead.source, default: FunnelTally()].add(highest: highest, lost: lost, revenue: revenue)
        case .tenant: groups[lead.tenant, default: FunnelTally()].add(highest: highest, lost: lost, revenue: revenue)
        }
    }

    mutating func finish() -> FunnelAnalysis {
        let counts = total.counts
        let (step, overall) = FunnelTally.conversions(counts)
        var stages: [FunnelStageAnalysis] = []
        for (i, stage) in Stage.funnel.enumerated() {
            let hasNext = i < Self.last
            let dropOff = hasNext ? total.atHighest[i] : 0
            let bySource = FunnelRowCap.top(stalledBySource[i], limit: query.breakdownLimit,
                                            size: { $0 }, merge: { $0 += $1 })
            stages.append(FunnelStageAnalysis(
                stage: stage, count: counts[i], stepConversion: step[i], overallConversion: overall[i],
                dropOff: dropOff, dropOffRate: hasNext ? FunnelTally.ratio(dropOff, counts[i]) : nil,
                lostHere: total.lostFrom[i], stalled: stalled[i],
                stalledBySource: bySource.map { FunnelLabelCount(label: $0.label, count: $0.value) },
                inProgress: dropOff - total.lostFrom[i] - stalled[i],
                timeToNext: hasNext ? NearestRank.stats(&toNext[i]) : nil,
                timeToWon: hasNext ? NearestRank.stats(&toWon[i]) : nil))
        }
        let rows = FunnelRowCap.top(groups, limit: query.breakdownLimit, size: \.leads, merge: { $0.merge($1) })
        return FunnelAnalysis(query: query, now: period.now, periodStart: period.start, leadCount: counts[0],
                              stages: stages, lost: total.lost, wonRevenue: total.wonRevenue,
                              breakdown: rows.map { $0.value.row($0.label) })
    }
}
