import FlowTestKit
import Foundation
import Testing

/// Issue 14 end to end, on the real binary: what `serve --data-dir` acknowledged as durable
/// survives kill -9, a second engine on the directory is refused, and the torture script
/// keeps its promise over a few rounds.
@Suite("durable engine", .oneLiveProcessTestAtATime)
struct DurableEngineTests {
    static func events(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

    /// Sends `text` and a sync on one connection; the ack.
    static func sendAndSync(_ socket: String, _ text: String) async throws -> [String: Any] {
        let raw = try RawSocket(unixPath: socket)
        try raw.writeAll(text + #"{"type":"sync"}"# + "\n")
        var bytes: [UInt8] = []
        var deadline = PatientDeadline(timeout: .seconds(60))
        while !bytes.contains(10) && !deadline.expired {
            bytes += try await raw.readAvailable(within: 1)
        }
        let line = String(decoding: bytes.prefix { $0 != 10 }, as: UTF8.self)
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
    }

    @Test func whatADurableAckCoveredSurvivesKillNine() async throws {
        let dir = try temporaryDirectory()
        let dataDir = dir + "/data"
        let serve1 = try ServeProcess(["--http", "127.0.0.1:0", "--data-dir", dataDir], in: dir)
        var port = try await serve1.waitForHTTPPort()
        var lines: [String] = []
        for i in 0..<300 {
            lines.append(#"{"type":"ai_request","provider":"p","model":"m","success":\#(i % 10 != 0),"tenant":"acme"}"#)
        }
        let ack = try await Self.sendAndSync(serve1.socket, Self.events(lines))
        #expect(ack["accepted"] as? Int == 300 && ack["durable"] as? Bool == true, "\(ack)")
        let before = try await ServeCommandTests.get(port, "/metrics").body
        let requestsBefore = before.split(separator: "\n").filter { $0.hasPrefix("flowtop_ai_requests_total{") }
        #expect(requestsBefore.count >= 2, "\(before.prefix(2000))")

        kill(serve1.process.processIdentifier, SIGKILL)
        _ = try await serve1.waitForExit()
        let serve = try ServeProcess(["--http", "127.0.0.1:0", "--data-dir", dataDir], in: dir)
        port = try await serve.waitForHTTPPort()
        let after = try await ServeCommandTests.get(port, "/metrics").body
        let requestsAfter = after.split(separator: "\n").filter { $0.hasPrefix("flowtop_ai_requests_total{") }
        #expect(requestsAfter == requestsBefore)
        #expect(serve.log.contains("engine restored"), "\(serve.log)")
        let health = try await ServeCommandTests.get(port, "/api/analytics/health/check").body
        #expect(health.contains(#""name": "store""#), "\(health)")

        // A second engine on the same directory is refused, naming the first.
        let (status, output) = try run(try flowtopBinary(), ["serve", "--socket", dir + "/other.sock", "--http", "127.0.0.1:0",
                                                             "--data-dir", dataDir], timeout: 60)
        #expect(status == 1)
        #expect(output.contains("is in use by another flowtop (pid \(serve.process.processIdentifier))"), "\(output)")
        serve.process.terminate()
        #expect(try await serve.waitForExit() == 0)
        // The clean stop wrote a checkpoint; store info reads it.
        let (infoStatus, info) = try run(try flowtopBinary(), ["store", "info", "--data-dir", dataDir])
        #expect(infoStatus == 0 && info.contains("in use          no") && info.contains("at journal position"), "\(info)")
    }

    /// Three rounds of scripts/torture.py: durable acks kept across kill -9 at random
    /// instants, checkpoints every second (some kills land in one).
    @Test func theTortureScriptKeepsThePromise() async throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/torture.py").path
        let (status, output) = try await HostileClientTests.onThread {
            try run("/usr/bin/env", ["python3", script, "--rounds", "3", "--clients", "3", "--bin", try flowtopBinary()],
                    timeout: 600)
        }
        #expect(status == 0, "\(output)")
        #expect(output.contains("torture: passed"), "\(output)")
    }
}
