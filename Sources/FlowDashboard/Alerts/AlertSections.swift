import FlowCore

/// The alert list as the alerts pane groups it: what needs someone now, then what someone
/// already took or muted, then what is over.
///
/// - **active**: pending and firing alerts neither silenced nor acknowledged, in the
///   engine's order (firing, then pending; pages first; oldest first), with the tiers a
///   faster tier inhibits after the rest;
/// - **muted**: pending and firing alerts an active silence mutes or someone acknowledged;
/// - **resolved**: the last `resolvedShown` to resolve, latest first (the engine keeps
///   them an hour; `resolvedTotal` counts them all).
///
/// The selection moves over `rows`, the three in that order.
///
/// ```swift
/// let sections = AlertSections(snapshot.alerting.alerts)
/// sections.rows.firstIndex { $0.alert.fingerprint == selected }
/// ```
struct AlertSections: Equatable {
    static let resolvedShown = 5

    var active: [ListedAlert]
    var muted: [ListedAlert]
    var resolved: [ListedAlert]
    var resolvedTotal: Int

    init(_ alerts: [ListedAlert]) {
        let open = alerts.filter { $0.alert.state == .pending || $0.alert.state == .firing }
        active = open.filter { !$0.isMuted && !$0.inhibited } + open.filter { !$0.isMuted && $0.inhibited }
        muted = open.filter(\.isMuted)
        let over = alerts.filter { $0.alert.state == .resolved }
            .sorted { ($0.alert.resolvedAt ?? 0) > ($1.alert.resolvedAt ?? 0) }
        resolved = Array(over.prefix(Self.resolvedShown))
        resolvedTotal = over.count
    }

    var rows: [ListedAlert] { active + muted + resolved }

    var isEmpty: Bool { active.isEmpty && muted.isEmpty && resolved.isEmpty }

    /// Active alerts that count: not inhibited.
    var notInhibited: [ListedAlert] { active.filter { !$0.inhibited } }
    var inhibitedCount: Int { active.count - notInhibited.count }
}

extension DashboardState {
    /// The alerts pane's rows, in the order it shows them (`AlertSections`).
    public func alertRows(_ snapshot: EngineSnapshot) -> [ListedAlert] {
        AlertSections(snapshot.alerting.alerts).rows
    }

    /// The alerts pane's selected row: the row of `selectedAlert` while it is listed (the
    /// list reorders as alerts fire, get silenced and resolve), else the remembered row,
    /// clamped; nil with no alerts.
    public func alertRow(in snapshot: EngineSnapshot) -> Int? {
        let rows = alertRows(snapshot)
        if let fingerprint = selectedAlert, let i = rows.firstIndex(where: { $0.alert.fingerprint == fingerprint }) {
            return i
        }
        return selectedRow(in: .alerts, count: rows.count)
    }

    /// The alert the alerts pane's selection is on.
    public func selectedListedAlert(in snapshot: EngineSnapshot) -> ListedAlert? {
        alertRow(in: snapshot).map { alertRows(snapshot)[$0] }
    }
}
