/// An active (firing or inhibited) burn-rate alert.
public struct ActiveAlert: Sendable, Equatable, Codable {
    public var slo: String
    /// The series it fires on.
    public var series: SLOSeriesID
    public var tier: AlertTier
    public var since: EpochMillis
    public var longBurn: Double
    public var shortBurn: Double
    /// A faster tier of the same series fires: shown, not sent.
    public var inhibited: Bool

    public init(slo: String, series: SLOSeriesID, tier: AlertTier, since: EpochMillis, longBurn: Double,
                shortBurn: Double, inhibited: Bool = false) {
        self.slo = slo
        self.series = series
        self.tier = tier
        self.since = since
        self.longBurn = longBurn
        self.shortBurn = shortBurn
        self.inhibited = inhibited
    }

    /// Compatibility: the tenant for a tenant series, else nil.
    public init(slo: String, tenant: String?, tier: AlertTier, since: EpochMillis, longBurn: Double, shortBurn: Double) {
        self.init(slo: slo, series: tenant.map { .tenant($0) } ?? .total, tier: tier, since: since,
                  longBurn: longBurn, shortBurn: shortBurn)
    }

    /// The tenant of a tenant series; nil for the total and model series.
    public var tenant: String? { if case .tenant(let t) = series { t } else { nil } }
    /// The model of a model series; nil otherwise.
    public var model: String? { if case .model(let m) = series { m } else { nil } }
}
