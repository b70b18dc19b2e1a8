import FlowCore
import FlowWire
import Testing

/// Each reason code of EVENTS.md, with the field named in the detail.
@Suite struct RejectionTests {
    @Test(arguments: [
        #"{"type":"lead_created""#, "not json", "[1,2]", #""a string""#, "42", "null", "{", "}",
        #"{"type":"lead_created","lead_id":"L"}x"#, #"{"type":"sync"}{"type":"sync"}"#,
        #"{"type":"sync",}"#, #"{"type" "sync"}"#, #"{type:"sync"}"#, #"{'type':'sync'}"#,
        #"{"type":"sync","n":NaN}"#, #"{"type":"sync","n":Infinity}"#, #"{"type":"sync","n":01}"#,
        #"{"type":"sync","n":1.}"#, #"{"type":"sync","n":.5}"#, #"{"type":"sync","n":+1}"#,
        #"{"type":"sync","n":-}"#, #"{"type":"sync","n":1e}"#, #"{"type":"sync","n":tru}"#,
        #"{"type":"sync","a":[1,]}"#, #"{"type":"sync","a":[1 2]}"#, #"{"type":"sync","o":{"k"}}"#,
        "{\"type\":\"sync\"}\u{0}", "{\"type\":\"sy\tnc\"}", "\u{FEFF}{\"type\":\"sync\"}",
    ])
    func malformedJSONIsInvalidJSON(line: String) {
        #expect(reason(line) == .invalidJSON)
    }

    @Test func invalidJSONDetailSaysWhatAndWhere() {
        #expect(rejection(#"{"type":"sync"} x"#)?.detail == "unexpected data after the object at byte 16")
    }

    @Test func missingTypeIsMissingField() {
        #expect(rejection(#"{"lead_id":"L"}"#) == Rejection(.missingField, "type"))
        #expect(rejection(#"{"type":null}"#) == Rejection(.missingField, "type"))
    }

    @Test func nonStringTypeIsWrongType() {
        #expect(rejection(#"{"type":3}"#) == Rejection(.wrongType, "type"))
    }

    @Test func unknownTypeNamesTheType() {
        #expect(rejection(#"{"type":"lead_deleted"}"#) == Rejection(.unknownType, "lead_deleted"))
        #expect(rejection(#"{"type":"Lead_Created","lead_id":"L"}"#)?.reason == .unknownType)
    }

    @Test func unknownTypeDetailIsShortenedAndControlCharactersHidden() {
        let long = String(repeating: "x", count: 500)
        #expect(rejection(#"{"type":"\#(long)"}"#)?.detail == String(repeating: "x", count: 48) + "...")
        #expect(rejection(#"{"type":"a\nb"}"#)?.detail == "a?b")
    }

    @Test(arguments: [
        (#"{"type":"lead_created"}"#, "lead_id"),
        (#"{"type":"lead_stage","lead_id":"L"}"#, "stage"),
        (#"{"type":"lead_stage","stage":"won"}"#, "lead_id"),
        (#"{"type":"touchpoint","lead_id":"L"}"#, "channel"),
        (#"{"type":"ai_response_latency","model":"m"}"#, "latency_ms"),
        (#"{"type":"ai_request","model":"m"}"#, "provider"),
        (#"{"type":"ai_request","provider":"p"}"#, "model"),
        (#"{"type":"message_processing_latency"}"#, "latency_ms"),
        (#"{"type":"message_sent","message_type":"x"}"#, "channel"),
        (#"{"type":"sli","good":true}"#, "slo"),
        (#"{"type":"sli","slo":"login_success"}"#, "good or latency_ms"),
        (#"{"type":"lead_created","lead_id":null}"#, "lead_id"),
    ])
    func missingRequiredFieldIsMissingField(line: String, field: String) {
        #expect(rejection(line) == Rejection(.missingField, field))
    }

    @Test(arguments: [
        (#"{"type":"lead_created","lead_id":42}"#, "lead_id"),
        (#"{"type":"lead_created","lead_id":"L","source":["a"]}"#, "source"),
        (#"{"type":"lead_stage","lead_id":"L","stage":1}"#, "stage"),
        (#"{"type":"lead_stage","lead_id":"L","stage":"won","revenue":"4800"}"#, "revenue"),
        (#"{"type":"touchpoint","lead_id":"L","channel":"c","ai_assisted":"true"}"#, "ai_assisted"),
        (#"{"type":"touchpoint","lead_id":"L","channel":"c","ai_assisted":1}"#, "ai_assisted"),
        (#"{"type":"touchpoint","lead_id":"L","channel":{}}"#, "channel"),
        (#"{"type":"ai_response_latency","latency_ms":"840"}"#, "latency_ms"),
        (#"{"type":"ai_request","provider":"p","model":"m","tokens_input":1.5}"#, "tokens_input"),
        (#"{"type":"ai_request","provider":"p","model":"m","tokens_output":"12"}"#, "tokens_output"),
        (#"{"type":"ai_request","provider":"p","model":"m","success":"yes"}"#, "success"),
        (#"{"type":"message_processing_latency","latency_ms":1,"success":null,"channel":true}"#, "channel"),
        (#"{"type":"sli","slo":"login_success","good":"true"}"#, "good"),
        (#"{"type":"lead_created","lead_id":"L","tenant":7}"#, "tenant"),
        (#"{"type":"lead_created","lead_id":"L","ts":true}"#, "ts"),
    ])
    func valueOfAnotherJSONTypeIsWrongType(line: String, field: String) {
        #expect(rejection(line) == Rejection(.wrongType, field))
    }

    @Test(arguments: [
        (#"{"type":"lead_stage","lead_id":"L","stage":"won","revenue":-1}"#, "revenue"),
        (#"{"type":"touchpoint","lead_id":"L","channel":"c","cost":-0.01}"#, "cost"),
        (#"{"type":"ai_response_latency","latency_ms":-5}"#, "latency_ms"),
        (#"{"type":"ai_response_latency","latency_ms":1e999}"#, "latency_ms"),
        (#"{"type":"ai_response_latency","latency_ms":-1e999}"#, "latency_ms"),
        (#"{"type":"ai_request","provider":"p","model":"m","tokens_input":-1}"#, "tokens_input"),
        (#"{"type":"ai_request","provider":"p","model":"m","tokens_output":9223372036854775808}"#, "tokens_output"),
        (#"{"type":"ai_request","provider":"p","model":"m","tokens_output":1e19}"#, "tokens_output"),
        (#"{"type":"ai_request","provider":"p","model":"m","cost_usd":-0.5}"#, "cost_usd"),
        (#"{"type":"ai_request","provider":"p","model":"m","duration_seconds":-2}"#, "duration_seconds"),
        (#"{"type":"message_processing_latency","latency_ms":-1}"#, "latency_ms"),
        (#"{"type":"sli","slo":"checkout_latency","latency_ms":-1}"#, "latency_ms"),
        (#"{"type":"lead_stage","lead_id":"L","stage":"lead_created"}"#, "stage"),
        (#"{"type":"lead_stage","lead_id":"L","stage":"WON"}"#, "stage"),
        (#"{"type":"lead_stage","lead_id":"L","stage":"negotiation"}"#, "stage"),
        (#"{"type":"lead_created","lead_id":"L","tenant":""}"#, "tenant"),
    ])
    func valueOutsideItsRangeIsOutOfRange(line: String, field: String) {
        #expect(rejection(line) == Rejection(.outOfRange, field))
    }

    @Test func negativeZeroIsNotNegative() {
        #expect(body(#"{"type":"ai_response_latency","latency_ms":-0}"#) == .aiResponseLatency(latencyMs: 0, model: nil))
        #expect(body(#"{"type":"ai_request","provider":"p","model":"m","tokens_input":-0}"#)
            == .aiRequest(AIRequest(provider: "p", model: "m")))
    }

    @Test func sliForAnUnconfiguredSLOIsUnknownSLO() {
        #expect(rejection(#"{"type":"sli","slo":"nope","good":true}"#) == Rejection(.unknownSLO, "nope"))
        #expect(WireParser(knownSLOs: []).parse(#"{"type":"sli","slo":"login_success","good":true}"#, receivedAt: now)
            == .rejected(Rejection(.unknownSLO, "login_success")))
    }

    @Test func tsMoreThanTheSkewAheadIsTsInFuture() {
        #expect(rejection(#"{"type":"sync","ts":0}"#) == nil)
        let line = #"{"type":"message_sent","channel":"c","ts":"2026-11-24T10:20:02.001Z"}"#
        #expect(rejection(line) == Rejection(.tsInFuture, "ts"))
        #expect(rejection(line, receivedAt: now + 1) == nil)
        #expect(reason(#"{"type":"message_sent","channel":"c","ts":1795515602.001}"#) == .tsInFuture)
    }

    @Test func skewIsConfigurable() {
        let strict = WireParser(knownSLOs: [], maxFutureSkewMillis: 0)
        #expect(strict.parse(#"{"type":"message_sent","channel":"c","ts":1795515302.001}"#, receivedAt: now)
            == .rejected(Rejection(.tsInFuture, "ts")))
    }

    @Test func lateEventsInsideTheHorizonAreAccepted() {
        // 29 days before `now` for an SLO event, 179 for a lead event.
        let sloLate = now - 29 * 86_400_000
        #expect(event(#"{"type":"message_sent","channel":"c","ts":\#(sloLate / 1000)}"#)?.time == sloLate)
        let leadLate = now - 179 * 86_400_000
        #expect(event(#"{"type":"lead_created","lead_id":"L","ts":\#(leadLate / 1000)}"#)?.time == leadLate)
    }

    @Test func typeIsCheckedBeforeOtherFields() {
        #expect(reason(#"{"type":"bogus","ts":"x","tenant":""}"#) == .unknownType)
    }

    @Test func syntaxIsCheckedBeforeFields() {
        #expect(reason(#"{"type":"bogus","x":[}"#) == .invalidJSON)
    }
}
