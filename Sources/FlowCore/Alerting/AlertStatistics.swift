/// The alerting overview for a period: how many alerts stand where now, how many fired
/// in the period (by severity, per SLO), how fast people acknowledged and resolved
/// them, and which alerts flapped most. Computed from the book and the silences on
/// demand (a report, not a running tally), so it needs no state of its own.
///
/// Two clocks, on purpose: the counts by state, severity, silenced and acknowledged
/// describe the alerts listed now; everything else is over the episodes that fired
/// within the period, `at - period <= firedAt <= at`.
///
/// ```swift
/// let day = AlertStatistics.compute(book: book, silences: silences, period: 86_400_000, at: now)
/// day.meanTimeToAcknowledgeMillis.map { "MTTA \(Int($0 / 60_000)) min" } ?? "MTTA -"
/// ```
public struct AlertStatistics: Sendable, Hashable, Codable {
    public var period: EpochMillis
    public var at: EpochMillis

    /// Alerts listed now, by state (every state present, 0 when none; inactive is
    /// always 0: the book does not list inactive alerts).
    public var byState: [AlertLifecycleState: Int]
    /// Pending and firing alerts now, by `severity` (`none` when unlabelled).
    public var bySeverity: [String: Int]
    /// Pending and firing alerts muted by an active silence now.
    public var silenced: Int
    /// Pending and firing alerts acknowledged now.
    public var acknowledged: Int

    /// Episodes that fired within the period.
    public var fired: Int
    /// Those by `severity` (`none` when unlabelled).
    public var firedBySeverity: [String: Int]
    /// Those per `slo` label; alerts about no SLO are not counted here.
    public var firedPerSLO: [String: Int]
    /// Mean of `acknowledgedAt - firedAt` over those acknowledged (an acknowledgement
    /// while pending counts as 0); `nil` when none was.
    public var meanTimeToAcknowledgeMillis: Double?
    /// Mean of `resolvedAt - firedAt` over those resolved; `nil` when none was.
    public var meanTimeToResolveMillis: Double?
    /// Up to five alerts that fired at least twice in the period, most often first
    /// (ties by fingerprint).
    public var topFlapping: [FlappingAlert]

    /// The words used for an alert without a `severity` label.
    public static let noSeverity = "none"
    public static let topFlappingLimit = 5

    public static func compute(book: AlertBook, silences: SilenceBook, period: EpochMillis,
                               at now: EpochMillis) -> AlertStatistics {
        compute(alerts: book.alerts, episodes: book.episodes, silences: silences, period: period, at: now)
    }

    /// The same from explicit alerts and episodes (reports over a saved log, tests).
    public static func compute(alerts: [TrackedAlert], episodes: [AlertEpisode], silences: SilenceBook,
                               period: EpochMillis, at now: EpochMillis) -> AlertStatistics {
        var byState = Dictionary(uniqueKeysWithValues: AlertLifecycleState.allCases.map { ($0, 0) })
        var bySeverity: [String: Int] = [:]
        var silenced = 0, acknowledged = 0
        for alert in alerts {
            byState[alert.state, default: 0] += 1
            guard alert.state == .pending || alert.state == .firing else { continue }
            bySeverity[alert.severity ?? noSeverity, default: 0] += 1
            if !silences.silencing(alert.labels, at: now).isEmpty { silenced += 1 }
            if alert.isAcknowledged { acknowledged += 1 }
        }

        let (from, overflow) = now.subtractingReportingOverflow(period)   // period .max: all time
        let start = overflow ? EpochMillis.min : from
        let inPeriod = episodes.filter { $0.firedAt >= start && $0.firedAt <= now }
        var firedBySeverity: [String: Int] = [:], firedPerSLO: [String: Int] = [:]
        var firings: [String: (labels: AlertLabels, count: Int)] = [:]
        for episode in inPeriod {
            firedBySeverity[episode.labels["severity"] ?? noSeverity, default: 0] += 1
            if let slo = episode.labels["slo"] { firedPerSLO[slo, default: 0] += 1 }
            firings[episode.fingerprint, default: (episode.labels, 0)].count += 1
        }
        let topFlapping = firings.filter { $0.value.count >= 2 }
            .map { FlappingAlert(fingerprint: $0.key, labels: $0.value.labels, firings: $0.value.count) }
            .sorted { ($1.firings, $0.fingerprint) < ($0.firings, $1.fingerprint) }
            .prefix(topFlappingLimit)

        return AlertStatistics(
            period: period, at: now, byState: byState, bySeverity: bySeverity, silenced: silenced,
            acknowledged: acknowledged, fired: inPeriod.count, firedBySeverity: firedBySeverity,
            firedPerSLO: firedPerSLO,
            meanTimeToAcknowledgeMillis: mean(inPeriod.compactMap { e in e.acknowledgedAt.map { max(0, $0 - e.firedAt) } }),
            meanTimeToResolveMillis: mean(inPeriod.compactMap { e in e.resolvedAt.map { $0 - e.firedAt } }),
            topFlapping: Array(topFlapping))
    }

    private static func mean(_ values: [EpochMillis]) -> Double? {
        values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count)
    }
}

/// An alert that started firing repeatedly within the period.
///
/// ```swift
/// for f in stats.topFlapping { print("\(f.alertname) \(f.labels) fired \(f.firings)x") }
/// ```
public struct FlappingAlert: Sendable, Hashable, Codable {
    public var fingerprint: String
    public var labels: AlertLabels
    /// Episodes of this alert that fired within the period.
    public var firings: Int

    public var alertname: String { labels["alertname"] ?? "" }
}
