import FlowCore
import FlowWire
import Testing

/// Every event type of EVENTS.md, once with every field and once with only the required
/// ones, so each default is pinned down.
@Suite struct EventTypeTests {
    @Test func leadCreatedWithAllFields() {
        let e = event(#"{"type":"lead_created","lead_id":"L-1","source":"whatsapp","tenant":"acme","ts":1795515300}"#)
        #expect(e == Event(time: 1_795_515_300_000, tenant: "acme", body: .leadCreated(leadID: "L-1", source: "whatsapp")))
    }

    @Test func leadCreatedDefaultsSourceTenantAndTime() {
        let e = event(#"{"type":"lead_created","lead_id":"L-1"}"#)
        #expect(e == Event(time: now, tenant: "default", body: .leadCreated(leadID: "L-1", source: "unknown")))
    }

    @Test func leadStageWithRevenue() {
        #expect(body(#"{"type":"lead_stage","lead_id":"L-1","stage":"won","revenue":4800.5}"#)
            == .leadStage(leadID: "L-1", stage: .won, revenue: 4800.5))
    }

    @Test func leadStageRevenueDefaultsToZero() {
        #expect(body(#"{"type":"lead_stage","lead_id":"L-1","stage":"qualified"}"#)
            == .leadStage(leadID: "L-1", stage: .qualified, revenue: 0))
    }

    @Test(arguments: [Stage.contacted, .qualified, .meeting, .proposal, .won, .lost])
    func everyWireStageIsAccepted(stage: Stage) {
        #expect(body(#"{"type":"lead_stage","lead_id":"L","stage":"\#(stage.name)"}"#)
            == .leadStage(leadID: "L", stage: stage, revenue: 0))
    }

    @Test func touchpointWithAllFields() {
        let line = #"{"type":"touchpoint","lead_id":"L-1","channel":"email","touch_type":"email","feature_used":"lead_scoring","ai_assisted":true,"cost":0.25}"#
        #expect(body(line) == .touchpoint(Touchpoint(
            leadID: "L-1", channel: "email", touchType: "email", featureUsed: "lead_scoring",
            aiAssisted: true, cost: 0.25)))
    }

    @Test func touchpointDefaults() {
        #expect(body(#"{"type":"touchpoint","lead_id":"L-1","channel":"call"}"#)
            == .touchpoint(Touchpoint(leadID: "L-1", channel: "call", touchType: nil, featureUsed: nil, aiAssisted: false, cost: 0)))
    }

    @Test func aiResponseLatencyWithAndWithoutModel() {
        #expect(body(#"{"type":"ai_response_latency","latency_ms":840,"model":"gpt-4o"}"#)
            == .aiResponseLatency(latencyMs: 840, model: "gpt-4o"))
        #expect(body(#"{"type":"ai_response_latency","latency_ms":0.5}"#)
            == .aiResponseLatency(latencyMs: 0.5, model: nil))
    }

    @Test func aiRequestWithAllFields() {
        let line = #"{"type":"ai_request","provider":"openai","model":"gpt-4o","scenario":"chat_completion","tokens_input":512,"tokens_output":128,"cost_usd":0.0041,"duration_seconds":0.84,"success":false}"#
        #expect(body(line) == .aiRequest(AIRequest(
            provider: "openai", model: "gpt-4o", scenario: "chat_completion", tokensInput: 512,
            tokensOutput: 128, costUSD: 0.0041, durationSeconds: 0.84, success: false)))
    }

    @Test func aiRequestDefaults() {
        #expect(body(#"{"type":"ai_request","provider":"anthropic","model":"claude"}"#)
            == .aiRequest(AIRequest(provider: "anthropic", model: "claude", scenario: nil, tokensInput: 0,
                                    tokensOutput: 0, costUSD: 0, durationSeconds: 0, success: true)))
    }

    @Test func tokenCountsMayBeWrittenAsWholeFloats() {
        let line = #"{"type":"ai_request","provider":"p","model":"m","tokens_input":512.0,"tokens_output":1.28e2}"#
        #expect(body(line) == .aiRequest(AIRequest(provider: "p", model: "m", tokensInput: 512, tokensOutput: 128)))
    }

    @Test func largestTokenCountFits() {
        let line = #"{"type":"ai_request","provider":"p","model":"m","tokens_input":1000000000}"#
        #expect(body(line) == .aiRequest(AIRequest(provider: "p", model: "m", tokensInput: EventLimits.maxTokens)))
        let over = #"{"type":"ai_request","provider":"p","model":"m","tokens_input":9223372036854775807}"#
        #expect(rejection(over) == Rejection(.outOfRange, "tokens_input"))
    }

    @Test func messageProcessingLatencyWithAllFields() {
        #expect(body(#"{"type":"message_processing_latency","latency_ms":95,"success":false,"channel":"sms"}"#)
            == .messageProcessingLatency(latencyMs: 95, success: false, channel: "sms"))
    }

    @Test func messageProcessingLatencyDefaults() {
        #expect(body(#"{"type":"message_processing_latency","latency_ms":95}"#)
            == .messageProcessingLatency(latencyMs: 95, success: true, channel: nil))
    }

    @Test func messageSentWithAndWithoutMessageType() {
        #expect(body(#"{"type":"message_sent","channel":"whatsapp","message_type":"inbound"}"#)
            == .messageSent(channel: "whatsapp", messageType: "inbound"))
        #expect(body(#"{"type":"message_sent","channel":"whatsapp"}"#)
            == .messageSent(channel: "whatsapp", messageType: "outbound"))
    }

    @Test func sliWithGoodOnlyLatencyOnlyAndBoth() {
        #expect(body(#"{"type":"sli","slo":"login_success","good":true}"#)
            == .sli(slo: "login_success", good: true, latencyMs: nil))
        #expect(body(#"{"type":"sli","slo":"checkout_latency","latency_ms":310}"#)
            == .sli(slo: "checkout_latency", good: nil, latencyMs: 310))
        #expect(body(#"{"type":"sli","slo":"checkout_latency","good":false,"latency_ms":3}"#)
            == .sli(slo: "checkout_latency", good: false, latencyMs: 3))
    }

    @Test func syncHasNoFields() {
        #expect(event(#"{"type":"sync"}"#) == Event(time: now, tenant: "default", body: .sync))
    }

    @Test func syncIgnoresEveryOtherFieldSoItIsAlwaysAcked() {
        #expect(body(#"{"type":"sync","ts":"garbage","tenant":"","x":[1,{"y":null}]}"#) == .sync)
    }

    @Test func nullMeansAbsent() {
        #expect(body(#"{"type":"lead_created","lead_id":"L","source":null,"tenant":null,"ts":null}"#)
            == .leadCreated(leadID: "L", source: "unknown"))
        #expect(event(#"{"type":"lead_created","lead_id":"L","tenant":null}"#)?.tenant == "default")
    }

    @Test func unknownFieldsOfEveryJSONTypeAreIgnored() {
        let line = #"{"type":"message_sent","a":{"b":[1,2.5e-3,{"c":"d"}],"e":{}},"f":[],"g":null,"h":true,"channel":"x","i":-0.0}"#
        #expect(body(line) == .messageSent(channel: "x", messageType: "outbound"))
    }

    @Test func theLastOfDuplicateKeysWins() {
        #expect(body(#"{"type":"message_sent","channel":"a","channel":"b"}"#)
            == .messageSent(channel: "b", messageType: "outbound"))
        #expect(body(#"{"type":"nonsense","type":"message_sent","channel":"a"}"#)
            == .messageSent(channel: "a", messageType: "outbound"))
    }

    @Test func fieldOrderDoesNotMatter() {
        #expect(body(#"{"stage":"meeting","lead_id":"L","type":"lead_stage"}"#)
            == .leadStage(leadID: "L", stage: .meeting, revenue: 0))
    }

    @Test func whitespaceBetweenTokensIsAllowed() {
        #expect(body(" \t{ \"type\" : \"message_sent\" ,\t\"channel\" : \"x\" } \t")
            == .messageSent(channel: "x", messageType: "outbound"))
    }

    @Test func aTrailingCarriageReturnIsDropped() {
        #expect(body("{\"type\":\"message_sent\",\"channel\":\"x\"}\r")
            == .messageSent(channel: "x", messageType: "outbound"))
    }

    @Test(arguments: ["", " ", "\t", "\r", " \t \r", "\r\r"])
    func blankLinesAreNeitherAcceptedNorRejected(line: String) {
        #expect(parser.parse(line, receivedAt: now) == .blank)
    }
}
