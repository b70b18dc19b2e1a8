/// The cumulative counters behind `/metrics` for the original framework's tracking calls:
/// leads created, AI requests (tokens, cost, duration), AI response latency, messages sent
/// and message processing latency, each by the labels the original used.
///
/// Why the engine keeps them itself: it already owns every event, one batch at a time
/// under one lock, so plain integer adds suffice; a metrics registry would add an atomic
/// operation (and for histograms a lock) per event on the ingest path. Per event this costs
/// a directory lookup per label (usually a string comparison with the previous event's) and
/// one probe of a table keyed by a few integers; nothing is allocated once a series exists. Tenants arrive
/// already folded by the engine's `TenantDirectory`; the other labels fold here
/// (`MetricLabelCaps`).
///
/// ```swift
/// var counters = ExportCounters(caps: MetricLabelCaps(tenants: 1000, models: 1000))
/// counters.recordMessageSent(channel: "whatsapp", messageType: "outbound", tenant: "acme")
/// counters.messagesSent()[0].count   // 1
/// ```
struct ExportCounters: Sendable {
    let caps: MetricLabelCaps

    var tenants: MetricLabelDirectory
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
        // The engine folds tenants already: one more slot holds its `other`.
        tenants = MetricLabelDirectory(capacity: caps.tenants + 1)
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

    mutating func recordLeadCreated(source: String, tenant: String) {
        let key = MetricSeriesKey(sources.index(of: source), tenants.index(of: tenant))
        let slot = leads.slot(of: key) ?? newLeadSlot(key)
        leadCounts[slot] += 1
    }

    mutating func recordAIRequest(_ request: AIRequest, tenant: String) {
        let key = MetricSeriesKey(
            providers.index(of: request.provider), requestModels.index(of: request.model),
            request.scenario.map { scenarios.index(of: $0) } ?? 0, Self.withFlag(tenants.index(of: tenant), request.success))
        let slot = requests.slot(of: key) ?? newRequestSlot(key)
        requestTallies[slot].add(request)
        // 0 means the client sent no duration, as for the SLOs.
        if request.durationSeconds > 0 { requestDurations.observe(request.durationSeconds, slot: slot) }
    }

    mutating func recordAIResponseLatency(ms: Double, model: String?, tenant: String) {
        let key = MetricSeriesKey(model.map { latencyModels.index(of: $0) } ?? 0, tenants.index(of: tenant))
        let slot = responses.slot(of: key) ?? newResponseSlot(key)
        responseLatencies.observe(ms / 1000, slot: slot)
    }

    mutating func recordMessageSent(channel: String, messageType: String, tenant: String) {
        let key = MetricSeriesKey(channels.index(of: channel), messageTypes.index(of: messageType),
                                  tenants.index(of: tenant))
        let slot = sent.slot(of: key) ?? newSentSlot(key)
        sentCounts[slot] += 1
    }

    mutating func recordMessageProcessing(ms: Double, success: Bool, channel: String?, tenant: String) {
        let key = MetricSeriesKey(channel.map { channels.index(of: $0) } ?? 0, Self.withFlag(tenants.index(of: tenant), success))
        let slot = processing.slot(of: key) ?? newProcessingSlot(key)
        processingLatencies.observe(ms / 1000, slot: slot)
    }

    /// A tenant index and a flag in one key slot: index x 2 + flag.
    static func withFlag(_ index: UInt32, _ flag: Bool) -> UInt32 { index << 1 | (flag ? 1 : 0) }

    // The slow paths: a series not seen before, or the family's all-`other` series when full.

    private mutating func newLeadSlot(_ key: MetricSeriesKey) -> Int {
        var key = key
        if leads.isFull {
            leads.countFolded()
            key = MetricSeriesKey(sources.overflowIndex(), tenants.overflowIndex())
            if let slot = leads.slot(of: key) { return slot }
        }
        leadCounts.append(0)
        return leads.append(key)
    }

    private mutating func newRequestSlot(_ key: MetricSeriesKey) -> Int {
        var key = key
        if requests.isFull {
            requests.countFolded()
            key = MetricSeriesKey(providers.overflowIndex(), requestModels.overflowIndex(), scenarios.overflowIndex(),
                                  Self.withFlag(tenants.overflowIndex(), key.d & 1 == 1))
            if let slot = requests.slot(of: key) { return slot }
        }
        requestTallies.append(AIRequestTally())
        requestDurations.appendSeries()
        return requests.append(key)
    }

    private mutating func newResponseSlot(_ key: MetricSeriesKey) -> Int {
        var key = key
        if responses.isFull {
            responses.countFolded()
            key = MetricSeriesKey(latencyModels.overflowIndex(), tenants.overflowIndex())
            if let slot = responses.slot(of: key) { return slot }
        }
        responseLatencies.appendSeries()
        return responses.append(key)
    }

    private mutating func newSentSlot(_ key: MetricSeriesKey) -> Int {
        var key = key
        if sent.isFull {
            sent.countFolded()
            key = MetricSeriesKey(channels.overflowIndex(), messageTypes.overflowIndex(), tenants.overflowIndex())
            if let slot = sent.slot(of: key) { return slot }
        }
        sentCounts.append(0)
        return sent.append(key)
    }

    private mutating func newProcessingSlot(_ key: MetricSeriesKey) -> Int {
        var key = key
        if processing.isFull {
            processing.countFolded()
            key = MetricSeriesKey(channels.overflowIndex(), Self.withFlag(tenants.overflowIndex(), key.b & 1 == 1))
            if let slot = processing.slot(of: key) { return slot }
        }
        processingLatencies.appendSeries()
        return processing.append(key)
    }
}

/// What one AI-request series adds up, besides its durations.
struct AIRequestTally: Sendable {
    var requests: Int64 = 0
    var tokensInput: Int64 = 0
    var tokensOutput: Int64 = 0
    var costUSD: Double = 0

    mutating func add(_ request: AIRequest) {
        requests += 1
        tokensInput += request.tokensInput
        tokensOutput += request.tokensOutput
        costUSD += request.costUSD
    }
}
