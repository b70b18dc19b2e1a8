import FlowCore

/// The funnel report: leads per stage with conversions, lost leads and won revenue.
enum FunnelReport {
    static func document(_ snapshot: EngineSnapshot) -> ReportDocument {
        let funnel = snapshot.funnel
        let stages: [JSONValue] = funnel.stages.map { s in
            .object([
                ("stage", .string(s.stage.name)),
                ("count", .int(s.count)),
                ("conversion_from_previous", .number(s.conversionFromPrevious)),
                ("conversion_from_start", .number(s.conversionFromStart)),
            ])
        }
        var table = ReportTable(columns: [
            .init("stage"), .init("leads", alignment: .right), .init("from previous", alignment: .right),
            .init("from start", alignment: .right),
        ])
        for s in funnel.stages {
            table.rows.append([s.stage.name, ReportFormatting.count(s.count),
                               ReportFormatting.percent(s.conversionFromPrevious, digits: 1),
                               ReportFormatting.percent(s.conversionFromStart, digits: 1)])
        }
        return ReportDocument(
            title: "Funnel report",
            fields: [("stages", .array(stages)), ("lost", .int(funnel.lost)), ("won_revenue", .number(funnel.wonRevenue))],
            sections: [ReportSection(title: nil, table: table, notes: [
                "Lost: \(funnel.lost) leads. Won revenue: \(ReportFormatting.amount(funnel.wonRevenue)).",
            ])])
    }
}
