import FlowCore
import FlowFormats

/// Latency percentiles in the SLO reports: p50/p90/p95/p99 in milliseconds over the last
/// 5 minutes, hour, day and the whole SLO window, for the total series of SLOs whose
/// events carry a latency (display only; burn rates come from exact counts).
///
/// JSON: `"percentiles": {"5m": {"count": 20, "p50_ms": 590, ...}, ..., "window": {...}}`,
/// null when the SLO keeps none (no latency SLI, or a tenant or model series); a window
/// without events has count 0 and null percentiles.
public enum SLOPercentiles {
    /// Report order and names: the engine's `slo` window is called `window` here, as in
    /// `window_burn` and the burn tables.
    public static let windows: [(PercentileWindow, String)] = [(.m5, "5m"), (.h1, "1h"), (.d1, "1d"), (.slo, "window")]

    public static func json(_ slo: SLOStatus) -> JSONValue {
        guard !slo.percentiles.isEmpty else { return .null }
        return .object(windows.map { window, label in
            let p = slo.percentiles[window] ?? .empty
            return (label, .object([
                ("count", .int(p.count)),
                ("p50_ms", .number(p.p50)),
                ("p90_ms", .number(p.p90)),
                ("p95_ms", .number(p.p95)),
                ("p99_ms", .number(p.p99)),
            ]))
        })
    }

    public static func section(_ slos: [SLOStatus], nameColumn: Bool) -> ReportSection {
        var table = ReportTable(columns: (nameColumn ? [.init("slo")] : []) + [
            .init("window"), .init("events", alignment: .right), .init("p50 ms", alignment: .right),
            .init("p90 ms", alignment: .right), .init("p95 ms", alignment: .right), .init("p99 ms", alignment: .right),
        ])
        for slo in slos where !slo.percentiles.isEmpty {
            for (window, label) in windows {
                let p = slo.percentiles[window] ?? .empty
                table.rows.append((nameColumn ? [slo.name] : []) + [
                    label == "window" ? slo.window.label : label, ReportFormatting.count(p.count),
                    ms(p.p50), ms(p.p90), ms(p.p95), ms(p.p99),
                ])
            }
        }
        return ReportSection(title: "Latency percentiles", table: table,
                             emptyNote: "none: kept for the total series of latency SLOs only")
    }

    private static func ms(_ value: Double?) -> String {
        value.map { ReportFormatting.fixed($0, 1) } ?? ReportFormatting.none
    }
}
