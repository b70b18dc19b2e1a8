import FlowCore
import FlowFormats

/// What a report is about: one of the engine's views.
///
/// Raw values are the words on the command line: `flowtop report slo --input events.ndjson`.
public enum ReportKind: String, Sendable, CaseIterable, Hashable, Codable {
    case slo, funnel, attribution, alerts
}

/// How a report is written: JSON for machines (snake_case keys in a fixed order, so the
/// same snapshot always gives the same bytes), Markdown tables for tickets and chat, and
/// aligned plain columns for a terminal.
public enum ReportFormat: String, Sendable, CaseIterable, Hashable, Codable {
    case json, markdown, text
}

/// Renders one view of a snapshot as a complete document ending in a newline.
///
/// Deterministic: it reads only the snapshot (time included), so a replayed file gives the
/// same report byte for byte.
///
/// ```swift
/// let snap = engine.snapshot(SnapshotQuery(tenant: "acme"), now: t)
/// print(renderReport(.slo, snapshot: snap, format: .markdown), terminator: "")
/// ```
public func renderReport(_ kind: ReportKind, snapshot: EngineSnapshot, format: ReportFormat) -> String {
    let document: ReportDocument
    switch kind {
    case .slo: document = SLOReport.document(snapshot)
    case .funnel: document = FunnelReport.document(snapshot)
    case .attribution: document = AttributionReport.document(snapshot)
    case .alerts: document = AlertsReport.document(snapshot)
    }
    switch format {
    case .json: return document.json(snapshot)
    case .markdown: return document.markdown(snapshot)
    case .text: return document.text(snapshot)
    }
}

/// One report, independent of format: the JSON fields after `generated_at` and `tenant`,
/// and the tables that Markdown and text show.
public struct ReportDocument {
    public var title: String
    public var fields: [(String, JSONValue)]
    public var sections: [ReportSection]
    /// Lines Markdown and text show under the title, before any table: what a reader who
    /// stops after one line should know (attribution's AI ROI headline).
    public var summary: [String] = []

    private func header(_ snapshot: EngineSnapshot) -> [(String, JSONValue)] {
        [("generated_at", .string(ReportFormatting.rfc3339(snapshot.now))),
         ("tenant", snapshot.query.tenant.map(JSONValue.string) ?? .null)]
    }

    private func scope(_ snapshot: EngineSnapshot) -> String { snapshot.query.tenant ?? "all tenants" }

    public func json(_ snapshot: EngineSnapshot) -> String {
        JSONValue.object(header(snapshot) + fields).rendered(.indented) + "\n"
    }

    public func markdown(_ snapshot: EngineSnapshot) -> String {
        var out = "# \(title)\n\nGenerated \(ReportFormatting.rfc3339(snapshot.now)) for \(ReportTable.markdownEscape(scope(snapshot))).\n"
        for line in summary { out += "\n\(line)\n" }
        for section in sections {
            out += "\n"
            if let heading = section.title { out += "## \(heading)\n\n" }
            out += section.table.isEmpty ? "_\(section.emptyNote)_\n" : section.table.markdown()
            for note in section.notes { out += "\n\(note)\n" }
        }
        return out
    }

    public func text(_ snapshot: EngineSnapshot) -> String {
        var out = "\(title) - generated \(ReportFormatting.rfc3339(snapshot.now)) - \(scope(snapshot))\n"
        if !summary.isEmpty { out += "\n" + summary.map { $0 + "\n" }.joined() }
        for section in sections {
            out += "\n"
            if let heading = section.title { out += "\(heading)\n" }
            out += section.table.isEmpty ? "(\(section.emptyNote))\n" : section.table.text()
            for note in section.notes { out += "\(note)\n" }
        }
        return out
    }
}

/// A table with an optional heading, and what to say when it has no rows.
public struct ReportSection {
    public var title: String?
    public var table: ReportTable
    public var emptyNote: String = "none"
    public var notes: [String] = []
}
