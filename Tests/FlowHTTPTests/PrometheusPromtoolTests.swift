import FlowCore
import FlowHTTP
import FlowTestKit
import Foundation
import Testing

/// Prometheus' own checker accepts the exposition and the example recording rules, and
/// the rules compute from the names flowtop exports. promtool comes with Debian's
/// `prometheus` package (CI installs it): without it these tests fail, they do not skip.
@Suite struct PrometheusPromtoolTests {
    static let rulesFile = RepositoryRoot.url.appending(path: "docs/examples/recording-rules.yaml")

    @Test func promtoolAcceptsTheExpositionWithoutLintProblems() throws {
        let tricky = EventBuilder.messageSent(channel: "sms", tenant: "a \"quoted\" \\ tenant\nwith a newline",
                                              at: PrometheusFixture.now - 100)
        let text = PrometheusFixture(events: [tricky]).text
        let result = try Promtool.run(["check", "metrics"], stdin: text)
        #expect(result.status == 0, "promtool check metrics: \(result.output)")
        #expect(result.output.isEmpty, "lint problems: \(result.output)")
    }

    @Test func promtoolRejectsAMetricItShould() throws {
        // The check above would pass vacuously if promtool read nothing: here it must object.
        let result = try Promtool.run(["check", "metrics"], stdin: "# HELP bad x\n# TYPE bad counter\nbad 1\n")
        #expect(result.status != 0 && result.output.contains("_total"), "\(result.output)")
    }

    @Test func promtoolAcceptsTheExampleRecordingRules() throws {
        let result = try Promtool.run(["check", "rules", Self.rulesFile.path])
        #expect(result.status == 0 && result.output.contains("SUCCESS"), "\(result.output)")
    }

    /// Counters growing 100 events and 25 errors a minute: error ratio 0.25 in every window,
    /// burn 0.5 at a 50% objective (numbers exact in binary, as promtool compares exactly).
    @Test func theRecordingRulesComputeFromFlowtopsNames() throws {
        let series = #"slo="ai_request_success",series="tenant",tenant="acme""#
        let test = """
            rule_files: [\(Self.rulesFile.path)]
            evaluation_interval: 1m
            tests:
              - interval: 1m
                input_series:
                  - series: 'flowtop_slo_events_total{job="flowtop",\(series)}'
                    values: '0+100x90'
                  - series: 'flowtop_slo_error_events_total{job="flowtop",\(series)}'
                    values: '0+25x90'
                  - series: 'flowtop_slo_objective_ratio{job="flowtop",slo="ai_request_success",period="30d"}'
                    values: '0.5x90'
                  - series: 'flowtop_slo_burn_rate{job="flowtop",\(series),window="1h"}'
                    values: '0.5x90'
                promql_expr_test:
                  - expr: slo:sli_error:ratio_rate5m
                    eval_time: 80m
                    exp_samples:
                      - labels: 'slo:sli_error:ratio_rate5m{\(series),sloth_window="5m"}'
                        value: 0.25
                  - expr: slo:sli_error:ratio_rate1h
                    eval_time: 80m
                    exp_samples:
                      - labels: 'slo:sli_error:ratio_rate1h{\(series),sloth_window="1h"}'
                        value: 0.25
                  - expr: slo:current_burn_rate:ratio
                    eval_time: 80m
                    exp_samples:
                      - labels: 'slo:current_burn_rate:ratio{\(series),sloth_window="5m"}'
                        value: 0.5
                  - expr: flowtop:slo_burn_rate:ratio
                    eval_time: 80m
                    exp_samples:
                      - labels: 'flowtop:slo_burn_rate:ratio{\(series),window="1h"}'
                        value: 0.5

            """
        let dir = FileManager.default.temporaryDirectory.appending(path: "flowtop-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "rules_test.yaml")
        try test.write(to: file, atomically: true, encoding: .utf8)
        let result = try Promtool.run(["test", "rules", file.path])
        #expect(result.status == 0 && result.output.contains("SUCCESS"), "\(result.output)")
    }
}

/// The fleet's alerting rules (issue 18): Prometheus' checker accepts them, its unit tests
/// of them pass (`docs/examples/alerting-rules.test.yaml`: an outage fires every tier, a
/// slow burn summed over two engines only the tickets, a series below `minEvents` no
/// page), and their tiers are the engine's.
@Suite struct FleetAlertingRulesTests {
    static let examples = RepositoryRoot.url.appending(path: "docs/examples")

    @Test func promtoolAcceptsTheRulesAndTheirTestsPass() throws {
        let check = try Promtool.run(["check", "rules", Self.examples.appending(path: "recording-rules.yaml").path,
                                      Self.examples.appending(path: "alerting-rules.yaml").path])
        #expect(check.status == 0 && check.output.contains("SUCCESS: 4 rules found"), "\(check.output)")
        let test = try Promtool.run(["test", "rules", Self.examples.appending(path: "alerting-rules.test.yaml").path])
        #expect(test.status == 0 && test.output.contains("SUCCESS"), "\(test.output)")
    }

    /// Each built-in tier appears with its windows, factor and severity, as the engine
    /// judges it for a 30-day SLO, and the minimum of events is the engine's default.
    @Test func theRulesTiersAreTheEngines() throws {
        let rules = try String(contentsOf: Self.examples.appending(path: "alerting-rules.yaml"), encoding: .utf8)
        let tiers = SLODefinition.builtIn[0].tiers
        #expect(tiers.count == 4)
        for tier in tiers {
            let factor = tier.factor == tier.factor.rounded() ? "\(Int(tier.factor))" : "\(tier.factor)"
            for window in [tier.longWindow, tier.shortWindow] {
                let burn = "slo:sli_error:ratio_rate\(window.rawValue) / on (slo) group_left slo:error_budget:ratio > \(factor))"
                #expect(rules.contains(burn), "tier \(tier.longWindow.rawValue)/\(tier.shortWindow.rawValue): \(burn)")
            }
            #expect(rules.contains("increase(flowtop_slo_events_total[\(tier.longWindow.rawValue)])) >= \(SLODefinition.defaultMinEvents)"))
            #expect(rules.contains("severity: \(tier.severity.rawValue)\n          tier: \(tier.longWindow.rawValue)/\(tier.shortWindow.rawValue)"))
        }
    }
}

/// Runs promtool (`$PROMTOOL`, else /usr/bin/promtool) and collects what it printed.
enum Promtool {
    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "promtool not found at \(path): install Debian's prometheus package (apt-get install prometheus) "
                + "or set PROMTOOL to its path; the Prometheus checks need it"
        }
    }

    static func run(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, output: String) {
        let path = ProcessInfo.processInfo.environment["PROMTOOL"] ?? "/usr/bin/promtool"
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Missing(path: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let input = Pipe()
        process.standardInput = input
        try process.run()
        // Read while writing, so neither side waits on a full pipe.
        let collected = OutputCollector(output.fileHandleForReading)
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return (process.terminationStatus, collected.text())
    }
}

/// Drains a pipe on a thread of its own.
final class OutputCollector: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
