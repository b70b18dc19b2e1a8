/// The cumulative counters behind `/metrics` for the original framework's tracking calls:
/// leads created, AI requests (tokens, cost, duration), AI response latency, messages sent
/// and message processing latency, each by the labels the original used.
///
/// Why the engine keeps them itself: it already owns every event, one batch at a time
/// under one lock, so plain integer adds suffice; a metrics registry would add an atomic
/// operation (and for histograms a lock) per event on the ingest path. Per event this costs
/// a directory lookup per label (usually a string comparison with the previous event's) and
/// one probe of a table keyed by a few integers; nothing is allocated once a series exists.
/// Tenants arrive already folded by the engine's `TenantDirectory`, with the id it gave
/// them, which goes into the key as it is: the tenant, the one label that changes from
/// event to event in a busy stream, costs no second hash here. The other labels fold here
/// (`MetricLabelCaps`).
///
/// ```swift
/// var tenants = TenantDirectory(capacity: 1000)
/// var counters = ExportCounters(caps: MetricLabelCaps(tenants: 1000, models: 1000))
/// counters.recordMessageSent(channel: "whatsapp", messageType: "outbound", tenant: tenants.canonical("acme").tenant)
/// counters.messagesSent()[0].count   // 1
/// ```
struct ExportCounters: Sendable, Codable {
    let caps: MetricLabelCaps

    /// The name of each tenant id (`CanonicalTenant`) a series was created with, to name
    /// the rows of a scrape; index 0 is `other`. Written only when a series is created.
    private(set) var tenantNames: [String] = [CanonicalTenant.other.name]
    var sources: MetricLabelDirectory
    var providers: MetricLabelDirectory
    /// Models of `ai_request` events, capped in the order `ai_request_success` sees them.
    var requestModels: MetricLabelDirectory
    /// Models of `ai_response_latency` events, likewise for `ai_response_latency`.
    var latencyModels: MetricLabelDirectory
    var scenarios: MetricLabelDirectory
    var channels: MetricLabelDirectory
    var messageTypes: MetricLabelDirectory
    /// Events the engine filed under tenant `other`.
    private(set) var foldedTenantEvents: Int64 = 0

    /// Key: source, tenant.
    var leads: MetricSeriesTable
    var leadCounts: [Int64] = []
    /// Key: provider, model, scenario, tenant x 2 + success.
    var requests: MetricSeriesTable
    /// Per slot, together: one array access per request for the four sums.
    var requestTallies: [AIRequestTally] = []
    var requestDurations = MetricHistogramStore(upperBounds: MetricBuckets.aiSeconds)
    /// Key: model, tenant.
    var responses: MetricSeriesTable
    var responseLatencies = MetricHistogramStore(upperBounds: MetricBuckets.aiSeconds)
    /// Key: channel, message type, tenant.
    var sent: MetricSeriesTable
    var sentCounts: [Int64] = []
    /// Key: channel, tenant x 2 + success.
    var processing: MetricSeriesTable
    var processingLatencies = MetricHistogramStore(upperBounds: MetricBuckets.messageSeconds)

    init(caps: MetricLabelCaps) {
        self.caps = caps
        requestModels = MetricLabelDirectory(capacity: caps.models)
        latencyModels = MetricLabelDirectory(capacity: caps.models)
        sources = MetricLabelDirectory(capacity: caps.otherLabels)
        providers = MetricLabelDirectory(capacity: caps.otherLabels)
        scenarios = MetricLabelDirectory(capacity: caps.otherLabels)
        channels = MetricLabelDirectory(capacity: caps.otherLabels)
        messageTypes = MetricLabelDirectory(capacity: caps.otherLabels)
        leads = MetricSeriesTable(capacity: caps.seriesPerFamily)
        requests = MetricSeriesTable(capacity: caps.seriesPerFamily)
        responses = MetricSeriesTable(capacity: caps.seriesPerFamily)
        sent = MetricSeriesTable(capacity: caps.seriesPerFamily)
        processing = MetricSeriesTable(capacity: caps.seriesPerFamily)
    }

    /// The engine filed an event under tenant `other` (its directory was full).
    mutating func noteTenantFolded() { foldedTenantEvents += 1 }

    mutating func recordLeadCreated(source: String, tenant: CanonicalTenant) {
        let key = MetricSeriesKey(sources.index(of: source), tenant.id)
        let slot = leads.slot(of: key) ?? newSlot(
            in: \.leads, key, tenant,
            overflowKey: { c, _ in MetricSeriesKey(c.sources.overflowIndex(), CanonicalTenant.otherID) },
            appendSeries: { $0.leadCounts.append(0) })
        leadCounts[slot] += 1
    }

    mutating func recordAIRequest(_ request: AIRequest, tenant: CanonicalTenant) {
        let key = MetricSeriesKey(
            providers.index(of: request.provider), requestModels.index(of: request.model),
            request.scenario.map { scenarios.index(of: $0) } ?? 0, Self.withFlag(tenant.id, request.success))
        let slot = requests.slot(of: key) ?? newSlot(
            in: \.requests, key, tenant,
            overflowKey: { c, key in
                MetricSeriesKey(c.providers.overflowIndex(), c.requestModels.overflowIndex(), c.scenarios.overflowIndex(),
                                Self.withFlag(CanonicalTenant.otherID, key.d & 1 == 1))
            },
            appendSeries: {
                $0.requestTallies.append(AIRequestTally())
                $0.requestDurations.appendSeries()
            })
        requestTallies[slot].add(request)
        // 0 means the client sent no duration, as for the SLOs.
        if request.durationSeconds > 0 { requestDurations.observe(request.durationSeconds, slot: slot) }
    }

    mutating func recordAIResponseLatency(ms: Double, model: String?, tenant: CanonicalTenant) {
        let key = MetricSeriesKey(model.map { latencyModels.index(of: $0) } ?? 0, tenant.id)
        let slot = responses.slot(of: key) ?? newSlot(
            in: \.responses, key, tenant,
            overflowKey: { c, _ in MetricSeriesKey(c.latencyModels.overflowIndex(), CanonicalTenant.otherID) },
            appendSeries: { $0.responseLatencies.appendSeries() })
        responseLatencies.observe(ms / 1000, slot: slot)
    }

    mutating func recordMessageSent(channel: String, messageType: String, tenant: CanonicalTenant) {
        let key = MetricSeriesKey(channels.index(of: channel), messageTypes.index(of: messageType), tenant.id)
        let slot = sent.slot(of: key) ?? newSlot(
            in: \.sent, key, tenant,
            overflowKey: { c, _ in
                MetricSeriesKey(c.channels.overflowIndex(), c.messageTypes.overflowIndex(), CanonicalTenant.otherID)
            },
            appendSeries: { $0.sentCounts.append(0) })
        sentCounts[slot] += 1
    }

    mutating func recordMessageProcessing(ms: Double, success: Bool, channel: String?, tenant: CanonicalTenant) {
        let key = MetricSeriesKey(channel.map { channels.index(of: $0) } ?? 0, Self.withFlag(tenant.id, success))
        let slot = processing.slot(of: key) ?? newSlot(
            in: \.processing, key, tenant,
            overflowKey: { c, key in
                MetricSeriesKey(c.channels.overflowIndex(), Self.withFlag(CanonicalTenant.otherID, key.b & 1 == 1))
            },
            appendSeries: { $0.processingLatencies.appendSeries() })
        processingLatencies.observe(ms / 1000, slot: slot)
    }

    /// A tenant id and a flag in one key slot: id x 2 + flag.
    static func withFlag(_ index: UInt32, _ flag: Bool) -> UInt32 { index << 1 | (flag ? 1 : 0) }

    /// The tenant a key's tenant id stands for.
    func tenantName(_ id: UInt32) -> String { tenantNames[Int(id)] }

    /// Keeps the name of a tenant id for the scrape. Ids are the engine's, handed out to
    /// every tenant, including those that never reach these counters (an `sli` only, say),
    /// so there can be gaps: they stay "", and no key refers to them.
    private mutating func remember(_ tenant: CanonicalTenant) {
        let i = Int(tenant.id)
        if i >= tenantNames.count { tenantNames.append(contentsOf: repeatElement("", count: i + 1 - tenantNames.count)) }
        tenantNames[i] = tenant.name
    }

    /// The slow path of every family: the slot for a series not seen before. Past the
    /// family's capacity the series folds into the family's all-`other` series (made by
    /// `overflowKey` from the new key, so a `success` flag survives), created on first use.
    /// `appendSeries` grows the family's value arrays by one series. Only here on an
    /// event's first sight of a label combination (or every event once full), so the key
    /// path and closures (neither escapes nor allocates) cost nothing per counted event.
    private mutating func newSlot(
        in family: WritableKeyPath<ExportCounters, MetricSeriesTable>, _ key: MetricSeriesKey, _ tenant: CanonicalTenant,
        overflowKey: (inout ExportCounters, MetricSeriesKey) -> MetricSeriesKey,
        appendSeries: (inout ExportCounters) -> Void
    ) -> Int {
        remember(tenant)
        var key = key
        if self[keyPath: family].isFull {
            self[keyPath: family].countFolded()
            key = overflowKey(&self, key)
            if let slot = self[keyPath: family].slot(of: key) { return slot }
        }
        appendSeries(&self)
        return self[keyPath: family].append(key)
    }
}

/// What one AI-request series adds up, besides its durations.
struct AIRequestTally: Sendable, Codable {
    var requests: Int64 = 0
    var tokensInput: Int64 = 0
    var tokensOutput: Int64 = 0
    var costUSD: Double = 0

    mutating func add(_ request: AIRequest) {
        // Saturating: tokens come from the wire (bounded by `EventLimits.maxTokens`, so
        // this holds 9 billion maximal requests), and a counter must never trap the engine.
        requests = requests.saturatingAdd(1)
        tokensInput = tokensInput.saturatingAdd(request.tokensInput)
        tokensOutput = tokensOutput.saturatingAdd(request.tokensOutput)
        costUSD += request.costUSD
    }
}
