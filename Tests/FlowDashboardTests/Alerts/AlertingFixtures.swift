import FlowCore
import FlowDashboard

/// Alerts with a lifecycle, built the way the engine builds them: an `AlertBook` fed
/// observations (the book's alerts cannot be made any other way, and should not be).
extension Fixture {
    /// The labels the engine gives a burn-rate alert (docs/alerts.md).
    static func burnLabels(_ alert: ActiveAlert) -> [String: String] {
        var labels = ["alertname": "ErrorBudgetBurn", "slo": alert.slo, "severity": alert.tier.severity.rawValue,
                      "long_window": alert.tier.longWindow.rawValue, "short_window": alert.tier.shortWindow.rawValue]
        if let tenant = alert.tenant { labels["tenant"] = tenant }
        if let model = alert.model { labels["model"] = model }
        return labels
    }

    /// One alert: active from `activeAt`, firing from `firedAt` (nil: still pending),
    /// acknowledged a minute after it became active, resolved at `resolvedAt`.
    static func tracked(_ labels: [String: String], activeAt: EpochMillis, firedAt: EpochMillis? = nil,
                        resolvedAt: EpochMillis? = nil, value: Double? = nil,
                        acknowledgedBy: String? = nil) -> TrackedAlert {
        var book = AlertBook()
        let forMillis = firedAt.map { $0 - activeAt } ?? 365 * 86_400_000
        let observation = AlertObservation(labels: AlertLabels(labels), holds: true, value: value, forMillis: forMillis)
        book.evaluate([observation], at: activeAt)
        if let firedAt, firedAt > activeAt { book.evaluate([observation], at: firedAt) }
        if let acknowledgedBy {
            book.acknowledge(fingerprint: observation.labels.fingerprint, by: acknowledgedBy, at: activeAt + 60_000)
        }
        if let resolvedAt { book.evaluate([], at: resolvedAt) }
        return book.alerts[0]
    }

    /// A burn-rate alert firing since its `since`, as the engine lists it.
    static func listed(_ alert: ActiveAlert, silencedBy: [String] = []) -> ListedAlert {
        ListedAlert(alert: tracked(burnLabels(alert), activeAt: alert.since, firedAt: alert.since, value: alert.longBurn),
                    silencedBy: silencedBy, inhibited: alert.inhibited)
    }

    /// `alerts`, each firing, in the engine's order.
    static func alerting(_ alerts: [ActiveAlert]) -> AlertingSnapshot {
        AlertingSnapshot(alerts: alerts.map { listed($0) })
    }

    /// A silence from two minutes ago for an hour, listed as the engine lists it (a
    /// silence the book refuses is left out, and the tests that need it fail).
    static func silences(_ id: String, author: String = "ana", comment: String = "deploy of the new model",
                         matchers: [LabelMatcher]) -> [ListedSilence] {
        var book = SilenceBook()
        let start = now - 120_000
        _ = try? book.add(Silence(id: id, matchers: matchers, start: start, end: start + 3_600_000, author: author,
                                  comment: comment), at: start)
        return book.list(at: now)
    }

    /// Every section: the fixture's paging alert and an AI-cost rule firing, a pending
    /// rule, the inhibited ticket; the tenant's ticket silenced by ana and a model's page
    /// acknowledged by bob; two resolved.
    static var sectionedAlerting: AlertingSnapshot {
        let cost = ["alertname": "AICostHigh", "severity": "ticket", "team": "revenue"]
        let silent = ["alertname": "IngestSilent", "severity": "page"]
        let modelPage = ActiveAlert(slo: "ai_request_success", series: .model("gpt-4o"), tier: tiers[0],
                                    since: now - 600_000, longBurn: 22, shortBurn: 30)
        let resolvedPage = ActiveAlert(slo: "ai_response_latency", series: .total, tier: tiers[1],
                                       since: now - 1_800_000, longBurn: 7, shortBurn: 8)
        let acknowledged = tracked(burnLabels(modelPage), activeAt: modelPage.since, firedAt: modelPage.since,
                                   value: 22, acknowledgedBy: "bob")
        return AlertingSnapshot(
            alerts: [
                listed(alerts[0]),
                ListedAlert(alert: tracked(cost, activeAt: now - 1_200_000, firedAt: now - 600_000, value: 61.5)),
                ListedAlert(alert: tracked(silent, activeAt: now - 90_000, value: 210)),
                listed(alerts[2]),
                listed(alerts[1], silencedBy: ["silence-1"]),
                ListedAlert(alert: acknowledged),
                ListedAlert(alert: tracked(burnLabels(resolvedPage), activeAt: resolvedPage.since,
                                           firedAt: resolvedPage.since, resolvedAt: now - 240_000, value: 7)),
                ListedAlert(alert: tracked(["alertname": "RejectedLines", "severity": "ticket"],
                                           activeAt: now - 3_000_000, firedAt: now - 2_900_000,
                                           resolvedAt: now - 2_000_000, value: 0.31)),
            ],
            silences: silences("silence-1", matchers: burnLabels(alerts[1]).sorted { $0.key < $1.key }
                .map { LabelMatcher($0.key, .equal, $0.value) }))
    }
}

extension DashboardState {
    /// The alerts pane as it was before grouping, one row per alert with the inhibited tiers
    /// shown (`--alert-group-by ...`, then `i`): the per-alert tests read it this way, and
    /// `AlertGroupTests` cover the grouped pane.
    static func perAlert(focus: DashboardPane = .slos) -> DashboardState {
        var state = DashboardState(focus: focus)
        state.alertGrouping = .oneRowPerAlert
        state.showsInhibited = true
        return state
    }
}
