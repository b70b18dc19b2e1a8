import FlowCore
import FlowFormats
import FlowTestKit
import FlowViewer
import Testing

/// The case the patches are for: the same engine a second and a few events apart. The
/// viewer rebuilds the second snapshot from the first and the patch, and the patch is a
/// small part of the snapshot.
@Suite struct SnapshotPatchTests {
    /// A second of traffic: requests and answers on two tenants, a lead moving on.
    static func secondOfEvents(at t: EpochMillis) -> [Event] {
        [
            EventBuilder.aiRequest(success: false, model: "claude", cost: 0.3, tenant: "tenant-1", at: t + 100),
            EventBuilder.aiRequest(model: "gpt-4o", cost: 0.1, tenant: "tenant-2", at: t + 200),
            EventBuilder.aiLatency(900, model: "gpt-4o", tenant: "tenant-2", at: t + 250),
            EventBuilder.messageProcessing(120, tenant: "tenant-3", at: t + 300),
            EventBuilder.stage("L-400", .meeting, tenant: EngineWorkload.tenants[0], at: t + 400),
        ]
    }

    /// The snapshots at `end` and one second later, with the events between.
    static func twoSnapshots(_ query: SnapshotQuery) -> (EngineSnapshot, EngineSnapshot) {
        var engine = ViewerFixture.engine
        let first = ViewerFixture.snapshot(query, engine: engine)
        let end = ViewerFixture.end
        _ = engine.snapshot(query, now: end)
        engine.apply(secondOfEvents(at: end), receivedAt: end + 900)
        return (first, ViewerFixture.snapshot(query, at: end + 1_000, engine: engine))
    }

    @Test(arguments: [SnapshotQuery(), ViewerFixture.richQuery])
    func theViewerRebuildsTheNextSnapshotFromThePatch(_ query: SnapshotQuery) throws {
        let (first, second) = Self.twoSnapshots(query)
        #expect(first != second)
        let (old, new) = (try SnapshotCoding.encode(first), try SnapshotCoding.encode(second))
        let patch = JSONPatch.jsonData(JSONPatch.diff(from: old, to: new))
        // What the viewer does: parse the patch, apply it to its tree, decode.
        let rebuilt = try JSONPatch.apply(JSONPatch.parse(patch), to: old)
        #expect(rebuilt == new)
        #expect(try SnapshotCoding.decode(rebuilt) == second)

        let full = new.rendered(.compact).utf8.count
        print("snapshot patch, detail \(query.detail != nil): full \(full) bytes, patch \(patch.count) bytes"
              + " (\(JSONPatch.diff(from: old, to: new).count) operations)")
        #expect(patch.count * 4 < full, "the patch is \(patch.count) bytes of a \(full)-byte snapshot")
    }
}
