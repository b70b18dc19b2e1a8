import Foundation
import Testing

@testable import FlowHTTP
@testable import FlowHTTP

/// The OpenAPI document lists exactly the routes the server registers, each with its
/// parameters' types, allowed values and ranges, and the responses it can give.
@Suite("HTTP API: OpenAPI document")
struct OpenAPIDocumentTests {
    static func served() async throws -> [String: Any] {
        let reply = try await APIServerHarness.withServer { client in
            try await client.get("/api/analytics/openapi.json")
        }
        #expect(reply.status == 200 && reply.contentType == "application/json; charset=utf-8")
        return try reply.json()
    }

    static func operations(_ document: [String: Any]) throws -> [String: [String: Any]] {
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        return try paths.mapValues { try #require($0["get"] as? [String: Any]) }
    }

    @Test func everyRegisteredRouteIsDocumentedAndEveryDocumentedOneRegistered() async throws {
        let document = try await Self.served()
        #expect(document["openapi"] as? String == "3.1.0")
        let documented = Set(try Self.operations(document).keys)
        let routes = AnalyticsRouter.build(source: FailingSource(), token: nil, logger: APIServerHarness.logger)
        #expect(Set(routes.paths) == documented)
        #expect(routes.paths.count == documented.count)
        // The sixteen of the original guide, /metrics and the document itself.
        #expect(documented.count == 18)
        for path in ["/slo/status", "/slo/{slo_name}", "/slo/report/json", "/slo/report/markdown", "/metrics/prometheus",
                     "/health/check", "/health/kubernetes/{probe_type}", "/alerts/active", "/alerts/stats",
                     "/funnel/snapshot", "/funnel/visualization", "/funnel/dropoff", "/attribution/report",
                     "/attribution/channels", "/attribution/features", "/attribution/ai-roi"] {
            #expect(documented.contains("/api/analytics" + path), "\(path)")
        }
        #expect(documented.contains("/metrics"))
    }

    /// Every documented path answers (not 404) once its path parameters are filled in,
    /// and the paths the other tests walk cover every documented one.
    @Test func everyDocumentedPathIsServed() async throws {
        let templates = Set(try Self.operations(try await Self.served()).keys)
        let walked = Set(ParameterAndRoutingTests.paths.compactMap { ParameterAndRoutingTests.template(of: $0, in: templates) })
        #expect(walked == templates)
        try await APIServerHarness.withServer { client in
            for path in ParameterAndRoutingTests.paths {
                let reply = try await client.get(path)
                // The health endpoints answer 503 when unhealthy; the others must succeed.
                #expect(reply.status == 200 || (path.contains("/health/") && reply.status == 503), "\(path): \(reply.body)")
            }
        }
    }

    @Test func parametersCarryTypesAllowedValuesAndRanges() async throws {
        let operations = try Self.operations(try await Self.served())
        for (path, operation) in operations {
            let parameters = operation["parameters"] as? [[String: Any]] ?? []
            let names = parameters.compactMap { $0["name"] as? String }
            #expect(path.hasSuffix("openapi.json") || names.contains("tenant"), "\(path) lacks tenant")
            for parameter in parameters {
                let schema = try #require(parameter["schema"] as? [String: Any])
                #expect(schema["type"] is String, "\(path) \(names)")
                #expect((parameter["in"] as? String == "path") == (parameter["required"] as? Bool == true))
            }
            #expect((operation["responses"] as? [String: Any])?["200"] != nil, "\(path)")
        }
        let funnel = try #require(operations["/api/analytics/funnel/snapshot"]?["parameters"] as? [[String: Any]])
        let days = try #require(funnel.first { $0["name"] as? String == "period_days" }?["schema"] as? [String: Any])
        #expect(days["type"] as? String == "integer" && days["minimum"] as? Int == 1 && days["maximum"] as? Int == 3650)
        #expect(days["default"] as? Int == 30)
        let attribution = try #require(operations["/api/analytics/attribution/report"]?["parameters"] as? [[String: Any]])
        let model = try #require(attribution.first { $0["name"] as? String == "model" }?["schema"] as? [String: Any])
        #expect(model["enum"] as? [String] == ["first_touch", "last_touch", "linear", "position_based", "w_shaped",
                                               "time_decay", "markov", "shapley"])
        let probe = try #require(operations["/api/analytics/health/kubernetes/{probe_type}"])
        #expect((probe["security"] as? [Any])?.isEmpty == true)
        #expect((probe["responses"] as? [String: Any])?["401"] == nil)
        #expect((operations["/api/analytics/slo/status"]?["responses"] as? [String: Any])?["401"] != nil)
        #expect((operations["/api/analytics/slo/{slo_name}"]?["responses"] as? [String: Any])?["404"] != nil)
    }

    /// Whatever goes wrong inside, the client gets a bare 500 in JSON: no error text, no
    /// stack, nothing of the cause.
    @Test func anInternalErrorIsABare500() async throws {
        try await APIServerHarness.withServer(source: FailingSource()) { client in
            for path in ["/api/analytics/slo/status", "/metrics", "/api/analytics/attribution/ai-roi"] {
                let reply = try await client.get(path)
                #expect(reply.status == 500, "\(path)")
                #expect(reply.body == #"{"error":"internal error; the server's log says more"}"# + "\n")
            }
            #expect(try await client.get("/api/analytics/openapi.json").status == 200)
        }
    }
}
