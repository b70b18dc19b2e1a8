import FlowCore

/// The SLO report: each SLO's SLI, budget, burn rates per window and alert tiers.
enum SLOReport {
    static func document(_ snapshot: EngineSnapshot) -> ReportDocument {
        ReportDocument(title: "SLO report", fields: [("slos", .array(snapshot.slos.map(json)))],
                       sections: [summary(snapshot.slos), burnRates(snapshot.slos), tiers(snapshot.slos)])
    }

    static func json(_ slo: SLOStatus) -> JSONValue {
        .object([
            ("name", .string(slo.name)),
            ("objective", .number(slo.objective)),
            ("window", .string(ReportFormatting.window(days: slo.windowDays))),
            ("sli", .number(slo.sli)),
            ("good", .int(slo.good)),
            ("total", .int(slo.total)),
            ("error_budget_remaining", .number(slo.errorBudgetRemaining)),
            ("burn_rates", .object(BurnWindow.allCases.map { ($0.rawValue, .number(slo.burnRates[$0])) })),
            ("alerts", .array(slo.alerts.map { tier in
                .object([
                    ("severity", .string(tier.tier.severity.rawValue)),
                    ("long_window", .string(tier.tier.longWindow.rawValue)),
                    ("short_window", .string(tier.tier.shortWindow.rawValue)),
                    ("factor", .number(tier.tier.factor)),
                    ("firing", .bool(tier.firing)),
                    ("long_burn", .number(tier.longBurn)),
                    ("short_burn", .number(tier.shortBurn)),
                ])
            })),
            ("time_to_exhaustion_seconds", .number(slo.timeToExhaustionSeconds)),
        ])
    }

    private static func summary(_ slos: [SLOStatus]) -> ReportSection {
        var table = ReportTable(columns: [
            .init("slo"), .init("objective", alignment: .right), .init("window", alignment: .right),
            .init("sli", alignment: .right), .init("good", alignment: .right), .init("total", alignment: .right),
            .init("budget left", alignment: .right), .init("exhausted in", alignment: .right), .init("firing"),
        ])
        for slo in slos {
            table.rows.append([
                slo.name, ReportFormatting.percent(slo.objective), ReportFormatting.window(days: slo.windowDays),
                ReportFormatting.percent(slo.sli), ReportFormatting.count(slo.good), ReportFormatting.count(slo.total),
                ReportFormatting.percent(slo.errorBudgetRemaining, digits: 1),
                ReportFormatting.duration(slo.timeToExhaustionSeconds),
                slo.worstFiring?.rawValue ?? "no",
            ])
        }
        return ReportSection(title: nil, table: table, emptyNote: "no SLOs configured")
    }

    private static func burnRates(_ slos: [SLOStatus]) -> ReportSection {
        var table = ReportTable(columns: [.init("slo")] + BurnWindow.allCases.map { .init($0.rawValue, alignment: .right) })
        for slo in slos {
            table.rows.append([slo.name] + BurnWindow.allCases.map { ReportFormatting.burn(slo.burnRates[$0]) })
        }
        return ReportSection(title: "Burn rates", table: table, emptyNote: "no SLOs configured",
                             notes: ["Burn rate = error ratio / (1 - objective); - = no events in the window."])
    }

    private static func tiers(_ slos: [SLOStatus]) -> ReportSection {
        var table = ReportTable(columns: [
            .init("slo"), .init("severity"), .init("windows"), .init("factor", alignment: .right),
            .init("long burn", alignment: .right), .init("short burn", alignment: .right), .init("firing"),
        ])
        for slo in slos {
            for tier in slo.alerts {
                table.rows.append([
                    slo.name, tier.tier.severity.rawValue, "\(tier.tier.longWindow.rawValue) & \(tier.tier.shortWindow.rawValue)",
                    ReportFormatting.burn(tier.tier.factor), ReportFormatting.burn(tier.longBurn),
                    ReportFormatting.burn(tier.shortBurn), tier.firing ? "yes" : "no",
                ])
            }
        }
        return ReportSection(title: "Alert tiers", table: table, emptyNote: "no alert tiers")
    }
}
