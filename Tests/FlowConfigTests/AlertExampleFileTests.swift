import FlowConfig
import FlowCore
import Foundation
import Testing

/// docs/examples/rules.yaml and silences.yaml load, and say what their comments say.
@Suite struct AlertExampleFileTests {
    static func example(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("docs/examples/\(name)").path
    }

    @Test func theExampleRulesAreTheFourTheIssueNames() throws {
        let rules = try RulesFile.load(path: Self.example("rules.yaml"))
        #expect(rules.map(\.expression) == [
            "ai_cost_per_hour > 50.0", "ingest_silence_seconds > 300.0", "rejected_ratio > 0.05",
            "message_processing_p99_ms > 1000.0",
        ])
        #expect(rules.map(\.name) == ["AICostHigh", "IngestSilent", "RejectedEventsHigh", "MessageProcessingSlow"])
        #expect(rules.map(\.forMillis) == [600_000, 0, 300_000, 600_000])
        #expect(rules.map(\.keepFiringForMillis) == [900_000, 0, 600_000, 300_000])
        #expect(rules.map { $0.labels["severity"] } == ["ticket", "page", "ticket", "ticket"])
        #expect(rules.allSatisfy { $0.annotations["summary"] != nil && $0.annotations["runbook_url"] != nil })
        #expect(rules[0].annotations["summary"] == "AI spend above $50 an hour")
    }

    @Test func theExampleSilencesAreADeployWindowAndARelativeOne() throws {
        let silences = try SilencesFile.load(path: Self.example("silences.yaml"), now: loadTime)
        #expect(silences == [
            Silence(id: "", matchers: [LabelMatcher("slo", .equal, "ai_request_success"),
                                       LabelMatcher("severity", .regex, "page|ticket")],
                    start: loadTime + hourMillis, end: loadTime + 3 * hourMillis, author: "alice",
                    comment: "deploy window for the AI assistant v2 rollout"),
            Silence(id: "", matchers: [LabelMatcher("alertname", .equal, "IngestSilent")],
                    start: loadTime, end: loadTime + 2 * hourMillis, author: "bob",
                    comment: "collector host being rebuilt; events paused"),
        ])
    }

    /// Every error example in docs/alert-files.md is what flowtop prints for the file
    /// shown above it.
    @Test func theDocumentedErrorsAreTheRealOnes() throws {
        let page = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/alert-files.md"), encoding: .utf8)
        let examples = page.components(separatedBy: "<!-- error example: ").dropFirst()
        try #require(examples.count >= 4)
        for example in examples {
            let kind = String(example.prefix { $0 != " " })
            let blocks = example.components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            try #require(blocks.count >= 2)
            let yaml = String(blocks[0].drop { $0 != "\n" }.dropFirst())
            let expected = blocks[1].trimmingCharacters(in: .whitespacesAndNewlines)
            do throws(SLOFileError) {
                if kind == "rules" {
                    _ = try RulesFile.parse(yaml, file: "rules.yaml")
                } else {
                    _ = try SilencesFile.parse(yaml, file: "silences.yaml", now: loadTime)
                }
                Issue.record("the \(kind) example parsed; expected \(expected)")
            } catch {
                #expect(error.description == expected)
            }
        }
    }
}
