import FlowCore

/// The tables Markdown and text show for `AttributionReport`, each narrow enough for a
/// 120-column terminal: the model comparison uses short model names (explained in a
/// note), and per-model AI ROI leaves out what every model shares (the spend's parts).
public enum AttributionTables {
    public static func channels(_ a: AttributionSnapshot) -> ReportSection {
        var table = ReportTable(columns: [
            .init("channel"), .init("revenue", alignment: .right), .init("share", alignment: .right),
            .init("conversions", alignment: .right), .init("cost", alignment: .right), .init("ROI", alignment: .right),
            .init("ROAS", alignment: .right), .init("touches", alignment: .right),
            .init("touches/conv", alignment: .right),
        ])
        for row in a.rows {
            table.rows.append([
                row.channel, ReportFormatting.amount(row.revenue),
                percent(a.totalRevenue > 0 ? row.revenue / a.totalRevenue : nil),
                ReportFormatting.fixed(row.conversions, 2), ReportFormatting.amount(row.cost), percent(row.roi),
                ReportFormatting.multiple(row.roas), String(row.touches),
                row.touchesPerConversion.map { ReportFormatting.fixed($0, 2) } ?? ReportFormatting.none,
            ])
        }
        return ReportSection(title: "Channels (\(a.model.rawValue))", table: table,
                             emptyNote: "no conversions or costs yet", notes: [
            "\(a.paths) journeys ended in the last \(a.periodDays) days, \(a.conversions) converted.",
            "Total revenue \(ReportFormatting.amount(a.totalRevenue)), cost \(ReportFormatting.amount(a.totalCost)), "
                + "AI request spend \(ReportFormatting.amount(a.aiSpend)).",
            "Cost = the channel's touch cost + its share of AI request spend, split by AI-assisted touches.",
        ])
    }

    public static func revenueByModel(_ a: AttributionSnapshot) -> ReportSection {
        let models = AttributionModel.allCases
        var table = ReportTable(columns: [.init("channel")]
            + models.map { ReportTable.Column(shortName($0), alignment: .right) }
            + [.init("cost", alignment: .right)])
        for channel in a.comparison {
            table.rows.append([channel.channel]
                              + models.map { ReportFormatting.amount(channel.revenue[$0] ?? 0) }
                              + [ReportFormatting.amount(channel.cost)])
        }
        return ReportSection(title: "Revenue by model", table: table, emptyNote: "no channels yet", notes: [
            "first = first_touch, last = last_touch, position = position_based, decay = time_decay.",
            "Cost is the same under every model; the JSON has conversions, ROI and ROAS per model too.",
        ])
    }

    public static func features(_ a: AttributionSnapshot) -> ReportSection {
        var table = ReportTable(columns: [
            .init("feature"), .init("leads", alignment: .right), .init("won", alignment: .right),
            .init("conv rate", alignment: .right), .init("rev/lead", alignment: .right),
            .init("other leads", alignment: .right), .init("other rate", alignment: .right),
            .init("other rev/lead", alignment: .right), .init("lift", alignment: .right),
            .init("attributed", alignment: .right),
        ])
        for f in a.features {
            table.rows.append([
                f.feature, String(f.leadsTouched), String(f.conversionsTouched), percent(f.conversionRateTouched),
                amount(f.revenuePerLeadTouched), String(f.leadsNotTouched), percent(f.conversionRateNotTouched),
                amount(f.revenuePerLeadNotTouched), ReportFormatting.multiple(f.lift),
                ReportFormatting.amount(f.attributedRevenue),
            ])
        }
        return ReportSection(title: "Feature impact (\(a.model.rawValue))", table: table,
                             emptyNote: "no touch used a feature", notes: [
            "Other = the leads the feature did not touch; lift = conv rate / other rate.",
            "Attributed revenue: \(weights(a.model)).",
        ])
    }

    public static func aiROIByModel(_ a: AttributionSnapshot) -> ReportSection {
        var table = ReportTable(columns: [
            .init("model"), .init("AI spend", alignment: .right), .init("attributed", alignment: .right),
            .init("ROI", alignment: .right), .init("won deals", alignment: .right),
            .init("per won deal", alignment: .right),
        ])
        for s in a.aiROIByModel {
            table.rows.append([s.model.rawValue, ReportFormatting.amount(s.aiSpend),
                               ReportFormatting.amount(s.attributedRevenue), percent(s.roi), String(s.wonDealsWithAI),
                               amount(s.costPerWonDeal)])
        }
        let s = a.aiROI
        return ReportSection(title: "AI ROI by model", table: table, emptyNote: "no journeys yet", notes: [
            "AI spend = AI requests \(ReportFormatting.amount(s.aiRequestSpend)) + AI-assisted touches "
                + "\(ReportFormatting.amount(s.aiTouchCost)) (\(s.aiAssistedTouches) touches), the same under every model.",
            "Attributed revenue: the AI-assisted touches' weights; markov and shapley use linear's.",
        ])
    }

    public static func aiROIByTenant(_ a: AttributionSnapshot) -> ReportSection {
        var table = ReportTable(columns: [
            .init("tenant"), .init("requests", alignment: .right), .init("touch cost", alignment: .right),
            .init("AI touches", alignment: .right), .init("AI spend", alignment: .right),
            .init("attributed", alignment: .right), .init("ROI", alignment: .right),
            .init("won deals", alignment: .right), .init("per won deal", alignment: .right),
        ])
        for t in a.aiROIByTenant {
            let s = t.summary
            table.rows.append([t.tenant, ReportFormatting.amount(s.aiRequestSpend), ReportFormatting.amount(s.aiTouchCost),
                               String(s.aiAssistedTouches), ReportFormatting.amount(s.aiSpend),
                               ReportFormatting.amount(s.attributedRevenue), percent(s.roi), String(s.wonDealsWithAI),
                               amount(s.costPerWonDeal)])
        }
        return ReportSection(title: "AI ROI by tenant (\(a.model.rawValue))", table: table, emptyNote: "no tenants yet")
    }

    public static func topPaths(_ a: AttributionSnapshot) -> ReportSection {
        var table = ReportTable(columns: [.init("path"), .init("conversions", alignment: .right),
                                          .init("revenue", alignment: .right)])
        for path in a.topPaths.overall {
            table.rows.append([path.label, String(path.conversions), ReportFormatting.amount(path.revenue)])
        }
        return ReportSection(title: "Top converting paths", table: table, emptyNote: "no conversions yet", notes: [
            "A channel repeated back to back is shown once.",
        ])
    }

    /// A model's column title in the side-by-side table.
    public static func shortName(_ model: AttributionModel) -> String {
        switch model {
        case .firstTouch: "first"
        case .lastTouch: "last"
        case .positionBased: "position"
        case .timeDecay: "decay"
        case .linear, .wShaped, .markov, .shapley: model.rawValue
        }
    }

    /// Which per-touch weights feature impact and AI ROI use under `model`.
    private static func weights(_ model: AttributionModel) -> String {
        model.pathRule == nil ? "linear weights (\(model.rawValue) credits channels, not touches)"
            : "\(model.rawValue) weights"
    }

    private static func percent(_ ratio: Double?) -> String { ReportFormatting.percent(ratio, digits: 1) }

    private static func amount(_ value: Double?) -> String { value.map(ReportFormatting.amount) ?? ReportFormatting.none }
}
