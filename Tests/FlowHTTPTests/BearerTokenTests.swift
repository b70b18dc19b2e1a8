import FlowCore
import Foundation
import Testing

@testable import FlowHTTP
@testable import FlowHTTP

/// With `--http-token-file`, every endpoint but the Kubernetes probes needs the token.
@Suite("HTTP API: bearer token")
struct BearerTokenTests {
    static let token = "s3cr3t-t0ken-for-the-tests"

    @Test func withoutTheTokenEveryProtectedPathIs401WithAChallenge() async throws {
        try await APIServerHarness.withServer(token: Secret(Self.token)) { client in
            for path in ParameterAndRoutingTests.paths where !path.contains("/kubernetes/") {
                let reply = try await client.get(path)
                #expect(reply.status == 401, "\(path)")
                #expect(reply.headers["www-authenticate"] == "Bearer realm=\"flowtop\"", "\(path)")
                #expect(try reply.json()["error"] as? String == "this server needs a bearer token: send Authorization: Bearer <token>")
            }
        }
    }

    @Test func withTheTokenEveryPathAnswers() async throws {
        try await APIServerHarness.withServer(token: Secret(Self.token)) { client in
            for path in ParameterAndRoutingTests.paths {
                let reply = try await client.get(path, bearer: Self.token)
                #expect(reply.status == 200 || (path.contains("/health/") && reply.status == 503), "\(path): \(reply.status)")
            }
            let lowercaseScheme = try await client.request("/metrics", headers: ["Authorization": "bearer \(Self.token)"])
            #expect(lowercaseScheme.status == 200)
        }
    }

    @Test func aWrongTokenOrSchemeIs401() async throws {
        try await APIServerHarness.withServer(token: Secret(Self.token)) { client in
            let wrong = try await client.get("/api/analytics/slo/status", bearer: Self.token + "x")
            #expect(wrong.status == 401)
            #expect(wrong.headers["www-authenticate"] == "Bearer realm=\"flowtop\", error=\"invalid_token\"")
            #expect(!wrong.body.contains(Self.token))
            let prefix = try await client.get("/api/analytics/slo/status", bearer: String(Self.token.dropLast()))
            #expect(prefix.status == 401)
            let basic = try await client.request("/api/analytics/slo/status", headers: ["Authorization": "Basic \(Self.token)"])
            #expect(basic.status == 401)
            #expect(basic.headers["www-authenticate"] == "Bearer realm=\"flowtop\", error=\"invalid_request\"")
        }
    }

    /// A kubelet sends no headers, so the probes stay open.
    @Test func kubernetesProbesNeedNoToken() async throws {
        try await APIServerHarness.withServer(token: Secret(Self.token)) { client in
            for probe in ["liveness", "readiness", "startup"] {
                let reply = try await client.get("/api/analytics/health/kubernetes/\(probe)")
                #expect(reply.status == 200 || reply.status == 503, "\(probe)")
                #expect(try reply.json()["status"] is String)
            }
            #expect(try await client.get("/api/analytics/health/kubernetes/other").status == 400)
        }
    }

    /// Without the token, a client cannot tell which paths exist.
    @Test func unknownPathsAre401WithoutTheTokenAnd404WithIt() async throws {
        try await APIServerHarness.withServer(token: Secret(Self.token)) { client async throws in
            #expect(try await client.get("/api/analytics/secret-admin").status == 401)
            #expect(try await client.get("/api/analytics/secret-admin", bearer: Self.token).status == 404)
            #expect(try await client.get("/api/analytics/slo/status", method: "POST").status == 401)
        }
    }

    @Test func tokensCompareWholly() {
        #expect(BearerToken.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        #expect(!BearerToken.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        #expect(!BearerToken.constantTimeEqual(Array("abc".utf8), Array("abcd".utf8)))
        #expect(!BearerToken.constantTimeEqual([], Array("a".utf8)))
        // Lengths that differ by a multiple of 256 must not look equal.
        #expect(!BearerToken.constantTimeEqual(Array(repeating: 0, count: 256), []))
        #expect(BearerToken.parse("Bearer  abc") == "abc")
        #expect(BearerToken.parse("Bearer") == nil && BearerToken.parse("Token abc") == nil)
    }
}
