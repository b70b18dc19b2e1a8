import FlowCore
import FlowDashboard

/// The incident of issue 16: one SLO burning on every series at once, seven series (the
/// total, three tenants, three models) with four tiers each, the three slower tiers of each
/// series inhibited by its 1h/5m page: 28 alerts, 21 of them inhibited. Beside it an older
/// page on another SLO (two hours old) and a threshold rule's ticket.
extension Fixture {
    static let incidentSeries: [SLOSeriesID] = [
        .total, .tenant("acme"), .tenant("globex"), .tenant("initech"),
        .model("gpt-4o"), .model("claude-sonnet"), .model("llama-3"),
    ]

    /// The incident's series `i` began `240 - 10 i` seconds ago: the newest, llama-3, 3m ago.
    static func incidentAlerts(acknowledgedBy: String? = nil) -> [ListedAlert] {
        var alerts: [ListedAlert] = []
        for (i, series) in incidentSeries.enumerated() {
            let since = now - 240_000 + EpochMillis(i) * 10_000
            for (t, tier) in tiers.enumerated() {
                let alert = ActiveAlert(slo: "ai_request_success", series: series, tier: tier, since: since,
                                        longBurn: 15 + Double(i), shortBurn: 18, inhibited: t > 0)
                alerts.append(ListedAlert(
                    alert: tracked(burnLabels(alert), activeAt: since, firedAt: since, value: alert.longBurn,
                                   acknowledgedBy: t == 0 ? acknowledgedBy : nil),
                    inhibited: t > 0))
            }
        }
        return alerts
    }

    /// The older page: ai_response_latency on tenant acme, firing for two hours.
    static var olderPage: ListedAlert {
        listed(ActiveAlert(slo: "ai_response_latency", series: .tenant("acme"), tier: tiers[0],
                           since: now - 7_200_000, longBurn: 20, shortBurn: 25))
    }

    static var costTicket: ListedAlert {
        ListedAlert(alert: tracked(["alertname": "AICostHigh", "severity": "ticket", "team": "revenue"],
                                   activeAt: now - 1_200_000, firedAt: now - 600_000, value: 61.5))
    }

    /// The engine lists the older page first (firing, page, oldest first); grouped, the new
    /// incident leads.
    static func incidentSnapshot(acknowledgedBy: String? = nil) -> EngineSnapshot {
        var snapshot = snapshot()
        snapshot.alerting = AlertingSnapshot(alerts: [olderPage] + incidentAlerts(acknowledgedBy: acknowledgedBy)
                                                 + [costTicket])
        return snapshot
    }
}
