import FlowCore
import FlowFormats

/// The funnel report: everything `FunnelAnalysis` has, as the original framework's
/// `/funnel/snapshot` (counts and conversions), `/funnel/visualization` (the stages in
/// order with both rates) and `/funnel/dropoff` (where leads stop: lost here, stalled, in
/// progress, stalled by source; how long each step takes) gave it. Definitions: docs/funnel.md.
///
/// JSON keeps every number (durations in ms, ratios as fractions, null where a ratio
/// has nothing to divide by); Markdown and text show the same in four tables.
public enum FunnelReport {
    public static func document(_ snapshot: EngineSnapshot) -> ReportDocument {
        guard let funnel = snapshot.funnelAnalysis else {
            return ReportDocument(title: "Funnel report", fields: [("stages", .array([]))], sections: [
                ReportSection(title: nil, table: ReportTable(columns: [.init("stage")]),
                              emptyNote: "no funnel analysis in this snapshot"),
            ])
        }
        let query = funnel.query
        let fields: [(String, JSONValue)] = [
            ("period_days", .int(Int64(query.periodDays))),
            ("period_start", .string(ReportFormatting.rfc3339(funnel.periodStart))),
            ("conversion_window_days", query.conversionWindowDays.map { .int(Int64($0)) } ?? .null),
            ("stalled_after_days", .int(Int64(query.stalledAfterDays))),
            ("breakdown_by", .string(query.breakdown.rawValue)),
            ("lead_count", .int(Int64(funnel.leadCount))),
            ("lost", .int(Int64(funnel.lost))),
            ("won_revenue", .number(funnel.wonRevenue)),
            ("stages", .array(funnel.stages.map(stageJSON))),
            ("breakdown", .array(funnel.breakdown.map(breakdownJSON))),
        ]
        var sections = [stagesSection(funnel), timesSection(funnel), stalledSection(funnel)]
        if query.breakdown != .none { sections.append(breakdownSection(funnel)) }
        let scope = query.breakdown == .none ? "" : ", by \(query.breakdown.rawValue)"
        return ReportDocument(title: "Funnel report (\(query.periodDays) days\(scope))", fields: fields,
                              sections: sections)
    }

    // MARK: JSON

    private static func stageJSON(_ s: FunnelStageAnalysis) -> JSONValue {
        .object([
            ("stage", .string(s.stage.name)),
            ("count", .int(Int64(s.count))),
            ("step_conversion", .number(s.stepConversion)),
            ("overall_conversion", .number(s.overallConversion)),
            ("drop_off", .int(Int64(s.dropOff))),
            ("drop_off_rate", .number(s.dropOffRate)),
            ("lost_here", .int(Int64(s.lostHere))),
            ("stalled", .int(Int64(s.stalled))),
            ("in_progress", .int(Int64(s.inProgress))),
            ("stalled_by_source", .array(s.stalledBySource.map {
                .object(labelFields($0.label, key: "source") + [("count", .int(Int64($0.count)))])
            })),
            ("time_to_next", durationJSON(s.timeToNext)),
            ("time_to_won", durationJSON(s.timeToWon)),
        ])
    }

    private static func durationJSON(_ d: FunnelDurationStats?) -> JSONValue {
        guard let d else { return .null }
        return .object([("median_ms", .int(d.median)), ("p90_ms", .int(d.p90)), ("samples", .int(Int64(d.samples)))])
    }

    private static func breakdownJSON(_ row: FunnelBreakdownRow) -> JSONValue {
        let stages: [JSONValue] = Stage.funnel.indices.map { i in
            .object([
                ("stage", .string(Stage.funnel[i].name)),
                ("count", .int(Int64(i < row.counts.count ? row.counts[i] : 0))),
                ("step_conversion", .number(i < row.stepConversions.count ? row.stepConversions[i] : nil)),
                ("overall_conversion", .number(i < row.overallConversions.count ? row.overallConversions[i] : nil)),
            ])
        }
        return .object(labelFields(row.label, key: "label") + [
            ("leads", .int(Int64(row.leads))),
            ("stages", .array(stages)),
            ("lost", .int(Int64(row.lost))),
            ("won_revenue", .number(row.wonRevenue)),
        ])
    }

    /// The name under `key`, and `other_labels`: how many labels the `other` remainder
    /// holds, null for a named one (so a source really called "other" stays distinct).
    private static func labelFields(_ label: FunnelLabel, key: String) -> [(String, JSONValue)] {
        switch label {
        case .named(let name): [(key, .string(name)), ("other_labels", .null)]
        case .other(let labels): [(key, .string("other")), ("other_labels", .int(Int64(labels)))]
        }
    }

    // MARK: Markdown and text

    private static func stagesSection(_ funnel: FunnelAnalysis) -> ReportSection {
        var table = ReportTable(columns: [
            .init("stage"), .init("leads", alignment: .right), .init("step", alignment: .right),
            .init("overall", alignment: .right), .init("drop-off", alignment: .right),
            .init("drop-off rate", alignment: .right), .init("lost here", alignment: .right),
            .init("stalled", alignment: .right), .init("in progress", alignment: .right),
        ])
        for s in funnel.stages {
            let last = s.stage == .won
            table.rows.append([
                s.stage.name, String(s.count), percent(s.stepConversion), percent(s.overallConversion),
                last ? ReportFormatting.none : String(s.dropOff), percent(s.dropOffRate),
                String(s.lostHere), String(s.stalled), String(s.inProgress),
            ])
        }
        let query = funnel.query
        let window = query.conversionWindowDays.map { "stages counted within \($0) days of creation" }
            ?? "no conversion window"
        let from = ReportFormatting.rfc3339(funnel.periodStart), to = ReportFormatting.rfc3339(funnel.now)
        let revenue = ReportFormatting.amount(funnel.wonRevenue)
        return ReportSection(title: "Stages", table: table, notes: [
            "Leads created from \(from) to \(to) (\(query.periodDays) days), \(window), "
                + "stalled after \(query.stalledAfterDays) days without a stage change.",
            "\(funnel.leadCount) leads, \(funnel.lost) lost, won revenue \(revenue).",
        ])
    }

    private static func timesSection(_ funnel: FunnelAnalysis) -> ReportSection {
        var table = ReportTable(columns: [
            .init("stage"), .init("next"), .init("to next median", alignment: .right),
            .init("to next p90", alignment: .right), .init("leads", alignment: .right),
            .init("to won median", alignment: .right), .init("to won p90", alignment: .right),
            .init("won leads", alignment: .right),
        ])
        for (i, s) in funnel.stages.enumerated() where i + 1 < funnel.stages.count {
            table.rows.append([s.stage.name, funnel.stages[i + 1].stage.name]
                              + durationCells(s.timeToNext) + durationCells(s.timeToWon))
        }
        return ReportSection(title: "Time between stages", table: table, notes: [
            "Median and p90 by nearest rank, over the leads that made the step; a skipped stage takes 0.",
        ])
    }

    private static func durationCells(_ d: FunnelDurationStats?) -> [String] {
        guard let d else { return [ReportFormatting.none, ReportFormatting.none, "0"] }
        return [ReportFormatting.duration(Double(d.median) / 1000), ReportFormatting.duration(Double(d.p90) / 1000),
                String(d.samples)]
    }

    private static func stalledSection(_ funnel: FunnelAnalysis) -> ReportSection {
        var table = ReportTable(columns: [.init("stage"), .init("source"), .init("stalled", alignment: .right)])
        for s in funnel.stages {
            for entry in s.stalledBySource {
                table.rows.append([s.stage.name, label(entry.label), String(entry.count)])
            }
        }
        return ReportSection(title: "Stalled by source", table: table, emptyNote: "no stalled leads")
    }

    private static func breakdownSection(_ funnel: FunnelAnalysis) -> ReportSection {
        let kind = funnel.query.breakdown.rawValue
        var table = ReportTable(columns: [.init(kind), .init("leads", alignment: .right)]
            + Stage.funnel.dropFirst().map { ReportTable.Column($0.name, alignment: .right) }
            + [.init("to won", alignment: .right), .init("lost", alignment: .right),
               .init("won revenue", alignment: .right)])
        for row in funnel.breakdown {
            let counts = Stage.funnel.indices.dropFirst().map { String($0 < row.counts.count ? row.counts[$0] : 0) }
            table.rows.append([label(row.label), String(row.leads)] + counts
                              + [percent(row.overallConversions.last ?? nil), String(row.lost),
                                 ReportFormatting.amount(row.wonRevenue)])
        }
        return ReportSection(title: "By \(kind)", table: table, emptyNote: "no leads in the period")
    }

    private static func percent(_ ratio: Double?) -> String { ReportFormatting.percent(ratio, digits: 1) }

    /// "website", or "other (3)" for the remainder of 3 labels past the row cap.
    private static func label(_ label: FunnelLabel) -> String {
        switch label {
        case .named(let name): name
        case .other(let labels): "other (\(labels))"
        }
    }
}
