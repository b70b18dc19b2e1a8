import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `flowtop serve --remote-write` against a scripted receiver (the protocol on the wire)
/// and a real Prometheus 2.42 (Debian's, started with
/// `--web.enable-remote-write-receiver`), both on 127.0.0.1: the `/metrics` series arrive
/// with the `instance` and external labels, and a receiver outage loses no sample: the
/// queue holds what was sampled while Prometheus was down and sends it once it is back, so
/// every round is there, in order, with the values flowtop had at that instant.
@Suite("remote_write", .serialized, .oneLiveProcessTestAtATime)
struct RemoteWriteTests {
    /// The tests that start a real Prometheus run only where Debian's is installed.
    static let prometheusInstalled = Testing.ConditionTrait.enabled(
        if: FileManager.default.isExecutableFile(atPath: PrometheusScrapeTests.prometheusBinary),
        "skipped: \(PrometheusScrapeTests.prometheusBinary) is missing (apt-get install prometheus; .ci/run does)")

    typealias Prometheus = PrometheusScrapeTests.PrometheusProcess
    static let intervalMillis: Int64 = 2_000
    static let receiverArguments = ["--web.enable-remote-write-receiver"]
    static let config = "global:\n  evaluation_interval: 1m\n"

    /// This machine's name: the default `instance` label.
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        _ = gethostname(&buffer, buffer.count - 1)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// One value of `name` from flowtop's own `/metrics`: the first line of that name, or the
    /// line of that name and labels when `name` ends in `}`.
    static func metric(_ port: Int, _ name: String) async throws -> Double? {
        let (_, body) = try await ServeCommandTests.get(port, "/metrics")
        return body.split(separator: "\n").first { $0.hasPrefix(name + "{") || $0.hasPrefix(name + " ") }
            .flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }
    }

    /// Every stored sample of `selector` over the last `range`: (milliseconds, value), in order.
    static func rawSamples(_ prometheus: Prometheus, _ selector: String, range: String = "10m") async throws
        -> [(Int64, Double)] {
        let result = try await prometheus.result("\(selector)[\(range)]")
        let values = try #require(result.first?["values"] as? [[Any]], "no samples of \(selector): \(result)")
        return values.compactMap { pair in
            guard let t = pair.first as? Double, let text = pair.last as? String, let v = Double(text) else { return nil }
            return (Int64((t * 1000).rounded()), v)
        }
    }

    @Test(prometheusInstalled) func seriesArriveWithTheirLabelsAndAnOutageOfTheReceiverLosesNoSample() async throws {
        let dir = try temporaryDirectory()
        let tsdb = dir + "/prometheus"
        try FileManager.default.createDirectory(atPath: tsdb, withIntermediateDirectories: true)
        var prometheus: Prometheus? = try Prometheus(in: tsdb, config: Self.config, arguments: Self.receiverArguments)
        let port = try #require(prometheus?.port)
        let serve = try ServeProcess([
            "--http", "127.0.0.1:0", "--remote-write", "http://127.0.0.1:\(port)/api/v1/write",
            "--remote-write-interval", "\(Self.intervalMillis / 1000)s", "--external-label", "region=e2e",
        ], in: dir)
        let http = try await serve.waitForHTTPPort()

        // 100 AI requests; they reach Prometheus with instance (the host name) and region.
        let first = try Fixtures.write(PrometheusScrapeTests.requests(100, from: 0), in: dir, name: "first.ndjson")
        let (status, output) = try run(try flowtopBinary(), ["emit", first, "--socket", serve.socket])
        #expect(status == 0, "\(output)")
        let requests = #"sum by (instance, region) (flowtop_ai_requests_total{tenant="acme"})"#
        let arrived = try await prometheus?.waitFor(requests, timeout: 30) { $0.first?.value == 100 } ?? []
        #expect(arrived.first?.labels == ["instance": Self.hostName, "region": "e2e"])

        // Prometheus stops for about 16 s; flowtop keeps sampling, with 50 more requests.
        let stoppedAt = Int64(Date().timeIntervalSince1970 * 1000)
        prometheus?.process.terminate()
        prometheus?.process.waitUntilExit()
        prometheus = nil
        let second = try Fixtures.write(PrometheusScrapeTests.requests(50, from: 100), in: dir, name: "second.ndjson")
        #expect(try run(try flowtopBinary(), ["emit", second, "--socket", serve.socket]).0 == 0)
        try await Task.sleep(for: .seconds(16))
        let pending = try await Self.metric(http, "flowtop_remote_write_pending_samples") ?? 0
        #expect(pending > 0, "samples should wait in the queue while the receiver is down")
        let (_, health) = try await ServeCommandTests.get(http, "/api/analytics/health/check")
        #expect(health.contains("failing: could not connect"), "\(health)")

        // The same Prometheus (same port, same storage) again: the queue drains.
        let restartedAt = Int64(Date().timeIntervalSince1970 * 1000)
        prometheus = try Prometheus(in: tsdb, config: Self.config, port: port, arguments: Self.receiverArguments,
                                    logName: "prometheus-restarted.log")
        let restarted = try #require(prometheus)
        _ = try await restarted.waitFor(requests, timeout: 40) { $0.first?.value == 150 }
        var drained = false
        for _ in 0..<40 where !drained {
            drained = try await Self.metric(http, "flowtop_remote_write_pending_samples") == 0
            if !drained { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(drained, "the queue never drained:\n\(serve.log)")
        // And live sending goes on: a round sampled after the restart arrives too.
        _ = try await restarted.waitFor(#"timestamp(flowtop_process_start_time_seconds{region="e2e"})"#, timeout: 20) {
            ($0.first?.value ?? 0) * 1000 > Double(restartedAt)
        }

        // Every round is there: one sample per interval from the first to the last, none
        // missing across the outage, none twice, in order.
        let rounds = try await Self.rawSamples(restarted, #"flowtop_process_start_time_seconds{region="e2e"}"#)
        let times = rounds.map(\.0)
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        #expect(gaps.allSatisfy { $0 > 0 && $0 < Self.intervalMillis * 3 / 2 }, "gaps between samples: \(gaps)")
        let expected = Int(((Double(times.last ?? 0) - Double(times.first ?? 0)) / Double(Self.intervalMillis)).rounded()) + 1
        #expect(times.count == expected, "\(times.count) samples from \(times.first ?? 0) to \(times.last ?? 0)")
        let during = times.filter { $0 > stoppedAt && $0 < restartedAt }
        #expect(during.count >= Int((restartedAt - stoppedAt) / Self.intervalMillis) - 1,
                "rounds sampled while Prometheus was down: \(during.count)")

        // The values are the ones flowtop had: 90 good requests before the second emit, 135
        // after, also in rounds sent only after the restart.
        let values = try await Self.rawSamples(restarted, #"flowtop_ai_requests_total{tenant="acme",success="true"}"#)
        #expect(values.first?.1 == 90)
        #expect(values.contains { $0.0 > stoppedAt && $0.0 < restartedAt && $0.1 == 135 },
                "a sample taken during the outage with the new count")
        #expect(values.map(\.1) == values.map(\.1).sorted(), "a counter never goes down")

        #expect(try await serve.stop() == 0, "\(serve.log)")
    }

    /// The protocol on the wire, against a receiver that answers as scripted: the spec's
    /// headers and the bearer token on every request; 503 and 429 retried with the same body
    /// (after the backoff, and after the 429's Retry-After); a 400 not retried, counted as
    /// failed and logged.
    @Test(.enabled(if: WebhookReceiver.runnable, "skipped: python3 is missing for the scripted receiver"))
    func retriesAndHeadersOnTheWire() async throws {
        let dir = try temporaryDirectory()
        let receiver = try WebhookReceiver.start(["503", "429:2", "200", "400"] + Array(repeating: "200", count: 100))
        defer { receiver.stop() }
        let token = "rw-token-0123456789abcdef"
        let tokenFile = dir + "/rw-token"
        _ = FileManager.default.createFile(atPath: tokenFile, contents: Data(token.utf8),
                                           attributes: [.posixPermissions: 0o600])
        let serve = try ServeProcess([
            "--http", "127.0.0.1:0", "--remote-write", receiver.url + "/api/v1/write",
            "--remote-write-token-file", tokenFile, "--remote-write-interval", "1s",
            "--remote-write-header", "X-Scope-OrgID=tenant-1",
        ], in: dir)
        let http = try await serve.waitForHTTPPort()
        let requests = try await receiver.waitFor(timeout: 30, "six requests") { $0.count >= 6 ? $0 : nil }

        for request in requests {
            #expect(request.method == "POST" && request.path == "/api/v1/write")
            #expect(request.headers["content-encoding"] == "snappy")
            #expect(request.headers["content-type"] == "application/x-protobuf")
            #expect(request.headers["x-prometheus-remote-write-version"] == "0.1.0")
            #expect(request.headers["user-agent"] == "flowtop-remote-write/1")
            #expect(request.headers["authorization"] == "Bearer \(token)")
            #expect(request.headers["x-scope-orgid"] == "tenant-1")
        }
        // 503, then 429 (Retry-After: 2), then 200: one batch, three times.
        #expect(requests[0].body == requests[1].body && requests[1].body == requests[2].body)
        #expect(requests[1].t - requests[0].t >= 0.35, "the first backoff is about 0.5 s")
        #expect(requests[2].t - requests[1].t >= 1.9, "Retry-After: 2 was honoured")
        // 400: refused for good, so the next request is another batch.
        #expect(requests[3].status == 400)
        #expect(requests[4].body != requests[3].body)

        let failed = try await Self.metric(http, #"flowtop_remote_write_samples_total{endpoint="\#(receiver.url)/api/v1/write",result="failed"}"#)
        #expect((failed ?? 0) > 0)
        #expect(try await Self.metric(http, "flowtop_remote_write_retries_total") == 2)
        #expect(serve.log.contains("remote_write receiver refused a batch; dropped, not retried"), "\(serve.log)")
        #expect(!serve.log.contains(token), "the token never reaches the log")
        #expect(try await serve.stop() == 0, "\(serve.log)")
    }

    /// Past the retention: with `--remote-write-retention 3s` and the receiver away for
    /// about 13 s, the oldest rounds are dropped unsent and counted, the rest are sent, and
    /// nothing in Prometheus is older than the retention allowed when the request that got
    /// through began (up to the 5 s connect timeout before Prometheus listened).
    @Test(prometheusInstalled) func samplesOlderThanTheRetentionAreDroppedAndCounted() async throws {
        let dir = try temporaryDirectory()
        let tsdb = dir + "/prometheus"
        try FileManager.default.createDirectory(atPath: tsdb, withIntermediateDirectories: true)
        let port = try freeLoopbackPort()
        let serve = try ServeProcess([
            "--http", "127.0.0.1:0", "--remote-write", "http://127.0.0.1:\(port)/api/v1/write",
            "--remote-write-interval", "1s", "--remote-write-retention", "3s", "--external-label", "region=retention",
        ], in: dir)
        let http = try await serve.waitForHTTPPort()
        let startedAt = Int64(Date().timeIntervalSince1970 * 1000)
        try await Task.sleep(for: .seconds(13))
        let prometheus = try Prometheus(in: tsdb, config: Self.config, port: port, arguments: Self.receiverArguments)
        let resumedAfter = Int64(Date().timeIntervalSince1970 * 1000)
        let selector = #"flowtop_process_start_time_seconds{region="retention"}"#
        _ = try await prometheus.waitFor("count_over_time(\(selector)[10m])", timeout: 40) { !$0.isEmpty }
        let endpoint = "http://127.0.0.1:\(port)/api/v1/write"
        let dropped = try await Self.metric(http, #"flowtop_remote_write_samples_total{endpoint="\#(endpoint)",result="dropped"}"#)
        #expect((dropped ?? 0) > 0, "\(serve.log)")
        #expect(serve.log.contains("remote_write dropped samples older than the retention"), "\(serve.log)")
        let times = try await Self.rawSamples(prometheus, selector).map(\.0)
        #expect((times.first ?? 0) >= resumedAfter - 3_000 - 5_000 - 1_000,
                "the oldest sample kept, \(resumedAfter - (times.first ?? 0)) ms before Prometheus started")
        #expect((times.first ?? 0) > startedAt + 3_000, "the first rounds were dropped")
        #expect(try await serve.stop() == 0, "\(serve.log)")
    }

    /// flowtop killed (`kill -9`) while the receiver is down, then started again on the same
    /// data directory: the rounds the first process queued are sent by the second, none
    /// missing, and the second process's own rounds follow.
    @Test(prometheusInstalled) func aFlowtopKilledWhileTheReceiverIsDownLosesNoQueuedSample() async throws {
        let dir = try temporaryDirectory()
        let tsdb = dir + "/prometheus"
        try FileManager.default.createDirectory(atPath: tsdb, withIntermediateDirectories: true)
        let port = try freeLoopbackPort()
        let arguments = ["--http", "127.0.0.1:0", "--remote-write", "http://127.0.0.1:\(port)/api/v1/write",
                         "--remote-write-interval", "\(Self.intervalMillis / 1000)s", "--external-label", "region=restart"]
        let first = try ServeProcess(arguments, in: dir)
        let firstHTTP = try await first.waitForHTTPPort()
        // Nothing listens on the port yet: three or four rounds wait in the queue.
        try await Task.sleep(for: .milliseconds(Self.intervalMillis * 3 + 1_000))
        let pending = try await Self.metric(firstHTTP, "flowtop_remote_write_pending_samples") ?? 0
        #expect(pending > 0, "\(first.log)")
        let killedAt = Int64(Date().timeIntervalSince1970 * 1000)
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()

        let second = try ServeProcess(arguments, in: dir)
        _ = try await second.waitForHTTPPort()
        #expect(second.log.contains("remote_write sending"), "\(second.log)")
        let prometheus = try Prometheus(in: tsdb, config: Self.config, port: port, arguments: Self.receiverArguments)
        let selector = #"flowtop_process_start_time_seconds{region="restart"}"#
        // Both processes' series arrive: the first one's from its queue on disk.
        _ = try await prometheus.waitFor("count(count_over_time(\(selector)[10m]))", timeout: 40) { $0.first?.value == 1 }
        var firstRounds: [(Int64, Double)] = []
        for _ in 0..<80 {
            let samples = try await Self.rawSamples(prometheus, selector)
            let starts = Set(samples.map(\.1))
            if starts.count == 2 {
                let firstStart = samples[0].1
                firstRounds = samples.filter { $0.1 == firstStart }
                break
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        let times = firstRounds.map(\.0)
        #expect(times.count >= 3, "the first process's rounds: \(times)")
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        #expect(gaps.allSatisfy { $0 > 0 && $0 < Self.intervalMillis * 3 / 2 }, "gaps between its samples: \(gaps)")
        #expect(killedAt - (times.last ?? 0) < Self.intervalMillis * 3 / 2,
                "its last round, \(killedAt - (times.last ?? 0)) ms before the kill, was queued and sent")
        #expect(try await second.stop() == 0, "\(second.log)")
    }
}
