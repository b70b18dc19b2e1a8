import FlowCore
import FlowReports
import FlowNotify
import FlowTestKit
import Foundation
import Testing

@testable import FlowHTTP

/// What stops the HTTP API from starting, each with a message that says what to do:
/// nothing here binds anything but 127.0.0.1.
@Suite("HTTP API: start-up")
struct ServerStartupTests {
    @Test func aPortInUseIsAStartUpErrorNamingTheAddress() async throws {
        try await APIServerHarness.withLiveServer { client in
            let second = try AnalyticsHTTPServer(
                configuration: HTTPServerConfiguration(address: HTTPListenAddress(host: "127.0.0.1", port: try client.port)),
                source: FailingSource(), logger: APIServerHarness.logger)
            await #expect(throws: HTTPServerError.cannotListen(
                HTTPListenAddress(host: "127.0.0.1", port: try client.port),
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
    func render(_ query: SnapshotQuery, leads: Bool,
                _ body: @escaping @Sendable (EngineSnapshot) throws -> APIResponse) async throws -> APIResponse {
        throw Internal()
    }
    func renderMetrics(_ body: @escaping @Sendable (MetricsExport, ExpositionContext) -> APIResponse) async throws -> APIResponse {
        throw Internal()
    }
    func health() -> HealthReport { HealthReport(status: .healthy, checks: [], checkedAt: 0) }
}
