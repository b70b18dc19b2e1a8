import FlowCore
import TerminalUI

/// The tables of the funnel stage view: the stalled leads by source, the whole funnel with
/// the stage marked, and the stage broken down by source or tenant.
extension FunnelStageView {
    /// The stalled leads of this stage by source, most first; on one line when the rows
    /// do not fit: "stalled by source (112): whatsapp 43 · website 31 · …".
    func stalledBlock(_ stats: FunnelStageAnalysis) -> StackBlock {
        let rows = stats.stalledBySource
        let title = "stalled by source (\(NumberFormat.grouped(Int64(stats.stalled))))"
        let inline = title + ": " + (rows.isEmpty ? "none" : rows.map {
            "\(FunnelText.label($0.label)) \(NumberFormat.grouped(Int64($0.count)))"
        }.joined(separator: " \(context.dot) "))
        let columns = [
            TableColumn("", width: 14, minWidth: 6, priority: 100, widthPriority: 60),
            TableColumn("", width: 6, alignment: .right, priority: 95),
            TableColumn("", width: 10, minWidth: 3, priority: 30, flexible: true),
        ]
        let height = 1 + max(1, rows.count)
        return StackBlock(priority: 70, growthPriority: 55, minHeight: 1, height: height) { rect, grid in
            if rect.height < height, rect.height <= 2 {
                grid.put(TextFit.truncate(inline, to: rect.width), x: rect.x, y: rect.y, style: CellStyle(.warn))
                return
            }
            grid.put(title, x: rect.x, y: rect.y, style: CellStyle(.title, bold: true), maxWidth: rect.width)
            let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
            guard !rows.isEmpty else {
                grid.put("no stalled leads here", x: body.x, y: body.y, style: CellStyle(.dim), maxWidth: body.width)
                return
            }
            let layout = TableLayout.fit(columns, width: body.width)
            let window = RowWindow(count: rows.count, height: body.height, selected: nil)
            for (n, i) in window.range.enumerated() {
                let share = stats.stalled > 0 ? Double(rows[i].count) / Double(stats.stalled) : 0
                grid.drawTableRow([
                    TableCell(FunnelText.label(rows[i].label)),
                    TableCell(NumberFormat.grouped(Int64(rows[i].count)), style: CellStyle(.warn)),
                    .bar(share, style: CellStyle(.warn)),
                ], layout: layout, x: body.x, y: body.y + n, ascii: context.asciiOnly, columns: columns)
            }
            grid.drawMore(window.hidden, in: body, y: body.y + window.range.count)
        }
    }

    /// Every stage with this one marked (where ↑↓ lead): count, conversions, drop-off and
    /// its lost and stalled part, and the median time to the next stage.
    func ladderBlock(_ analysis: FunnelAnalysis, index: Int) -> StackBlock {
        let columns = [
            TableColumn("", width: 1, priority: 100),
            TableColumn("stage", width: 12, minWidth: 8, priority: 99),
            TableColumn("count", width: 6, alignment: .right, priority: 95),
            TableColumn("step", width: 6, alignment: .right, priority: 70),
            TableColumn("overall", width: 7, alignment: .right, priority: 80),
            TableColumn("drop", width: 6, alignment: .right, priority: 60),
            TableColumn("lost", width: 5, alignment: .right, priority: 50),
            TableColumn("stall", width: 5, alignment: .right, priority: 45),
            TableColumn("to next", width: 7, alignment: .right, priority: 40),
        ]
        let stages = analysis.stages
        let marker = context.marker
        let dim = CellStyle(.dim)
        return StackBlock(priority: 60, growthPriority: 50, minHeight: 3, height: stages.count + 1) { rect, grid in
            let layout = TableLayout.fit(columns, width: rect.width)
            let plan = PanePlan(height: rect.height, count: stages.count, header: true, footer: 0, selected: index)
            var y = rect.y
            if plan.showsHeader {
                grid.drawTableHeader(columns, layout: layout, x: rect.x, y: y)
                y += 1
            }
            for i in plan.window.range {
                let s = stages[i]
                let last = s.stage == .won
                grid.drawTableRow([
                    TableCell(i == index ? marker : "", style: CellStyle(.accent, bold: true)),
                    TableCell(s.stage.name),
                    TableCell(NumberFormat.grouped(Int64(s.count))),
                    TableCell(i == 0 ? "" : FunnelText.percent(s.stepConversion), style: dim),
                    TableCell(FunnelText.percent(s.overallConversion)),
                    TableCell(last ? "" : NumberFormat.grouped(Int64(s.dropOff)), style: dim),
                    TableCell(last ? "" : NumberFormat.grouped(Int64(s.lostHere)), style: dim),
                    TableCell(last ? "" : NumberFormat.grouped(Int64(s.stalled)), style: dim),
                    TableCell(s.timeToNext.map { FunnelText.duration(millis: $0.median) } ?? (last ? "" : "–"),
                              style: dim),
                ], layout: layout, x: rect.x, y: y,
                   rowStyle: i == index ? selectedRow : nil, columns: columns)
                y += 1
            }
            grid.drawMore(plan.window.hidden, in: rect, y: y)
        }
    }

    /// Each source or tenant at this stage: its leads, how many reached the stage, the
    /// step and overall conversion there, its lost leads and won revenue. Without a
    /// breakdown, a hint to choose one.
    func breakdownBlock(_ analysis: FunnelAnalysis, index: Int) -> StackBlock {
        let rows = analysis.breakdown
        guard !rows.isEmpty else {
            let text = analysis.query.breakdown == .none
                ? "b: break this stage down by source or tenant"
                : "no leads to break down"
            return StackBlock(priority: 20, minHeight: 1, height: 1) { rect, grid in
                grid.put(text, x: rect.x, y: rect.y, style: CellStyle(.dim), maxWidth: rect.width)
            }
        }
        let kind = analysis.query.breakdown
        let labelWidth = min(24, max(8, rows.map { DisplayWidth.of(FunnelText.label($0.label)) }.max() ?? 0))
        let columns = [
            TableColumn(kind.rawValue, width: labelWidth, minWidth: 6, priority: 100, widthPriority: 70),
            TableColumn("leads", width: 6, alignment: .right, priority: 80),
            TableColumn(stage.name, width: max(6, stage.name.count), alignment: .right, priority: 98),
            TableColumn("step", width: 6, alignment: .right, priority: 90),
            TableColumn("overall", width: 7, alignment: .right, priority: 95),
            TableColumn("lost", width: 5, alignment: .right, priority: 50),
            TableColumn("won revenue", width: 11, alignment: .right, priority: 60),
        ]
        let title = "\(kind.title ?? "") at \(stage.name)"
        let cells: [[TableCell]] = rows.map { row in
            let at = index < row.counts.count ? row.counts[index] : 0
            let step = index < row.stepConversions.count ? row.stepConversions[index] : nil
            let overall = index < row.overallConversions.count ? row.overallConversions[index] : nil
            return [
                TableCell(FunnelText.label(row.label)),
                TableCell(NumberFormat.grouped(Int64(row.leads)), style: CellStyle(.dim)),
                TableCell(NumberFormat.grouped(Int64(at)), style: CellStyle(.normal, bold: true)),
                TableCell(index == 0 ? "" : FunnelText.percent(step), style: CellStyle(.dim)),
                TableCell(FunnelText.percent(overall)),
                TableCell(NumberFormat.grouped(Int64(row.lost)), style: CellStyle(row.lost > 0 ? .warn : .dim)),
                TableCell(NumberFormat.money(row.wonRevenue), style: CellStyle(row.wonRevenue > 0 ? .ok : .dim)),
            ]
        }
        return TitledTable(title: title, columns: columns, rows: cells, empty: "")
            .block(priority: 75, growthPriority: 65, ascii: context.asciiOnly)
    }
}
