import Foundation
import Testing

/// Every PromQL example in the docs parses: each ```promql block is split into queries
/// (a query starts at a line that is not indented; indented lines continue it; `#` starts
/// a comment) and handed to `promtool check rules` as recording rules. A reader copies
/// these into Grafana or a rules file, so a typo there costs someone an evening.
@Suite struct PrometheusDocQueriesTests {
    static let documents = ["docs/metrics.md", "docs/http-api.md", "docs/health.md", "README.md"]

    /// The queries of every ```promql block in `markdown`.
    static func queries(in markdown: String) -> [String] {
        var queries: [String] = []
        var inBlock = false
        var current: [String] = []
        func flush() {
            if !current.isEmpty { queries.append(current.joined(separator: "\n")) }
            current = []
        }
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if inBlock { flush() }
                inBlock = line == "```promql"
                continue
            }
            guard inBlock else { continue }
            let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard !code.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            if !code.hasPrefix(" ") { flush() }
            current.append(String(code))
        }
        return queries
    }

    @Test func theSplitterFindsEachQueryWithItsContinuationLines() {
        let markdown = """
            ```promql
            # a comment
            sum(rate(a_total[5m]))
              / sum(rate(b_total[5m]))
            c > 3   # trailing comment
            ```
            ```sh
            not promql
            ```
            """
        #expect(Self.queries(in: markdown) == ["sum(rate(a_total[5m]))\n  / sum(rate(b_total[5m]))", "c > 3   "])
    }

    @Test func everyPromQLExampleInTheDocsParses() throws {
        var rules = "groups:\n  - name: docs\n    rules:\n"
        var count = 0
        for document in Self.documents {
            let url = RepositoryRoot.url.appending(path: document)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for query in Self.queries(in: text) {
                count += 1
                let indented = query.split(separator: "\n").map { "          " + $0 }.joined(separator: "\n")
                rules += "      - record: docs:query_\(count)\n        expr: |\n\(indented)\n"
            }
        }
        #expect(count >= 5, "the docs have fewer PromQL examples than expected: \(count)")
        let file = FileManager.default.temporaryDirectory.appending(path: "flowtop-doc-queries-\(UUID().uuidString).yaml")
        try rules.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try Promtool.run(["check", "rules", file.path])
        #expect(result.status == 0, "\(result.output)\n\(rules)")
    }

    @Test func aBrokenQueryIsCaught() throws {
        // The check above must be able to fail: the docs' earlier `group_left (1 - x)` did.
        let rules = """
            groups:
              - name: docs
                rules:
                  - record: docs:broken
                    expr: a / on (slo) group_left (1 - b)

            """
        let file = FileManager.default.temporaryDirectory.appending(path: "flowtop-doc-broken-\(UUID().uuidString).yaml")
        try rules.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try Promtool.run(["check", "rules", file.path]).status != 0)
    }
}
