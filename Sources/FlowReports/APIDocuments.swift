import FlowCore
import FlowFormats

/// The JSON of the endpoints that show part of a report (`/slo/status`,
/// `/alerts/active`, `/funnel/dropoff`, `/attribution/features`...): the report's own
/// fields, picked by key, under the same `generated_at` and `tenant` header. So a key
/// means the same in `flowtop report ... --format json` and in the API, and a field
/// added to a report shows up in both.
///
/// ```swift
/// APIDocuments.funnelVisualization(snap)
/// // {"generated_at": ..., "tenant": null, "period_days": 30, ..., "stages": [{"stage": "created", "count": 120, ...}]}
/// ```
public enum APIDocuments {
    public static func sloStatus(_ snapshot: EngineSnapshot) -> String {
        let keys = ["name", "display_name", "objective", "window", "series", "status", "sli", "error_budget_remaining",
                    "window_burn", "time_to_exhaustion_seconds"]
        return document(snapshot, [
            ("status", .string(worstStatus(snapshot.slos))),
            ("slos", .array(snapshot.slos.map { SLOReport.json($0).picking(keys) })),
        ])
    }

    /// `page`, else `ticket`, else `ok` when any SLO has data, else `no_data`.
    public static func worstStatus(_ slos: [SLOStatus]) -> String {
        let statuses = Set(slos.map(SLOReport.status))
        return ["page", "ticket", "ok"].first(where: statuses.contains) ?? "no_data"
    }

    /// Pending and firing, silenced and acknowledged ones included (their `silenced_by`
    /// and `acknowledged_by` say so), in the engine's order.
    public static func activeAlerts(_ snapshot: EngineSnapshot) -> String {
        let active = snapshot.alerting.alerts.filter { $0.alert.state == .pending || $0.alert.state == .firing }
        return document(snapshot, [("alerts", .array(active.map(AlertsReport.alertJSON)))])
    }

    public static func alertStatistics(_ snapshot: EngineSnapshot) -> String {
        document(snapshot, [("statistics", snapshot.alerting.statistics.map(AlertsReport.statisticsJSON) ?? .null)])
    }

    public static func funnelVisualization(_ snapshot: EngineSnapshot) -> String {
        let report = JSONValue.object(FunnelReport.document(snapshot).fields)
        return document(snapshot, report.fields(["period_days", "period_start", "lead_count", "won_revenue"]) + [
            ("stages", report["stages"].eachPicking(["stage", "count", "step_conversion", "overall_conversion"])),
        ])
    }

    public static func funnelDropoff(_ snapshot: EngineSnapshot) -> String {
        let report = JSONValue.object(FunnelReport.document(snapshot).fields)
        return document(snapshot, report.fields(["period_days", "period_start", "stalled_after_days", "lead_count", "lost"]) + [
            ("stages", report["stages"].eachPicking([
                "stage", "count", "drop_off", "drop_off_rate", "lost_here", "stalled", "in_progress", "stalled_by_source",
                "time_to_next", "time_to_won",
            ])),
        ])
    }

    /// Channels under the chosen model (`rows`) and under every model (`comparison`).
    public static func attributionChannels(_ snapshot: EngineSnapshot) -> String {
        attribution(snapshot, ["paths", "conversions", "rows", "totals", "comparison"])
    }

    public static func attributionFeatures(_ snapshot: EngineSnapshot) -> String { attribution(snapshot, ["features"]) }

    public static func attributionAIROI(_ snapshot: EngineSnapshot) -> String { attribution(snapshot, ["ai_roi"]) }

    private static func attribution(_ snapshot: EngineSnapshot, _ keys: [String]) -> String {
        let report = JSONValue.object(AttributionReport.document(snapshot).fields)
        return document(snapshot, report.fields(["model", "period_days"] + keys))
    }

    /// `generated_at` and `tenant`, as every report opens, then `fields`.
    private static func document(_ snapshot: EngineSnapshot, _ fields: [(String, JSONValue)]) -> String {
        JSONValue.object([
            ("generated_at", .string(ReportFormatting.rfc3339(snapshot.now))),
            ("tenant", snapshot.query.tenant.map(JSONValue.string) ?? .null),
        ] + fields).rendered(.indented) + "\n"
    }
}

extension JSONValue {
    /// An object's field; nil for a missing key or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.0 == key }?.1
    }

    /// The fields named in `keys`, in that order; a missing one is null.
    public func fields(_ keys: [String]) -> [(String, JSONValue)] {
        keys.map { ($0, self[$0] ?? .null) }
    }

    /// An object with only the fields named in `keys`.
    public func picking(_ keys: [String]) -> JSONValue { .object(fields(keys)) }
}

extension Optional where Wrapped == JSONValue {
    /// Each object of an array with only the fields named in `keys`; `[]` when absent.
    public func eachPicking(_ keys: [String]) -> JSONValue {
        guard case .array(let items)? = self else { return .array([]) }
        return .array(items.map { $0.picking(keys) })
    }
}
