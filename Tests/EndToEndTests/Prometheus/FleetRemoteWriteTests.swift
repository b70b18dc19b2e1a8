import Foundation
import Testing

/// Issue 18's test on loopback: three `flowtop serve` engines remote-write their series to a
/// real Prometheus 2.42 (Debian's, `--web.enable-remote-write-receiver`) that evaluates the
/// shipped recording and alerting rules; the events are split across the three.
/// `report slo --prometheus` agrees with `report slo --input` of all the events within 1%
/// on every window, the rules page for the incident, and stopping Prometheus for a minute
/// loses no sample: every engine's rounds are all there once it is back.
@Suite("a fleet through remote_write", .serialized, .oneLiveProcessTestAtATime)
struct FleetRemoteWriteTests {
    typealias Prometheus = PrometheusScrapeTests.PrometheusProcess

    /// `report slo --prometheus` against `--input` of `all` at the same instant: the same
    /// SLOs, counts and status, and every burn rate of `windows` within 1%.
    static func compareReports(_ url: String, _ all: String, windows: Set<String>) throws {
        let now = String(Int(Date().timeIntervalSince1970))
        let fleet = try runSplit(try flowtopBinary(), ["report", "slo", "--prometheus", url, "--now", now, "--format", "json"])
        let one = try runSplit(try flowtopBinary(), ["report", "slo", "--input", all, "--now", now, "--format", "json"])
        #expect(fleet.status == 0 && one.status == 0, "\(fleet.errors) \(one.errors)")
        let fleetSLOs = try FleetReportTests.slos(fleet.output), oneSLOs = try FleetReportTests.slos(one.output)
        #expect(fleetSLOs.count == 3 && oneSLOs.count == 3)
        for (f, o) in zip(fleetSLOs, oneSLOs) {
            let name = o["name"] as? String ?? "?"
            #expect(f["name"] as? String == name)
            #expect(f["good"] as? Int == o["good"] as? Int && f["total"] as? Int == o["total"] as? Int,
                    "\(name): fleet \(f["good"] ?? "-")/\(f["total"] ?? "-"), one engine \(o["good"] ?? "-")/\(o["total"] ?? "-")")
            #expect(f["status"] as? String == o["status"] as? String, "\(name)")
            let fb = f["burn_rates"] as? [String: Double] ?? [:], ob = o["burn_rates"] as? [String: Double] ?? [:]
            for (window, expected) in ob where windows.contains(window) {
                let got = try #require(fb[window], "\(name) \(window)")
                #expect(abs(got - expected) <= 0.01 * expected, "\(name) \(window): fleet \(got), one engine \(expected)")
            }
        }
    }

    @Test(RemoteWriteTests.prometheusInstalled)
    func threeEnginesWriteToPrometheusAndAMinuteOutageLosesNoSample() async throws {
        let dir = try temporaryDirectory()
        let tsdb = dir + "/prometheus"
        try FileManager.default.createDirectory(atPath: tsdb, withIntermediateDirectories: true)
        let examples = FleetReportTests.examples
        let rules = ["recording-rules.yaml", "alerting-rules.yaml"].map { "'\(examples.appending(path: $0).path)'" }
        let config = "global:\n  evaluation_interval: 1s\nrule_files: [\(rules.joined(separator: ", "))]\n"
        var prometheus: Prometheus? = try Prometheus(in: tsdb, config: config, arguments: RemoteWriteTests.receiverArguments)
        let port = try #require(prometheus?.port)
        let url = "http://127.0.0.1:\(port)"

        var serves: [ServeProcess] = []
        for i in 0..<3 {
            let engineDir = dir + "/engine\(i)"
            try FileManager.default.createDirectory(atPath: engineDir, withIntermediateDirectories: true)
            serves.append(try ServeProcess([
                "--http", "127.0.0.1:0", "--remote-write", url + "/api/v1/write", "--remote-write-interval", "1s",
                "--remote-write-instance", "engine\(i)",
            ], in: engineDir))
            _ = try await serves[i].waitForHTTPPort()
        }
        _ = try await prometheus?.waitFor("count(flowtop_process_start_time_seconds)", timeout: 30) { $0.first?.value == 3 }

        // The workload of the scrape test, in two rounds a few samples apart (the alerting
        // rules read the `_total` counters' increase).
        let count = 6_000
        var lines = FleetReportTests.workload(count, start: Date().timeIntervalSince1970.rounded(.down))
        let total = #"sum(flowtop_slo_events_total{series="total"})"#
        for (round, range) in [(0, 0..<count / 4), (1, count / 4..<count)] {
            try FleetReportTests.emitSplit(lines[range], to: serves, in: dir, name: "part\(round)")
            let sent = Double(range.upperBound)
            _ = try await prometheus?.waitFor(total, timeout: 30) { $0.first?.value == sent }
            try await Task.sleep(for: .seconds(2))
        }
        let all = try Fixtures.write(lines.joined(separator: "\n") + "\n", in: dir, name: "all.ndjson")
        try Self.compareReports(url, all, windows: ["5m", "30m", "1h", "2h", "6h", "1d", "3d"])

        // The shipped rules page for the incident over the engines' written counters.
        _ = try await prometheus?.waitFor(
            #"ALERTS{alertname="FlowtopSLOBurnRate",alertstate="firing",severity="page",series="total",slo="ai_request_success"}"#,
            timeout: 40) { !$0.isEmpty }

        // Prometheus stops for a minute; the engines take 300 more requests meanwhile.
        let stoppedAt = Int64(Date().timeIntervalSince1970 * 1000)
        prometheus?.process.terminate()
        prometheus?.process.waitUntilExit()
        prometheus = nil
        let stamp = String(format: "%.3f", Date().timeIntervalSince1970 - 40)
        let late = (0..<300).map { i in
            #"{"type":"ai_request","provider":"openai","model":"gpt-4o","success":\#(i % 5 != 0),"tenant":"t\#(i % 5)","ts":\#(stamp)}"#
        }
        try FleetReportTests.emitSplit(late[...], to: serves, in: dir, name: "late")
        lines += late
        try await Task.sleep(for: .seconds(60))

        // The same Prometheus again: every engine's queue drains into it.
        let restartedAt = Int64(Date().timeIntervalSince1970 * 1000)
        prometheus = try Prometheus(in: tsdb, config: config, port: port, arguments: RemoteWriteTests.receiverArguments,
                                    logName: "prometheus-restarted.log")
        let restarted = try #require(prometheus)
        _ = try await restarted.waitFor(total, timeout: 60) { $0.first?.value == Double(count + late.count) }
        _ = try await restarted.waitFor("min(timestamp(flowtop_process_start_time_seconds))", timeout: 30) {
            ($0.first?.value ?? 0) * 1000 > Double(restartedAt)
        }
        for i in 0..<3 {
            // One sample a second from the engine's first round to its last, none missing
            // across the outage, none twice.
            let selector = #"flowtop_process_start_time_seconds{instance="engine\#(i)"}"#
            let times = try await RemoteWriteTests.rawSamples(restarted, selector, range: "5m").map(\.0)
            let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
            #expect(gaps.allSatisfy { $0 > 0 && $0 < 1_500 }, "engine\(i): gaps \(gaps.filter { $0 >= 1_500 || $0 <= 0 })")
            let during = times.filter { $0 > stoppedAt && $0 < restartedAt }
            #expect(during.count >= Int((restartedAt - stoppedAt) / 1_000) - 2,
                    "engine\(i): \(during.count) rounds from the outage of \((restartedAt - stoppedAt) / 1_000) s")
        }

        // And the fleet report still agrees, the outage's requests included. (Windows of an
        // hour and more: two minutes on, the 5m and 30m edges come near the workload's bands.)
        let every = try Fixtures.write(lines.joined(separator: "\n") + "\n", in: dir, name: "every.ndjson")
        try Self.compareReports(url, every, windows: ["1h", "2h", "6h", "1d", "3d"])
        for serve in serves { #expect(try await serve.stop() == 0, "\(serve.log)") }
    }
}
