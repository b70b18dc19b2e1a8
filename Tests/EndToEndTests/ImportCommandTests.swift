import FlowTestKit
import Foundation
import Testing

/// `flowtop import` on the real binary: a history file goes into a data directory, `store
/// info` sees the checkpoint that keeps it, and `serve` on that directory answers what
/// `report` computes from the same file; a running flowtop on the directory makes the
/// import refuse.
@Suite("import command", .oneLiveProcessTestAtATime)
struct ImportCommandTests {
    /// Two hours of AI requests up to a minute ago (every tenth failing), as Unix seconds,
    /// with one line that is not JSON.
    static func history(in dir: String) throws -> String {
        let now = Int(Date().timeIntervalSince1970)
        var lines: [String] = []
        for i in 0..<300 {
            lines.append(#"{"type":"ai_request","provider":"p","model":"m","success":\#(i % 10 != 0),"tenant":"acme","ts":\#(now - 7200 + i * 20)}"#)
        }
        lines.insert("{not json", at: 150)
        let path = dir + "/history.ndjson"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func importedHistoryIsWhatServeAnswersOnThatDirectory() async throws {
        let dir = try temporaryDirectory()
        let dataDir = dir + "/data"
        let input = try Self.history(in: dir)
        let bin = try flowtopBinary()
        let (status, output) = try run(bin, ["import", input, "--data-dir", dataDir])
        #expect(status == 0, "\(output)")
        #expect(output.contains("imported \(input) into \(dataDir)"), "\(output)")
        #expect(output.contains("301 read: 300 applied, 1 rejected (invalid_json 1)"), "\(output)")
        #expect(output.contains("events/s; checkpoint"), "\(output)")

        let (infoStatus, info) = try run(bin, ["store", "info", "--data-dir", dataDir])
        #expect(infoStatus == 0 && info.contains("in use          no") && info.contains("at journal position"), "\(info)")

        let (reportStatus, report, _) = try runSplit(bin, ["report", "slo", "--input", input, "--format", "json"])
        #expect(reportStatus == 0, "\(report)")
        let reported = (try ServeCommandTests.json(report)["slos"] as? [[String: Any]])?
            .first { $0["name"] as? String == "ai_request_success" }
        #expect(reported?["sli"] as? Double == 0.9, "\(report.prefix(500))")

        let serve = try ServeProcess(["--http", "127.0.0.1:0", "--data-dir", dataDir], in: dir)
        let port = try await serve.waitForHTTPPort()
        let answer = try ServeCommandTests.json(try await ServeCommandTests.get(port, "/api/analytics/slo/status").body)
        let served = (answer["slos"] as? [[String: Any]])?.first { $0["name"] as? String == "ai_request_success" }
        #expect(served?["sli"] as? Double == reported?["sli"] as? Double, "\(answer)")
        let metrics = try await ServeCommandTests.get(port, "/metrics").body
        #expect(metrics.contains("flowtop_events_accepted_total 300\n"), "\(metrics.prefix(3000))")

        // While serve holds the directory, an import is refused and names it.
        let (refused, refusal) = try run(bin, ["import", input, "--data-dir", dataDir])
        #expect(refused == 1)
        #expect(refusal.contains("flowtop import: ") && refusal.contains(
            "is in use by another flowtop (pid \(serve.process.processIdentifier))"), "\(refusal)")
        serve.process.terminate()
        #expect(try await serve.waitForExit() == 0)
    }

    @Test func aMissingFileIsExitOneAndCreatesNoDirectory() throws {
        let dir = try temporaryDirectory()
        let (status, output) = try run(try flowtopBinary(), ["import", dir + "/nope.ndjson", "--data-dir", dir + "/data"])
        #expect(status == 1)
        #expect(output == "flowtop import: cannot read input file \(dir)/nope.ndjson: no such file or not readable\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/data"))
    }

    @Test func standardInputImportsIntoTheDefaultDirectory() throws {
        let dir = try temporaryDirectory()
        let history = try String(contentsOfFile: try Self.history(in: dir), encoding: .utf8)
        let (status, output) = try run(try flowtopBinary(), ["import", "-"], stdin: history)
        #expect(status == 0, "\(output)")
        #expect(output.contains("imported standard input into ") && output.contains("flowtop-e2e-state-"), "\(output)")
    }
}
