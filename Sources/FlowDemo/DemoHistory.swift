import FlowCore

/// Lead journeys of the last weeks, written before the demo goes live, so the funnel's
/// 7/30/90-day periods differ, journeys span days (time decay then differs from linear)
/// and the stalled and time-to-stage figures have real spreads. Only lead events: SLO
/// windows fill from the minutes of backfill that follow.
///
/// Each journey: created at a uniform time in the span; touches days apart (exponential
/// gaps, mean 2 days); the stages it reaches follow the live workload's odds, each a few
/// days after the last, with a touch before each; won revenue as live. Events later than
/// `until` are left out, so journeys still open at the start carry on being open.
extension DemoWorkload {
    static let dayMillis: EpochMillis = 86_400_000
    /// What `--demo` writes before going live: about 100 leads a day.
    static let historyLeads = 6000
    static let historyDays = 60

    /// Appends the journeys of `leads` leads created over the `days` days before `until`,
    /// lead after lead (time order only within a lead: the engine takes late events).
    public mutating func history(leads: Int, days: Int, until: EpochMillis, into out: inout [UInt8]) {
        let span = Double(max(1, days)) * Double(Self.dayMillis)
        for _ in 0..<max(0, leads) {
            let id = nextLead
            nextLead += 1
            let tenant = Int(rng.pick([0, 1, 2], weights: DemoWorkload.tenantWeights))
            var t = until - EpochMillis(rng.unit() * span)
            var lines: [(EpochMillis, LineWriter)] = []
            var created = LineWriter()
            created.field("type", "lead_created")
            created.field("lead_id", "L-\(id)")
            created.field("source", rng.pick(DemoWorkload.sources, weights: DemoWorkload.sourceWeights))
            created.field("tenant", DemoWorkload.tenants[tenant])
            lines.append((t, created))
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
                if stage == .won { line.number("revenue", Double(500 + rng.next() % 95) * 50) }
                line.field("tenant", DemoWorkload.tenants[tenant])
                lines.append((t, line))
            }
            for (time, var line) in lines where time < until {
                line.finish(time: time)
                out.append(contentsOf: line.bytes)
            }
        }
    }

    /// An exponential gap with the given mean, in whole milliseconds.
    private mutating func gap(meanDays: Double) -> EpochMillis {
        EpochMillis(rng.exponential(mean: meanDays * Double(Self.dayMillis)))
    }

    /// A touchpoint on `lead` (the line is not finished: no time yet).
    mutating func touchLine(lead id: Int, tenant: Int) -> LineWriter {
        var l = LineWriter()
        let channel = rng.pick(DemoWorkload.channels, weights: DemoWorkload.channelWeights)
        let ai = channel == "whatsapp" || channel == "email" ? rng.chance(0.75) : rng.chance(0.3)
        l.field("type", "touchpoint")
        l.field("lead_id", "L-\(id)")
        l.field("channel", channel)
        l.field("touch_type", DemoWorkload.touchTypes[Int(rng.next() % UInt64(DemoWorkload.touchTypes.count))])
        l.field("feature_used", ai ? DemoWorkload.features[Int(rng.next() % 3)] : "none")
        l.bool("ai_assisted", ai)
        l.number("cost", touchCost(channel))
        l.field("tenant", DemoWorkload.tenants[tenant])
        return l
    }

    /// What a touch costs by channel, in dollars: paid social and search clicks, an SDR's
    /// call, and messages that cost next to nothing.
    private mutating func touchCost(_ channel: String) -> Double {
        let (low, high): (Double, Double) = switch channel {
        case "linkedin": (6, 14)
        case "instagram": (2, 6)
        case "website": (0.5, 2.5)
        case "phone": (3, 5)
        case "email": (0.01, 0.01)
        default: (0.05, 0.05)
        }
        return ((low + (high - low) * rng.unit()) * 100).rounded() / 100
    }
}
