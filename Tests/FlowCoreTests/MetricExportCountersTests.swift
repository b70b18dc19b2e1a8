import FlowCore
import FlowTestKit
import Testing

/// `Engine.metrics(now:)` counts every tracking call by the original framework's labels.
@Suite struct MetricExportCountersTests {
    let t = TestTime.start

    func export(_ events: [Event], configuration: EngineConfiguration = EngineConfiguration()) -> MetricsExport {
        var engine = Engine(configuration: configuration)
        engine.apply(events, receivedAt: t + 60_000)
        return engine.metrics(now: t + 60_000)
    }

    func request(provider: String = "openai", model: String = "gpt-4o", scenario: String? = "chat",
                 tokensIn: Int64 = 0, tokensOut: Int64 = 0, cost: Double = 0, duration: Double = 0,
                 success: Bool = true, tenant: String = "acme") -> Event {
        Event(time: t, tenant: tenant, body: .aiRequest(AIRequest(
            provider: provider, model: model, scenario: scenario, tokensInput: tokensIn, tokensOutput: tokensOut,
            costUSD: cost, durationSeconds: duration, success: success)))
    }

    @Test func leadsCreatedAreCountedBySourceAndTenantInLabelOrder() {
        let rows = export([
            EventBuilder.leadCreated("L1", source: "whatsapp", tenant: "zeta", at: t),
            EventBuilder.leadCreated("L2", source: "whatsapp", tenant: "acme", at: t),
            EventBuilder.leadCreated("L3", source: "whatsapp", tenant: "acme", at: t),
            EventBuilder.leadCreated("L4", source: "email", tenant: "acme", at: t),
        ]).leadsCreated
        #expect(rows.map { "\($0.source)/\($0.tenant)=\($0.count)" } == ["email/acme=1", "whatsapp/acme=2", "whatsapp/zeta=1"])
    }

    @Test func aiRequestsAddTokensAndCostPerLabelSetAndSplitBySuccess() {
        let rows = export([
            request(tokensIn: 500, tokensOut: 100, cost: 0.25),
            request(tokensIn: 12, tokensOut: 3, cost: 0.5),
            request(tokensIn: 7, cost: 0.125, success: false),
        ]).aiRequests
        #expect(rows.count == 2)
        let failed = rows[0], ok = rows[1]
        #expect(!failed.success && failed.requests == 1 && failed.tokensInput == 7 && failed.costUSD == 0.125)
        #expect(ok.success && ok.requests == 2)
        #expect(ok.tokensInput == 512 && ok.tokensOutput == 103 && ok.costUSD == 0.75)
        #expect(ok.provider == "openai" && ok.model == "gpt-4o" && ok.scenario == "chat" && ok.tenant == "acme")
    }

    @Test func aiRequestDurationsFillTheirBucketsAndBoundsAreInclusive() throws {
        let rows = export([request(duration: 0.1), request(duration: 2), request(duration: 2.01), request(duration: 500),
                           request(duration: 0)]).aiRequests
        let h = try #require(rows.first).duration
        #expect(h.upperBounds == MetricBuckets.aiSeconds)
        let le = { (bound: Double) in h.cumulativeCounts[h.upperBounds.firstIndex(of: bound) ?? -1] }
        #expect(le(0.1) == 1)          // 0.1 s is in le="0.1"
        #expect(le(2) == 2)            // 2 s in le="2", 2.01 s not
        #expect(le(5) == 3)
        #expect(le(120) == 3)          // 500 s only in +Inf
        #expect(h.count == 4)          // a duration of 0 means none was sent
        #expect(h.sum == 0.1 + 2 + 2.01 + 500)
        #expect(rows.first?.requests == 5)
    }

    @Test func aRequestWithoutScenarioHasAnEmptyScenario() {
        #expect(export([request(scenario: nil)]).aiRequests.map(\.scenario) == [""])
    }

    @Test func aiResponseLatencyIsInSecondsByModelAndTenant() throws {
        let rows = export([
            EventBuilder.aiLatency(840, model: "gpt-4o", tenant: "acme", at: t),
            EventBuilder.aiLatency(2000, model: "gpt-4o", tenant: "acme", at: t),
            EventBuilder.aiLatency(90, model: nil, tenant: "acme", at: t),
        ]).aiResponseLatency
        #expect(rows.map(\.model) == ["", "gpt-4o"])
        let h = rows[1].latency
        #expect(h.count == 2 && h.sum == 0.84 + 2.0)
        #expect(h.cumulativeCounts[try #require(h.upperBounds.firstIndex(of: 1))] == 1)
        #expect(h.cumulativeCounts[try #require(h.upperBounds.firstIndex(of: 2))] == 2)
    }

    @Test func messagesSentAreCountedByChannelTypeAndTenant() {
        let rows = export([
            EventBuilder.messageSent(channel: "whatsapp", tenant: "acme", at: t),
            EventBuilder.messageSent(channel: "whatsapp", tenant: "acme", at: t),
            Event(time: t, tenant: "acme", body: .messageSent(channel: "whatsapp", messageType: "inbound")),
        ]).messagesSent
        #expect(rows.map { "\($0.channel)/\($0.messageType)=\($0.count)" } == ["whatsapp/inbound=1", "whatsapp/outbound=2"])
    }

    @Test func messageProcessingIsSplitBySuccessWithLatencyInSeconds() {
        let rows = export([
            EventBuilder.messageProcessing(95, success: true, channel: "whatsapp", at: t),
            EventBuilder.messageProcessing(700, success: false, channel: "whatsapp", at: t),
            EventBuilder.messageProcessing(500, success: true, channel: nil, at: t),
        ]).messageProcessing
        #expect(rows.map { "\($0.channel)/\($0.success)" } == ["/true", "whatsapp/false", "whatsapp/true"])
        #expect(rows[0].latency.cumulativeCounts[MetricBuckets.messageSeconds.firstIndex(of: 0.5) ?? -1] == 1)
        #expect(rows[1].latency.sum == 0.7)
        #expect(rows[2].latency.cumulativeCounts[MetricBuckets.messageSeconds.firstIndex(of: 0.1) ?? -1] == 1)
    }

    @Test func intakeAndEventTimeComeWithTheExport() {
        var engine = Engine()
        engine.apply([EventBuilder.leadCreated("L1", at: t - 30_000)], receivedAt: t)
        var rejected = RejectionCounts()
        rejected.add(.missingField, 2)
        engine.recordRejections(rejected)
        let export = engine.metrics(now: t + 5_000)
        #expect(export.now == t + 5_000)
        #expect(export.ingest.eventsTotal == 1 && export.ingest.rejected[.missingField] == 2)
        #expect(export.ingest.lastEventAt == t)
        #expect(export.newestEventTime == t - 30_000)
        #expect(export.tenants == 1)
    }

    @Test func theHostExportsAtItsClocksNow() {
        let clock = ManualClock(at: t)
        let host = EngineHost(engine: Engine(), clock: clock)
        host.apply([EventBuilder.messageSent(at: t)])
        clock.advance(seconds: 90)
        let export = host.metrics()
        #expect(export.now == t + 90_000)
        #expect(export.messagesSent.map(\.count) == [1])
    }
}
