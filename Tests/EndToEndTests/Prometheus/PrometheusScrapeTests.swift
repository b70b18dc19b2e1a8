import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A real Prometheus (Debian's `prometheus`, installed by `.ci/run`) scraping a real
/// `flowtop serve` every second, both on 127.0.0.1. The proof of issue 6: Prometheus
/// stores our series, and a burn rate PromQL computes from our counts equals the one
/// flowtop reports itself.
@Suite("scraped by Prometheus", .serialized, .oneLiveProcessTestAtATime)
struct PrometheusScrapeTests {
    static let prometheusBinary = "/usr/bin/prometheus"
    static let slo = "ai_request_success"

    /// A running Prometheus with its own storage and log under `dir`.
    final class PrometheusProcess {
        let process = Process()
        let port: Int
        let logPath: String

        convenience init(scraping target: Int, in dir: String) throws {
            try self.init(scraping: [target], in: dir)
        }

        /// Scraping every port of `targets` (one job, `flowtop`) every second, evaluating
        /// `ruleFiles` (absolute paths) every second too.
        convenience init(scraping targets: [Int], in dir: String, ruleFiles: [String] = []) throws {
            try self.init(in: dir, config: """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                  evaluation_interval: 1s
                rule_files: [\(ruleFiles.map { "'\($0)'" }.joined(separator: ", "))]
                scrape_configs:
                  - job_name: flowtop
                    static_configs:
                      - targets: [\(targets.map { "'127.0.0.1:\($0)'" }.joined(separator: ", "))]

                """)
        }

        /// `config` as prometheus.yml, storage in `dir/tsdb` (so a second one started on the
        /// same `dir` and `port` is the first one restarted), `arguments` added (such as
        /// `--web.enable-remote-write-receiver`).
        init(in dir: String, config text: String, port: Int? = nil, arguments: [String] = [],
             logName: String = "prometheus.log") throws {
            guard FileManager.default.isExecutableFile(atPath: PrometheusScrapeTests.prometheusBinary) else {
                throw E2EError("\(PrometheusScrapeTests.prometheusBinary) is missing: apt-get install prometheus (.ci/run does)")
            }
            self.port = try port ?? freeLoopbackPort()
            let config = dir + "/prometheus.yml"
            try text.write(toFile: config, atomically: true, encoding: .utf8)
            logPath = dir + "/" + logName
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            process.executableURL = URL(fileURLWithPath: PrometheusScrapeTests.prometheusBinary)
            process.arguments = [
                "--config.file=\(config)", "--storage.tsdb.path=\(dir)/tsdb",
                "--web.listen-address=127.0.0.1:\(self.port)", "--log.level=warn",
            ] + arguments
            let log = FileHandle(forWritingAtPath: logPath)
            process.standardOutput = log
            process.standardError = log
            try process.run()
        }

        deinit {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }

        var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

        /// The `result` of `promql` as Prometheus' query API gives it (a vector or a matrix).
        func result(_ promql: String) async throws -> [[String: Any]] {
            var components = URLComponents(string: "http://127.0.0.1:\(port)/api/v1/query")
            components?.queryItems = [URLQueryItem(name: "query", value: promql)]
            guard let url = components?.url else { throw E2EError("bad query \(promql)") }
            let (data, _) = try await URLSession.shared.data(from: url)
            guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  root["status"] as? String == "success",
                  let result = (root["data"] as? [String: Any])?["result"] as? [[String: Any]]
            else { throw E2EError("Prometheus refused \(promql): \(String(decoding: data, as: UTF8.self))") }
            return result
        }

        /// The instant vector of `promql`: each sample's labels and value.
        func query(_ promql: String) async throws -> [(labels: [String: String], value: Double)] {
            try await result(promql).compactMap { sample in
                guard let labels = sample["metric"] as? [String: String],
                      let pair = sample["value"] as? [Any], pair.count == 2,
                      let text = pair[1] as? String, let value = Double(text)
                else { return nil }
                return (labels, value)
            }
        }

        /// Polls `promql` until `accept` takes its result (Prometheus starting, scrapes landing).
        func waitFor(_ promql: String, timeout: Double = 60,
                     _ accept: ([(labels: [String: String], value: Double)]) -> Bool) async throws
            -> [(labels: [String: String], value: Double)] {
            let deadline = Date().addingTimeInterval(timeout)
            var last = "no answer"
            while Date() < deadline {
                if !process.isRunning { throw E2EError("prometheus exited:\n\(log)") }
                do {
                    let result = try await query(promql)
                    if accept(result) { return result }
                    last = "\(result)"
                } catch { last = "\(error)" }
                try await Task.sleep(for: .milliseconds(250))
            }
            throw E2EError("\(promql) never matched in \(timeout)s; last: \(last)\n\(log)")
        }
    }

    /// `count` AI requests now, every tenth one failed: 10% errors against a 99.9%
    /// objective is a burn rate of 100.
    static func requests(_ count: Int, from first: Int) -> String {
        (first..<first + count).map { i in
            #"{"type":"ai_request","provider":"openai","model":"gpt-4o","success":\#(i % 10 != 0),"tenant":"acme"}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test func prometheusScrapesOurSeriesAndItsPromQLBurnRateMatchesOurs() async throws {
        let dir = try temporaryDirectory()
        let serve = try ServeProcess(["--http", "127.0.0.1:0"], in: dir)
        let port = try await serve.waitForHTTPPort()
        let prometheus = try PrometheusProcess(scraping: port, in: dir)

        // Prometheus is up and has scraped us: the target reports `up == 1`.
        _ = try await prometheus.waitFor(#"up{job="flowtop"}"#) { $0.first?.value == 1 }

        // Two batches with a scrape between them, so `increase()` sees the counters move.
        let total = "flowtop_slo_events_total{slo=\"\(Self.slo)\",series=\"total\"}"
        for (batch, first) in [(1, 0), (2, 100)] {
            let input = try Fixtures.write(Self.requests(100, from: first), in: dir, name: "batch\(batch).ndjson")
            let (status, output) = try run(try flowtopBinary(), ["emit", input, "--socket", serve.socket])
            #expect(status == 0 && output.hasPrefix("accepted 100, rejected 0"), "\(output)")
            _ = try await prometheus.waitFor(total) { $0.first?.value == Double(100 * batch) }
        }

        // Our burn rate over the last hour, as flowtop's own API reports it.
        let (code, body) = try await ServeCommandTests.get(port, "/api/analytics/slo/\(Self.slo)")
        #expect(code == 200, "\(body)")
        let ours = try #require(Self.burnRate(inSLODocument: body, window: "1h"), "\(body)")
        #expect(abs(ours - 100) < 1e-9)

        // The same from the scraped window counts, by PromQL.
        let selector = "slo=\"\(Self.slo)\",series=\"total\",window=\"1h\""
        let fromWindows = """
            (1 - flowtop_slo_window_good_events{\(selector)} / flowtop_slo_window_events{\(selector)})
              / on (slo) (1 - flowtop_slo_objective_ratio{slo="\(Self.slo)"})
            """
        let windowBurn = try #require(try await prometheus.query(fromWindows).first?.value, "no result for \(fromWindows)")
        #expect(abs(windowBurn - ours) < 1e-9, "PromQL \(windowBurn) vs flowtop \(ours)")

        // The gauge flowtop exports says the same.
        let gauge = try #require(try await prometheus.query("flowtop_slo_burn_rate{\(selector)}").first?.value)
        #expect(abs(gauge - ours) < 1e-9)

        // And sloth/pyrra's way: a ratio of increases of the `_total` counters.
        let counters = "slo=\"\(Self.slo)\",series=\"total\""
        let fromCounters = """
            (increase(flowtop_slo_error_events_total{\(counters)}[5m]) / increase(flowtop_slo_events_total{\(counters)}[5m]))
              / on (slo) (1 - flowtop_slo_objective_ratio{slo="\(Self.slo)"})
            """
        let counterBurn = try #require(try await prometheus.query(fromCounters).first?.value, "no result for \(fromCounters)")
        #expect(abs(counterBurn - ours) < 1e-6, "PromQL from counters \(counterBurn) vs flowtop \(ours)")

        // The original framework's counters arrived with their labels.
        let requests = try await prometheus.query(#"sum by (success) (flowtop_ai_requests_total{tenant="acme",model="gpt-4o"})"#)
        #expect(requests.first { $0.labels["success"] == "false" }?.value == 20)
        #expect(requests.first { $0.labels["success"] == "true" }?.value == 180)

        serve.process.terminate()
        #expect(try await serve.waitForExit() == 0, "\(serve.log)")
    }

    /// `burn_rates[window]` of the SLO document's total series, wherever the report nests it.
    static func burnRate(inSLODocument body: String, window: String) -> Double? {
        guard let root = try? JSONSerialization.jsonObject(with: Data(body.utf8)) else { return nil }
        func search(_ value: Any) -> Double? {
            if let object = value as? [String: Any] {
                if let rates = object["burn_rates"] as? [String: Any], let rate = rates[window] as? Double,
                   (object["series"] as? String).map({ $0 == "total" }) ?? true {
                    return rate
                }
                for key in object.keys.sorted() { if let found = search(object[key] as Any) { return found } }
            } else if let array = value as? [Any] {
                for item in array { if let found = search(item) { return found } }
            }
            return nil
        }
        return search(root)
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago (bound to 0, read back, closed), for
/// a server such as Prometheus that cannot report the port it picked.
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw E2EError("socket() failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
            bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
        }
    }
    guard bound else { throw E2EError("could not bind a port on 127.0.0.1") }
    return Int(UInt16(bigEndian: address.sin_port))
}
