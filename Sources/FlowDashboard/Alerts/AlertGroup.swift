import FlowCore

/// Alerts that share a group key (`AlertGrouping`), shown as one row: the worst state and
/// severity among them, how many series, the tier of the member that leads (most severe,
/// fastest tier, newest), and since when the newest member fires.
///
/// ```
/// PAGE    ai_request_success   7 series  1h/5m    4m ago  15.1x
/// ```
public struct AlertGroup: Sendable, Equatable {
    /// The key labels' fingerprint: stable while members come and go, and, grouped by every
    /// label, the one member's own fingerprint.
    public var id: String
    public var key: AlertLabels
    /// In the engine's order (firing, pages, oldest first).
    public var members: [ListedAlert]

    init(key: AlertLabels, members: [ListedAlert]) {
        id = key.fingerprint
        self.key = key
        self.members = members
    }

    /// The member the row shows the tier and value of: firing before pending, then the
    /// most severe, then the fastest tier (shortest long window), then the newest.
    public var lead: ListedAlert {
        members.min { a, b in
            Self.rank(a) < Self.rank(b)
        } ?? members[0]
    }

    private static func rank(_ listed: ListedAlert) -> (Int, Int, Int, EpochMillis, EpochMillis) {
        let alert = listed.alert
        let window = alert.labels["long_window"].flatMap(BurnWindow.init(rawValue:))?.millis ?? 0
        return (stateRank(alert.state), listed.inhibited ? 1 : 0, severityRank(alert.severity), window,
                -AlertText.since(alert))
    }

    /// Firing once a member fires; pending while all are; resolved when all have.
    public var state: AlertLifecycleState { lead.alert.state }

    public var severity: String? { lead.alert.severity }

    /// When the newest member of the lead's state started (fired, became pending, resolved).
    public var since: EpochMillis {
        members.filter { $0.alert.state == state }.map { AlertText.since($0.alert) }.max() ?? AlertText.since(lead.alert)
    }

    /// How many different series (total, tenants, models; a rule's alert is one) fire in it.
    public var seriesCount: Int {
        Set(members.map { AlertText.isBurnRate($0.alert) ? AlertText.series($0.alert).label : $0.alert.fingerprint }).count
    }

    /// Whether every member is a burn-rate alert of one SLO: the row is named by that SLO.
    public var slo: String? {
        let slos = Set(members.map { AlertText.isBurnRate($0.alert) ? $0.alert.slo : nil })
        return slos.count == 1 ? slos.first ?? nil : nil
    }

    public var fingerprints: [String] { members.map(\.alert.fingerprint) }

    static func stateRank(_ state: AlertLifecycleState) -> Int { AlertRank.state(state) }

    static func severityRank(_ severity: String?) -> Int { AlertRank.severity(severity) }

    /// Groups `alerts` by `grouping`: most severe state first (firing, pending, resolved;
    /// groups of inhibited tiers alone after all others), then pages before tickets, then
    /// the newest first, so a new incident is the top row
    /// rather than under older pages; then by key, so the order is total.
    public static func grouped(_ alerts: [ListedAlert], by grouping: AlertGrouping) -> [AlertGroup] {
        var order: [String] = []
        var byKey: [String: (AlertLabels, [ListedAlert])] = [:]
        for listed in alerts {
            let key = grouping.key(of: listed.alert.labels)
            let id = key.fingerprint
            if byKey[id] == nil {
                order.append(id)
                byKey[id] = (key, [])
            }
            byKey[id]?.1.append(listed)
        }
        let groups = order.compactMap { id in byKey[id].map { AlertGroup(key: $0.0, members: $0.1) } }
        return groups.sorted { a, b in
            // Groups of inhibited tiers alone (shown with `i`) last: shown, never sent.
            let ka = (a.lead.inhibited ? 1 : 0, stateRank(a.state), severityRank(a.severity))
            let kb = (b.lead.inhibited ? 1 : 0, stateRank(b.state), severityRank(b.severity))
            if ka != kb { return ka < kb }
            if a.since != b.since { return a.since > b.since }
            return a.key.description < b.key.description
        }
    }
}
