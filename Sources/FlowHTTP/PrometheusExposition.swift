import FlowCore
import FlowNotify

/// What `/metrics` shows beyond the engine's own counters: the socket's open connections,
/// the notifiers' delivery counts, and when the process started.
public struct ExpositionContext: Sendable {
    public var openConnections: Int
    public var notifiers: [NotifierStatus]
    public var startedAt: EpochMillis

    public init(openConnections: Int = 0, notifiers: [NotifierStatus] = [], startedAt: EpochMillis) {
        self.openConnections = openConnections
        self.notifiers = notifiers
        self.startedAt = startedAt
    }
}

/// The Prometheus text exposition (format 0.0.4) of the engine, for `/metrics` and
/// `/api/analytics/metrics/prometheus`.
///
/// STUB: interface only; the metric families are being written (issue 6).
public enum PrometheusExposition {
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Reads the engine under its lock once and renders every family.
    public static func text(host: EngineHost, context: ExpositionContext) -> String {
        let ingest = host.snapshot(SnapshotQuery()).ingest
        return """
            # HELP flowtop_events_accepted_total Events the engine accepted.
            # TYPE flowtop_events_accepted_total counter
            flowtop_events_accepted_total \(ingest.eventsTotal)

            """
    }
}
