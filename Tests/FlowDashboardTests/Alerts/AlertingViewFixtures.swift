import FlowCore
import FlowDashboard

/// The silences, statistics and notifiers the alerting views draw, built the way the
/// engine and the app build them (a `SilenceBook`, `AlertStatistics.compute`).
extension Fixture {
    /// The matchers the silence prompt gives the acme tenant's ticket (`alerts[1]`).
    static var acmeMatchers: [LabelMatcher] {
        burnLabels(alerts[1]).sorted { $0.key < $1.key }.map { LabelMatcher($0.key, .equal, $0.value) }
            + [LabelMatcher("model", .equal, "")]
    }

    /// One silence of each kind, as of `now`:
    /// - silence-1, made for exactly the acme ticket by ana, ending in 58 minutes;
    /// - silence-2, `severity="ticket"` from a file by ops, muting every ticket, ending in 4 hours;
    /// - silence-3, pending: bob's for AICostHigh, from in 30 minutes for an hour;
    /// - silence-4, expired two hours ago.
    static var silenceBook: SilenceBook {
        var book = SilenceBook()
        let hour: EpochMillis = 3_600_000
        func add(_ id: String, _ matchers: [LabelMatcher], from start: EpochMillis, to end: EpochMillis,
                 by author: String, _ comment: String, at: EpochMillis) {
            _ = try? book.add(Silence(id: id, matchers: matchers, start: start, end: end, author: author,
                                      comment: comment), at: at)
        }
        add("silence-4", [LabelMatcher("slo", .equal, "ai_response_latency")], from: now - 3 * hour,
            to: now - 2 * hour, by: "ana", "load test", at: now - 3 * hour)
        add("silence-2", [LabelMatcher("severity", .equal, "ticket")], from: now - hour, to: now + 4 * hour,
            by: "ops", "quiet hours", at: now - hour)
        add("silence-1", acmeMatchers, from: now - 120_000, to: now + 58 * 60_000, by: "ana",
            "deploy of the new model", at: now - 120_000)
        add("silence-3", [LabelMatcher("alertname", .equal, "AICostHigh")], from: now + hour / 2,
            to: now + 3 * hour / 2, by: "bob", "planned price change", at: now - 120_000)
        return book
    }

    /// Every section's alerts (`sectionedAlerting`) muted as `book` mutes them at `now`.
    static func silencedAlerting(_ book: SilenceBook = silenceBook) -> AlertingSnapshot {
        var alerting = sectionedAlerting
        for i in alerting.alerts.indices {
            alerting.alerts[i].silencedBy = book.silencing(alerting.alerts[i].alert.labels, at: now)
        }
        alerting.silences = book.list(at: now)
        return alerting
    }

    /// The busy snapshot with `silencedAlerting()` for alerting.
    static func silencedSnapshot(_ book: SilenceBook = silenceBook) -> EngineSnapshot {
        var snapshot = snapshot()
        snapshot.alerting = silencedAlerting(book)
        return snapshot
    }

    /// A day with the docs' example (docs/alerts.md, "Statistics"): A fired three times
    /// (acknowledged after 2 min, 4 min and while pending; resolved after 30 and 10 min),
    /// B once (never acknowledged, resolved after 20 min).
    static var dayOfStatistics: AlertStatistics {
        let minute: EpochMillis = 60_000, hour = 60 * minute
        let a = AlertLabels(["alertname": "AICostHigh", "severity": "ticket", "team": "revenue"])
        let b = AlertLabels(burnLabels(alerts[0]))
        let episodes = [
            AlertEpisode(fingerprint: a.fingerprint, labels: a, firedAt: now - 10 * hour,
                         acknowledgedAt: now - 10 * hour + 2 * minute, resolvedAt: now - 10 * hour + 30 * minute),
            AlertEpisode(fingerprint: a.fingerprint, labels: a, firedAt: now - 5 * hour,
                         acknowledgedAt: now - 5 * hour + 4 * minute, resolvedAt: now - 5 * hour + 10 * minute),
            AlertEpisode(fingerprint: a.fingerprint, labels: a, firedAt: now - minute, acknowledgedAt: now - 2 * minute),
            AlertEpisode(fingerprint: b.fingerprint, labels: b, firedAt: now - hour, resolvedAt: now - 40 * minute),
        ]
        return AlertStatistics.compute(alerts: sectionedAlerting.alerts.map(\.alert), episodes: episodes,
                                       silences: silenceBook, period: AlertingSnapshot.statisticsPeriodMillis, at: now)
    }

    /// Three notifiers: Alertmanager well, Slack retrying after a 500, e-mail having lost
    /// two messages and refused three groups.
    static let notifiers = [
        NotifierStatus(name: "alertmanager", sent: 41, lastSuccessAt: now - 20_000),
        NotifierStatus(name: "slack", queued: 2, sent: 3, retries: 4, lastError: "HTTP 500: internal_error",
                       lastErrorAt: now - 60_000, lastSuccessAt: now - 720_000, isRetrying: true),
        NotifierStatus(name: "email", sent: 1, failed: 1, dropped: 1, lastError: "SMTP 550: mailbox unavailable",
                       lastErrorAt: now - 300_000, lastSuccessAt: now - 3_600_000, refusedGroups: 3),
    ]

    /// `snapshot` as the app hands it over with `--notify`: the notifiers' statuses in it.
    static func notifying(_ snapshot: EngineSnapshot = snapshot(), _ notifiers: [NotifierStatus] = notifiers)
        -> EngineSnapshot {
        var snapshot = snapshot
        snapshot.notifiers = notifiers
        return snapshot
    }
}
