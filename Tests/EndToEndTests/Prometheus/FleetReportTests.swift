import Foundation
import Testing

/// Issue 18's fleet: three `flowtop serve` engines, each fed a third of the events, scraped
/// by a real Prometheus (Debian's) on 127.0.0.1; `report slo --prometheus` must give the
/// report `report slo --input` gives for all the events in one engine, and `status
/// --prometheus` the fleet's line.
@Suite("a fleet through Prometheus", .serialized, .oneLiveProcessTestAtATime)
struct FleetReportTests {
    /// Offsets before the start (seconds) that every event falls in: each band keeps at
    /// least 2 minutes from every burn window's edge (5m ... 3d), so a report a minute
    /// later, or one at a scrape's instant, counts the same events in every window.
    static let bands: [ClosedRange<Double>] = [
        30...100, 600...1_500, 2_100...3_300, 3_900...6_600, 10_800...18_000, 28_800...72_000, 93_600...216_000,
    ]

    /// Sends `lines` to the engines, line n (counted from the slice's start) to engine n %
    /// their count, with one `flowtop emit` each, and expects every line accepted.
    static func emitSplit(_ lines: ArraySlice<String>, to serves: [ServeProcess], in dir: String, name: String) throws {
        for (i, serve) in serves.enumerated() {
            let part = lines.enumerated().filter { ($0.offset + lines.startIndex) % serves.count == i }.map(\.element)
            let file = try Fixtures.write(part.joined(separator: "\n") + "\n", in: dir, name: "\(name)-\(i).ndjson")
            let (status, output) = try run(try flowtopBinary(), ["emit", file, "--socket", serve.socket])
            #expect(status == 0 && output.hasPrefix("accepted \(part.count), rejected 0"), "\(output)")
        }
    }

    /// `count` events over three days before `start` (Unix seconds), the AI and message SLOs
    /// all burning in the last two hours: a page on each, fed to the engines with `ts`.
    static func workload(_ count: Int, start: Double) -> [String] {
        var random = UInt64(0x9E37_79B9_7F4A_7C15)
        func next() -> Double {   // SplitMix64, for the same workload on every run
            random &+= 0x9E37_79B9_7F4A_7C15
            var z = random
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        return (0..<count).map { i in
            let band = bands[i % bands.count]
            let ago = band.lowerBound + next() * (band.upperBound - band.lowerBound)
            let ts = String(format: "%.3f", start - ago)
            let recent = ago < 7_200
            let tenant = "t\(i % 5)"
            switch (i / 3) % 3 {   // every engine (i % 3) gets every kind
            case 0:
                let failed = next() < (recent ? 0.05 : 0.0005)
                return #"{"type":"ai_request","provider":"openai","model":"gpt-4o","success":\#(!failed),"tenant":"\#(tenant)","ts":\#(ts)}"#
            case 1:
                let slow = next() < (recent ? 0.2 : 0.002)
                return #"{"type":"ai_response_latency","latency_ms":\#(slow ? 2_600 : 700),"model":"gpt-4o","tenant":"\#(tenant)","ts":\#(ts)}"#
            default:
                let bad = next() < (recent ? 0.1 : 0.001)
                return #"{"type":"message_processing_latency","latency_ms":\#(bad ? 900 : 120),"success":true,"channel":"whatsapp","tenant":"\#(tenant)","ts":\#(ts)}"#
            }
        }
    }

    @Test func theFleetReportOfThreeEnginesIsTheReportOfOneFedEveryEvent() async throws {
        let dir = try temporaryDirectory()
        var serves: [ServeProcess] = []
        var ports: [Int] = []
        for i in 0..<3 {
            let engineDir = dir + "/engine\(i)"
            try FileManager.default.createDirectory(atPath: engineDir, withIntermediateDirectories: true)
            serves.append(try ServeProcess(["--http", "127.0.0.1:0"], in: engineDir))
            ports.append(try await serves[i].waitForHTTPPort())
        }
        let examples = FleetReportTests.examples
        let prometheus = try PrometheusScrapeTests.PrometheusProcess(
            scraping: ports, in: dir,
            ruleFiles: ["recording-rules.yaml", "alerting-rules.yaml"].map { examples.appending(path: $0).path })
        _ = try await prometheus.waitFor(#"count(up{job="flowtop"} == 1)"#) { $0.first?.value == 3 }

        let count = 6_000
        let lines = Self.workload(count, start: Date().timeIntervalSince1970.rounded(.down))
        let all = try Fixtures.write(lines.joined(separator: "\n") + "\n", in: dir, name: "all.ndjson")
        // In two rounds with scrapes between, so Prometheus' rate() sees the counters grow
        // (the shipped alerting rules read the `_total` counters by arrival).
        let firstRound = count / 4
        for (round, range) in [(0, 0..<firstRound), (1, firstRound..<count)] {
            try Self.emitSplit(lines[range], to: serves, in: dir, name: "part\(round)")
            let sent = Double(range.upperBound)
            _ = try await prometheus.waitFor("sum(flowtop_slo_events_total{series=\"total\"})") { $0.first?.value == sent }
            try await Task.sleep(for: .seconds(2))
        }
        // Every engine's counts scraped.
        _ = try await prometheus.waitFor("sum(flowtop_slo_events_total{series=\"total\"})") { $0.first?.value == Double(count) }
        _ = try await prometheus.waitFor("count(flowtop_slo_period_events{series=\"total\"} > 0)") { $0.first?.value == 9 }
        try await Task.sleep(for: .seconds(2))   // one more scrape of every engine

        let url = "http://127.0.0.1:\(prometheus.port)"
        let now = String(Int(Date().timeIntervalSince1970))
        let fleet = try runSplit(try flowtopBinary(), ["report", "slo", "--prometheus", url, "--now", now, "--format", "json"])
        #expect(fleet.status == 0, "\(fleet.errors)")
        let one = try runSplit(try flowtopBinary(), ["report", "slo", "--input", all, "--now", now, "--format", "json"])
        #expect(one.status == 0, "\(one.errors)")
        let fleetSLOs = try Self.slos(fleet.output), oneSLOs = try Self.slos(one.output)
        #expect(fleetSLOs.map { $0["name"] as? String } == oneSLOs.map { $0["name"] as? String })
        for (f, o) in zip(fleetSLOs, oneSLOs) {
            let name = o["name"] as? String ?? "?"
            #expect(f["good"] as? Int == o["good"] as? Int && f["total"] as? Int == o["total"] as? Int, "\(name)")
            #expect(f["status"] as? String == "page" && o["status"] as? String == "page", "\(name)")
            let fb = f["burn_rates"] as? [String: Double] ?? [:], ob = o["burn_rates"] as? [String: Double] ?? [:]
            #expect(ob.count == 7, "\(name): \(ob)")
            for (window, expected) in ob {
                let got = try #require(fb[window], "\(name) \(window)")
                #expect(abs(got - expected) <= 0.01 * expected, "\(name) \(window): fleet \(got), one engine \(expected)")
            }
            let states = { (slo: [String: Any]) in (slo["alerts"] as? [[String: Any]] ?? []).map { $0["state"] as? String } }
            #expect(states(f) == states(o), "\(name)")
        }

        // One SLO in depth: a breakdown row per engine; one engine's own series.
        let depth = try runSplit(try flowtopBinary(), ["report", "slo", "--prometheus", url, "--name", "ai_request_success",
                                                       "--format", "json"])
        #expect(depth.status == 0 && ports.allSatisfy { depth.output.contains("\"instance:127.0.0.1:\($0)\"") },
                "\(depth.errors)\(depth.output.prefix(400))")
        // Its history: the requests by arrival in the last minutes' buckets (increase()
        // extrapolates at the buckets' edges: about the 2,000 sent, not exactly).
        let root = try JSONSerialization.jsonObject(with: Data(depth.output.utf8)) as? [String: Any]
        let history = (root?["history"] as? [[String: Any]]) ?? ((root?["detail"] as? [String: Any])?["history"] as? [[String: Any]]) ?? []
        let arrived = history.reduce(0) { $0 + ($1["total"] as? Int ?? 0) }
        #expect(arrived > count / 3 / 2 && arrived < count / 3 * 2, "\(arrived): history \(history.suffix(5))")
        let engine = try runSplit(try flowtopBinary(), ["report", "slo", "--prometheus", url, "--name", "ai_request_success",
                                                        "--series", "instance:127.0.0.1:\(ports[0])", "--format", "json"])
        #expect(engine.status == 0 && engine.output.contains("\"series\": \"instance:127.0.0.1:\(ports[0])\""),
                "\(engine.errors)\(engine.output.prefix(400))")

        // The shipped alerting rules page for the fleet's incident, tier 1h/5m, with
        // Alertmanager's inhibition left to it (docs/examples/alerting-rules.yaml).
        let alerts = try await prometheus.waitFor(
            #"ALERTS{alertname="FlowtopSLOBurnRate",alertstate="firing",severity="page",series="total"}"#) { result in
            Set(result.compactMap { $0.labels["slo"] }).isSuperset(of: ["ai_request_success", "ai_response_latency"])
        }
        #expect(alerts.contains { $0.labels["tier"] == "1h/5m" }, "\(alerts)")

        // The tmux line of the fleet: three SLOs paging, the worst named.
        let line = try runSplit(try flowtopBinary(), ["status", "--prometheus", url, "--format", "json"])
        #expect(line.status == 0, "\(line.errors)")
        let status = try #require(try JSONSerialization.jsonObject(with: Data(line.output.utf8)) as? [String: Any])
        #expect(status["fleet"] as? String == "up" && status["pages"] as? Int == 3, "\(line.output)")
        #expect(status["events_total"] as? Int == count, "\(line.output)")

        // Leads: 10, 20 and 30 created on the three engines, half of them won.
        for (i, serve) in serves.enumerated() {
            let leads = (0..<(10 * (i + 1))).flatMap { k in
                [#"{"type":"lead_created","lead_id":"L\#(i)-\#(k)","source":"whatsapp","tenant":"t1"}"#,
                 #"{"type":"touchpoint","lead_id":"L\#(i)-\#(k)","channel":"email","cost":1,"tenant":"t1"}"#]
                    + (k % 2 == 0 ? [#"{"type":"lead_stage","lead_id":"L\#(i)-\#(k)","stage":"won","revenue":100,"tenant":"t1"}"#] : [])
            }
            let file = try Fixtures.write(leads.joined(separator: "\n") + "\n", in: dir, name: "leads\(i).ndjson")
            let (status, output) = try run(try flowtopBinary(), ["emit", file, "--socket", serve.socket])
            #expect(status == 0, "\(output)")
        }

        // The fleet dashboard in tmux: the fleet's SLOs and alerts, in an SLO's detail one
        // breakdown row per engine, and the engines' funnels added up from their APIs.
        let connects = ports.flatMap { ["--connect", "http://127.0.0.1:\($0)"] }
        let tmux = try TmuxSession(command: [try flowtopBinary(), "--prometheus", url, "--fresh"] + connects,
                                   width: 200, height: 60, environment: ["XDG_STATE_HOME": dir + "/viewer"])
        _ = try await tmux.waitFor(timeout: 30, "the fleet header") { $0.contains("attached to fleet via \(url) (3 engines)") }
        _ = try await tmux.waitFor("the fleet's pages") { $0.contains("ai_request_success") && $0.contains("PAGE") }
        let funnel = try await tmux.waitFor("60 leads over three engines") { screen in
            screen.split(separator: "\n").contains { $0.contains("lead_created") && $0.contains(" 60 ") }
        }
        #expect(funnel.split(separator: "\n").contains { $0.contains("won") && $0.contains(" 30 ") }, "\(funnel)")
        try tmux.sendKeys("Enter")
        let detail = try await tmux.waitFor("every engine in the breakdown") { screen in
            ports.allSatisfy { screen.contains("instance:127.0.0.1:\($0)") }
        }
        #expect(detail.contains("breakdown (") && detail.contains("tenant:t0"), "\(detail)")
        try tmux.sendKeys("q")
        _ = try await tmux.waitFor("the dashboard to quit") { _ in tmux.exitStatus() != nil }
        #expect(tmux.exitStatus() == 0)

        // Prometheus gone: a clear error and exit 1, `fleet down` with exit 3 for scripts.
        prometheus.process.terminate()
        prometheus.process.waitUntilExit()
        let down = try runSplit(try flowtopBinary(), ["report", "slo", "--prometheus", url])
        #expect(down.status == 1 && down.errors.contains("connection refused"), "\(down.errors)")
        let downLine = try runSplit(try flowtopBinary(), ["status", "--prometheus", url, "--format", "json"])
        #expect(downLine.status == 3 && downLine.output.contains(#"{"fleet":"down"}"#), "\(downLine.output)")
    }

    /// VictoriaMetrics (Debian's) scraping two engines: its Prometheus query API gives
    /// `report slo --prometheus` the same sums.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/victoria-metrics"),
                   "needs /usr/bin/victoria-metrics (apt-get install victoria-metrics; .ci/run does)"))
    func victoriaMetricsGivesTheSameFleetReport() async throws {
        let dir = try temporaryDirectory()
        var serves: [ServeProcess] = []
        var targets: [String] = []
        for i in 0..<2 {
            let engineDir = dir + "/engine\(i)"
            try FileManager.default.createDirectory(atPath: engineDir, withIntermediateDirectories: true)
            serves.append(try ServeProcess(["--http", "127.0.0.1:0", "--ephemeral"], in: engineDir))
            targets.append("'127.0.0.1:\(try await serves[i].waitForHTTPPort())'")
        }
        let port = try freeLoopbackPort()
        let scrape = "global: {scrape_interval: 1s}\nscrape_configs:\n  - job_name: flowtop\n"
            + "    static_configs: [{targets: [\(targets.joined(separator: ", "))]}]\n"
        try scrape.write(toFile: dir + "/scrape.yml", atomically: true, encoding: .utf8)
        let vm = Process()
        vm.executableURL = URL(fileURLWithPath: "/usr/bin/victoria-metrics")
        // No latency offset: by default VictoriaMetrics hides the last 30 s from queries.
        vm.arguments = ["-storageDataPath=\(dir)/vm", "-httpListenAddr=127.0.0.1:\(port)",
                        "-promscrape.config=\(dir)/scrape.yml", "-search.latencyOffset=0s", "-loggerLevel=ERROR"]
        vm.standardOutput = FileHandle.nullDevice
        vm.standardError = FileHandle.nullDevice
        try vm.run()
        defer {
            vm.terminate()
            vm.waitUntilExit()
        }

        let count = 1_500
        let lines = Self.workload(count, start: Date().timeIntervalSince1970.rounded(.down))
        let all = try Fixtures.write(lines.joined(separator: "\n") + "\n", in: dir, name: "all.ndjson")
        try Self.emitSplit(lines[...], to: serves, in: dir, name: "part")
        let url = "http://127.0.0.1:\(port)"
        let scraped = #""events_total":\#(count)"#
        let deadline = Date().addingTimeInterval(60)
        var last = ""
        while Date() < deadline {   // every engine's counts scraped
            let line = try runSplit(try flowtopBinary(), ["status", "--prometheus", url, "--format", "json"])
            last = line.output + line.errors
            if line.output.contains(scraped) { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(last.contains(scraped), "\(last)")
        try await Task.sleep(for: .seconds(2))   // and one more scrape of each

        let now = String(Int(Date().timeIntervalSince1970))
        let fleet = try runSplit(try flowtopBinary(), ["report", "slo", "--prometheus", url, "--now", now, "--format", "json"])
        let one = try runSplit(try flowtopBinary(), ["report", "slo", "--input", all, "--now", now, "--format", "json"])
        #expect(fleet.status == 0 && one.status == 0, "\(fleet.errors) \(one.errors)")
        for (f, o) in zip(try Self.slos(fleet.output), try Self.slos(one.output)) {
            let name = o["name"] as? String ?? "?"
            #expect(f["total"] as? Int == o["total"] as? Int && f["good"] as? Int == o["good"] as? Int, "\(name)")
            let fb = f["burn_rates"] as? [String: Double] ?? [:], ob = o["burn_rates"] as? [String: Double] ?? [:]
            #expect(ob.count == 7, "\(name)")
            for (window, expected) in ob {
                let got = try #require(fb[window], "\(name) \(window)")
                #expect(abs(got - expected) <= 0.01 * expected, "\(name) \(window): \(got) vs \(expected)")
            }
        }
    }

    /// The repository's docs/examples (the shipped Prometheus rules): four levels up from
    /// this file (Tests/EndToEndTests/Prometheus/).
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appending(path: "docs/examples")

    static func slos(_ json: String) throws -> [[String: Any]] {
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return try #require(root?["slos"] as? [[String: Any]], "\(json.prefix(300))")
    }
}
