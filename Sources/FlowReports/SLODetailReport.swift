import FlowCore
import FlowFormats

/// One SLO in depth (`report slo --name NAME`), like the original framework's
/// `/slo/{name}`: everything the dashboard's SLO detail view shows, for one series.
///
/// JSON has the SLO object of the all-SLO report under `slo`, then the last hour per
/// minute, the history of the range (every bucket, empty ones with null ratios), the
/// burn-down (budget left after each step of the window), the breakdown by tenant and
/// model (worst burn first), the series cap and the alerts of this SLO. Markdown and text
/// condense the long series: history in at most 31 clock-aligned rows with empty rows left out, the
/// burn-down as milestones (see `SLOTimelineTables`).
public enum SLODetailReport {
    public static func document(_ detail: SLODetail, now: EpochMillis) -> ReportDocument {
        let slo = detail.status
        let breakdown = sortedBreakdown(detail.breakdown)
        let fields: [(String, JSONValue)] = [
            ("slo", SLOReport.json(slo)),
            ("sli_last_hour", .array(slo.sliSparkline.map(JSONValue.number))),
            ("burn_last_hour", .array(slo.burnSparkline.map(JSONValue.number))),
        ] + SLOTimelineTables.historyFields(detail.history) + SLOTimelineTables.burnDownFields(detail.burnDown, now: now) + [
            ("breakdown", .array(breakdown.map { .object(SLOReport.seriesFields($0)) })),
            ("series_cap", .int(Int64(detail.seriesCap))),
            ("overflow_events", .int(detail.overflowEvents)),
            ("alerts", .array(detail.alerts.map(json))),
        ]
        var title = "SLO report: \(slo.name)"
        if let display = slo.displayName, display != slo.name { title += " (\(display))" }
        title += ", series \(slo.series.label)"
        return ReportDocument(title: title, fields: fields, sections: [
            SLOReport.summary([slo]),
            burns(slo),
            SLOReport.tiers([slo], nameColumn: false),
            SLOPercentiles.section([slo], nameColumn: false),
            SLOTimelineTables.history(detail.history, objective: slo.objective),
            SLOTimelineTables.burnDown(detail.burnDown, window: slo.window, now: now),
            breakdownSection(breakdown, cap: detail.seriesCap, overflow: detail.overflowEvents),
            alertsSection(detail.alerts),
        ])
    }

    /// Worst first: the highest of the 1h, 6h and 1d burns (`SLOStatus.sortBurn`), series
    /// without data last, ties by label.
    public static func sortedBreakdown(_ rows: [SLOStatus]) -> [SLOStatus] {
        rows.sorted { a, b in
            switch (a.sortBurn, b.sortBurn) {
            case let (x?, y?) where x != y: x > y
            case (.some, nil): true
            case (nil, .some): false
            default: a.series.label < b.series.label
            }
        }
    }

    private static func json(_ alert: ActiveAlert) -> JSONValue {
        .object([
            ("series", .string(alert.series.label)),
            ("severity", .string(alert.tier.severity.rawValue)),
            ("long_window", .string(alert.tier.longWindow.rawValue)),
            ("short_window", .string(alert.tier.shortWindow.rawValue)),
            ("factor", .number(alert.tier.factor)),
            ("state", .string(alert.inhibited ? TierState.inhibited.rawValue : TierState.firing.rawValue)),
            ("since", .string(ReportFormatting.rfc3339(alert.since))),
            ("long_burn", .number(alert.longBurn)),
            ("short_burn", .number(alert.shortBurn)),
        ])
    }

    /// Burn per window beside the thresholds of the tiers that use that window, as in the
    /// detail view; the last row is the whole SLO window.
    private static func burns(_ slo: SLOStatus) -> ReportSection {
        var table = ReportTable(columns: [
            .init("window"), .init("burn", alignment: .right), .init("alert thresholds"), .init("exceeds"),
        ])
        for window in BurnWindow.allCases {
            let value = slo.burnRates[window]
            let tiers = slo.alerts.map(\.tier).filter { $0.longWindow == window || $0.shortWindow == window }
            let thresholds = tiers.map { tier in
                "\(tier.severity.rawValue) >\(ReportFormatting.burn(tier.factor)) (\(SLOReport.windows(tier)))"
                    + (tier.enabled ? "" : " off")
            }
            let exceeded = tiers.filter { tier in tier.enabled && value.map { $0 > tier.factor } == true }
                .map(\.severity).min()
            table.rows.append([window.rawValue, ReportFormatting.burn(value),
                               thresholds.isEmpty ? ReportFormatting.none : thresholds.joined(separator: ", "),
                               exceeded?.rawValue ?? ReportFormatting.none])
        }
        table.rows.append([slo.window.label, ReportFormatting.burn(slo.windowBurn), "whole SLO window", ReportFormatting.none])
        return ReportSection(title: "Burn rates", table: table, notes: [
            "Burn rate = error ratio / (1 - objective); exceeds = the most severe threshold this window is above.",
        ])
    }

    private static func breakdownSection(_ rows: [SLOStatus], cap: Int, overflow: Int64) -> ReportSection {
        let windows: [BurnWindow] = [.h1, .h6, .d1, .d3]
        var table = ReportTable(columns: [.init("series"), .init("sli", alignment: .right), .init("good", alignment: .right),
                                          .init("total", alignment: .right), .init("budget left", alignment: .right)]
            + windows.map { .init($0.rawValue, alignment: .right) } + [.init("window", alignment: .right), .init("status")])
        for row in rows {
            table.rows.append([row.series.label, ReportFormatting.percent(row.sli), ReportFormatting.count(row.good),
                               ReportFormatting.count(row.total), ReportFormatting.percent(row.errorBudgetRemaining, digits: 1)]
                + windows.map { ReportFormatting.burn(row.burnRates[$0]) }
                + [ReportFormatting.burn(row.windowBurn), SLOReport.statusText(row)])
        }
        let capNote = overflow == 0
            ? "Series cap: \(cap) tenants and \(cap) models; none past it."
            : "Series cap: \(cap) tenants and \(cap) models; \(overflow) events past it are counted in tenant:other / model:other."
        return ReportSection(title: "Breakdown by tenant and model (worst burn first)", table: table,
                             emptyNote: "no tenant or model series yet", notes: [capNote])
    }

    private static func alertsSection(_ alerts: [ActiveAlert]) -> ReportSection {
        var table = ReportTable(columns: [
            .init("severity"), .init("series"), .init("windows"), .init("factor", alignment: .right),
            .init("long burn", alignment: .right), .init("short burn", alignment: .right), .init("since"), .init("state"),
        ])
        for alert in alerts {
            table.rows.append([
                alert.tier.severity.rawValue, alert.series.label, SLOReport.windows(alert.tier),
                ReportFormatting.burn(alert.tier.factor), ReportFormatting.burn(alert.longBurn),
                ReportFormatting.burn(alert.shortBurn), ReportFormatting.rfc3339(alert.since),
                alert.inhibited ? "inhibited" : "firing",
            ])
        }
        return ReportSection(title: "Alerts", table: table, emptyNote: "no alerts firing for this SLO")
    }
}
