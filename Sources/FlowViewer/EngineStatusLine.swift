import FlowCore

/// What `flowtop status` prints in one line (a tmux `status-right`): the worst SLO and its
/// burn, the firing pages and tickets (counted as the alerts pane's groups), the ingest rate. Taken from a snapshot without the
/// lead pass, so the engine answers in milliseconds.
///
/// "Worst" is the SLO (all tenants and models together) with the highest burn over its
/// 1h, 6h and 1d windows (`SLOStatus.sortBurn`, the SLO pane's order); an SLO with no
/// traffic has no burn and is never the worst.
public struct EngineStatusLine: Codable, Sendable, Equatable {
    public var worstSLO: String?
    public var worstBurn: Double?
    /// Groups of firing alerts (one per SLO and severity, as the alerts pane groups them by
    /// default) with an alert neither silenced, acknowledged nor inhibited, by severity.
    public var pages: Int
    public var tickets: Int
    /// Groups whose firing alerts are all silenced or acknowledged.
    public var muted: Int
    public var eventsPerSecond: Double
    public var eventsTotal: Int64
    /// The engine's clock at the snapshot.
    public var now: EpochMillis

    public init(worstSLO: String?, worstBurn: Double?, pages: Int, tickets: Int, muted: Int, eventsPerSecond: Double,
                eventsTotal: Int64, now: EpochMillis) {
        self.worstSLO = worstSLO
        self.worstBurn = worstBurn
        self.pages = pages
        self.tickets = tickets
        self.muted = muted
        self.eventsPerSecond = eventsPerSecond
        self.eventsTotal = eventsTotal
        self.now = now
    }

    public init(_ snapshot: EngineSnapshot) {
        let worst = snapshot.slos.filter { $0.series == .total }
            .compactMap { status in status.sortBurn.flatMap { $0.isFinite ? (status.name, $0) : nil } }
            .max { $0.1 < $1.1 }
        // Counted as the alerts pane shows them by default: one per SLO and severity
        // (`AlertGrouping.default`), however many series and tiers fire in it. A group
        // counts as muted only when every firing alert in it is silenced or acknowledged.
        var groups: [AlertLabels: (severity: String?, unmuted: Bool)] = [:]
        for listed in snapshot.alerting.alerts where listed.alert.state == .firing && !listed.inhibited {
            let key = AlertGrouping.default.key(of: listed.alert.labels)
            var group = groups[key] ?? (severity: listed.alert.severity, unmuted: false)
            if !listed.isMuted { group.unmuted = true }
            if listed.alert.severity == "page" { group.severity = "page" }
            groups[key] = group
        }
        var pages = 0, tickets = 0, muted = 0
        for group in groups.values {
            if !group.unmuted {
                muted += 1
            } else if group.severity == "page" {
                pages += 1
            } else {
                tickets += 1
            }
        }
        self.init(worstSLO: worst?.0, worstBurn: worst?.1, pages: pages, tickets: tickets, muted: muted,
                  eventsPerSecond: snapshot.ingest.eventsPerSecond.isFinite ? snapshot.ingest.eventsPerSecond : 0,
                  eventsTotal: snapshot.ingest.eventsTotal, now: snapshot.now)
    }

    enum CodingKeys: String, CodingKey {
        case pages, tickets, muted, now
        case worstSLO = "worst_slo"
        case worstBurn = "worst_burn"
        case eventsPerSecond = "events_per_second"
        case eventsTotal = "events_total"
    }
}
