import FlowTestKit
import Foundation
import Testing

/// A data directory whose disk fills up, on the real binary and a real (small) tmpfs: a
/// sync then answers `"durable": false` with the reason, the `store` health check fails
/// with it, and the engine goes on from memory, accepting and counting every event.
@Suite("a full disk", .oneLiveProcessTestAtATime,
       .enabled(if: ServeProcess.canMountTmpfs, "needs to mount a tmpfs (unshare -m, as root)"))
struct FullDiskTests {
    static func requests(_ count: Int, from first: Int) -> String {
        (first..<first + count).map {
            #"{"type":"ai_request","provider":"openai","model":"gpt-4o","success":true,"tenant":"t\#($0 % 50)","cost_usd":0.0001}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test func syncsSayNotDurableTheStoreCheckFailsAndTheEngineGoesOn() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let serve = try ServeProcess(["--http", "127.0.0.1:0", "--data-dir", dir + "/disk/flowtop", "--fsync-interval", "50ms"],
                                     in: dir, tmpfs: (dir + "/disk", "3m"))
        let port = try await serve.waitForHTTPPort()

        let first = try await DurableEngineTests.sendAndSync(serve.socket, Self.requests(300, from: 0))
        #expect(first["accepted"] as? Int == 300 && first["durable"] as? Bool == true, "\(first)")

        // About 2 MB of journal a batch: the 3 MB disk is full within a few.
        var sent = 300
        var last: [String: Any] = [:]
        for _ in 0..<10 {
            last = try await DurableEngineTests.sendAndSync(serve.socket, Self.requests(50_000, from: sent))
            sent += 50_000
            if last["durable"] as? Bool == false { break }
        }
        #expect(last["durable"] as? Bool == false, "the disk never filled: \(last)")
        let errors = last["errors"] as? [[String: Any]] ?? []
        let notDurable = errors.first { $0["reason"] as? String == "not_durable" }
        let detail = notDurable?["detail"] as? String ?? ""
        #expect(detail.contains("No space left on device") && detail.contains("free space on that disk"), "\(last)")

        let health = try await ServeCommandTests.get(port, "/api/analytics/health/check")
        #expect(health.status == 503, "\(health.body)")
        let store = health.body.split(separator: "\n").drop { !$0.contains(#""name": "store""#) }.prefix(6).joined(separator: "\n")
        #expect(store.contains("No space left on device"), "\(health.body)")

        // Every event was applied all the same, and more still are.
        let more = try await DurableEngineTests.sendAndSync(serve.socket, Self.requests(1_000, from: sent))
        sent += 1_000
        #expect(more["accepted"] as? Int == 1_000 && more["durable"] as? Bool == false, "\(more)")
        let metrics = try await ServeCommandTests.get(port, "/metrics").body
        #expect(metrics.contains("flowtop_events_accepted_total \(sent)"), "\(metrics.prefix(3000))")
        #expect(serve.process.isRunning)
        let status = try await serve.stop()
        // It says so, once, while it runs; the final checkpoint fails with the reason.
        #expect(status == 0, "\(serve.log)")
        let log = serve.log
        #expect(log.components(separatedBy: "the store cannot write").count == 2, "\(log)")
        #expect(log.contains("no checkpoint written in") && log.contains("No space left on device"), "\(log)")
    }
}
