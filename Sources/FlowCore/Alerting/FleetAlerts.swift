/// The alerts a fleet view shows: each firing or inhibited tier of the fleet's SLO
/// statuses (`SLOStatus(definition:series:summed:now:)`), labelled, summarised and listed
/// as the engine lists its burn-rate alerts, so the alerts pane and the status line read
/// them the same way.
///
/// Why not the engine's alert book: a fleet has no lifecycle of its own here (no `for`,
/// no acknowledgements; silences are Alertmanager's), only the tiers that hold now. The
/// viewer remembers when it first saw each alert (`firstSeen`, by fingerprint) for "since".
///
/// ```swift
/// let fleet = FleetAlerts.make(snapshot.slos, firstSeen: seen, now: now)
/// snapshot.alerts = fleet.active
/// snapshot.alerting = fleet.alerting
/// ```
public enum FleetAlerts {
    public static func make(_ statuses: [SLOStatus], firstSeen: [String: EpochMillis], now: EpochMillis)
        -> (active: [ActiveAlert], alerting: AlertingSnapshot) {
        var active: [ActiveAlert] = []
        var listed: [ListedAlert] = []
        for status in statuses {
            for tier in status.alerts where tier.state == .firing || tier.state == .inhibited {
                var alert = ActiveAlert(slo: status.name, series: status.series, tier: tier.tier, since: now,
                                        longBurn: tier.longBurn ?? 0, shortBurn: tier.shortBurn ?? 0,
                                        inhibited: tier.state == .inhibited)
                let labels = EngineAlerting.labels(alert)
                var tracked = TrackedAlert(EngineAlerting.observation(alert, labels: labels, fingerprint: labels.fingerprint),
                                           fingerprint: labels.fingerprint, at: firstSeen[labels.fingerprint] ?? now)
                tracked.state = .firing
                tracked.firedAt = tracked.activeAt
                tracked.lastEvaluatedAt = now
                alert.since = tracked.activeAt
                active.append(alert)
                listed.append(ListedAlert(alert: tracked, inhibited: alert.inhibited))
            }
        }
        listed.sort { a, b in
            a.inhibited != b.inhibited ? !a.inhibited : TrackedAlert.listedBefore(a.alert, b.alert)
        }
        return (active, AlertingSnapshot(alerts: listed))
    }
}
