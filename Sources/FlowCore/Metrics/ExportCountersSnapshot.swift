/// The counters as the export's rows, with label values named again and the rows sorted
/// by them: what a scrape copies out of the engine.
///
/// Sorted so that the exposition is the same text for the same counts, whatever order the
/// series arrived in (a test can compare two scrapes; a diff of two shows only values).
///
/// ```swift
/// let rows = counters.aiRequests()   // by provider, model, scenario, tenant, success
/// ```
extension ExportCounters {
    func leadsCreated() -> [LeadsCreatedSeries] {
        leads.keys.enumerated().map { slot, key in
            LeadsCreatedSeries(source: sources.name(key.a), tenant: tenantName(key.b), count: leadCounts[slot])
        }.sorted { ($0.source, $0.tenant) < ($1.source, $1.tenant) }
    }

    func aiRequests() -> [AIRequestSeries] {
        requests.keys.enumerated().map { slot, key in
            let tally = requestTallies[slot]
            return AIRequestSeries(
                provider: providers.name(key.a), model: requestModels.name(key.b), scenario: scenarios.name(key.c),
                tenant: tenantName(key.d >> 1), success: key.d & 1 == 1, requests: tally.requests,
                tokensInput: tally.tokensInput, tokensOutput: tally.tokensOutput, costUSD: tally.costUSD,
                duration: requestDurations.snapshot(slot: slot))
        }.sorted {
            ($0.provider, $0.model, $0.scenario, $0.tenant, $0.success ? 1 : 0)
                < ($1.provider, $1.model, $1.scenario, $1.tenant, $1.success ? 1 : 0)
        }
    }

    func aiResponseLatency() -> [AIResponseLatencySeries] {
        responses.keys.enumerated().map { slot, key in
            AIResponseLatencySeries(model: latencyModels.name(key.a), tenant: tenantName(key.b),
                                    latency: responseLatencies.snapshot(slot: slot))
        }.sorted { ($0.model, $0.tenant) < ($1.model, $1.tenant) }
    }

    func messagesSent() -> [MessagesSentSeries] {
        sent.keys.enumerated().map { slot, key in
            MessagesSentSeries(channel: channels.name(key.a), messageType: messageTypes.name(key.b),
                               tenant: tenantName(key.c), count: sentCounts[slot])
        }.sorted { ($0.channel, $0.messageType, $0.tenant) < ($1.channel, $1.messageType, $1.tenant) }
    }

    func messageProcessing() -> [MessageProcessingSeries] {
        processing.keys.enumerated().map { slot, key in
            MessageProcessingSeries(channel: channels.name(key.a), tenant: tenantName(key.b >> 1),
                                    success: key.b & 1 == 1, latency: processingLatencies.snapshot(slot: slot))
        }.sorted { ($0.channel, $0.tenant, $0.success ? 1 : 0) < ($1.channel, $1.tenant, $1.success ? 1 : 0) }
    }

    /// Events counted under `other` per label; the tenant's are those the engine folded.
    func foldedEvents() -> [MetricLabel: Int64] {
        [
            .tenant: foldedTenantEvents,
            .source: sources.foldedEvents,
            .provider: providers.foldedEvents,
            .model: requestModels.foldedEvents + latencyModels.foldedEvents,
            .scenario: scenarios.foldedEvents,
            .channel: channels.foldedEvents,
            .messageType: messageTypes.foldedEvents,
        ]
    }

    /// Events counted in each family's all-`other` series.
    func foldedSeriesEvents() -> [MetricFamily: Int64] {
        [
            .leadsCreated: leads.foldedEvents,
            .aiRequests: requests.foldedEvents,
            .aiResponseLatency: responses.foldedEvents,
            .messagesSent: sent.foldedEvents,
            .messageProcessing: processing.foldedEvents,
        ]
    }
}
