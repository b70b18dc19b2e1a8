import FlowCore
import FlowHTTP
import FlowTestKit
import Testing

/// The exposition says what the engine counted, in the 0.0.4 text format, the same way
/// every time.
@Suite struct PrometheusExpositionTests {
    let fixture = PrometheusFixture.shared

    @Test func engineHealthFamiliesCarryTheIntakeAndTheContext() throws {
        let parsed = try PrometheusText(fixture.text)
        let export = fixture.export
        #expect(parsed.value("flowtop_events_accepted_total") == Double(export.ingest.eventsTotal))
        #expect(parsed.value("flowtop_events_rejected_total", ["reason": "missing_field"]) == 2)
        #expect(parsed.value("flowtop_events_rejected_total", ["reason": "invalid_json"]) == 1)
        #expect(parsed.samples("flowtop_events_rejected_total").count == RejectReason.allCases.count)
        #expect(parsed.value("flowtop_ingest_connections") == 3)
        #expect(parsed.value("flowtop_last_event_age_seconds") == 0.5)
        #expect(parsed.value("flowtop_ingest_lag_seconds") == 1)   // the newest event is 1 s old
        #expect(parsed.value("flowtop_process_start_time_seconds") == Double(PrometheusFixture.start - 90_500) / 1000)
        #expect(parsed.value("flowtop_notifier_deliveries_total", ["notifier": "slack-oncall", "result": "failed"]) == 1)
        #expect(parsed.value("flowtop_notifier_deliveries_total", ["notifier": "alertmanager", "result": "sent"]) == 9)
        #expect(parsed.value("flowtop_notifier_queued", ["notifier": "slack-oncall"]) == 2)
        #expect(parsed.value("flowtop_notifier_retries_total", ["notifier": "slack-oncall"]) == 4)
        #expect(parsed.value("flowtop_tenants") == 2)
        #expect(parsed.value("flowtop_label_cap", ["label": "tenant"]) == 1000)
    }

    @Test func trackingCountersAreReadBackWithTheirLabels() throws {
        let parsed = try PrometheusText(fixture.text)
        #expect(parsed.value("flowtop_leads_created_total", ["source": "whatsapp", "tenant": "acme"]) == 1)
        #expect(parsed.samples("flowtop_leads_created_total").map(\.value).reduce(0, +) == 3)
        let claude = ["provider": "anthropic", "model": "claude", "scenario": "lead_scoring", "tenant": "acme",
                      "success": "true"]
        #expect(parsed.value("flowtop_ai_requests_total", claude) == 1)
        #expect(parsed.value("flowtop_ai_tokens_total", claude.merging(["direction": "input"]) { a, _ in a }) == 512)
        #expect(parsed.value("flowtop_ai_tokens_total", claude.merging(["direction": "output"]) { a, _ in a }) == 128)
        #expect(parsed.value("flowtop_ai_cost_usd_total", claude) == 0.0041)
        #expect(parsed.value("flowtop_ai_request_duration_seconds_bucket", claude.merging(["le": "1"]) { a, _ in a }) == 1)
        #expect(parsed.value("flowtop_ai_request_duration_seconds_bucket", claude.merging(["le": "0.5"]) { a, _ in a }) == 0)
        let failedOpenAI = ["provider": "openai", "model": "gpt-4o", "tenant": "acme", "success": "false"]
        #expect(parsed.value("flowtop_ai_requests_total", failedOpenAI) == 20)   // no scenario: no label
        #expect(parsed.value("flowtop_messages_sent_total",
                             ["channel": "email", "message_type": "outbound", "tenant": "zeta"]) == 1)
    }

    @Test func histogramsAreCumulativeAndEndInInfEqualToTheirCount() throws {
        let parsed = try PrometheusText(fixture.text)
        for family in ["flowtop_ai_response_latency_seconds", "flowtop_message_processing_latency_seconds",
                       "flowtop_ai_request_duration_seconds"] {
            #expect(parsed.types[family] == "histogram")
            let counts = parsed.samples(family + "_count")
            #expect(!counts.isEmpty)
            for count in counts {
                let buckets = parsed.samples(family + "_bucket").filter { $0.labels.filter { $0.key != "le" } == count.labels }
                #expect(buckets.last?.labels["le"] == "+Inf" && buckets.last?.value == count.value)
                #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0.value <= $1.value }, "\(family) \(count.labels)")
                #expect(parsed.value(family + "_sum", count.labels) != nil)
            }
        }
        let ok = ["channel": "whatsapp", "tenant": "acme", "success": "true"]
        #expect(parsed.value("flowtop_message_processing_latency_seconds_count", ok) == 195)
        // 20 + 4i ms for i < 200, failures (every 40th) aside: 20, 24, ... 100 ms are <= 0.1 s.
        #expect(parsed.value("flowtop_message_processing_latency_seconds_bucket", ok.merging(["le": "0.1"]) { a, _ in a }) == 20)
    }

    @Test func labelValuesAreEscapedAndReadBackUnchanged() throws {
        let tenant = "quote\" back\\slash\nnewline"
        let fixture = PrometheusFixture(events: [EventBuilder.messageSent(channel: "sms", tenant: tenant,
                                                                          at: PrometheusFixture.now - 100)])
        let text = fixture.text
        #expect(text.contains(#"tenant="quote\" back\\slash\nnewline""#))
        let parsed = try PrometheusText(text)
        #expect(parsed.value("flowtop_messages_sent_total", ["channel": "sms", "message_type": "outbound", "tenant": tenant]) == 1)
    }

    @Test func everyFamilyHasOneHelpAndTypeBeforeItsOwnContiguousSamples() throws {
        let parsed = try PrometheusText(fixture.text)
        #expect(Set(parsed.helps.keys) == Set(parsed.types.keys))
        var seen: [String] = []
        for sample in parsed.samples {
            let family = parsed.family(of: sample)
            #expect(parsed.types[family] != nil, "\(sample.name) has no TYPE")
            if seen.last != family {
                #expect(!seen.contains(family), "\(family) is split")
                seen.append(family)
            }
        }
        #expect(seen == parsed.familyOrder)
        let keys = parsed.samples.map { "\($0.name)\($0.labels.sorted { $0.key < $1.key })" }
        #expect(Set(keys).count == keys.count, "a series appears twice")
        for (family, type) in parsed.types where type == "counter" {
            #expect(family.hasSuffix("_total"), "\(family)")
        }
    }

    @Test func theSameCountsGiveTheSameTextWhateverTheOrderOfArrival() {
        let now = PrometheusFixture.now
        let events = ["zeta", "acme", "mid"].flatMap { tenant in
            ["sms", "email"].map { EventBuilder.messageSent(channel: $0, tenant: tenant, at: now - 1_000) }
        }
        var a = Engine(), b = Engine()
        a.apply(events, receivedAt: now)
        b.apply(events.reversed(), receivedAt: now)
        let context = ExpositionContext(startedAt: now)
        #expect(PrometheusExposition.text(a.metrics(now: now), context: context)
            == PrometheusExposition.text(b.metrics(now: now), context: context))
    }

    @Test func theHostRendersItsEngineAtItsClock() throws {
        let clock = ManualClock(at: PrometheusFixture.now)
        let host = EngineHost(engine: fixture.engine, clock: clock)
        let text = PrometheusExposition.text(host: host, context: fixture.context)
        #expect(text == fixture.text)
        #expect(PrometheusExposition.contentType == "text/plain; version=0.0.4; charset=utf-8")
    }

    @Test func anEngineWithoutEventsLeavesOutWhatItCannotKnow() throws {
        let parsed = try PrometheusText(PrometheusExposition.text(Engine().metrics(now: PrometheusFixture.now),
                                                                  context: ExpositionContext(startedAt: 0)))
        #expect(parsed.value("flowtop_events_accepted_total") == 0)
        #expect(parsed.types["flowtop_last_event_age_seconds"] == nil)
        #expect(parsed.types["flowtop_leads_created_total"] == nil)
        #expect(parsed.samples("flowtop_slo_burn_rate").isEmpty)
        #expect(parsed.value("flowtop_slo_window_events", ["slo": "ai_request_success", "series": "total", "window": "5m"]) == 0)
    }
}

/// remote_write sends `PrometheusExposition.samples`: it must be the scrape, line for line.
@Suite struct ExpositionSamplesTests {
    let fixture = PrometheusFixture.shared

    @Test func samplesAreTheScrapesLinesWithTheirLabelsAndValues() throws {
        let parsed = try PrometheusText(fixture.text).samples
        let samples = PrometheusExposition.samples(fixture.export, context: fixture.context)
        #expect(samples.count == parsed.count)
        for (line, sample) in zip(parsed, samples) {
            #expect(sample.name == line.name)
            #expect(Dictionary(uniqueKeysWithValues: sample.labels.map { ($0.name, $0.value) }) == line.labels)
            #expect(sample.value == line.value || (sample.value.isNaN && line.value.isNaN))
        }
    }
}
