import FlowCore

/// What `/metrics` shows beyond the engine's own counters: the socket's open connections,
/// the notifiers' delivery counts, and when the process started.
public struct ExpositionContext: Sendable {
    public var openConnections: Int
    public var notifiers: [NotifierStatus]
    public var startedAt: EpochMillis
    /// The data directory's state; nil when the engine keeps nothing (no store families).
    public var store: StoreStatus?
    /// remote_write's state; nil without `--remote-write` (no remote-write families).
    public var remoteWrite: RemoteWriteStatus?

    public init(openConnections: Int = 0, notifiers: [NotifierStatus] = [], startedAt: EpochMillis,
                store: StoreStatus? = nil, remoteWrite: RemoteWriteStatus? = nil) {
        self.openConnections = openConnections
        self.notifiers = notifiers
        self.startedAt = startedAt
        self.store = store
        self.remoteWrite = remoteWrite
    }
}

/// The Prometheus text exposition (format 0.0.4) of the engine, for `/metrics` and
/// `/api/analytics/metrics/prometheus`: the original framework's counters and histograms,
/// the engine's own health, and every SLO series' counts, burn rates and budget, named for
/// sloth- and pyrra-style recording rules (docs/metrics.md lists every family).
///
/// Why written by hand rather than with swift-prometheus: the engine already owns every
/// count (it applies each event once, under one lock) and hands a `MetricsExport` value out
/// once per scrape. swift-prometheus keeps its own values in its collectors: feeding them
/// would mean an atomic add per counter per event on the ingest path, and a lock per
/// histogram observation, for numbers the engine has anyway. Copying them in at scrape time
/// does not work either: its counters only go up by increments and its histograms only
/// take observations, so there is no way to hand it bucket counts kept elsewhere, and
/// burn-rate gauges for every series would have to be registered and unregistered as
/// series come and go. The format itself is small (`PrometheusTextWriter`).
///
/// Every family is written in a fixed order and every series sorted by its labels, so the
/// same engine state gives the same text. A scrape costs one `EngineHost.metrics()` (the
/// lock, once) and the formatting outside it.
///
/// ```swift
/// let body = PrometheusExposition.text(host: host, context: ExpositionContext(startedAt: start))
/// // # HELP flowtop_events_accepted_total Events the engine accepted ...
/// ```
public enum PrometheusExposition {
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Reads the engine under its lock once and renders every family.
    public static func text(host: EngineHost, context: ExpositionContext) -> String {
        text(host.metrics(), context: context)
    }

    /// Renders an export taken earlier (tests, or a caller that already holds one).
    public static func text(_ export: MetricsExport, context: ExpositionContext) -> String {
        var out = PrometheusTextWriter()
        writeEngineHealth(export, context: context, into: &out)
        writeTracking(export, into: &out)
        writeSLOs(export, into: &out)
        return out.text
    }

    /// The same families as values, one `MetricSample` per line `text` would write: what
    /// remote_write sends (docs/fleet.md), so its series are exactly a scrape's.
    public static func samples(_ export: MetricsExport, context: ExpositionContext) -> [MetricSample] {
        var out = PrometheusTextWriter(collectingSamples: ())
        writeEngineHealth(export, context: context, into: &out)
        writeTracking(export, into: &out)
        writeSLOs(export, into: &out)
        return out.samples
    }

    /// Seconds since the epoch, as Prometheus' timestamps and ages are.
    static func seconds(_ millis: EpochMillis) -> Double { Double(millis) / 1000 }
}
