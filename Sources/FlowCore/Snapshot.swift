/// Value-type answers of the engine: what the dashboard, the reports and the HTTP API
/// read. A snapshot is computed at one instant for one query and never changes. The parts
/// it is made of live beside the concept they describe (`SLO/SLOStatus.swift`,
/// `Alerting/ActiveAlert.swift`, `Funnel/FunnelSnapshot.swift`,
/// `Attribution/AttributionSnapshot.swift`, `IngestStats.swift`).
///
/// Every type a snapshot or a query is made of is `Codable` (synthesized), so a remote
/// viewer can receive them as JSON (FlowViewer's `SnapshotCoding`). The enums that key a
/// dictionary (`BurnWindow`, `PercentileWindow`, `AttributionModel`, `AlertLifecycleState`)
/// are also `CodingKeyRepresentable`: such a dictionary encodes as an object keyed by the
/// raw value (`{"1h": 2.5}`) rather than as a flat array of keys and values.

/// What to look at: a tenant filter (nil = all tenants), the attribution model, and
/// optionally one SLO in depth.
public struct SnapshotQuery: Sendable, Equatable, Codable {
    public var tenant: String?
    public var model: AttributionModel
    /// When set, the snapshot carries `detail` for that SLO and series.
    public var detail: SLODetailQuery?
    /// The funnel's period, conversion window and breakdown; its tenant is `tenant`.
    public var funnel: FunnelQuery
    /// Attribution covers the paths that ended (won, or last touched) in these last days.
    public var attributionPeriodDays: Int
    /// Lookback, time-decay half-life, Markov order, channel cap.
    public var attribution: AttributionParameters

    public init(tenant: String? = nil, model: AttributionModel = .linear, detail: SLODetailQuery? = nil,
                funnel: FunnelQuery = FunnelQuery(), attributionPeriodDays: Int = 30,
                attribution: AttributionParameters = AttributionParameters()) {
        self.tenant = tenant
        self.model = model
        self.detail = detail
        self.funnel = funnel
        self.attributionPeriodDays = attributionPeriodDays
        self.attribution = attribution
    }
}

/// Everything one dashboard frame or one report needs, computed at `now`.
public struct EngineSnapshot: Sendable, Equatable, Codable {
    public var now: EpochMillis
    public var query: SnapshotQuery
    /// Every tenant seen, sorted, for the tenant filter.
    public var tenants: [String]
    public var slos: [SLOStatus]
    /// Firing alerts, pages first, then oldest first.
    public var alerts: [ActiveAlert]
    public var funnel: FunnelSnapshot
    public var attribution: AttributionSnapshot
    public var ingest: IngestStats
    /// The SLO in depth, when `query.detail` asked for one that exists.
    public var detail: SLODetail?
    /// The funnel over `query.funnel`'s period: what `funnel` summarises, and more.
    public var funnelAnalysis: FunnelAnalysis?
    /// Every alert's lifecycle (burn-rate tiers and threshold rules), silences, statistics.
    public var alerting: AlertingSnapshot = AlertingSnapshot()
    /// How each notifier of `--notify` is doing, in the notify file's order; empty without
    /// notifiers. The engine does not know them: the app fills this where it takes the
    /// snapshot, so the dashboard draws notifiers from the same value as everything else.
    public var notifiers: [NotifierStatus] = []
    /// How remote_write is doing (`--remote-write`); nil without it. Added by the app, as
    /// `notifiers` is.
    public var remoteWrite: RemoteWriteStatus? = nil

    public init(now: EpochMillis, query: SnapshotQuery, tenants: [String], slos: [SLOStatus], alerts: [ActiveAlert],
                funnel: FunnelSnapshot, attribution: AttributionSnapshot, ingest: IngestStats,
                detail: SLODetail? = nil, funnelAnalysis: FunnelAnalysis? = nil) {
        self.detail = detail
        self.funnelAnalysis = funnelAnalysis
        self.now = now
        self.query = query
        self.tenants = tenants
        self.slos = slos
        self.alerts = alerts
        self.funnel = funnel
        self.attribution = attribution
        self.ingest = ingest
    }
}
