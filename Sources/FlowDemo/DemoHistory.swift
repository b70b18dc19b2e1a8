import FlowCore

/// Lead journeys that take days to weeks, so the funnel's 7/30/90-day periods differ,
/// time decay differs from linear and the stalled and time-to-stage figures have real
/// spreads. `DemoBusiness` (`--demo`) writes each journey's events as their times come;
/// `history` writes those before a time at once (`flowtop demo --backfill-minutes`).
///
/// Each journey: touches days apart (exponential gaps, mean 2 days); the stages it
/// reaches follow the live workload's odds, each about a day after its touches; won
/// revenue from `dealRevenue`.
extension DemoWorkload {
    static let dayMillis: EpochMillis = 86_400_000
    /// What `flowtop demo --backfill-minutes` writes first: about 100 leads a day.
    static let historyLeads = 6000
    static let historyDays = 60

    /// Appends the journeys of `leads` leads created over the `days` days before `until`,
    /// lead after lead (time order only within a lead: the engine takes late events).
    public mutating func history(leads: Int, days: Int, until: EpochMillis, into out: inout [UInt8]) {
        let span = Double(max(1, days)) * Double(Self.dayMillis)
        for _ in 0..<max(0, leads) {
            for (time, var line) in journey(createdAt: until - EpochMillis(rng.unit() * span)) where time < until {
                line.finish(time: time)
                out.append(contentsOf: line.bytes)
            }
        }
    }

    /// The whole journey of a new lead created at `created`, every event with its time
    /// (unfinished lines), in time order: days between touches and stages, so a won deal
    /// takes weeks. `DemoBusiness` writes each event once its time comes.
    mutating func journey(createdAt created: EpochMillis) -> [(EpochMillis, LineWriter)] {
        let id = nextLead
        nextLead += 1
        let tenant = Int(rng.pick([0, 1, 2], weights: DemoWorkload.tenantWeights))
        var t = created
        var lines: [(EpochMillis, LineWriter)] = []
        var first = LineWriter()
        first.field("type", "lead_created")
        first.field("lead_id", "L-\(id)")
        first.field("source", rng.pick(DemoWorkload.sources, weights: DemoWorkload.sourceWeights))
        first.field("tenant", DemoWorkload.tenants[tenant])
        lines.append((t, first))
        var stage = Stage.leadCreated
        while stage != .won && stage != .lost {
            // One to three touches, then the next stage (or lost, or nothing more).
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                t += gap(meanDays: 2)
                lines.append((t, touchLine(lead: id, tenant: tenant)))
            }
            let keep = [0.8, 0.75, 0.7, 0.65, 0.6][min(Int(stage.rawValue), 4)]
            if rng.chance(0.15) { break }                      // stalls where it is
            stage = rng.chance(keep) ? Stage(rawValue: stage.rawValue + 1) ?? .won : .lost
            t += gap(meanDays: 1)
            var line = LineWriter()
            line.field("type", "lead_stage")
            line.field("lead_id", "L-\(id)")
            line.field("stage", stage.name)
            if stage == .won { line.number("revenue", dealRevenue()) }
            line.field("tenant", DemoWorkload.tenants[tenant])
            lines.append((t, line))
        }
        return lines
    }

    /// A won deal's revenue: a yearly subscription of a few seats, $6k in the middle,
    /// $1.5k to $40k, in steps of $50.
    mutating func dealRevenue() -> Double {
        let amount = min(40_000, max(1_500, rng.logNormal(median: 6_000, sigma: 0.6)))
        return (amount / 50).rounded() * 50
    }

    /// An exponential gap with the given mean, in whole milliseconds.
    private mutating func gap(meanDays: Double) -> EpochMillis {
        EpochMillis(rng.exponential(mean: meanDays * Double(Self.dayMillis)))
    }

    /// A touchpoint on `lead` (the line is not finished: no time yet).
    mutating func touchLine(lead id: Int, tenant: Int) -> LineWriter {
        var l = LineWriter()
        let c = rng.pick(Array(DemoWorkload.channels.indices), weights: DemoWorkload.channelWeights)
        let channel = DemoWorkload.channels[c]
        let ai = rng.chance(DemoWorkload.channelAIShare[c])
        l.field("type", "touchpoint")
        l.field("lead_id", "L-\(id)")
        l.field("channel", channel)
        l.field("touch_type", DemoWorkload.channelTouchTypes[c])
        l.field("feature_used", ai ? DemoWorkload.features[Int(rng.next() % 3)] : "none")
        l.bool("ai_assisted", ai)
        l.number("cost", touchCost(channel))
        l.field("tenant", DemoWorkload.tenants[tenant])
        return l
    }

    /// What a touch costs by channel, in dollars: paid social and search clicks (what an
    /// engaged B2B click costs, so each paid channel earns back 2-10x), an SDR's call, and
    /// messages that cost next to nothing.
    private mutating func touchCost(_ channel: String) -> Double {
        let (low, high): (Double, Double) = switch channel {
        case "linkedin": (14, 30)
        case "instagram": (8, 20)
        case "website": (6, 14)
        case "phone": (3, 5)
        case "email": (0.01, 0.01)
        default: (0.05, 0.05)
        }
        return ((low + (high - low) * rng.unit()) * 100).rounded() / 100
    }
}
