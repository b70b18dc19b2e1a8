import FlowCore
import FlowReplay
import FlowStore
import FlowTestKit
import Foundation
import Testing

/// A file replayed with the engine on its own thread (`feed(path:)`) ends in the very
/// engine a replay on one thread builds from the same bytes: the batches reach it in order.
@Suite("replay on two threads")
struct ReplayApplierTests {
    static let realTime: EpochMillis = 1_795_000_000_000

    /// 40,000 lines over two days (10 batches and more): requests, latencies, leads,
    /// bad lines and lines without `ts`.
    static func workload() -> String {
        var rng = SeededGenerator(seed: 17)
        var lines: [String] = []
        var t: Int64 = 1_764_000_000
        for i in 0..<40_000 {
            t += Int64.random(in: 0...8, using: &rng)
            let tenant = "t\(Int.random(in: 0..<30, using: &rng))"
            switch i % 10 {
            case 0: lines.append(#"{"type":"lead_created","lead_id":"L\#(i)","source":"web","tenant_id":"\#(tenant)","ts":\#(t)}"#)
            case 1: lines.append(#"{"type":"ai_response_latency","latency_ms":\#(Int.random(in: 50...9_000, using: &rng)),"tenant_id":"\#(tenant)","ts":\#(t)}"#)
            case 2: lines.append(#"{"type":"ai_request","provider":"p","model":"m","tenant_id":"\#(tenant)"}"#)
            case 3 where i % 1_000 == 3: lines.append("not json")
            default:
                let ok = Int.random(in: 0..<50, using: &rng) != 0
                lines.append(#"{"type":"ai_request","provider":"p","model":"m","success":\#(ok),"tenant_id":"\#(tenant)","ts":\#(t)}"#)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func twoThreadsBuildTheEngineOneThreadBuilds() throws {
        let text = Self.workload()
        let path = NSTemporaryDirectory() + "flowtop-replay-\(UUID().uuidString.prefix(8)).ndjson"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }

        var threaded = Replay(now: nil, realTime: Self.realTime)
        try threaded.feed(path: path)
        var single = Replay(now: nil, realTime: Self.realTime)
        single.feed(Data(text.utf8))
        single.finish()

        #expect(threaded.accepted == 39_960 && threaded.rejected.total == 40)
        #expect(threaded.accepted == single.accepted && threaded.rejected == single.rejected)
        #expect(try StateEncoder.encode(threaded.engine) == StateEncoder.encode(single.engine))
        #expect(threaded.snapshot(SnapshotQuery()) == single.snapshot(SnapshotQuery()))
    }
}
