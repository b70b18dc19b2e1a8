import FlowCore
import FlowWire
import Testing

/// The example lines of EVENTS.md, verbatim: clients copy them, so they must all parse.
@Suite struct ProtocolExampleTests {
    static let examples = [
        #"{"type":"lead_created","lead_id":"L-1042","source":"whatsapp","tenant":"acme"}"#,
        #"{"type":"touchpoint","lead_id":"L-1042","channel":"whatsapp","touch_type":"whatsapp_message","feature_used":"ai_response_generation","ai_assisted":true,"cost":0.02,"tenant":"acme"}"#,
        #"{"type":"ai_response_latency","latency_ms":840,"model":"gpt-4o","tenant":"acme","ts":"2026-11-24T10:15:02Z"}"#,
        #"{"type":"ai_request","provider":"openai","model":"gpt-4o","scenario":"chat_completion","tokens_input":512,"tokens_output":128,"cost_usd":0.0041,"duration_seconds":0.84,"tenant":"acme"}"#,
        #"{"type":"message_processing_latency","latency_ms":95,"success":true,"channel":"whatsapp","tenant":"acme"}"#,
        #"{"type":"message_sent","channel":"whatsapp","message_type":"outbound","tenant":"acme"}"#,
        #"{"type":"lead_stage","lead_id":"L-1042","stage":"won","revenue":4800,"tenant":"acme"}"#,
    ]

    @Test(arguments: examples)
    func exampleLineIsAccepted(line: String) {
        #expect(event(line)?.tenant == "acme")
    }

    @Test func examplesDecodeToTheseEvents() {
        let expected: [EventBody] = [
            .leadCreated(leadID: "L-1042", source: "whatsapp"),
            .touchpoint(Touchpoint(leadID: "L-1042", channel: "whatsapp", touchType: "whatsapp_message",
                                   featureUsed: "ai_response_generation", aiAssisted: true, cost: 0.02)),
            .aiResponseLatency(latencyMs: 840, model: "gpt-4o"),
            .aiRequest(AIRequest(provider: "openai", model: "gpt-4o", scenario: "chat_completion", tokensInput: 512,
                                 tokensOutput: 128, costUSD: 0.0041, durationSeconds: 0.84, success: true)),
            .messageProcessingLatency(latencyMs: 95, success: true, channel: "whatsapp"),
            .messageSent(channel: "whatsapp", messageType: "outbound"),
            .leadStage(leadID: "L-1042", stage: .won, revenue: 4800),
        ]
        #expect(Self.examples.map(body) == expected)
    }

    @Test func exampleTimestampIsUsed() {
        #expect(event(Self.examples[2], receivedAt: now + 60_000)?.time == 1_795_515_302_000)
    }

    @Test func syncAckExampleIsValidJSONButNotAnEventType() {
        let ack = #"{"type":"sync_ack","accepted":1200,"rejected":3,"durable":true,"errors":[{"line":17,"reason":"missing_field","detail":"lead_id"}]}"#
        #expect(reason(ack) == .unknownType)
    }
}
