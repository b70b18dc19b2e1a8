import Foundation
import Testing

@testable import FlowHTTP
@testable import FlowHTTP

/// Bad parameters are 400s naming the parameter, unknown paths 404s, other methods 405s,
/// all as JSON; unknown parameters are ignored as FastAPI ignores them.
@Suite("HTTP API: parameters and routing")
struct ParameterAndRoutingTests {
    /// Every path with its path parameters filled in (`OpenAPIDocumentTests` checks that
    /// no documented path is missing).
    static let paths = [
        "/api/analytics/slo/status", "/api/analytics/slo/ai_request_success", "/api/analytics/slo/report/json",
        "/api/analytics/slo/report/markdown", "/api/analytics/metrics/prometheus", "/metrics", "/api/analytics/health/check",
        "/api/analytics/health/kubernetes/liveness", "/api/analytics/health/kubernetes/readiness",
        "/api/analytics/health/kubernetes/startup", "/api/analytics/alerts/active", "/api/analytics/alerts/stats",
        "/api/analytics/funnel/snapshot", "/api/analytics/funnel/visualization", "/api/analytics/funnel/dropoff",
        "/api/analytics/attribution/report", "/api/analytics/attribution/channels", "/api/analytics/attribution/features",
        "/api/analytics/attribution/ai-roi", "/api/analytics/openapi.json",
    ]

    /// Values each query parameter must refuse.
    static let badValues: [String: [String]] = [
        "tenant": ["", String(repeating: "t", count: 129)],
        "period_days": ["0", "3651", "-1", "7.5", "seven", ""],
        "model": ["u_shaped", "LINEAR", ""],
        "series": ["region:eu", "tenant:", ""],
        "range": ["2h", ""],
    ]

    @Test func everyBadQueryValueIsA400NamingTheParameter() async throws {
        let checked = try await APIServerHarness.withServer { client in
            let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
            let operations = try #require(document["paths"] as? [String: [String: Any]])
            var checked = 0
            for path in Self.paths {
                let template = try #require(Self.template(of: path, in: operations.keys), "\(path)")
                let parameters = (operations[template]?["get"] as? [String: Any])?["parameters"] as? [[String: Any]] ?? []
                for parameter in parameters where parameter["in"] as? String == "query" {
                    let name = try #require(parameter["name"] as? String)
                    for value in try #require(Self.badValues[name], "no bad values for \(name)") {
                        let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
                        let reply = try await client.get("\(path)?\(name)=\(encoded)")
                        #expect(reply.status == 400, "\(path)?\(name)=\(value): \(reply.status)")
                        #expect(reply.contentType == "application/json; charset=utf-8")
                        let error = try reply.json()
                        #expect(error["parameter"] as? String == name, "\(path)?\(name)=\(value)")
                        #expect((error["error"] as? String)?.hasPrefix(name) == true, "\(reply.body)")
                        checked += 1
                    }
                }
            }
            return checked
        }
        #expect(checked == 97)   // every query parameter of every path, each bad value
    }

    @Test func anUnknownProbeIsA400NamingProbeType() async throws {
        try await APIServerHarness.withServer { client in
            let reply = try await client.get("/api/analytics/health/kubernetes/warmup")
            #expect(reply.status == 400)
            #expect(try reply.json()["parameter"] as? String == "probe_type")
            #expect(try reply.json()["error"] as? String == "probe_type must be one of liveness, readiness, startup, not 'warmup'")
        }
    }

    @Test func aParameterGivenTwiceIsA400() async throws {
        try await APIServerHarness.withServer { client in
            let reply = try await client.get("/api/analytics/funnel/snapshot?period_days=7&period_days=30")
            #expect(reply.status == 400)
            #expect(try reply.json()["error"] as? String == "period_days is given 2 times; give it once")
        }
    }

    @Test func unknownParametersAreIgnored() async throws {
        try await APIServerHarness.withServer { client in
            let plain = try await client.get("/api/analytics/funnel/snapshot?period_days=7")
            let extra = try await client.get("/api/analytics/funnel/snapshot?period_days=7&colour=blue&model=nonsense")
            #expect(extra.status == 200 && extra.body == plain.body)
        }
    }

    @Test func queryValuesAreDecodedAsForms() async throws {
        try await APIServerHarness.withServer { client in
            let plus = try await client.get("/api/analytics/slo/status?tenant=big+corp").json()
            #expect(plus["tenant"] as? String == "big corp")
            let escaped = try await client.get("/api/analytics/slo/status?tenant=a%2Bb%26c").json()
            #expect(escaped["tenant"] as? String == "a+b&c")
        }
    }

    /// Escapes that decode to bytes that are not UTF-8 never reach a tenant or SLO name;
    /// a `%` without two hex digits is kept as it came, as Python's parse_qsl keeps it.
    @Test func escapesThatAreNotUTF8Are400sNamingTheParameter() async throws {
        try await APIServerHarness.withLiveServer { client in
            for path in ["/api/analytics/slo/status?tenant=%ff%fe", "/api/analytics/funnel/snapshot?tenant=ac%C3me",
                         "/api/analytics/attribution/report?tenant=%80", "/api/analytics/slo/status?tenant=a%ff+b"] {
                let reply = try await client.get(path)
                #expect(reply.status == 400, "\(path): \(reply.status) \(reply.body)")
                #expect(reply.contentType == "application/json; charset=utf-8")
                let error = try reply.json()
                #expect(error["parameter"] as? String == "tenant", "\(path)")
                #expect(error["error"] as? String
                    == "tenant must be UTF-8 text; its %XX escapes decode to bytes that are not UTF-8", "\(path)")
            }
            // Raw bytes: AsyncHTTPClient would re-encode these targets before sending them.
            let name = try RawHTTP.exchange(port: try client.port, "GET /api/analytics/slo/%ff%fe HTTP/1.1\r\nHost: x\r\n"
                                            + "Connection: close\r\n\r\n")
            #expect(name.hasPrefix("HTTP/1.1 400 "), "\(name)")
            #expect(name.hasSuffix(#"{"error":"slo_name must be UTF-8 text; its %XX escapes decode to bytes that are not UTF-8","parameter":"slo_name"}"# + "\n"), "\(name)")
            let broken = try RawHTTP.exchange(port: try client.port, "GET /api/analytics/slo/status?tenant=100%25%zz HTTP/1.1\r\n"
                                              + "Host: x\r\nConnection: close\r\n\r\n")
            #expect(broken.hasPrefix("HTTP/1.1 200 ") && broken.contains(#""tenant": "100%%zz""#), "\(broken)")
            let accented = try await client.get("/api/analytics/slo/status?tenant=caf%C3%A9").json()
            #expect(accented["tenant"] as? String == "café")
        }
    }

    /// A method the HTTP parser does not know (`curl -X FOO`) gets a JSON error like every
    /// other, not an empty 400, and the server goes on answering.
    @Test func anUnknownMethodIsA501JSONWithAllow() async throws {
        try await APIServerHarness.withLiveServer { client in
            for method in ["BREW", "FOO"] {
                let reply = try await client.get("/api/analytics/slo/status", method: method)
                #expect(reply.status == 501, "\(method): \(reply.status) \(reply.body)")
                #expect(reply.contentType == "application/json; charset=utf-8")
                #expect(reply.headers["allow"] == "GET, HEAD")
                #expect(try reply.json()["error"] as? String
                    == "the method is not one this server knows; the API answers GET and HEAD")
            }
            #expect(try await client.get("/api/analytics/slo/status").status == 200)
            let oversized = try RawHTTP.exchange(port: try client.port, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: "
                                                 + String(repeating: "a", count: 100_000) + "\r\n\r\n")
            #expect(oversized.hasPrefix("HTTP/1.1 431 "), "\(oversized.prefix(200))")
            #expect(oversized.hasSuffix(#"{"error":"the request's header section is too large"}"# + "\n"))
        }
    }

    @Test func unknownPathsAre404JSON() async throws {
        try await APIServerHarness.withServer { client in
            for path in ["/", "/api/analytics", "/api/analytics/slo", "/api/analytics/funnel/snapshots", "/API/analytics/slo/status"] {
                let reply = try await client.get(path)
                #expect(reply.status == 404, "\(path)")
                #expect(reply.contentType == "application/json; charset=utf-8")
                #expect(try reply.json()["error"] as? String
                    == "no endpoint at \(path); the endpoints are listed at /api/analytics/openapi.json")
            }
        }
    }

    @Test func otherMethodsAre405WithAllow() async throws {
        try await APIServerHarness.withServer { client in
            for method in ["POST", "PUT", "PATCH", "DELETE"] {
                let reply = try await client.get("/api/analytics/slo/status", method: method)
                #expect(reply.status == 405, "\(method)")
                #expect(reply.headers["allow"] == "GET, HEAD")
                #expect(try reply.json()["error"] as? String == "\(method) is not allowed on /api/analytics/slo/status; use GET")
            }
            let head = try await client.get("/api/analytics/slo/status", method: "HEAD")
            #expect(head.status == 200 && head.body.isEmpty && head.contentType == "application/json; charset=utf-8")
        }
    }

    /// The template `path` is an instance of, the constant one first (`/slo/status` is
    /// not `/slo/{slo_name}`); `{name}` matches one segment.
    static func template(of path: String, in templates: some Collection<String>) -> String? {
        if templates.contains(path) { return path }
        return templates.first { template in
            let a = path.split(separator: "/"), b = template.split(separator: "/")
            return a.count == b.count && zip(a, b).allSatisfy { $1.hasPrefix("{") || $0 == $1 }
        }
    }
}
