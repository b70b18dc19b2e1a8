import FlowCore
import FlowFormats

/// The SLO report, like the original framework's `/slo/status`: every SLO's SLI, budget,
/// burn rate per window (the whole SLO window included), alert tiers with their state and
/// latency percentiles.
///
/// A snapshot that carries `detail` (`report slo --name NAME`) renders as one SLO in
/// depth instead, like `/slo/{name}`: see `SLODetailReport`.
///
/// ```swift
/// let snap = engine.snapshot(SnapshotQuery(), now: t)
/// SLOReport.document(snap).text(snap)   // summary, burn rates, alert tiers, percentiles
/// ```
public enum SLOReport {
    public static func document(_ snapshot: EngineSnapshot) -> ReportDocument {
        if let detail = snapshot.detail { return SLODetailReport.document(detail, now: snapshot.now) }
        return ReportDocument(title: "SLO report", fields: [("slos", .array(snapshot.slos.map(json)))],
                              sections: [summary(snapshot.slos), burnRates(snapshot.slos),
                                         tiers(snapshot.slos, nameColumn: true),
                                         SLOPercentiles.section(snapshot.slos, nameColumn: true)])
    }

    /// One SLO: what it is (name, objective, window), then where its series stands.
    public static func json(_ slo: SLOStatus) -> JSONValue {
        .object([
            ("name", .string(slo.name)),
            ("display_name", slo.displayName.map(JSONValue.string) ?? .null),
            ("objective", .number(slo.objective)),
            ("window", .string(slo.window.label)),
        ] + seriesFields(slo) + [("percentiles", SLOPercentiles.json(slo))])
    }

    /// Where one series stands: shared by each SLO above and each breakdown row.
    public static func seriesFields(_ slo: SLOStatus) -> [(String, JSONValue)] {
        [
            ("series", .string(slo.series.label)),
            ("status", .string(status(slo))),
            ("sli", .number(slo.sli)),
            ("good", .int(slo.good)),
            ("total", .int(slo.total)),
            ("error_budget_remaining", .number(slo.errorBudgetRemaining)),
            ("burn_rates", .object(BurnWindow.allCases.map { ($0.rawValue, .number(slo.burnRates[$0])) })),
            ("window_burn", .number(slo.windowBurn)),
            ("alerts", .array(slo.alerts.map(json))),
            ("time_to_exhaustion_seconds", .number(slo.timeToExhaustionSeconds)),
        ]
    }

    public static func json(_ tier: AlertTierStatus) -> JSONValue {
        .object([
            ("severity", .string(tier.tier.severity.rawValue)),
            ("long_window", .string(tier.tier.longWindow.rawValue)),
            ("short_window", .string(tier.tier.shortWindow.rawValue)),
            ("factor", .number(tier.tier.factor)),
            ("enabled", .bool(tier.tier.enabled)),
            ("state", .string(tier.state.rawValue)),
            ("firing", .bool(tier.firing)),
            ("long_burn", .number(tier.longBurn)),
            ("short_burn", .number(tier.shortBurn)),
            ("long_events", .int(tier.longEvents)),
            ("below_min_events", .bool(tier.belowMinEvents)),
        ])
    }

    /// `page` or `ticket` (the worst firing tier), `ok`, or `no_data`.
    public static func status(_ slo: SLOStatus) -> String {
        if let worst = slo.worstFiring { return worst.rawValue }
        return slo.sli == nil ? "no_data" : "ok"
    }

    /// `status` for a table: `no data` in words, and `ok` held back by the minimum-traffic
    /// guard as `below min traffic`.
    public static func statusText(_ slo: SLOStatus) -> String {
        if slo.worstFiring != nil { return status(slo) }
        if slo.sli == nil { return "no data" }
        return slo.alerts.contains(where: \.belowMinEvents) ? "below min traffic" : "ok"
    }

    /// A tier's state as a table shows it; a condition held back by the minimum-traffic
    /// guard reads `below min traffic` rather than a bare `ok`.
    public static func stateText(_ tier: AlertTierStatus) -> String {
        tier.state == .ok && tier.belowMinEvents ? "below min traffic" : tier.state.rawValue
    }

    /// `1h & 5m`: a tier's long and short window.
    public static func windows(_ tier: AlertTier) -> String { "\(tier.longWindow.rawValue) & \(tier.shortWindow.rawValue)" }

    public static func summary(_ slos: [SLOStatus]) -> ReportSection {
        var table = ReportTable(columns: [
            .init("slo"), .init("objective", alignment: .right), .init("window", alignment: .right),
            .init("sli", alignment: .right), .init("good", alignment: .right), .init("total", alignment: .right),
            .init("budget left", alignment: .right), .init("exhausted in", alignment: .right), .init("status"),
        ])
        for slo in slos {
            table.rows.append([
                slo.name, ReportFormatting.percent(slo.objective), slo.window.label,
                ReportFormatting.percent(slo.sli), ReportFormatting.count(slo.good), ReportFormatting.count(slo.total),
                ReportFormatting.percent(slo.errorBudgetRemaining, digits: 1),
                ReportFormatting.duration(slo.timeToExhaustionSeconds),
                statusText(slo),
            ])
        }
        return ReportSection(title: nil, table: table, emptyNote: "no SLOs configured")
    }

    private static func burnRates(_ slos: [SLOStatus]) -> ReportSection {
        var table = ReportTable(columns: [.init("slo")] + BurnWindow.allCases.map { .init($0.rawValue, alignment: .right) }
            + [.init("window", alignment: .right)])
        for slo in slos {
            table.rows.append([slo.name] + BurnWindow.allCases.map { ReportFormatting.burn(slo.burnRates[$0]) }
                + [ReportFormatting.burn(slo.windowBurn)])
        }
        return ReportSection(title: "Burn rates", table: table, emptyNote: "no SLOs configured", notes: [
            "Burn rate = error ratio / (1 - objective); window = the whole SLO window; - = no events in the window.",
        ])
    }

    public static func tiers(_ slos: [SLOStatus], nameColumn: Bool) -> ReportSection {
        var table = ReportTable(columns: (nameColumn ? [.init("slo")] : []) + [
            .init("severity"), .init("windows"), .init("factor", alignment: .right),
            .init("long burn", alignment: .right), .init("short burn", alignment: .right),
            .init("long events", alignment: .right), .init("state"),
        ])
        for slo in slos {
            for tier in slo.alerts {
                table.rows.append((nameColumn ? [slo.name] : []) + [
                    tier.tier.severity.rawValue, windows(tier.tier), ReportFormatting.burn(tier.tier.factor),
                    ReportFormatting.burn(tier.longBurn), ReportFormatting.burn(tier.shortBurn),
                    ReportFormatting.count(tier.longEvents), stateText(tier),
                ])
            }
        }
        return ReportSection(title: "Alert tiers", table: table, emptyNote: "no alert tiers", notes: [
            "A tier fires when both windows burn above its factor; inhibited = a faster tier of the same series fires; "
                + "below min traffic = burning, but too few events in the long window to alert.",
        ])
    }
}
