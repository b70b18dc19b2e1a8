import FlowCore

/// The alerts report: burn-rate alerts firing at the snapshot's time, pages first.
enum AlertsReport {
    static func document(_ snapshot: EngineSnapshot) -> ReportDocument {
        let alerts: [JSONValue] = snapshot.alerts.map { alert in
            .object([
                ("slo", .string(alert.slo)),
                ("tenant", alert.tenant.map(JSONValue.string) ?? .null),
                ("severity", .string(alert.tier.severity.rawValue)),
                ("long_window", .string(alert.tier.longWindow.rawValue)),
                ("short_window", .string(alert.tier.shortWindow.rawValue)),
                ("factor", .number(alert.tier.factor)),
                ("since", .string(ReportFormatting.rfc3339(alert.since))),
                ("long_burn", .number(alert.longBurn)),
                ("short_burn", .number(alert.shortBurn)),
            ])
        }
        var table = ReportTable(columns: [
            .init("severity"), .init("slo"), .init("tenant"), .init("windows"), .init("factor", alignment: .right),
            .init("long burn", alignment: .right), .init("short burn", alignment: .right), .init("since"),
        ])
        for alert in snapshot.alerts {
            table.rows.append([
                alert.tier.severity.rawValue, alert.slo, alert.tenant ?? "(all)",
                "\(alert.tier.longWindow.rawValue) & \(alert.tier.shortWindow.rawValue)",
                ReportFormatting.burn(alert.tier.factor), ReportFormatting.burn(alert.longBurn),
                ReportFormatting.burn(alert.shortBurn), ReportFormatting.rfc3339(alert.since),
            ])
        }
        return ReportDocument(title: "Alerts report", fields: [("alerts", .array(alerts))],
                              sections: [ReportSection(title: nil, table: table, emptyNote: "no alerts firing")])
    }
}
