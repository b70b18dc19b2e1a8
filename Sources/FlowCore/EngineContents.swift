/// How much an engine holds, for `flowtop store info`: its SLO series (each SLO's total,
/// tenant and model series), its leads with their touches, and the oldest lead it keeps.
///
/// ```swift
/// let held = engine.contents   // EngineContents(sloSeries: 163, leads: 200_000, ...)
/// ```
public struct EngineContents: Sendable, Equatable {
    public var sloSeries: Int
    public var leads: Int
    public var touches: Int
    /// When the oldest lead kept was created; nil with no leads.
    public var oldestLeadCreated: EpochMillis?

    public init(sloSeries: Int, leads: Int, touches: Int, oldestLeadCreated: EpochMillis?) {
        self.sloSeries = sloSeries
        self.leads = leads
        self.touches = touches
        self.oldestLeadCreated = oldestLeadCreated
    }
}

extension Engine {
    /// What the engine holds now; walks every lead, so for diagnostics, not for a frame.
    public var contents: EngineContents {
        var touches = 0
        var oldest: EpochMillis?
        leads.table.forEach { _, record in
            touches += record.touches.count
            oldest = min(oldest ?? record.created, record.created)
        }
        return EngineContents(sloSeries: slos.reduce(0) { $0 + $1.series.count }, leads: leads.table.count,
                              touches: touches, oldestLeadCreated: oldest)
    }
}

/// Reads that leave alert time where it is: the `/metrics` export and single series.
extension Engine {
    /// Everything `/metrics` exports, at `now`: the tracking calls' counters, the intake, and
    /// every series of every SLO with its window counts and burn rates. Costs 16 ring reads
    /// per SLO series plus a copy of the counters' rows: a few ms at thousands of series,
    /// once per scrape. Reads only; alert time does not move.
    ///
    /// ```swift
    /// let export = engine.metrics(now: now)
    /// export.slos[0].series[0].burnRates[.h1]   // the first SLO's total, last hour
    /// ```
    public func metrics(now: EpochMillis) -> MetricsExport {
        MetricsExport(
            now: now, ingest: ingest.stats(now: now), newestEventTime: ruleMetrics.latestEventTime,
            tenants: tenants.sorted.count, caps: exports.caps, foldedEvents: exports.foldedEvents(),
            foldedSeriesEvents: exports.foldedSeriesEvents(), leadsCreated: exports.leadsCreated(),
            aiRequests: exports.aiRequests(), aiResponseLatency: exports.aiResponseLatency(),
            messagesSent: exports.messagesSent(), messageProcessing: exports.messageProcessing(),
            slos: slos.map { $0.metrics(now: now) })
    }

    /// The status of one series of one SLO at `now`; nil for an unknown SLO. A series
    /// never seen reads as "no data". Costs one status computation, whatever the number
    /// of series.
    public func seriesStatus(slo name: String, series: SLOSeriesID, now: EpochMillis) -> SLOStatus? {
        guard let i = sloIndexByName[name] else { return nil }
        return slos[i].status(of: SeriesKey(series), now: now)
    }

    /// One SLO per AI model (per-model SLOs only), at `now`: the models sorted by name.
    /// Empty for an unknown or not per-model SLO.
    public func modelStatuses(slo name: String, now: EpochMillis) -> [(model: String, status: SLOStatus)] {
        guard let i = sloIndexByName[name] else { return [] }
        let tracker = slos[i]
        return tracker.models.map { ($0, tracker.status(of: .model($0), now: now)) }
    }
}

