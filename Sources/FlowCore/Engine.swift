/// The analytics engine: takes parsed events, answers snapshot queries.
///
/// Pure Swift, no I/O, no clock: every call that needs "now" takes it. Its state is
/// bounded: time-bucketed counters in ring buffers and a capped table of leads, never a
/// list of every event. Not thread-safe by itself; `EngineHost` owns one behind a lock
/// and applies events in batches.
///
/// ```swift
/// var engine = Engine()
/// engine.apply([event], receivedAt: now)
/// let snap = engine.snapshot(SnapshotQuery(), now: now)
/// ```
///
/// Memory is bounded by the configuration: per SLO at most `2 x maxSeriesPerSLO + 3` series (tenants, models) of
/// ~14 KiB each (see `SeriesCounters.bytes(for:)`); at most `maxSeriesPerSLO` tenants
/// (more fold into `other`), each with 6.4 KB of daily AI spend; and at most `maxLeads`
/// leads, only those with an event in the last `leadRetentionDays`, each about 430 bytes
/// plus 57 per touch kept (at most `maxTouchesPerLead`): 2.2 KiB with 32 touches, so
/// about 430 MiB at the defaults (200,000 leads; docs/benchmarks.md, "Memory per lead").
/// The counters `/metrics` exports add at most 10,000 series per family (about 200 bytes
/// each; `MetricLabelCaps`), so a few MB at worst.
/// Changing `configuration` starts the engine afresh.
public struct Engine: Sendable {
    public var configuration: EngineConfiguration {
        didSet { self = Engine(configuration: configuration) }
    }

    var slos: [SLOTracker]
    var sloIndexByName: [String: Int] = [:]
    var tenants: TenantDirectory
    /// `tenants.canonical` of the tenants just seen, without hashing them (not checkpointed).
    private var tenantCache = StringIdentityCache<(tenant: CanonicalTenant, folded: Bool)>()
    var leads: LeadLifecycle
    /// When idle leads are next forgotten (`leadRetentionDays`).
    var retention: LeadRetention
    var ingest = IngestCounters()
    /// The cumulative counters `/metrics` exports (`metrics(now:)`).
    var exports: ExportCounters
    /// What threshold alert rules watch.
    var ruleMetrics = EngineRuleMetrics()
    /// Every alert's lifecycle, silences and acknowledgements.
    var alerting: EngineAlerting
    var alertClock = AlertClock()
    /// An event landed in a minute the alert rules already judged (a backfill, a slow
    /// client): the next snapshot judges the last completed minute again.
    var lateSinceEvaluation = false
    /// The completed minute being judged a slice at a time after each batch
    /// (`MinuteEvaluation`); nil when none is under way. Not checkpointed: encoding
    /// finishes it first.
    var evaluation: MinuteEvaluation?
    /// How many series a batch judges of the minute under way; `Int.max` judges each
    /// minute whole in the batch that ends it (the tests' reference). Not checkpointed.
    var seriesPerBatch = Engine.defaultSeriesPerBatch
    /// The last funnel analysis, reused while its query holds and it is younger than
    /// `analysisRefreshMillis`.
    private var funnelCache: (query: FunnelQuery, at: EpochMillis, analysis: FunnelAnalysis)?
    /// The last model-independent attribution, reused the same way.
    private var attributionCache: (key: AttributionCacheKey, at: EpochMillis, base: AttributionBase)?

    public init(configuration: EngineConfiguration = EngineConfiguration()) {
        self.configuration = configuration
        slos = configuration.slos.map { SLOTracker(definition: $0, maxSeries: configuration.maxSeriesPerSLO) }
        for (i, def) in configuration.slos.enumerated() where sloIndexByName[def.name] == nil {
            sloIndexByName[def.name] = i
        }
        tenants = TenantDirectory(capacity: configuration.maxSeriesPerSLO)
        leads = LeadLifecycle(maxLeads: configuration.maxLeads, maxTouchesPerLead: configuration.maxTouchesPerLead,
                              maxChannels: configuration.maxChannels)
        retention = LeadRetention(days: configuration.leadRetentionDays)
        alerting = EngineAlerting(rules: configuration.alertRules)
        exports = ExportCounters(caps: MetricLabelCaps(tenants: configuration.maxSeriesPerSLO,
                                                       models: configuration.maxSeriesPerSLO))
    }

    /// Names of the configured SLOs: the wire layer rejects an `sli` for any other.
    public var sloNames: Set<String> { Set(configuration.slos.map(\.name)) }

    /// How old or early an event may be for this engine to keep it: the wire layer
    /// rejects the rest (`ts_too_old`, `ts_in_future`) instead of counting them accepted.
    public var horizon: EventHorizon { EventHorizon(configuration: configuration) }

    /// Applies a batch of accepted events. `receivedAt` is the receive time of the batch
    /// (for events/s), and the latest time the engine's clock may reach; each event's own
    /// `time` places it in its bucket.
    ///
    /// O(1) amortised per event (hash lookups and a few bucket writes), plus one alert
    /// evaluation per SLO series each time event time enters a new minute and one
    /// retention sweep over the leads each time it enters a new hour.
    public mutating func apply<S: Sequence>(_ events: S, receivedAt: EpochMillis) where S.Element == Event {
        apply(Array(events), receivedAt: receivedAt)
    }

    /// The same for an array, the usual batch (`EngineHost`, `Replay`). Why a second entry:
    /// called from another module the generic one runs unspecialized, and its iterator
    /// then makes a heap allocation per event.
    public mutating func apply(_ events: [Event], receivedAt: EpochMillis) {
        events.withUnsafeBufferPointer { applyEvents($0, receivedAt: receivedAt) }
    }

    /// Each event is read where it lies, through a pointer: `for event in events`, and a
    /// switch over a borrowed `Event`, copied the whole of it first (a retain of each of
    /// its strings, then the release), about 4% of the apply thread with the store on.
    private mutating func applyEvents(_ events: UnsafeBufferPointer<Event>, receivedAt: EpochMillis) {
        var accepted: Int64 = 0
        for i in events.indices {
            // An index exists only in a buffer with memory: the address is there.
            let event = events.baseAddress.unsafelyUnwrapped + i
            if case .sync = event.pointee.body { continue }
            accepted += 1
            // An event may be stamped up to the skew ahead of its receipt, but the engine's
            // clock never runs ahead of the receive time: alerts and the lead sweep move
            // with `min(event time, receivedAt)`, so one early stamp cannot fire pages
            // dated minutes in the future.
            let time = event.pointee.time
            let clockTime = min(time, receivedAt)
            advanceAlerts(to: clockTime, spread: true)
            if let cutoff = retention.due(at: clockTime) { leads.expire(before: cutoff) }
            if let current = alertClock.minute, time < current * TimeMath.minuteMillis {
                lateSinceEvaluation = true
                // Judged without this event, as when minutes were judged at once; the
                // next read judges the minute again with it.
                finishEvaluation()
            }
            apply(event)
            ruleMetrics.noteEvent(at: time)
        }
        ingest.recordAccepted(accepted, receivedAt: receivedAt)
        ruleMetrics.recordIntake(accepted: accepted, rejected: 0, at: receivedAt)
        if evaluation != nil { continueEvaluation(series: seriesPerBatch) }
    }

    private mutating func apply(_ event: UnsafePointer<Event>) {
        // The id goes to the exported counters, which key on it instead of the name.
        let (canonical, folded) = canonicalTenant(event.pointee.tenant)
        let tenant = canonical.name
        let t = event.pointee.time
        if folded { exports.noteTenantFolded() }
        switch event.pointee.body {
        case .leadCreated(let id, let source):
            leads.applyCreated(lead: id, source: source, tenant: tenant, at: t)
            exports.recordLeadCreated(source: source, tenant: canonical)
        case .leadStage(let id, let stage, let revenue):
            leads.applyStage(stage, revenue: revenue, lead: id, tenant: tenant, at: t)
        case .touchpoint(let touch):
            leads.applyTouch(touch, tenant: tenant, at: t)
        case .aiResponseLatency(let latency, let model):
            ruleMetrics.recordLatency(.aiResponseP99Ms, ms: latency, at: t)
            exports.recordAIResponseLatency(ms: latency, model: model, tenant: canonical)
            record(tenant: tenant, folded: folded, model: model, latencyMs: latency, at: t) { kind in
                if case .aiResponseLatency(let threshold) = kind { latency <= threshold } else { nil }
            }
        case .aiRequest(let request):
            leads.applyAISpend(request.costUSD, tenant: tenant, at: t)
            ruleMetrics.recordAICost(request.costUSD, at: t)
            exports.recordAIRequest(request, tenant: canonical)
            // A duration of 0 means the client sent none: no request takes no time at all.
            let durationMs = request.durationSeconds > 0 ? request.durationSeconds * 1000 : nil
            record(tenant: tenant, folded: folded, model: request.model, latencyMs: durationMs, at: t) { kind in
                switch kind {
                case .aiRequestSuccess: request.success
                case .aiRequestDuration(let threshold): request.success && request.durationSeconds * 1000 <= threshold
                default: nil
                }
            }
        case .messageProcessingLatency(let latency, let success, let channel):
            ruleMetrics.recordLatency(.messageProcessingP99Ms, ms: latency, at: t)
            exports.recordMessageProcessing(ms: latency, success: success, channel: channel, tenant: canonical)
            record(tenant: tenant, folded: folded, model: nil, latencyMs: latency, at: t) { kind in
                if case .messageProcessing(let threshold) = kind { success && latency <= threshold } else { nil }
            }
        case .sli(let name, let good, let latency):
            guard let i = sloIndexByName[name] else { return }
            let isGood = good ?? Self.latencyIsGood(latency, kind: slos[i].definition.kind)
            slos[i].record(good: isGood, tenant: tenant, tenantFolded: folded, model: nil, latencyMs: latency,
                           at: t)
        case .messageSent(let channel, let messageType):
            exports.recordMessageSent(channel: channel, messageType: messageType, tenant: canonical)
        case .sync:
            break
        }
    }

    /// The directory's answer for `tenant`; stable once given (a known tenant keeps its id,
    /// a folded one stays folded: the directory only grows), so it can be cached.
    private mutating func canonicalTenant(_ tenant: String) -> (tenant: CanonicalTenant, folded: Bool) {
        if let known = tenantCache.value(for: tenant) { return known }
        let found = tenants.canonical(tenant)
        tenantCache.store(found, for: tenant)
        return found
    }

    /// Feeds every SLO whose kind `verdict` answers (good or bad); nil means "not mine".
    private mutating func record(tenant: String, folded: Bool, model: String?, latencyMs: Double?, at t: EpochMillis,
                                 _ verdict: (SLIKind) -> Bool?) {
        for i in slos.indices {
            guard let good = verdict(slos[i].definition.kind) else { continue }
            slos[i].record(good: good, tenant: tenant, tenantFolded: folded, model: model, latencyMs: latencyMs, at: t)
        }
    }

    /// An `sli` event with only a latency: good when within the SLO's threshold (an SLO
    /// without one counts it good only if it carries `good`).
    private static func latencyIsGood(_ latency: Double?, kind: SLIKind) -> Bool {
        guard let latency else { return false }
        switch kind {
        case .aiResponseLatency(let threshold), .messageProcessing(let threshold), .aiRequestDuration(let threshold):
            return latency <= threshold
        case .custom(let threshold?): return latency <= threshold
        case .custom(nil), .aiRequestSuccess: return false
        }
    }

    /// Mutes the alerts `silence` matches from its start to its end; returns its id.
    public mutating func addSilence(_ silence: Silence, at now: EpochMillis) throws(SilenceError) -> String {
        finishEvaluation()
        return try alerting.addSilence(silence, at: now)
    }

    /// Ends a silence now; false for an unknown or already expired one.
    public mutating func expireSilence(id: String, at now: EpochMillis) -> Bool {
        finishEvaluation()
        return alerting.expireSilence(id: id, at: now)
    }

    /// Records who acknowledged a pending or firing alert, and when; false otherwise.
    public mutating func acknowledge(fingerprint: String, by who: String, at now: EpochMillis) -> Bool {
        finishEvaluation()
        return alerting.acknowledge(fingerprint: fingerprint, by: who, at: now)
    }

    /// Takes an acknowledgement back; false when the alert has none.
    public mutating func unacknowledge(fingerprint: String) -> Bool {
        finishEvaluation()
        return alerting.unacknowledge(fingerprint: fingerprint)
    }

    /// Counts lines the wire layer refused, by reason.
    /// `receivedAt` places them in time for the `rejected_ratio` alert metric.
    public mutating func recordRejections(_ counts: RejectionCounts, receivedAt: EpochMillis? = nil) {
        ingest.recordRejections(counts)
        if let receivedAt { ruleMetrics.recordIntake(accepted: 0, rejected: counts.total, at: receivedAt) }
    }

    /// Everything a frame or report needs at `now`. Mutating because alert state (when
    /// an alert started firing) advances with time.
    ///
    /// `query.tenant` nil shows the all-tenant series and lists the alerts of the total
    /// and of every tenant; a tenant shows only that tenant's series and alerts.
    ///
    /// Two views of alerting, on purpose: `SLOStatus.alerts` says whether each tier's
    /// condition holds right now (windows include the current partial minute), while
    /// `alerts` lists the alerts confirmed on completed minutes, with `since` = the end of
    /// the first minute that fired and the burn rates of the last completed minute. So a
    /// tier can show firing up to a minute before its alert is listed, and a replay lists
    /// exactly the alerts a live run would have. Events that arrive for minutes already
    /// judged (a backfill) make the snapshot judge the last completed minute again.
    public mutating func snapshot(_ query: SnapshotQuery, now: EpochMillis) -> EngineSnapshot {
        let (partial, work) = snapshotWithoutLeads(query, now: now)
        let result = work.run()
        store(result, of: work)
        return result.complete(partial)
    }

    /// Everything but the funnel and attribution, plus the work that computes those: a
    /// pass over every lead that `EngineHost` runs outside its lock, on a copy-on-write
    /// copy of the lead table (O(1) to take).
    mutating func snapshotWithoutLeads(_ query: SnapshotQuery, now: EpochMillis) -> (EngineSnapshot, LeadAnalysisWork) {
        advance(to: now)
        let key = query.tenant.map { SeriesKey.tenant($0) }
        let alerts = slos.flatMap { $0.activeAlerts() }
            .filter { query.tenant == nil || $0.tenant == query.tenant }
            .sorted(by: Self.alertOrder)
        var partial = EngineSnapshot(
            now: now, query: query, tenants: tenants.sorted,
            slos: slos.map { $0.status(of: key, now: now) },
            alerts: alerts,
            funnel: FunnelSnapshot(stages: [], lost: 0, wonRevenue: 0),
            attribution: AttributionSnapshot(model: query.model, rows: [], totalRevenue: 0, totalCost: 0, aiSpend: 0,
                                             periodDays: query.attributionPeriodDays),
            ingest: ingest.stats(now: now),
            detail: query.detail.flatMap { detail($0, alerts: alerts, now: now) })
        partial.alerting = alerting.snapshot(tenant: query.tenant, at: now)

        var funnelQuery = query.funnel
        funnelQuery.tenant = query.tenant
        let attributionKey = AttributionCacheKey(tenant: query.tenant, periodDays: query.attributionPeriodDays,
                                                 parameters: query.attribution)
        let refresh = configuration.analysisRefreshMillis
        func fresh(_ at: EpochMillis) -> Bool { now >= at && now - at < refresh }
        let cachedFunnel = funnelCache.flatMap { $0.query == funnelQuery && fresh($0.at) ? $0.analysis : nil }
        let cachedAttribution = attributionCache.flatMap { $0.key == attributionKey && fresh($0.at) ? $0.base : nil }
        // The table only when a pass will read it: a work holding it makes the next event
        // copy every lead (copy on write), then the work's end frees that copy, which at
        // each of a busy dashboard's snapshots cost more than ingest itself.
        let work = LeadAnalysisWork(
            table: cachedFunnel == nil || cachedAttribution == nil ? leads.table : LeadTable(capacity: 0),
            now: now, funnelQuery: funnelQuery, attributionKey: attributionKey, model: query.model,
            aiSpend: cachedAttribution == nil
                ? leads.aiSpend(tenant: query.tenant, days: query.attributionPeriodDays, now: now) : [:],
            cachedFunnel: cachedFunnel, cachedAttribution: cachedAttribution)
        return (partial, work)
    }

    /// Every tenant's alerts at `now`, without SLO statuses, leads or statistics: what the
    /// notifiers poll every few seconds. Advances alert time exactly as `snapshot` does, so
    /// both see the same alerts at the same `now`.
    ///
    /// ```swift
    /// let alerts = engine.alerting(now: clock.now()).alerts
    /// ```
    public mutating func alerting(now: EpochMillis) -> AlertingSnapshot {
        advance(to: now)
        return alerting.snapshot(tenant: nil, at: now, statistics: false)
    }

    /// Moves the engine's time to `now` as every read does: judges the minutes completed by
    /// then (and the last one again after a backfill) and forgets leads idle past the
    /// retention. The only change a snapshot makes, so a journal records it
    /// (`JournalEntry.advance`) and a replay makes it again.
    ///
    /// Returns whether it changed anything (a minute judged, a late minute judged again, a
    /// retention sweep): most reads within a minute change nothing, and a journal need not
    /// record those.
    @discardableResult
    public mutating func advance(to now: EpochMillis) -> Bool {
        let (minute, late) = (alertClock.minute, lateSinceEvaluation)
        catchUpAlerting(to: now)
        var changed = alertClock.minute != minute || late
        if let cutoff = retention.due(at: now) {
            leads.expire(before: cutoff)
            changed = true
        }
        return changed
    }

    /// Evaluates the minutes completed by `now`, and judges the last one again when events
    /// arrived for it after it was judged (a backfill). Without the latter, alerts judged
    /// before a backfill finished would stand for up to a minute against data that no
    /// longer supports them.
    private mutating func catchUpAlerting(to now: EpochMillis) {
        finishEvaluation()
        if alertClock.minute != nil { advanceAlerts(to: now, spread: false) }
        if lateSinceEvaluation, let current = alertClock.minute {
            evaluate(completedMinute: current - 1)
            lateSinceEvaluation = false
        }
    }

    /// Keeps what `work` computed for the next snapshots.
    mutating func store(_ result: LeadAnalysisResult, of work: LeadAnalysisWork) {
        if work.cachedFunnel == nil { funnelCache = (work.funnelQuery, work.now, result.funnel) }
        if work.cachedAttribution == nil { attributionCache = (work.attributionKey, work.now, result.base) }
    }

    /// One SLO in depth for one series; nil for an SLO not configured.
    private func detail(_ query: SLODetailQuery, alerts: [ActiveAlert], now: EpochMillis) -> SLODetail? {
        guard let i = sloIndexByName[query.slo] else { return nil }
        let tracker = slos[i]
        let key = SeriesKey(query.series)
        return SLODetail(
            status: tracker.status(of: key, now: now),
            history: tracker.history(of: key, range: query.range, now: now),
            burnDown: tracker.burnDown(of: key, now: now),
            breakdown: tracker.breakdown(now: now),
            seriesCap: tracker.maxSeries, overflowEvents: tracker.overflowEvents,
            alerts: alerts.filter { $0.slo == query.slo })
    }

    /// Firing before inhibited, pages first, then oldest first; ties by SLO, then series
    /// (total, tenants, models).
    private static func alertOrder(_ a: ActiveAlert, _ b: ActiveAlert) -> Bool {
        if a.inhibited != b.inhibited { return !a.inhibited }
        if a.tier.severity != b.tier.severity { return a.tier.severity < b.tier.severity }
        if a.since != b.since { return a.since < b.since }
        if a.slo != b.slo { return a.slo < b.slo }
        if a.series != b.series { return seriesRank(a.series) < seriesRank(b.series) }
        return a.tier.longWindow.millis < b.tier.longWindow.millis
    }

    private static func seriesRank(_ id: SLOSeriesID) -> (Int, String) {
        switch id {
        case .total: (0, "")
        case .tenant(let t): (1, t)
        case .model(let m): (2, m)
        case .instance(let i): (3, i)
        }
    }
}

/// What prepared attribution paths depend on.
struct AttributionCacheKey: Hashable, Sendable {
    var tenant: String?
    var periodDays: Int
    var parameters: AttributionParameters
}

/// The engine's whole state as a value a checkpoint holds (FlowStore's codec), so a store
/// can write it and later continue from it exactly: every counter, ring, lead, alert,
/// silence and acknowledgement, and the clocks that say what was judged already.
///
/// Not the caches: `funnelCache` and `attributionCache` are answers computed from the
/// leads, reused for `analysisRefreshMillis`; a decoded engine starts without them and
/// computes them at its first snapshot, which is what a fresh engine with the same leads
/// would answer.
///
/// ```swift
/// let bytes = try StateEncoder.encode(engine)                 // FlowStore
/// var restored = try StateDecoder.decode(Engine.self, from: bytes)
/// ```
///
/// A minute whose evaluation is under way (`MinuteEvaluation`) is finished in the copy
/// encoded: a checkpoint never holds a minute half judged, and has the layout it had
/// before evaluations were spread.
extension Engine: Codable {
    private enum CodingKeys: String, CodingKey {
        case configuration, slos, sloIndexByName, tenants, leads, retention, ingest, exports, ruleMetrics,
             alerting, alertClock, lateSinceEvaluation
    }

    public func encode(to encoder: any Encoder) throws {
        guard evaluation == nil else {
            var judged = self
            judged.finishEvaluation()
            try judged.encode(to: encoder)
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(configuration, forKey: .configuration)
        try container.encode(slos, forKey: .slos)
        try container.encode(sloIndexByName, forKey: .sloIndexByName)
        try container.encode(tenants, forKey: .tenants)
        try container.encode(leads, forKey: .leads)
        try container.encode(retention, forKey: .retention)
        try container.encode(ingest, forKey: .ingest)
        try container.encode(exports, forKey: .exports)
        try container.encode(ruleMetrics, forKey: .ruleMetrics)
        try container.encode(alerting, forKey: .alerting)
        try container.encode(alertClock, forKey: .alertClock)
        try container.encode(lateSinceEvaluation, forKey: .lateSinceEvaluation)
    }
}
