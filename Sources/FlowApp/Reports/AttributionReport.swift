import FlowCore

/// The attribution report: revenue, conversions, cost and ROI per channel under one model.
enum AttributionReport {
    static func document(_ snapshot: EngineSnapshot) -> ReportDocument {
        let a = snapshot.attribution
        let rows: [JSONValue] = a.rows.map { row in
            .object([
                ("channel", .string(row.channel)),
                ("revenue", .number(row.revenue)),
                ("conversions", .number(row.conversions)),
                ("cost", .number(row.cost)),
                ("roi", .number(row.roi)),
            ])
        }
        var table = ReportTable(columns: [
            .init("channel"), .init("revenue", alignment: .right), .init("conversions", alignment: .right),
            .init("cost", alignment: .right), .init("roi", alignment: .right),
        ])
        for row in a.rows {
            table.rows.append([row.channel, ReportFormatting.amount(row.revenue), ReportFormatting.fixed(row.conversions, 2),
                               ReportFormatting.amount(row.cost), ReportFormatting.percent(row.roi, digits: 1)])
        }
        let totals = "Total revenue \(ReportFormatting.amount(a.totalRevenue)), cost \(ReportFormatting.amount(a.totalCost)), "
            + "AI spend \(ReportFormatting.amount(a.aiSpend))."
        return ReportDocument(
            title: "Attribution report (\(a.model.rawValue))",
            fields: [("model", .string(a.model.rawValue)), ("rows", .array(rows)),
                     ("totals", .object([("revenue", .number(a.totalRevenue)), ("cost", .number(a.totalCost)),
                                         ("ai_spend", .number(a.aiSpend))]))],
            sections: [ReportSection(title: nil, table: table, emptyNote: "no conversions or costs yet", notes: [totals])])
    }
}
