import ArgumentParser
import FlowCore

/// How many leads the engine keeps, and for how long: shared by every command that runs
/// the engine (`watch`, `report`, `snapshot`). Both bound the engine's memory for the
/// funnel and attribution (docs/benchmarks.md, "Memory per lead").
struct LeadOptions: ParsableArguments {
    static let maxLeadsLimit = 50_000_000
    static let retentionDaysLimit = 36_500

    @Option(help: ArgumentHelp(
        "Most leads kept for the funnel and attribution, 1 to 50000000; past it the oldest is forgotten (a lead takes about 0.4 KiB, 2.2 KiB with its 32 touchpoints).",
        valueName: "n"))
    var maxLeads: Int = EngineConfiguration().maxLeads

    @Option(help: ArgumentHelp(
        "Forget a lead with no event (created, stage, touchpoint) in this many days, 0 to keep leads until --max-leads evicts them (default: 180; a report keeps at least its --period-days).",
        valueName: "days"))
    var leadRetentionDays: Int?

    func validate() throws {
        guard (1...Self.maxLeadsLimit).contains(maxLeads) else {
            throw ValidationError("--max-leads must be between 1 and \(Self.maxLeadsLimit), not \(maxLeads)")
        }
        if let days = leadRetentionDays, !(0...Self.retentionDaysLimit).contains(days) {
            throw ValidationError(
                "--lead-retention-days must be between 0 (keep leads until --max-leads evicts them) and \(Self.retentionDaysLimit), not \(days)")
        }
    }

    /// A report over the last `periodDays` needs the leads active in them: an explicit
    /// retention shorter than that would quietly leave some out.
    func check(covers periodDays: Int) throws {
        if let days = leadRetentionDays, days > 0, days < periodDays {
            throw ValidationError(
                "the report covers the last \(periodDays) days (--period-days), but --lead-retention-days \(days) forgets leads idle for longer; raise it to at least \(periodDays) or leave it out")
        }
    }

    /// `configuration` with these limits. Without `--lead-retention-days` the retention is
    /// the default, raised to `periodDays` so that a report over a long period keeps its leads.
    func applied(to configuration: EngineConfiguration, periodDays: Int = 0) -> EngineConfiguration {
        var configuration = configuration
        configuration.maxLeads = maxLeads
        if let days = leadRetentionDays {
            configuration.leadRetentionDays = days
        } else if configuration.leadRetentionDays > 0 {
            configuration.leadRetentionDays = max(configuration.leadRetentionDays, periodDays)
        }
        return configuration
    }
}
