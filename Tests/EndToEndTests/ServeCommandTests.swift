import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `flowtop serve`: the real binary as a headless engine. Events go in with `flowtop
/// emit`, the HTTP API answers with what they said, SIGTERM ends it cleanly.
@Suite("serve command", .oneLiveProcessTestAtATime)
struct ServeCommandTests {
    static func get(_ port: Int, _ path: String) async throws -> (status: Int, body: String) {
        let url = try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
        let (data, response) = try await URLSession.shared.data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    @Test func servesTheEventsItWasSentAndStopsCleanlyOnSIGTERM() async throws {
        let dir = try temporaryDirectory()
        let serve = try ServeProcess(["--http", "127.0.0.1:0"], in: dir)
        let port = try await serve.waitForHTTPPort()
        #expect(serve.log.contains("listening for events") && serve.log.contains("socket=\(serve.socket)"))

        // Five minutes ago, so every event is inside the windows and periods of a live engine.
        let input = try Fixtures.write(Fixtures.events(at: Int64(Date().timeIntervalSince1970) - 300), in: dir)
        let (emitted, output) = try run(try flowtopBinary(), ["emit", input, "--socket", serve.socket])
        #expect(emitted == 1 && output.hasPrefix("accepted \(Fixtures.acceptedCount), rejected \(Fixtures.rejectedCount)"),
                "\(output)")

        let funnel = try Self.json(try await Self.get(port, "/api/analytics/funnel/snapshot?period_days=7").body)
        #expect(funnel["lead_count"] as? Int == 10 && funnel["won_revenue"] as? Double == 4800)
        let acme = try Self.json(try await Self.get(port, "/api/analytics/funnel/snapshot?tenant=acme").body)
        #expect(acme["lead_count"] as? Int == 5)
        let status = try Self.json(try await Self.get(port, "/api/analytics/slo/status").body)
        let success = (status["slos"] as? [[String: Any]])?.first { $0["name"] as? String == "ai_request_success" }
        #expect(success?["sli"] as? Double == 0.95)   // 19 of 20 AI requests succeeded
        let metrics = try await Self.get(port, "/metrics")
        #expect(metrics.status == 200 && metrics.body.contains("flowtop_events_accepted_total \(Fixtures.acceptedCount)\n"))
        #expect(try await Self.get(port, "/api/analytics/health/kubernetes/startup").status == 200)
        let bad = try await Self.get(port, "/api/analytics/attribution/report?model=u_shaped")
        #expect(bad.status == 400)
        #expect(try Self.json(bad.body)["parameter"] as? String == "model")
        #expect(try await Self.get(port, "/api/analytics/nope").status == 404)

        serve.process.terminate()   // SIGTERM
        #expect(try await serve.waitForExit() == 0, "\(serve.log)")
        #expect(serve.log.contains("stopped listening for HTTP") && serve.log.contains("stopped listening for events"))
        #expect(!FileManager.default.fileExists(atPath: serve.socket))
        #expect(!serve.log.contains("Fatal error") && !serve.log.contains("Stack"))
    }

    /// `--notify` wires the notifiers in as the dashboard does: the health check reports on
    /// them, and a broken notify file stops start-up with its error.
    @Test func notifiersOfNotifyFileAreRunAndChecked() async throws {
        let dir = try temporaryDirectory()
        let notify = try Fixtures.write("alertmanager:\n  url: http://127.0.0.1:9\n", in: dir, name: "notify.yaml")
        let serve = try ServeProcess(["--http", "127.0.0.1:0", "--notify", notify], in: dir)
        let port = try await serve.waitForHTTPPort()
        let health = try Self.json(try await Self.get(port, "/api/analytics/health/check").body)
        let checks = (health["checks"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
        #expect(checks.contains("notifier:alertmanager"), "\(checks)")
        serve.process.terminate()
        #expect(try await serve.waitForExit() == 0, "\(serve.log)")

        let broken = try Fixtures.write("alertmanager:\n  url: not a url\n", in: dir, name: "broken.yaml")
        let refused = try ServeProcess(["--http", "127.0.0.1:0", "--notify", broken], in: try temporaryDirectory())
        #expect(try await refused.waitForExit() == 1)
        #expect(refused.log.hasPrefix("flowtop serve: \(broken):"), "\(refused.log)")
    }

    @Test func aPortInUseStopsASecondServeWithAClearError() async throws {
        let first = try ServeProcess(["--http", "127.0.0.1:0"], in: try temporaryDirectory())
        let port = try await first.waitForHTTPPort()
        let second = try ServeProcess(["--http", "127.0.0.1:\(port)"], in: try temporaryDirectory())
        #expect(try await second.waitForExit() == 1)
        #expect(second.log.contains(
            "flowtop serve: cannot listen for HTTP on 127.0.0.1:\(port): the port is already in use"), "\(second.log)")
        #expect(!FileManager.default.fileExists(atPath: second.socket))
        first.process.terminate()
        #expect(try await first.waitForExit() == 0)
    }

    @Test func aNonLoopbackAddressWithoutATokenIsRefusedBeforeListening() async throws {
        let serve = try ServeProcess(["--http", "0.0.0.0:0"], in: try temporaryDirectory())
        #expect(try await serve.waitForExit() == 1)
        #expect(serve.log.hasPrefix("flowtop serve: --http 0.0.0.0:0 can be reached from other machines, so it needs --http-token-file FILE"),
                "\(serve.log)")
        #expect(!serve.log.contains("listening"))
    }
}
