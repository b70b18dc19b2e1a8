import FlowConfig
import FlowCore
import Foundation
import Testing

/// The shipped examples are real files: the one in docs/examples spells out the built-ins,
/// the one in docs/slo-files.md parses to what the page says.
@Suite struct ExampleFileTests {
    @Test func examplesFileIsExactlyTheBuiltInSLOs() throws {
        let path = repositoryRoot.appendingPathComponent("docs/examples/slos.yaml").path
        #expect(try SLOFile.load(path: path) == SLODefinition.builtIn)
    }

    @Test func theDocumentedCustomFileParsesToWhatThePageDescribes() throws {
        let page = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/slo-files.md"), encoding: .utf8)
        let marker = "<!-- example: custom-slos -->\n```yaml\n"
        let start = try #require(page.range(of: marker))
        let end = try #require(page.range(of: "```", range: start.upperBound..<page.endIndex))
        let slos = try parse(String(page[start.upperBound..<end.lowerBound]))

        try #require(slos.map(\.name) == ["checkout_latency", "lead_reply_success", "ai_request_success"])
        let checkout = slos[0]
        #expect(checkout.kind == .custom(thresholdMs: 800))
        #expect(checkout.objective == 0.995)
        #expect(checkout.window == .rolling(days: 28))
        #expect(checkout.displayName == "Checkout latency")
        #expect(checkout.minEvents == 50)
        #expect(checkout.tiers == [
            AlertTier(severity: .page, longWindow: .h1, shortWindow: .m5, factor: 13.44),
            AlertTier(severity: .ticket, longWindow: .d1, shortWindow: .h2, factor: 2.8),
            AlertTier(severity: .ticket, longWindow: .d3, shortWindow: .h6, factor: 1, enabled: false),
        ])
        #expect(slos[1].kind == .custom(thresholdMs: nil))
        #expect(slos[1].window == .calendarMonth)
        #expect(slos[2].objective == 0.9995)
        #expect(slos[2].kind == .aiRequestSuccess)
    }
}
