import FlowCore
import TerminalUI

/// One funnel stage in depth, over the panes (Enter in the funnel pane), most important
/// first:
///
/// - the stage's count, its step and overall conversion, and the cohort (period, window);
/// - the drop-off to the next stage, split into lost here, stalled (open, no stage change
///   for more than `stalledAfterDays`) and in progress;
/// - how long the step to the next stage and the way to won take: median and p90 over
///   the leads that made them, and how many did;
/// - the breakdown at this stage (with `b`), the stalled leads by source, and the whole
///   funnel with this stage marked (↑↓ move to the others).
///
/// Parts share the rows by priority (`DetailStack`), two by two from 90 columns on; every
/// definition is in docs/funnel.md.
struct FunnelStageView {
    var stage: Stage
    /// nil before the engine's first analysis.
    var analysis: FunnelAnalysis?
    var context: DashboardContext

    /// From this inner width on, parts sit side by side.
    static let twoColumnWidth = 90

    func draw(over area: Rect, breadcrumb: String, grid: inout CellGrid) {
        let inner = grid.drawBox(area, title: breadcrumb, focused: true, glyphs: context.boxGlyphs)
            .inset(dx: 1, dy: 0)
        guard !inner.isEmpty else { return }
        guard let analysis, let index = analysis.stages.firstIndex(where: { $0.stage == stage }) else {
            grid.put("waiting for the funnel analysis" + context.ellipsis, x: inner.x, y: inner.y, style: CellStyle(.dim),
                     maxWidth: inner.width)
            return
        }
        DetailStack.draw(blocks(analysis, index: index, width: inner.width), in: inner, grid: &grid)
    }

    private func blocks(_ analysis: FunnelAnalysis, index: Int, width: Int) -> [StackBlock] {
        let wide = width >= Self.twoColumnWidth
        let stats = analysis.stages[index]
        let next = index + 1 < analysis.stages.count ? analysis.stages[index + 1].stage : nil
        var blocks = [summaryBlock(analysis, stats: stats, index: index)]
        let dropOff = dropOffBlock(stats, next: next, stalledDays: analysis.query.stalledAfterDays,
                                   wonRevenue: analysis.wonRevenue)
        let timing = timingBlock(timingRows(analysis, index: index))
        blocks += wide ? [DetailStack.pair(dropOff, timing, leftShare: 0.5)] : [dropOff, timing]
        let stalled = stalledBlock(stats)
        let ladder = ladderBlock(analysis, index: index)
        let breakdown = breakdownBlock(analysis, index: index)
        // Won has no open leads, so nothing stalls there.
        if next == nil {
            blocks += [breakdown, ladder]
        } else if wide {
            blocks += [breakdown, DetailStack.pair(stalled, ladder, leftShare: 0.36)]
        } else {
            blocks += [breakdown, stalled, ladder]
        }
        return blocks
    }

    /// The stage, its count and conversions; then the cohort the numbers are about.
    private func summaryBlock(_ analysis: FunnelAnalysis, stats: FunnelStageAnalysis, index: Int) -> StackBlock {
        let label = CellStyle(.dim)
        let strong = CellStyle(.normal, bold: true)
        let previous = index > 0 ? analysis.stages[index - 1].stage.name : nil
        var first = [
            LineItem([(stage.name, CellStyle(.accent, bold: true))], priority: 100),
            LineItem([(NumberFormat.grouped(Int64(stats.count)), strong),
                      (stats.count == 1 ? " lead" : " leads", label)], priority: 98),
            LineItem([("overall ", label), (FunnelText.percent(stats.overallConversion), strong)], priority: 90),
            LineItem([("stage \(index + 1) of \(analysis.stages.count)", label)], priority: 20),
        ]
        if let previous {
            first.insert(LineItem([("step ", label), (FunnelText.percent(stats.stepConversion), strong),
                                   (" from \(previous)", label)], priority: 95), at: 2)
        }
        let query = analysis.query
        var second = [
            LineItem([("of \(NumberFormat.grouped(Int64(analysis.leadCount))) leads created in the last "
                       + "\(query.periodDays)d (since \(FunnelText.date(epochMillis: analysis.periodStart)))", label)],
                     priority: 80),
            LineItem([(query.breakdown.title ?? "no breakdown", label)], priority: 40),
            LineItem([("stalled after \(query.stalledAfterDays)d", label)], priority: 50),
        ]
        if let window = query.conversionWindowDays {
            second.insert(LineItem([("counted within \(window)d of creation", CellStyle(.warn))], priority: 70), at: 1)
        }
        return StackBlock(priority: 100, minHeight: 1, height: 2) { rect, grid in
            grid.drawItems(first, x: rect.x, y: rect.y, width: rect.width)
            if rect.height > 1 { grid.drawItems(second, x: rect.x, y: rect.y + 1, width: rect.width) }
        }
    }

    /// "drop-off to meeting  2 of 5 (40.0%)", then lost here, stalled and in progress with
    /// their share of the drop-off; one compact line when short of rows.
    private func dropOffBlock(_ stats: FunnelStageAnalysis, next: Stage?, stalledDays: Int,
                              wonRevenue: Double) -> StackBlock {
        guard let next else {
            let text = "won (cohort) \(NumberFormat.money(wonRevenue)) \(context.dot) the last stage: no drop-off"
            return StackBlock(priority: 90, minHeight: 1, height: 1) { rect, grid in
                grid.put(text, x: rect.x, y: rect.y, style: CellStyle(.ok, bold: true), maxWidth: rect.width)
            }
        }
        let title = "drop-off to \(next.name)"
        let total = "\(NumberFormat.grouped(Int64(stats.dropOff))) of \(NumberFormat.grouped(Int64(stats.count)))"
            + " (\(FunnelText.percent(stats.dropOffRate)))"
        let rows: [(String, Int, StyleRole)] = [
            ("lost here", stats.lostHere, .crit),
            ("stalled >\(stalledDays)d", stats.stalled, .warn),
            ("in progress", stats.inProgress, .ok),
        ]
        let compact = "drop-off \(total): lost \(stats.lostHere) \(context.dot) stalled \(stats.stalled) "
            + "\(context.dot) in progress \(stats.inProgress)"
        let full = rows.count + 1
        return StackBlock(priority: 90, minHeight: 1, height: full, stepped: true) { rect, grid in
            if rect.height < full {
                grid.put(compact, x: rect.x, y: rect.y, maxWidth: rect.width)
                return
            }
            let used = grid.put(title + "  ", x: rect.x, y: rect.y, style: CellStyle(.title, bold: true),
                                maxWidth: rect.width)
            grid.put(total, x: rect.x + used, y: rect.y, style: CellStyle(.normal, bold: true),
                     maxWidth: rect.width - used)
            let columns = [
                TableColumn("", width: 13, minWidth: 9, priority: 100),
                TableColumn("", width: 6, alignment: .right, priority: 95),
                TableColumn("", width: 16, minWidth: 4, priority: 30, flexible: true),
                TableColumn("", width: 6, alignment: .right, priority: 60),
            ]
            let layout = TableLayout.fit(columns, width: rect.width)
            for (i, (name, count, role)) in rows.enumerated() {
                let share = stats.dropOff > 0 ? Double(count) / Double(stats.dropOff) : 0
                grid.drawTableRow([
                    TableCell(name, style: CellStyle(count > 0 ? role : .dim)),
                    TableCell(NumberFormat.grouped(Int64(count)), style: CellStyle(.normal, bold: count > 0)),
                    .bar(share, style: CellStyle(role)),
                    TableCell(stats.dropOff > 0 ? NumberFormat.percent(share, digits: 0) : "–",
                              style: CellStyle(.dim)),
                ], layout: layout, x: rect.x, y: rect.y + 1 + i, ascii: context.asciiOnly, columns: columns)
            }
        }
    }

    /// Median and p90 of the time to the next stage and to won, and over how many leads;
    /// for won itself, the way there from lead_created (the sales cycle) and from the
    /// stage before.
    private func timingRows(_ analysis: FunnelAnalysis, index: Int) -> [(String, FunnelDurationStats?)] {
        let stages = analysis.stages
        let stats = stages[index]
        guard index + 1 < stages.count else {
            guard index > 0 else { return [] }
            return [("since created", stages[0].timeToWon),
                    ("since \(stages[index - 1].stage.name)", stages[index - 1].timeToWon)]
        }
        let next = stages[index + 1].stage
        return next == .won ? [("to won", stats.timeToNext)]
            : [("to \(next.name)", stats.timeToNext), ("to won", stats.timeToWon)]
    }

    private func timingBlock(_ rows: [(String, FunnelDurationStats?)]) -> StackBlock {
        let columns = [
            TableColumn("time", width: 14, minWidth: 8, priority: 100),
            TableColumn("median", width: 8, alignment: .right, priority: 95),
            TableColumn("p90", width: 8, alignment: .right, priority: 90),
            TableColumn("leads", width: 6, alignment: .right, priority: 80),
        ]
        let height = rows.isEmpty ? 0 : rows.count + 1
        return StackBlock(priority: 85, minHeight: height, height: height) { rect, grid in
            let layout = TableLayout.fit(columns, width: rect.width)
            grid.drawTableHeader(columns, layout: layout, x: rect.x, y: rect.y)
            let none = CellStyle(.dim)
            for (i, (name, duration)) in rows.enumerated() where i + 1 < rect.height {
                var cells = [TableCell(name), TableCell("–", style: none), TableCell("–", style: none),
                             TableCell("0", style: none)]
                if let duration {
                    cells[1] = TableCell(FunnelText.duration(millis: duration.median),
                                         style: CellStyle(.normal, bold: true))
                    cells[2] = TableCell(FunnelText.duration(millis: duration.p90))
                    cells[3] = TableCell(NumberFormat.grouped(Int64(duration.samples)), style: none)
                }
                grid.drawTableRow(cells, layout: layout, x: rect.x, y: rect.y + 1 + i, columns: columns)
            }
        }
    }
}
