/// Alerting inside the engine: at the end of every completed minute of event time, the
/// SLO burn-rate tiers and the threshold rules become observations for the `AlertBook`;
/// silences and acknowledgements are kept beside it.
///
/// Why per completed minute, as the SLO tiers are judged: a replay then gives the same
/// states and timestamps as watching live, and `for` / `keep_firing_for` count minutes
/// of data, not of whoever looks.
///
/// Burn-rate alerts are named `ErrorBudgetBurn` (as Pyrra names them) with labels `slo`,
/// `severity`, `long_window`, `short_window` and, for a tenant or model series, `tenant`
/// or `model`. A tier inhibited by a faster one of the same series still holds (so its
/// lifecycle does not flap when the faster tier clears) and is listed as inhibited: shown,
/// not sent.
///
/// ```swift
/// var alerting = EngineAlerting(rules: rules)
/// alerting.evaluate(at: minuteEnd, slo: activeAlerts, metrics: metrics, lastEventAt: last)
/// alerting.snapshot(tenant: nil, at: now).alerts
/// ```
struct EngineAlerting: Sendable, Codable {
    static let burnAlertName = "ErrorBudgetBurn"

    let rules: [ThresholdRule]
    private(set) var book = AlertBook()
    private(set) var silences = SilenceBook()
    /// Fingerprints of burn-rate alerts inhibited at the last evaluation.
    private var inhibited: Set<String> = []

    init(rules: [ThresholdRule] = []) {
        self.rules = rules
    }

    /// `other`'s alerts, silences and acknowledgements under new `rules` (a rules file
    /// changed between runs): alerts of rules that are gone resolve at the next evaluation.
    init(rules: [ThresholdRule], keeping other: EngineAlerting) {
        self.rules = rules
        book = other.book
        silences = other.silences
        inhibited = other.inhibited
    }

    /// One evaluation at `at`, the end of a completed minute.
    mutating func evaluate(at: EpochMillis, slo: [ActiveAlert], metrics: EngineRuleMetrics, lastEventAt: EpochMillis?) {
        var observations: [AlertObservation] = []
        observations.reserveCapacity(slo.count + rules.count)
        var inhibitedNow: Set<String> = []
        for alert in slo {
            let observation = Self.observation(alert)
            if alert.inhibited { inhibitedNow.insert(observation.labels.fingerprint) }
            observations.append(observation)
        }
        for rule in rules {
            let value = metrics.value(rule.metric, at: at, lastEventAt: lastEventAt)
            let holds = value.map { rule.comparison.holds($0, rule.threshold) } ?? false
            observations.append(AlertObservation(
                labels: AlertLabels(["alertname": rule.name, "severity": "ticket"]).merging(rule.labels),
                annotations: rule.annotations, holds: holds, value: value, forMillis: rule.forMillis,
                keepFiringForMillis: rule.keepFiringForMillis))
        }
        book.evaluate(observations, at: at)
        inhibited = inhibitedNow
        silences.removeExpired(at: at)
    }

    static func observation(_ alert: ActiveAlert) -> AlertObservation {
        var labels = ["alertname": burnAlertName, "slo": alert.slo, "severity": alert.tier.severity.rawValue,
                      "long_window": alert.tier.longWindow.rawValue, "short_window": alert.tier.shortWindow.rawValue]
        if let tenant = alert.tenant { labels["tenant"] = tenant }
        if let model = alert.model { labels["model"] = model }
        let summary = "\(alert.slo) (\(alert.series.label)) burns its error budget at "
            + "\(Self.rate(alert.longBurn))x over \(alert.tier.longWindow.rawValue) and "
            + "\(Self.rate(alert.shortBurn))x over \(alert.tier.shortWindow.rawValue), "
            + "above \(Self.rate(alert.tier.factor))x"
        return AlertObservation(labels: AlertLabels(labels), annotations: ["summary": summary], holds: true,
                                value: alert.longBurn)
    }

    /// `14.4`, `6`, `0.25`: up to two decimals, no trailing zeros.
    static func rate(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        let scaled = (x * 100).rounded() / 100
        return scaled == scaled.rounded() ? String(Int64(scaled)) : String(scaled)
    }

    mutating func addSilence(_ silence: Silence, at: EpochMillis) throws(SilenceError) -> String {
        try silences.add(silence, at: at)
    }

    mutating func expireSilence(id: String, at: EpochMillis) -> Bool {
        silences.expire(id: id, at: at)
    }

    mutating func acknowledge(fingerprint: String, by who: String, at: EpochMillis) -> Bool {
        book.acknowledge(fingerprint: fingerprint, by: who, at: at)
    }

    mutating func unacknowledge(fingerprint: String) -> Bool {
        book.unacknowledge(fingerprint: fingerprint)
    }

    /// The alerts, silences and rules as of `at`. With a tenant, only that tenant's
    /// alerts and the engine-wide ones (threshold rules without a `tenant` label).
    func snapshot(tenant: String?, at: EpochMillis, statistics: Bool = true) -> AlertingSnapshot {
        let listed = book.alerts.compactMap { alert -> ListedAlert? in
            if let tenant, alert.labels["tenant"] != tenant,
               alert.labels["tenant"] != nil || alert.labels["slo"] != nil { return nil }
            return ListedAlert(alert: alert, silencedBy: silences.silencing(alert.labels, at: at),
                               inhibited: inhibited.contains(alert.fingerprint))
        }
        return AlertingSnapshot(alerts: listed, silences: silences.list(at: at), rules: rules,
                                droppedAlerts: book.droppedNewAlerts,
                                statistics: statistics
                                    ? AlertStatistics.compute(book: book, silences: silences,
                                                              period: AlertingSnapshot.statisticsPeriodMillis, at: at)
                                    : nil)
    }
}

/// One alert as the dashboard, reports and notifiers see it: its lifecycle, the silences
/// muting it and whether a faster tier inhibits it.
public struct ListedAlert: Sendable, Equatable, Codable {
    public var alert: TrackedAlert
    /// Ids of the active silences matching its labels.
    public var silencedBy: [String]
    public var inhibited: Bool

    public init(alert: TrackedAlert, silencedBy: [String] = [], inhibited: Bool = false) {
        self.alert = alert
        self.silencedBy = silencedBy
        self.inhibited = inhibited
    }

    public var isSilenced: Bool { !silencedBy.isEmpty }
    /// Silenced or acknowledged: listed apart, dimmed, and not sent.
    public var isMuted: Bool { isSilenced || alert.isAcknowledged }
}

/// Alerting as of one instant.
public struct AlertingSnapshot: Sendable, Equatable, Codable {
    /// The period `statistics` covers by default: a day.
    public static let statisticsPeriodMillis: EpochMillis = 86_400_000

    /// Pending, firing and recently resolved, in `AlertBook`'s order.
    public var alerts: [ListedAlert]
    public var silences: [ListedSilence]
    public var rules: [ThresholdRule]
    /// New alerts not tracked because the book was full.
    public var droppedAlerts: Int
    public var statistics: AlertStatistics?

    public init(alerts: [ListedAlert] = [], silences: [ListedSilence] = [], rules: [ThresholdRule] = [],
                droppedAlerts: Int = 0, statistics: AlertStatistics? = nil) {
        self.alerts = alerts
        self.silences = silences
        self.rules = rules
        self.droppedAlerts = droppedAlerts
        self.statistics = statistics
    }
}
