import FlowCore
import FlowWire
import Testing

/// Issue 12: values that are valid JSON but that the engine cannot keep, or that would
/// overflow its sums, are rejected with a reason code instead of acknowledged.
@Suite("hostile values")
struct HostileValueTests {
    @Test(arguments: [
        (#"{"type":"ai_request","provider":"p","model":"m","tokens_input":9223372036854775807}"#, "tokens_input"),
        (#"{"type":"ai_request","provider":"p","model":"m","tokens_input":5e18}"#, "tokens_input"),
        (#"{"type":"ai_request","provider":"p","model":"m","tokens_output":1000000001}"#, "tokens_output"),
        (#"{"type":"ai_request","provider":"p","model":"m","cost_usd":1000000.01}"#, "cost_usd"),
        (#"{"type":"ai_request","provider":"p","model":"m","duration_seconds":86401}"#, "duration_seconds"),
        (#"{"type":"lead_stage","lead_id":"L","stage":"won","revenue":1e308}"#, "revenue"),
        (#"{"type":"lead_stage","lead_id":"L","stage":"won","revenue":1000000000001}"#, "revenue"),
        (#"{"type":"touchpoint","lead_id":"L","channel":"c","cost":1e9}"#, "cost"),
        (#"{"type":"ai_response_latency","latency_ms":86400001}"#, "latency_ms"),
        (#"{"type":"message_processing_latency","latency_ms":1e300}"#, "latency_ms"),
        (#"{"type":"sli","slo":"checkout_latency","latency_ms":1e20}"#, "latency_ms"),
    ])
    func valuesAboveTheirDocumentedRangeAreOutOfRange(line: String, field: String) {
        #expect(rejection(line) == Rejection(.outOfRange, field))
    }

    @Test func valuesAtTheirDocumentedMaximumAreAccepted() {
        #expect(body(#"{"type":"ai_request","provider":"p","model":"m","tokens_input":1000000000,"tokens_output":1e9,"cost_usd":1e6,"duration_seconds":86400}"#)
            == .aiRequest(AIRequest(provider: "p", model: "m", tokensInput: 1_000_000_000, tokensOutput: 1_000_000_000,
                                    costUSD: 1_000_000, durationSeconds: 86_400)))
        #expect(body(#"{"type":"lead_stage","lead_id":"L","stage":"won","revenue":1e12}"#)
            == .leadStage(leadID: "L", stage: .won, revenue: 1e12))
        #expect(body(#"{"type":"ai_response_latency","latency_ms":86400000}"#)
            == .aiResponseLatency(latencyMs: 86_400_000, model: nil))
    }

    /// Accepted, then counted nowhere: the attack of issue 12 (item 6).
    @Test(arguments: [
        #"{"type":"ai_request","provider":"p","model":"m","ts":0}"#,
        #"{"type":"ai_request","provider":"p","model":"m","ts":-1}"#,
        #"{"type":"ai_request","provider":"p","model":"m","ts":"0000-01-01T00:00:00Z"}"#,
        #"{"type":"ai_response_latency","latency_ms":5,"ts":"2026-10-24T10:15:01Z"}"#,   // 31 days before `now`
        #"{"type":"message_sent","channel":"c","ts":"2020-01-01T00:00:00Z"}"#,
        #"{"type":"lead_created","lead_id":"L","ts":"2026-05-27T10:15:01Z"}"#,   // 181 days before `now`
        #"{"type":"touchpoint","lead_id":"L","channel":"c","ts":0}"#,
    ])
    func eventsOlderThanTheEngineKeepsAreTsTooOld(line: String) {
        #expect(rejection(line) == Rejection(.tsTooOld, "ts"))
    }

    @Test func syncIsNeverTooOld() {
        #expect(rejection(#"{"type":"sync","ts":0}"#) == nil)
    }

    @Test func theHorizonFollowsTheEngineConfiguration() {
        var configuration = EngineConfiguration(slos: [SLODefinition.builtIn[0]], leadRetentionDays: 0)
        configuration.slos[0].window = .rolling(days: 90)
        let parser = WireParser(knownSLOs: [], horizon: EventHorizon(configuration: configuration))
        let sixtyDays = now - 60 * 86_400_000
        let line = #"{"type":"ai_response_latency","latency_ms":5,"ts":\#(sixtyDays / 1000)}"#
        #expect(parser.parse(line, receivedAt: now) != .rejected(Rejection(.tsTooOld, "ts")))
        // Leads kept until the cap evicts them: ten years back is still kept.
        let nineYears = now - 9 * 365 * 86_400_000
        #expect(parser.parse(#"{"type":"lead_created","lead_id":"L","ts":\#(nineYears / 1000)}"#, receivedAt: now)
            != .rejected(Rejection(.tsTooOld, "ts")))
    }

    @Test func theHorizonCannotOverflowAtTheEdgesOfTime() {
        let horizon = EventHorizon()
        #expect(horizon.rejection(time: .min, isLeadEvent: false, now: .min)?.reason == nil)
        #expect(horizon.rejection(time: .max, isLeadEvent: false, now: .max) == nil)
        #expect(horizon.rejection(time: .min, isLeadEvent: true, now: .max)?.reason == .tsTooOld)
        #expect(horizon.rejection(time: .max, isLeadEvent: true, now: .min)?.reason == .tsInFuture)
    }
}
