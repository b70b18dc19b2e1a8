import FlowCore

/// What `flowtop status` prints in one line (a tmux `status-right`): the worst SLO and its
/// burn, the firing pages and tickets, the ingest rate. Taken from a snapshot without the
/// lead pass, so the engine answers in milliseconds.
///
/// "Worst" is the SLO (all tenants and models together) with the highest burn over its
/// 1h, 6h and 1d windows (`SLOStatus.sortBurn`, the SLO pane's order); an SLO with no
/// traffic has no burn and is never the worst.
public struct EngineStatusLine: Codable, Sendable, Equatable {
    public var worstSLO: String?
    public var worstBurn: Double?
    /// Firing alerts neither silenced, acknowledged nor inhibited, by severity.
    public var pages: Int
    public var tickets: Int
    /// Firing ones that are silenced or acknowledged.
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
        var pages = 0, tickets = 0, muted = 0
        for listed in snapshot.alerting.alerts where listed.alert.state == .firing && !listed.inhibited {
            if listed.isMuted {
                muted += 1
            } else if listed.alert.severity == "page" {
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
