import AsyncHTTPClient
import FlowCore
import FlowHTTP
import FlowNotify
import FlowReports
import FlowTestKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import FlowHTTP

/// A small day on a manual clock, fed through an `EngineHost` as the socket would:
///
/// - acme: 600 good AI requests over the hour before 10:00, then 50 failures in ten
///   seconds (a page alert fires at 10:01); leads L1 (whatsapp, touched by ads with AI
///   and by email, won 300) and L2 (website, contacted); $4 of AI spend.
/// - globex: 300 good AI requests on claude; leads L3 (referral, qualified then lost) and
///   L4 (website, touched by website, won 100).
///
/// Now is 10:02, so the alert is confirmed on completed minutes.
enum APIFixture {
    static let burst = TestTime.start + TestTime.hours(10)
    static let now = burst + TestTime.minutes(2)

    static func host() -> EngineHost {
        let clock = ManualClock(at: burst + 10_000)
        let host = EngineHost(engine: Engine(), clock: clock)
        let t = burst - TestTime.hours(1)
        var events = EventBuilder.aiRequests(good: 600, bad: 0, from: t, until: burst, tenant: "acme")
        events += EventBuilder.aiRequests(good: 0, bad: 50, from: burst, until: burst + 10_000, tenant: "acme")
        events += EventBuilder.aiRequests(good: 300, bad: 0, from: t, until: burst, model: "claude", tenant: "globex")
        events += [
            EventBuilder.leadCreated("L1", source: "whatsapp", tenant: "acme", at: t),
            EventBuilder.touch("L1", channel: "ads", cost: 10, aiAssisted: true, feature: "ai_response_generation",
                               tenant: "acme", at: t + 1),
            EventBuilder.touch("L1", channel: "email", cost: 2, tenant: "acme", at: t + 2),
            EventBuilder.stage("L1", .won, revenue: 300, tenant: "acme", at: t + 3),
            EventBuilder.leadCreated("L2", source: "website", tenant: "acme", at: t),
            EventBuilder.stage("L2", .contacted, tenant: "acme", at: t + 4),
            EventBuilder.leadCreated("L3", source: "referral", tenant: "globex", at: t),
            EventBuilder.stage("L3", .qualified, tenant: "globex", at: t + 4),
            EventBuilder.stage("L3", .lost, tenant: "globex", at: t + 5),
            EventBuilder.leadCreated("L4", source: "website", tenant: "globex", at: t),
            EventBuilder.touch("L4", channel: "website", cost: 1, tenant: "globex", at: t + 6),
            EventBuilder.stage("L4", .won, revenue: 100, tenant: "globex", at: t + 7),
            EventBuilder.aiRequest(cost: 4, tenant: "acme", at: t + 8),
        ]
        host.apply(events.sorted { $0.time < $1.time })
        clock.set(now)
        return host
    }
}

/// One reply, read whole.
struct APIReply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String

    var contentType: String? { headers["content-type"] }

    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], "not a JSON object: \(body)")
    }
}

/// Requests against the API, through HummingbirdTesting's router (no socket) or through
/// a real server on 127.0.0.1 (`live`: the channel's own answers, raw bytes, ports).
struct APIClient: Sendable {
    private let send: @Sendable (_ path: String, _ method: String, _ headers: [String: String]) async throws -> APIReply
    /// The live server's port; nil through the router.
    let livePort: Int?

    /// The live server's port, for raw exchanges (`RawHTTP`).
    var port: Int {
        get throws { try #require(livePort, "a raw exchange needs APIServerHarness.withLiveServer") }
    }

    func get(_ path: String, method: String = "GET", bearer: String? = nil) async throws -> APIReply {
        try await request(path, method: method, headers: bearer.map { ["Authorization": "Bearer \($0)"] } ?? [:])
    }

    func request(_ path: String, method: String = "GET", headers: [String: String]) async throws -> APIReply {
        try await send(path, method, headers)
    }

    /// Through HummingbirdTesting's client: the request goes to the router's responder.
    static func testing(_ client: any TestClientProtocol) -> APIClient {
        APIClient(send: { path, method, headers in
            var fields = HTTPFields()
            for (name, value) in headers { fields[try #require(HTTPField.Name(name))] = value }
            let response = try await client.executeRequest(uri: path, method: try #require(HTTPRequest.Method(method)),
                                                           headers: fields, body: nil)
            var replyHeaders: [String: String] = [:]
            for field in response.headers { replyHeaders[field.name.canonicalName] = field.value }
            return APIReply(status: response.status.code, headers: replyHeaders, body: String(buffer: response.body))
        }, livePort: nil)
    }

    /// Over a socket to a server on 127.0.0.1.
    static func live(port: Int) -> APIClient {
        APIClient(send: { path, method, headers in
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
            request.method = .init(rawValue: method)
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 16 << 20)
            var fields: [String: String] = [:]
            for (name, value) in response.headers { fields[name.lowercased()] = value }
            return APIReply(status: Int(response.status.code), headers: fields, body: String(buffer: body))
        }, livePort: port)
    }
}

/// Runs `body` against the API over `host`, its answers computed inline (`HostSource`);
/// the health endpoints answer with `health`.
enum APIServerHarness {
    static let logger = Logger(label: "flowtop.http.tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Through HummingbirdTesting's router: every endpoint, the token check and the
    /// router's own errors, without a socket.
    @discardableResult
    static func withServer<Value: Sendable>(host: EngineHost = APIFixture.host(), health: HealthReport = HostSource.healthy,
                                            token: Secret? = nil,
                                            _ body: @Sendable (APIClient) async throws -> Value) async throws -> Value {
        try await withServer(source: HostSource(host: host, report: health), token: token, body)
    }

    @discardableResult
    static func withServer<Value: Sendable>(source: any AnalyticsSource, token: Secret? = nil,
                                            _ body: @Sendable (APIClient) async throws -> Value) async throws -> Value {
        let routes = AnalyticsRouter.build(source: source, token: token, logger: logger)
        let app = Application(router: routes.router, logger: logger)
        return try await app.test(.router) { client in try await body(.testing(client)) }
    }

    /// The real server (`AnalyticsHTTPServer`) on 127.0.0.1 port 0: for what only a
    /// socket shows (the channel's answers to requests the parser refuses, raw bytes).
    static func withLiveServer(host: EngineHost = APIFixture.host(), token: Secret? = nil,
                               _ body: (APIClient) async throws -> Void) async throws {
        let server = try AnalyticsHTTPServer(
            configuration: HTTPServerConfiguration(address: HTTPListenAddress(host: "127.0.0.1", port: 0), token: token),
            source: HostSource(host: host), logger: logger)
        let running = Task { try await server.run() }
        defer { running.cancel() }
        let address = try await server.waitUntilListening()
        #expect(address.host == "127.0.0.1" && address.port > 0)
        try await body(.live(port: address.port))
        running.cancel()
        _ = await running.result
    }
}

/// The API's source over an `EngineHost`, as `flowtop serve`'s is, but computing each
/// snapshot where the request arrives (no thread, no gate: `SnapshotGate` has
/// tests of its own) and answering the health endpoints with a fixed report.
struct HostSource: AnalyticsSource {
    static let healthy = HealthReport(status: .healthy, checks: [HealthCheckResult(name: "ingest_socket", status: .healthy,
                                                                                   detail: "listening")],
                                      checkedAt: APIFixture.now)
    let host: EngineHost
    var report: HealthReport = HostSource.healthy
    var exposition = ExpositionContext(startedAt: APIFixture.burst)

    func render(_ query: SnapshotQuery, leads: Bool,
                _ body: @escaping @Sendable (EngineSnapshot) throws -> APIResponse) async throws -> APIResponse {
        try body(leads ? host.snapshot(query) : host.snapshotWithoutLeads(query))
    }

    func renderMetrics(_ body: @escaping @Sendable (MetricsExport, ExpositionContext) -> APIResponse) async throws -> APIResponse {
        body(host.metrics(), exposition)
    }

    func health() -> HealthReport { report }
}
