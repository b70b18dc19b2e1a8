import FlowCore
import FlowFormats

/// The two time series of the one-SLO report: the history of the chosen range and the
/// error-budget burn-down of the window.
///
/// JSON carries every point. A table of 360 minutes (or 720 hours) is no use in a ticket,
/// so Markdown and text condense them:
/// - history: buckets merged into at most 31 rows aligned to the clock (5 minutes for 1h,
///   15 minutes for 6h, an hour for 1d, 3 hours for 3d, a UTC day for 30d), SLI and burn
///   recomputed from the merged counts (traffic-weighted), rows without events left out;
/// - burn-down: milestones: the window's start, the first events, the first time the
///   budget left fell below 75%, 50% and 25% and to 0%, and now.
public enum SLOTimelineTables {
    public static func historyFields(_ history: SLOHistory) -> [(String, JSONValue)] {
        let buckets: [JSONValue] = history.counts.indices.map { i in
            .object([
                ("start", .string(ReportFormatting.rfc3339(history.start + EpochMillis(i) * history.bucketMillis))),
                ("good", .int(history.counts[i].good)),
                ("total", .int(history.counts[i].total)),
                ("sli", .number(history.sli[i])),
                ("burn", .number(history.burn[i])),
            ])
        }
        return [("history_range", .string(history.range.label)),
                ("history_bucket_seconds", .int(history.bucketMillis / 1000)),
                ("history", .array(buckets))]
    }

    public static func burnDownFields(_ burnDown: SLOBurnDown, now: EpochMillis) -> [(String, JSONValue)] {
        let points: [JSONValue] = burnDown.remaining.indices.map { i in
            .object([("at", .string(ReportFormatting.rfc3339(stepEnd(burnDown, i, now: now)))),
                     ("remaining", .number(burnDown.remaining[i]))])
        }
        return [("burn_down_start", .string(ReportFormatting.rfc3339(burnDown.start))),
                ("burn_down_step_seconds", .int(burnDown.stepMillis / 1000)),
                ("burn_down", .array(points))]
    }

    /// How long one row of the condensed history is, per range.
    public static func rowMillis(_ range: SLOHistoryRange) -> EpochMillis {
        switch range {
        case .h1: 5 * 60_000
        case .h6: 15 * 60_000
        case .d1: 3_600_000
        case .d3: 3 * 3_600_000
        case .d30: 86_400_000
        }
    }

    public static func history(_ history: SLOHistory, objective: Double) -> ReportSection {
        let budget = ErrorBudget(objective: objective)
        let row = max(rowMillis(history.range), history.bucketMillis)
        // Rows on whole multiples of their length (quarter hours, UTC days), so the first
        // and the last may cover part of one; each labelled with the first time it covers.
        var rows: [(from: EpochMillis, counts: SLICounts)] = []
        for (i, counts) in history.counts.enumerated() {
            let t = history.start + EpochMillis(i) * history.bucketMillis
            let rowStart = floorDiv(t, row) * row
            if let last = rows.last, floorDiv(last.from, row) * row == rowStart {
                rows[rows.count - 1].counts += counts
            } else {
                rows.append((t, counts))
            }
        }
        var table = ReportTable(columns: [
            .init("from"), .init("good", alignment: .right), .init("bad", alignment: .right),
            .init("total", alignment: .right), .init("sli", alignment: .right), .init("burn", alignment: .right),
        ])
        for (from, counts) in rows where counts.total > 0 {
            table.rows.append([
                ReportFormatting.rfc3339(from), ReportFormatting.count(counts.good), ReportFormatting.count(counts.bad),
                ReportFormatting.count(counts.total), ReportFormatting.percent(Double(counts.good) / Double(counts.total)),
                ReportFormatting.burn(budget.burnRate(counts)),
            ])
        }
        let empty = rows.count - table.rows.count
        let note = "\(span(row)) rows merged from \(span(history.bucketMillis)) buckets"
            + (empty > 0 ? "; \(empty) of \(rows.count) rows had no events and are left out." : ".")
        return ReportSection(title: "History, last \(history.range.label)", table: table,
                             emptyNote: "no events in the last \(history.range.label)",
                             notes: table.isEmpty ? [] : [note])
    }

    private static func floorDiv(_ a: EpochMillis, _ b: EpochMillis) -> EpochMillis {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    public static func burnDown(_ burnDown: SLOBurnDown, window: SLOWindow, now: EpochMillis) -> ReportSection {
        var table = ReportTable(columns: [.init("milestone"), .init("at"), .init("budget left", alignment: .right)])
        let values = burnDown.remaining
        guard let firstData = values.firstIndex(where: { $0 != nil }) else {
            return ReportSection(title: "Error budget burn-down (\(window.label))", table: table,
                                 emptyNote: "no events in the window")
        }
        // Milestones at the same step share one row: "first events, below 75%".
        var milestones: [(label: String, index: Int)] = [("first events", firstData)]
        // Monotonic: bad events so far only grow against the window's fixed total.
        for (label, level) in [("below 75%", 0.75), ("below 50%", 0.5), ("below 25%", 0.25), ("spent", 0.0)] {
            if let i = values.firstIndex(where: { v in v.map { level == 0 ? $0 <= 0 : $0 < level } == true }) {
                milestones.append((label, i))
            }
        }
        if let last = values.lastIndex(where: { $0 != nil }) { milestones.append(("now", last)) }
        table.rows.append(["window start", ReportFormatting.rfc3339(burnDown.start), ReportFormatting.percent(1, digits: 1)])
        for (i, group) in Dictionary(grouping: milestones, by: \.index).sorted(by: { $0.key < $1.key }) {
            table.rows.append([group.map(\.label).joined(separator: ", "), ReportFormatting.rfc3339(stepEnd(burnDown, i, now: now)),
                               ReportFormatting.percent(values[i], digits: 1)])
        }
        return ReportSection(title: "Error budget burn-down (\(window.label))", table: table, notes: [
            "Budget left after each \(span(burnDown.stepMillis)) step: "
                + "bad events so far against all events of the window.",
        ])
    }

    /// `1m`, `15m`, `3h`, `1d`: a whole number of the largest unit that divides it.
    public static func span(_ millis: EpochMillis) -> String {
        let minutes = millis / 60_000
        if minutes > 0, minutes % 1440 == 0 { return "\(minutes / 1440)d" }
        if minutes > 0, minutes % 60 == 0 { return "\(minutes / 60)h" }
        return "\(minutes)m"
    }

    /// When step `i` ends: the end of its hour(s), or now for the step in progress.
    public static func stepEnd(_ burnDown: SLOBurnDown, _ i: Int, now: EpochMillis) -> EpochMillis {
        min(burnDown.start + EpochMillis(i + 1) * burnDown.stepMillis, now)
    }
}
