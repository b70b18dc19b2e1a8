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
/// var minute = MinuteEvaluation(minute: m, rules: alerting.ruleObservations(at: minuteEnd, metrics: metrics,
///                                                                          lastEventAt: last), seriesCounts: [])
/// alerting.observe(activeAlerts, into: &minute)
/// alerting.beginLifecycles(&minute)
/// while !alerting.continueLifecycles(&minute, alerts: 512) {}   // Engine: one step a batch
/// alerting.snapshot(tenant: nil, at: now).alerts
/// ```
struct EngineAlerting: Sendable, Codable {
    static let burnAlertName = "ErrorBudgetBurn"

    let rules: [ThresholdRule]
    private(set) var book = AlertBook()
    private(set) var silences = SilenceBook()
    /// Fingerprints of burn-rate alerts inhibited at the last evaluation.
    private var inhibited: Set<String> = []
    /// Labels and fingerprint of each burn-rate alert seen, by its series and tier: they
    /// never change, so a minute's evaluation looks them up instead of building and
    /// hashing strings for every active tier. Not in checkpoints (rebuilt on use); at
    /// most one entry per tier of every series that ever fired.
    private var burnLabels: [BurnAlertKey: (labels: AlertLabels, fingerprint: String)] = [:]

    private enum CodingKeys: String, CodingKey {
        case rules, book, silences, inhibited
    }

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

    /// What the threshold rules see at `at`: taken when a minute ends, before the next
    /// minute's events move the metrics, however long its evaluation is spread.
    func ruleObservations(at: EpochMillis, metrics: EngineRuleMetrics, lastEventAt: EpochMillis?) -> [AlertObservation] {
        rules.map { rule in
            let value = metrics.value(rule.metric, at: at, lastEventAt: lastEventAt)
            let holds = value.map { rule.comparison.holds($0, rule.threshold) } ?? false
            return AlertObservation(
                labels: AlertLabels(["alertname": rule.name, "severity": "ticket"]).merging(rule.labels),
                annotations: rule.annotations, holds: holds, value: value, forMillis: rule.forMillis,
                keepFiringForMillis: rule.keepFiringForMillis)
        }
    }

    /// The observations of active burn-rate tiers, in the order given.
    mutating func observe(_ alerts: [ActiveAlert], into evaluation: inout MinuteEvaluation) {
        for alert in alerts {
            let key = BurnAlertKey(alert)
            let identity: (labels: AlertLabels, fingerprint: String)
            if let known = burnLabels[key] {
                identity = known
            } else {
                let labels = Self.labels(alert)
                identity = (labels, labels.fingerprint)
                burnLabels[key] = identity
            }
            if alert.inhibited { evaluation.inhibited.insert(identity.fingerprint) }
            evaluation.holding[identity.fingerprint] = Self.observation(alert, labels: identity.labels,
                                                                        fingerprint: identity.fingerprint)
        }
    }

    /// Starts the lifecycles' pass once every series is observed; the rules' observations
    /// join the burn-rate ones (a rule wins a fingerprint they share, as it came later).
    mutating func beginLifecycles(_ evaluation: inout MinuteEvaluation) {
        for rule in evaluation.rules where rule.holds { evaluation.holding[rule.fingerprint] = rule }
        let holding = evaluation.holding
        evaluation.holding = [:]   // so the pass's copy is the only one, changed in place
        evaluation.pass = book.beginPass(holding: consume holding, at: (evaluation.minute + 1) * TimeMath.minuteMillis)
    }

    /// Steps up to `budget` more tracked alerts of the pass; true once it is over (new
    /// alerts admitted, inhibitions and silences brought up to date).
    mutating func continueLifecycles(_ evaluation: inout MinuteEvaluation, alerts budget: Int) -> Bool {
        guard var pass = evaluation.pass else { return true }
        evaluation.pass = nil
        guard book.continuePass(&pass, alerts: budget) else {
            evaluation.pass = pass
            return false
        }
        book.endPass(&pass)
        inhibited = evaluation.inhibited
        silences.removeExpired(at: pass.now)
        return true
    }

    static func observation(_ alert: ActiveAlert) -> AlertObservation {
        let labels = Self.labels(alert)
        return observation(alert, labels: labels, fingerprint: labels.fingerprint)
    }

    /// The observation of an active tier whose labels are known.
    static func observation(_ alert: ActiveAlert, labels: AlertLabels, fingerprint: String) -> AlertObservation {
        var summary = alert.slo
        summary.reserveCapacity(alert.slo.utf8.count + 100)
        summary += " ("
        summary += alert.series.label
        summary += ") burns its error budget at "
        summary += rate(alert.longBurn)
        summary += "x over "
        summary += alert.tier.longWindow.rawValue
        summary += " and "
        summary += rate(alert.shortBurn)
        summary += "x over "
        summary += alert.tier.shortWindow.rawValue
        summary += ", above "
        summary += rate(alert.tier.factor)
        summary += "x"
        return AlertObservation(labels: labels, fingerprint: fingerprint, annotations: ["summary": summary],
                                holds: true, value: alert.longBurn)
    }

    static func labels(_ alert: ActiveAlert) -> AlertLabels {
        var labels = ["alertname": burnAlertName, "slo": alert.slo, "severity": alert.tier.severity.rawValue,
                      "long_window": alert.tier.longWindow.rawValue, "short_window": alert.tier.shortWindow.rawValue]
        if let tenant = alert.tenant { labels["tenant"] = tenant }
        if let model = alert.model { labels["model"] = model }
        if case .instance(let instance) = alert.series { labels["instance"] = instance }   // a fleet's engine
        return AlertLabels(labels)
    }

    /// `14.4`, `6`, `0.25`: up to two decimals, no trailing zeros (what `String(Double)`
    /// prints for the value rounded to hundredths). Written out from the integer of
    /// hundredths below 10^12, where every hundredth is its own `Double` and prints as
    /// itself, so the evaluation of each active tier every minute formats no `Double`.
    static func rate(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        let hundredths = (x * 100).rounded()
        guard abs(hundredths) < 1e14 else {
            let scaled = hundredths / 100
            return scaled == scaled.rounded() && abs(scaled) < 9e18 ? String(Int64(scaled)) : String(scaled)
        }
        let n = Int64(hundredths)
        let whole = n / 100, cents = abs(n % 100)
        var text = n < 0 && whole == 0 ? "-0" : String(whole)
        if cents != 0 {
            text += cents % 10 == 0 ? "." + String(cents / 10) : (cents < 10 ? ".0" : ".") + String(cents)
        }
        return text
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

/// A burn-rate alert's identity: its SLO, series and tier.
struct BurnAlertKey: Hashable, Sendable {
    var slo: String
    var series: SLOSeriesID
    var tier: AlertTier

    init(_ alert: ActiveAlert) {
        slo = alert.slo
        series = alert.series
        tier = alert.tier
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
