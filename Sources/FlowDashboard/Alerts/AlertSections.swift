import FlowCore

/// The alert list as the alerts pane shows it: one row per group (`AlertGrouping`, by SLO
/// and severity unless configured otherwise), in three sections: what needs someone now,
/// then what someone already took or muted, then what is over.
///
/// - **active**: groups of pending and firing alerts neither silenced nor acknowledged,
///   most severe first, then newest first (`AlertGroup.grouped`). Tiers a faster tier of
///   the same series inhibits are left out unless `showsInhibited` (`i`): they are shown,
///   not sent, and 21 of them between the pages and the rest hid the pages;
/// - **muted**: groups of pending and firing alerts an active silence mutes or someone
///   acknowledged;
/// - **resolved**: the last `resolvedShown` groups to resolve, latest first (the engine
///   keeps them an hour; `resolvedTotal` counts them all).
///
/// The selection moves over `rows`, the three in that order.
///
/// ```swift
/// let sections = AlertSections(snapshot.alerting.alerts, grouping: .default)
/// sections.rows.firstIndex { $0.id == selected }
/// ```
struct AlertSections: Equatable {
    static let resolvedShown = 5

    var active: [AlertGroup]
    var muted: [AlertGroup]
    var resolved: [AlertGroup]
    var resolvedTotal: Int
    /// Active inhibited tiers, shown or not.
    var inhibitedCount: Int
    var showsInhibited: Bool

    init(_ alerts: [ListedAlert], grouping: AlertGrouping = .default, showsInhibited: Bool = false) {
        let open = alerts.filter { $0.alert.state == .pending || $0.alert.state == .firing }
        let unmuted = open.filter { !$0.isMuted }
        inhibitedCount = unmuted.filter(\.inhibited).count
        self.showsInhibited = showsInhibited
        active = AlertGroup.grouped(showsInhibited ? unmuted : unmuted.filter { !$0.inhibited }, by: grouping)
        muted = AlertGroup.grouped(open.filter(\.isMuted), by: grouping)
        let over = AlertGroup.grouped(alerts.filter { $0.alert.state == .resolved }, by: grouping)
        resolved = Array(over.prefix(Self.resolvedShown))
        resolvedTotal = over.count
    }

    var rows: [AlertGroup] { active + muted + resolved }

    var isEmpty: Bool { active.isEmpty && muted.isEmpty && resolved.isEmpty }

    /// Series-tiers in the active groups that count: not inhibited.
    var activeSeries: Int { active.reduce(0) { $0 + $1.members.filter { !$0.inhibited }.count } }
    /// Inhibited tiers the pane leaves out (`i` shows them).
    var hiddenInhibited: Int { showsInhibited ? 0 : inhibitedCount }
    var mutedAlerts: Int { muted.reduce(0) { $0 + $1.members.count } }
}

extension DashboardState {
    /// The alerts pane's sections, grouped and filtered as the state says.
    func alertSections(_ snapshot: EngineSnapshot) -> AlertSections {
        AlertSections(snapshot.alerting.alerts, grouping: alertGrouping, showsInhibited: showsInhibited)
    }

    /// The alerts pane's rows (groups), in the order it shows them (`AlertSections`).
    public func alertRows(_ snapshot: EngineSnapshot) -> [AlertGroup] {
        alertSections(snapshot).rows
    }

    /// The alerts pane's selected row: the row of the group `selectedAlert` names while it
    /// is listed (the list reorders as alerts fire, get silenced and resolve), else the
    /// remembered row, clamped; nil with no alerts.
    public func alertRow(in snapshot: EngineSnapshot) -> Int? {
        let rows = alertRows(snapshot)
        if let id = selectedAlert, let i = rows.firstIndex(where: { $0.id == id }) { return i }
        return selectedRow(in: .alerts, count: rows.count)
    }

    /// The group the alerts pane's selection is on.
    public func selectedAlertGroup(in snapshot: EngineSnapshot) -> AlertGroup? {
        let rows = alertRows(snapshot)
        return alertRow(in: snapshot).map { rows[$0] }
    }
}
