import Foundation

/// A small, known workload: two tenants, leads through the funnel, touchpoints, won
/// revenue, SLO events, and two bad lines (unknown type, missing lead_id).
enum Fixtures {
    static let base: Int64 = 1_764_000_000  // 2025-11-24T16:00:00Z

    static func events(at base: Int64 = Fixtures.base) -> String {
        var lines: [String] = []
        func ts(_ offset: Int64) -> String { "\"ts\":\(base + offset)" }
        for i in 1...10 {
            let tenant = i % 2 == 0 ? "acme" : "globex"
            lines.append(#"{"type":"lead_created","lead_id":"L-\#(i)","source":"whatsapp","tenant":"\#(tenant)",\#(ts(Int64(i)))}"#)
            lines.append(#"{"type":"touchpoint","lead_id":"L-\#(i)","channel":"whatsapp","ai_assisted":true,"cost":0.5,"tenant":"\#(tenant)",\#(ts(Int64(i) + 20))}"#)
        }
        for i in 1...6 {
            lines.append(#"{"type":"lead_stage","lead_id":"L-\#(i)","stage":"contacted","tenant":"\#(i % 2 == 0 ? "acme" : "globex")",\#(ts(Int64(i) + 40))}"#)
        }
        lines.append(#"{"type":"touchpoint","lead_id":"L-2","channel":"email","cost":1,"tenant":"acme",\#(ts(50))}"#)
        lines.append(#"{"type":"lead_stage","lead_id":"L-2","stage":"won","revenue":4800,"tenant":"acme",\#(ts(60))}"#)
        for i in 0..<20 {
            lines.append(#"{"type":"ai_request","provider":"openai","model":"gpt-4o","success":\#(i < 19),"cost_usd":0.01,"tenant":"acme",\#(ts(Int64(i) + 30))}"#)
            lines.append(#"{"type":"ai_response_latency","latency_ms":\#(500 + i * 10),"model":"gpt-4o","tenant":"acme",\#(ts(Int64(i) + 30))}"#)
            lines.append(#"{"type":"message_processing_latency","latency_ms":90,"channel":"whatsapp","tenant":"globex",\#(ts(Int64(i) + 30))}"#)
        }
        lines.append(#"{"type":"no_such_type","tenant":"acme"}"#)
        lines.append(#"{"type":"lead_created","source":"website"}"#)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Lines in `events()`: 10 created + 10 touches + 6 contacted + 2 + 60 SLO events, plus 2 bad.
    static let acceptedCount = 88
    static let rejectedCount = 2

    static func write(_ text: String, in dir: String, name: String = "events.ndjson") throws -> String {
        let path = dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
