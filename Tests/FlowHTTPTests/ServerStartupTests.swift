import FlowCore
import FlowHTTP
import FlowNotify
import FlowTestKit
import Foundation
import Testing

@testable import FlowApp

/// What stops the HTTP API from starting, each with a message that says what to do:
/// nothing here binds anything but 127.0.0.1.
@Suite("HTTP API: start-up")
struct ServerStartupTests {
    static func parts() -> HTTPServiceParts {
        HTTPServiceParts(host: EngineHost(engine: Engine(), clock: ManualClock()), server: nil, notifiers: nil,
                         startedAt: 0)
    }

    /// A private token file in a fresh directory.
    static func tokenFile(_ text: String, mode: Int = 0o600) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ft-http-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("token").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    static func startError(_ options: HTTPOptions) -> String? {
        do {
            _ = try makeHTTPServer(options, parts: parts(), logger: APIServerHarness.logger)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aNonLoopbackAddressWithoutATokenIsRefused() {
        for address in ["0.0.0.0:8000", "[::]:8000", "10.1.2.3:8000", "metrics.example.com:8000"] {
            let message = Self.startError(HTTPOptions(address: address))
            #expect(message?.hasPrefix("--http \(address) can be reached from other machines, so it needs --http-token-file FILE") == true,
                    "\(address): \(message ?? "started")")
        }
        for address in ["127.0.0.1:8000", "127.9.9.9:0", "[::1]:8000", "localhost:8000"] {
            #expect(Self.startError(HTTPOptions(address: address)) == nil, "\(address)")
        }
    }

    @Test func aNonLoopbackAddressWithATokenIsAccepted() throws {
        let file = try Self.tokenFile("0123456789abcdef0123\n")
        #expect(Self.startError(HTTPOptions(address: "0.0.0.0:8000", tokenFile: file)) == nil)
    }

    @Test func theTokenFileMustBePrivateAndHoldALongEnoughToken() throws {
        let open = try Self.tokenFile("0123456789abcdef0123", mode: 0o644)
        #expect(Self.startError(HTTPOptions(address: "127.0.0.1:0", tokenFile: open))
            == "--http-token-file: \(open) can be read by group or others (mode 0644); make it private to its owner: chmod 600 \(open)")
        let short = try Self.tokenFile("abc123")
        #expect(Self.startError(HTTPOptions(address: "127.0.0.1:0", tokenFile: short))?
            .hasPrefix("--http-token-file: the token in \(short) is shorter than 16 characters") == true)
        let spaced = try Self.tokenFile("two words are not one token")
        #expect(Self.startError(HTTPOptions(address: "127.0.0.1:0", tokenFile: spaced))?
            .hasPrefix("--http-token-file: \(spaced) must hold one token") == true)
        #expect(Self.startError(HTTPOptions(address: "127.0.0.1:0", tokenFile: "/nonexistent/token"))
            == "--http-token-file: /nonexistent/token does not exist")
    }

    @Test func aBadAddressSaysWhatToType() {
        #expect(Self.startError(HTTPOptions(address: "8000")) == "--http '8000': give HOST:PORT, such as 127.0.0.1:8000")
        #expect(Self.startError(HTTPOptions(address: "::1:8000"))
            == "--http '::1:8000': an IPv6 address goes in brackets before the port: [::1]:8000")
        #expect(Self.startError(HTTPOptions(address: "127.0.0.1:80000"))
            == "--http '127.0.0.1:80000': the port must be a number from 0 to 65535")
        #expect(Self.startError(HTTPOptions(address: ":8000"))?.contains("the host is missing") == true)
    }

    @Test func aPortInUseIsAStartUpErrorNamingTheAddress() async throws {
        try await APIServerHarness.withServer { client in
            let second = try AnalyticsHTTPServer(
                configuration: HTTPServerConfiguration(address: HTTPListenAddress(host: "127.0.0.1", port: client.port)),
                source: FailingSource(), logger: APIServerHarness.logger)
            await #expect(throws: HTTPServerError.cannotListen(
                HTTPListenAddress(host: "127.0.0.1", port: client.port),
                "the port is already in use (another flowtop serve, or another server?); choose another with --http")) {
                try await second.run()
            }
            await #expect(throws: HTTPServerError.self) { try await second.waitUntilListening() }
            // The first server is untouched.
            #expect(try await client.get("/api/analytics/openapi.json").status == 200)
        }
    }

    @Test func listenAddressesParseAndKnowLoopback() throws {
        let v6 = try HTTPListenAddress("[::1]:8000")
        #expect(v6.host == "::1" && v6.port == 8000 && v6.isLoopback && v6.description == "[::1]:8000")
        #expect(try HTTPListenAddress("[::ffff:127.0.0.1]:1").isLoopback)
        #expect(try !HTTPListenAddress("[::ffff:10.0.0.1]:1").isLoopback)
        #expect(try !HTTPListenAddress("128.0.0.1:1").isLoopback)
        #expect(try HTTPListenAddress("127.0.0.1:0").port == 0)
    }
}

/// A source whose every answer fails with an error the client must never see.
struct FailingSource: AnalyticsSource {
    struct Internal: Error, CustomStringConvertible { var description: String { "database password is hunter2" } }
    func fail() throws -> APIResponse { throw Internal() }
    func sloStatus(tenant: String?) async throws -> APIResponse { try fail() }
    func slo(_ request: SLORequest) async throws -> APIResponse { try fail() }
    func sloReportJSON(tenant: String?) async throws -> APIResponse { try fail() }
    func sloReportMarkdown(tenant: String?) async throws -> APIResponse { try fail() }
    func prometheusMetrics() async throws -> APIResponse { try fail() }
    func healthCheck() async throws -> APIResponse { try fail() }
    func kubernetesProbe(_ probe: KubernetesProbe) async throws -> APIResponse { try fail() }
    func activeAlerts(tenant: String?) async throws -> APIResponse { try fail() }
    func alertStatistics(tenant: String?) async throws -> APIResponse { try fail() }
    func funnelSnapshot(_ request: FunnelRequest) async throws -> APIResponse { try fail() }
    func funnelVisualization(_ request: FunnelRequest) async throws -> APIResponse { try fail() }
    func funnelDropoff(_ request: FunnelRequest) async throws -> APIResponse { try fail() }
    func attributionReport(_ request: AttributionRequest) async throws -> APIResponse { try fail() }
    func attributionChannels(_ request: AttributionRequest) async throws -> APIResponse { try fail() }
    func attributionFeatures(_ request: AttributionRequest) async throws -> APIResponse { try fail() }
    func attributionAIROI(_ request: AttributionRequest) async throws -> APIResponse { try fail() }
}
