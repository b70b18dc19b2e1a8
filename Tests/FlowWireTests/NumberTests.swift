import FlowCore
import FlowWire
import Testing

/// Number values: correctly rounded, finite, and never a trap however long or large.
@Suite struct NumberTests {
    func latency(_ literal: String) -> Double? {
        if case .aiResponseLatency(let ms, _) = body(#"{"type":"ai_response_latency","latency_ms":\#(literal)}"#) {
            return ms
        }
        return nil
    }

    @Test(arguments: [
        "0", "1", "840", "0.5", "0.0041", "0.84", "1e3", "1E3", "1e+3", "2.5e-3", "123456789.125",
        "9007199254740993", "1.7976931348623157e308", "4.9e-324", "0.1", "0.30000000000000004",
        "12345678901234567890123", "3.14159265358979323846264338327950288",
        "0.000000000000000000000000000001", "1e-400", "100000000000000000000000000000",
        "86399999.99999999", "12345678.9012345678901234", "8.64e7",
    ])
    func decodesLikeTheStandardLibrary(literal: String) throws {
        let expected = try #require(Double(literal))
        // Above a day, latency_ms is out of its documented range (EventLimits): decoded
        // right all the same, then refused.
        if expected <= EventLimits.maxLatencyMs {
            #expect(latency(literal) == expected)
        } else {
            #expect(reason(#"{"type":"ai_response_latency","latency_ms":\#(literal)}"#) == .outOfRange)
        }
    }

    @Test func hugeExponentsAreOutOfRangeNotATrap() {
        #expect(reason(#"{"type":"ai_response_latency","latency_ms":1e99999999999999999999999}"#) == .outOfRange)
        #expect(latency("1e-99999999999999999999999") == 0)
        #expect(latency("0." + String(repeating: "0", count: 5000) + "1") == 0)
        #expect(latency(String(repeating: "9", count: 400)) == nil)
    }

    @Test func longIntegerTokenCountsDoNotTrap() {
        let line = #"{"type":"ai_request","provider":"p","model":"m","tokens_input":\#(String(repeating: "9", count: 100))}"#
        #expect(rejection(line) == Rejection(.outOfRange, "tokens_input"))
    }
}
