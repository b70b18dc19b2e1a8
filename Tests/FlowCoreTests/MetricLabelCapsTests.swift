import FlowTestKit
import Testing

@testable import FlowCore

/// Label values from the wire are capped like the engine's tenants: the first values keep
/// their names, later ones are exported as `other`, and every folded event is counted.
@Suite struct MetricLabelCapsTests {
    let t = TestTime.start
    /// Tenants as the engine's `TenantDirectory` hands them to the counters.
    let acme = CanonicalTenant(name: "acme", id: 1), zeta = CanonicalTenant(name: "zeta", id: 2)

    func aiRequest(provider: String = "openai", model: String = "gpt-4o", tenant: String = "acme") -> Event {
        Event(time: t, tenant: tenant, body: .aiRequest(AIRequest(provider: provider, model: model)))
    }

    @Test func valuesPastTheCapAreOtherAndEachFoldedLookupIsCounted() {
        var providers = MetricLabelDirectory(capacity: 2)
        let openai = providers.index(of: "openai")
        let anthropic = providers.index(of: "anthropic")
        let mistral = providers.index(of: "mistral")
        #expect(providers.name(openai) == "openai" && providers.name(anthropic) == "anthropic")
        #expect(providers.name(mistral) == "other")
        #expect(providers.index(of: "cohere") == mistral)
        #expect(providers.index(of: "openai") == openai)   // known values keep their own
        #expect(providers.foldedEvents == 2)
    }

    /// Values that alternate (so the last one remembered misses), each a new string every
    /// time, inline and on the heap: the same index for a name every time, the one a
    /// directory that saw each name once gives, `other` past the cap, and every folded
    /// lookup counted.
    @Test func alternatingValuesKeepTheirIndexAndFoldedOnesAreCountedEveryTime() {
        var rng = SeededGenerator(seed: 5)
        var directory = MetricLabelDirectory(capacity: 4)
        var once = MetricLabelDirectory(capacity: 4)
        var first: [Int: UInt32] = [:]
        var folded: Int64 = 0
        for _ in 0..<500 {
            let n = Int.random(in: 0..<7, using: &rng)
            let name = n.isMultiple(of: 2) ? "m\(n)" : "a-model-name-past-fifteen-bytes-\(n)"
            let index = directory.index(of: name)
            if first[n] == nil { first[n] = once.index(of: name) }
            #expect(index == first[n])
            if directory.name(index) == "other" { folded += 1 }
        }
        #expect(first.values.filter { directory.name($0) != "other" }.count == 4)
        #expect(directory.foldedEvents == folded && folded > 0)
    }

    @Test func theEmptyValueNeverTakesASlot() {
        var scenarios = MetricLabelDirectory(capacity: 1)
        #expect(scenarios.index(of: "") == 0)
        let chat = scenarios.index(of: "chat")
        #expect(scenarios.name(chat) == "chat")
        #expect(scenarios.index(of: "") == 0)
        #expect(scenarios.foldedEvents == 0)
    }

    @Test func aRealValueNamedOtherSharesTheOverflowSeries() {
        var channels = MetricLabelDirectory(capacity: 2)
        let other = channels.index(of: "other")
        _ = channels.index(of: "email")
        #expect(channels.index(of: "sms") == other)
    }

    @Test func providersPastTheCapCountTogetherAsOther() {
        var counters = ExportCounters(caps: MetricLabelCaps(tenants: 10, models: 10, otherLabels: 1))
        for provider in ["openai", "anthropic", "mistral", "openai"] {
            counters.recordAIRequest(AIRequest(provider: provider, model: "m"), tenant: acme)
        }
        #expect(counters.aiRequests().map { "\($0.provider)=\($0.requests)" } == ["openai=2", "other=2"])
        #expect(counters.foldedEvents()[.provider] == 2)
    }

    @Test func tenantsFoldWhereTheEngineFoldsThemAndAreCounted() {
        var engine = Engine(configuration: EngineConfiguration(maxSeriesPerSLO: 2))
        engine.apply(["a", "b", "c", "d", "a"].map { aiRequest(tenant: $0) }, receivedAt: t)
        let export = engine.metrics(now: t)
        #expect(export.aiRequests.map { "\($0.tenant)=\($0.requests)" } == ["a=2", "b=1", "other=2"])
        #expect(export.foldedEvents[.tenant] == 2)
        #expect(export.tenants == 3)
        #expect(export.caps.limit(for: .tenant) == 2 && export.caps.limit(for: .provider) == 64)
    }

    @Test func modelLabelsNameTheSameModelsAsThePerModelSLOSeries() {
        var engine = Engine(configuration: EngineConfiguration(maxSeriesPerSLO: 2))
        engine.apply(["m1", "m2", "m3", "m1", "m4"].map { aiRequest(model: $0) }, receivedAt: t)
        let export = engine.metrics(now: t)
        let exported = Set(export.aiRequests.map(\.model))
        let slo = export.slos.first { $0.name == "ai_request_success" }
        let sloModels = Set((slo?.series ?? []).compactMap { s -> String? in
            if case .model(let m) = s.series { return m }
            return nil
        })
        #expect(exported == ["m1", "m2", "other"])
        #expect(exported == sloModels)
        #expect(export.foldedEvents[.model] == 2)
    }

    @Test func aFullFamilyCountsNewCombinationsInOneAllOtherSeries() {
        var counters = ExportCounters(caps: MetricLabelCaps(tenants: 10, models: 10, otherLabels: 10, seriesPerFamily: 2))
        counters.recordMessageSent(channel: "whatsapp", messageType: "outbound", tenant: acme)
        counters.recordMessageSent(channel: "email", messageType: "outbound", tenant: acme)
        counters.recordMessageSent(channel: "sms", messageType: "outbound", tenant: acme)
        counters.recordMessageSent(channel: "sms", messageType: "inbound", tenant: zeta)
        counters.recordMessageSent(channel: "whatsapp", messageType: "outbound", tenant: acme)
        let rows = counters.messagesSent().map { "\($0.channel)/\($0.messageType)/\($0.tenant)=\($0.count)" }
        #expect(rows == ["email/outbound/acme=1", "other/other/other=2", "whatsapp/outbound/acme=2"])
        #expect(counters.foldedSeriesEvents()[.messagesSent] == 2)
        #expect(counters.foldedEvents()[.channel] == 0)   // the label caps were not reached
    }

    @Test func aFullFamilyKeepsTheSuccessLabelOfFoldedSeries() {
        var counters = ExportCounters(caps: MetricLabelCaps(tenants: 10, models: 10, seriesPerFamily: 1))
        counters.recordMessageProcessing(ms: 10, success: true, channel: "a", tenant: acme)
        counters.recordMessageProcessing(ms: 10, success: false, channel: "b", tenant: acme)
        counters.recordMessageProcessing(ms: 10, success: true, channel: "c", tenant: acme)
        let rows = counters.messageProcessing().map { "\($0.channel)/\($0.success)=\($0.latency.count)" }
        #expect(rows == ["a/true=1", "other/false=1", "other/true=1"])
    }
}
