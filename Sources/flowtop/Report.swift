import ArgumentParser
import FlowApp
import FlowCore
import FlowReports

/// Replays an NDJSON file through the engine (event time as the clock) and prints a report.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay an NDJSON file through the engine and print a report (deterministic, no socket).",
        discussion: """
            `report slo` summarises every SLO: SLI, budget, burn per window and over the whole \
            window, alert tiers with their state, latency percentiles.

            `report slo --name NAME` shows one SLO in depth: burn per window beside each tier's \
            threshold, tiers, percentiles, the history of --range, the budget burn-down, every \
            tenant and model (worst burn first) and its alerts. Markdown and text merge the \
            history into at most 31 clock-aligned rows, leave out rows without events and show \
            the burn-down as milestones; JSON has every bucket and step.

            `report funnel` analyses the leads created in the last --period-days (default 30): per \
            stage the count, step and overall conversion, the drop-off to the next stage split into \
            lost here, stalled (open, no stage change for more than --stalled-days) and in progress, \
            stalled leads by source, and the median and p90 time to the next stage and to won; with \
            --breakdown a row per source or tenant. JSON has durations in ms. Definitions: \
            docs/funnel.md.

            `report attribution` credits the revenue and conversions of the journeys that converted or \
            were last touched in the last --period-days (default 30) under --model: per channel the \
            revenue, its share, conversions, cost (touch cost plus its share of AI request spend), ROI, \
            ROAS and touches per conversion; the same channels under all eight models side by side; \
            feature impact (conversion rate and revenue per lead of leads each feature_used touched vs \
            not, lift, attributed revenue); AI ROI (AI spend against the revenue credited to AI-assisted \
            touches, cost per won deal) per model and per tenant, opening Markdown and text as a \
            one-line headline; and the top converting paths. JSON keys: docs/attribution.md.

            Exit status: 0 on success, 1 when the input cannot be read or --name or --series \
            names nothing in it (the message lists what does exist), 64 on a usage error.
            """)

    @Argument(help: ArgumentHelp("What to report.", valueName: "slo|funnel|attribution|alerts"))
    var kind: ReportKind

    @OptionGroup var replay: ReplayOptions

    @Option(help: "Output format.")
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp(
        "Attribution model: first_touch, last_touch, linear, position_based, w_shaped, time_decay, markov or shapley (docs/attribution.md).",
        valueName: "model"))
    var model: AttributionModel = .linear

    @Option(help: ArgumentHelp("report attribution: only touches at most this many days before the conversion earn credit (default: 90).",
                               valueName: "days"))
    var lookbackDays: Double?

    @Option(help: ArgumentHelp("report attribution: time decay's half-life in days (default: 7).", valueName: "days"))
    var halfLifeDays: Double?

    @Option(help: ArgumentHelp("report slo: show this one SLO in depth.", valueName: "slo-name"))
    var name: String?

    @Option(help: ArgumentHelp(
        "With --name: the series, total, tenant:NAME or model:NAME (default: the --tenant's series, else total).",
        valueName: "series"))
    var series: String?

    @Option(help: ArgumentHelp("With --name: history range, 1h, 6h, 1d, 3d or 30d (default: 6h).", valueName: "range"))
    var range: String?

    @Option(help: ArgumentHelp(
        "report funnel: the leads created in the last N days; report attribution: the journeys that converted or were last touched in them. 1 to 3650 (default: 30).",
        valueName: "days"))
    var periodDays: Int?

    @Option(help: ArgumentHelp(
        "report funnel: count a stage only when reached within this many days of the lead's creation, "
            + "0 to 3650 (default: no limit).",
        valueName: "days"))
    var windowDays: Int?

    @Option(help: ArgumentHelp("report funnel: a row per source or tenant as well (default: none).",
                               valueName: "none|source|tenant"))
    var breakdown: FunnelBreakdown?

    @Option(help: ArgumentHelp(
        "report funnel: an open lead is stalled after this many days without a stage change, 0 to 3650 (default: 14).",
        valueName: "days"))
    var stalledDays: Int?

    func validate() throws {
        if kind != .slo, name != nil || series != nil || range != nil {
            throw ValidationError("--name, --series and --range apply only to `report slo`")
        }
        if kind != .funnel, windowDays != nil || breakdown != nil || stalledDays != nil {
            throw ValidationError("--window-days, --breakdown and --stalled-days apply only to `report funnel`")
        }
        if kind != .funnel, kind != .attribution, periodDays != nil {
            throw ValidationError("--period-days applies only to `report funnel` and `report attribution`")
        }
        if kind != .attribution, lookbackDays != nil || halfLifeDays != nil {
            throw ValidationError("--lookback-days and --half-life-days apply only to `report attribution`")
        }
        if let lookbackDays, !(lookbackDays > 0 && lookbackDays <= 3650) {
            throw ValidationError("--lookback-days must be more than 0 and at most 3650, not \(lookbackDays)")
        }
        if let halfLifeDays, !(halfLifeDays > 0 && halfLifeDays <= 3650) {
            throw ValidationError("--half-life-days must be more than 0 and at most 3650, not \(halfLifeDays)")
        }
        if kind == .funnel || kind == .attribution { try replay.leadOptions.check(covers: periodDays ?? 30) }
        if name == nil, series != nil || range != nil {
            throw ValidationError("--series and --range need --name NAME (the SLO to show in depth)")
        }
        do {
            _ = try target()?.query(tenant: replay.tenant)
            _ = try funnelQuery()
        } catch let error as UserFacingError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let snapshot: EngineSnapshot
        do {
            let target = try target()
            let detail = try target?.query(tenant: replay.tenant)
            var parameters = AttributionParameters()
            if let lookbackDays { parameters.lookbackDays = lookbackDays }
            if let halfLifeDays { parameters.halfLifeDays = halfLifeDays }
            snapshot = try replay.replayed(SnapshotQuery(
                tenant: replay.tenant, model: model, detail: detail, funnel: try funnelQuery(),
                attributionPeriodDays: kind == .attribution ? (periodDays ?? 30) : 30, attribution: parameters))
            try target?.check(snapshot)
        } catch let error as UserFacingError {
            printError("flowtop report: \(error.description)")
            throw ExitCode(1)
        }
        print(renderReport(kind, snapshot: snapshot, format: format), terminator: "")
    }

    private func target() throws -> SLOReportTarget? {
        try name.map { try SLOReportTarget(name: $0, series: series, range: range) }
    }

    private func funnelQuery() throws -> FunnelQuery {
        try FunnelReportQuery.make(periodDays: kind == .funnel ? periodDays : nil, windowDays: windowDays, breakdown: breakdown,
                                   stalledDays: stalledDays)
    }
}

/// Input, time and scope of a replay: shared by `report` and `snapshot`.
struct ReplayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("NDJSON events to replay (- for standard input).", valueName: "file"))
    var input: String

    @Option(help: ArgumentHelp("Report as of this time (RFC 3339 or Unix seconds); default: the last event's time.", valueName: "ts"))
    var now: String?

    @Option(help: ArgumentHelp("Only this tenant (default: all tenants).", valueName: "name"))
    var tenant: String?

    @OptionGroup var sloOptions: SLOOptions

    @OptionGroup var leadOptions: LeadOptions

    @OptionGroup var alertOptions: AlertOptions

    func validate() throws {
        if let now, parseTimestamp(now) == nil { throw ValidationError(Self.badNow(now)) }
    }

    private static func badNow(_ now: String) -> String {
        "--now must be an RFC 3339 time (2026-11-24T10:15:00Z) or Unix seconds, not '\(now)'"
    }

    /// The replay for `flowtop snapshot`; an input or file it cannot read stops it with
    /// exit 1, as `report` does, not as a usage error.
    func snapshot(model: AttributionModel) throws -> EngineSnapshot {
        do {
            return try replayed(SnapshotQuery(tenant: tenant, model: model))
        } catch let error as UserFacingError {
            printError("flowtop snapshot: \(error.description)")
            throw ExitCode.startupFailure
        }
    }

    /// The replay answered for `query` (whose tenant should be `tenant`); a bad `--now` or
    /// an unreadable input is a `UserFacingError`.
    func replayed(_ query: SnapshotQuery) throws -> EngineSnapshot {
        var at: EpochMillis?
        if let now {
            guard let t = parseTimestamp(now) else {
                throw UserFacingError(Self.badNow(now))
            }
            at = t
        }
        let configuration = try alertOptions.applied(to: leadOptions.applied(
            to: try sloOptions.configuration(), periodDays: max(query.funnel.periodDays, query.attributionPeriodDays)))
        return try replaySnapshot(input: input, now: at, query: query, configuration: configuration,
                                  silencesFile: alertOptions.silencesFile)
    }
}

extension ReportKind: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension AttributionModel: ExpressibleByArgument {}
extension FunnelBreakdown: ExpressibleByArgument {}
