import Threading
import FlowCore
import FlowHealth
import FlowHTTP
import FlowReports

/// The HTTP API's numbers, from the live engine: snapshots and scrapes of the
/// `EngineHost`, and the `HealthMonitor`'s report. FlowHTTP's `AnalyticsAnswers` turns
/// them into documents.
///
/// Snapshots take the engine's lock and, for the funnel and attribution, a pass over
/// every lead (tens of milliseconds with many leads), so they and their rendering run on
/// a thread of their own (`runOnThread`, at most four at once: `SnapshotGate`), never on
/// the few cooperative threads the HTTP server shares with the notifiers and the socket.
/// Health is answered where the request arrives: the checks read atomics and never wait
/// (`HealthMonitor`), so a probe is never queued behind snapshots, however busy the API is.
///
/// ```swift
/// let source = EngineAnalyticsSource(host: host, monitor: monitor, exposition: { ExpositionContext(startedAt: start) })
/// let server = try AnalyticsHTTPServer(configuration: configuration, source: source, logger: logger)
/// ```
struct EngineAnalyticsSource: AnalyticsSource {
    let host: EngineHost
    let monitor: HealthMonitor
    /// What `/metrics` adds to the engine's counters, read at each scrape.
    let exposition: @Sendable () -> ExpositionContext
    /// Bounds the snapshots and scrapes computed at once (503 beyond).
    var gate = SnapshotGate()

    func render(_ query: SnapshotQuery, leads: Bool,
                _ body: @escaping @Sendable (EngineSnapshot) throws -> APIResponse) async throws -> APIResponse {
        let host = self.host
        return try await gate.run { try body(leads ? host.snapshot(query) : host.snapshotWithoutLeads(query)) }
    }

    func renderMetrics(_ body: @escaping @Sendable (MetricsExport, ExpositionContext) -> APIResponse) async throws -> APIResponse {
        let (host, context) = (self.host, exposition())
        return try await gate.run { body(host.metrics(), context) }
    }

    func health() -> HealthReport { monitor.report() }
}
