import FlowCore
import FlowReports
import FlowIngest

/// The event socket's checks: `ingest_socket` (listening), `ingest_progress` (read bytes
/// reach the engine) and `last_event` (producers are sending).
///
/// "Wedged" is defined so it costs the ingest path nothing it did not do already: bytes
/// were read from the socket (`IngestActivity.waitingSince`) and no read burst has
/// finished since, that is, no batch went into the engine. A quiet socket is not wedged,
/// however long it stays quiet; that is `last_event`'s business, and only degrades.
///
/// ```swift
/// IngestHealthChecks.progress(IngestActivity(waitingSince: t - 12_000), now: t, thresholds: HealthThresholds())
/// // unhealthy: "bytes read 12s ago are not in the engine yet; readiness fails from 10s, liveness from 1m"
/// ```
public enum IngestHealthChecks {
    public static func socket(_ ingest: IngestObservation) -> CheckVerdict {
        let name = "ingest_socket"
        switch ingest.state {
        case .starting:
            return CheckVerdict(name, .unhealthy, "not listening yet: starting")
        case .listening(let path):
            let clients = ingest.openConnections == 1 ? "1 client" : "\(ingest.openConnections) clients"
            return CheckVerdict(name, .healthy, "listening on \(path), \(clients)")
        case .stopped:
            return CheckVerdict(name, .unhealthy, "stopped listening: shutting down")
        case .failed(let reason):
            return CheckVerdict(name, .unhealthy, "could not listen: \(reason)")
        }
    }

    public static func progress(_ activity: IngestActivity, now: EpochMillis, thresholds: HealthThresholds) -> CheckVerdict {
        let name = "ingest_progress"
        let span = HealthEvaluation.span
        guard let since = activity.waitingSince else {
            let last = activity.lastReadAt.map { "last read \(HealthEvaluation.ago(now - $0))" } ?? "nothing read yet"
            return CheckVerdict(name, .healthy, "every byte read is in the engine; \(last)")
        }
        let waited = now - since
        if waited >= thresholds.ingestStuckMillis {
            return CheckVerdict(name, .unhealthy, "bytes read \(span(waited)) ago are still not in the engine: ingest "
                                + "is stuck; liveness fails from \(span(thresholds.ingestStuckMillis))", failsLiveness: true)
        }
        if waited >= thresholds.ingestWedgedMillis {
            return CheckVerdict(name, .unhealthy, "bytes read \(span(waited)) ago are not in the engine yet; readiness "
                                + "fails from \(span(thresholds.ingestWedgedMillis)), liveness from \(span(thresholds.ingestStuckMillis))")
        }
        return CheckVerdict(name, .healthy, "applying bytes read \(span(waited)) ago")
    }

    public static func lastEvent(_ activity: IngestActivity, now: EpochMillis, startedAt: EpochMillis,
                          thresholds: HealthThresholds) -> CheckVerdict {
        let name = "last_event"
        let quietFor = HealthEvaluation.span(thresholds.quietEventsMillis)
        guard let last = activity.lastEventAt else {
            let up = HealthEvaluation.ago(now - startedAt)
            return now - startedAt >= thresholds.quietEventsMillis
                ? CheckVerdict(name, .degraded, "no event since the start \(up); degraded after \(quietFor) without one")
                : CheckVerdict(name, .healthy, "no event yet (started \(up))")
        }
        let age = now - last
        return age >= thresholds.quietEventsMillis
            ? CheckVerdict(name, .degraded, "last event \(HealthEvaluation.ago(age)); degraded after \(quietFor) without one")
            : CheckVerdict(name, .healthy, "last event \(HealthEvaluation.ago(age))")
    }
}
