import FlowCore
import FlowNotify
import Testing

@Suite struct OutboundMessageTests {
    @Test func requestsCompareByEveryPart() {
        let a = OutboundHTTPRequest(url: "http://127.0.0.1:9093/api/v2/alerts", body: Array("[]".utf8))
        var b = a
        #expect(a == b)
        b.headers.append(("Authorization", "Bearer x"))
        #expect(a != b)
    }
}
