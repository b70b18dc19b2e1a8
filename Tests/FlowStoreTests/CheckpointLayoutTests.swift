import FlowCore
@testable import FlowStore
import FlowTestKit
import Testing

/// The encoded layout of an engine is positional: a field added to any stored type shifts
/// every byte after it, and a checkpoint written before would be misread. This test pins
/// the bytes of a small fixed engine; when it fails, bump `FlowStore.engineLayoutVersion`
/// (old checkpoints are then set aside, not misread) and record the new checksum here.
@Suite struct CheckpointLayoutTests {
    static let pinned: (layout: UInt32, crc: UInt32, bytes: Int) = (4, 2_518_983_212, 62_602)
    /// What layout 3 wrote for the same engine (the build before layout 4, `bfc5682`).
    static let layoutThree: (crc: UInt32, bytes: Int) = (4_121_120_145, 436_394)
    /// What layout 2 wrote for the same engine (the build before layout 3, `cdab20c`).
    static let layoutTwo: (crc: UInt32, bytes: Int) = (1_378_312_044, 943_077)

    static func engine() -> Engine {
        var engine = Engine()
        let t = TestTime.start
        engine.apply(EventBuilder.aiRequests(good: 20, bad: 2, from: t, until: t + 120_000, tenant: "acme")
                     + [EventBuilder.leadCreated("L1", source: "web", tenant: "acme", at: t + 1)], receivedAt: t + 120_000)
        var rejected = RejectionCounts()
        rejected.add(.missingField)
        engine.recordRejections(rejected, receivedAt: t + 120_000)
        engine.advance(to: t + 180_000)
        return engine
    }

    @Test func theEngineLayoutIsTheOneItsVersionNames() throws {
        let bytes = try StateEncoder.encode(Self.engine())
        let crc = CRC32C.checksum(bytes)
        #expect(FlowStore.engineLayoutVersion == Self.pinned.layout)
        #expect((crc, bytes.count) == (Self.pinned.crc, Self.pinned.bytes),
                "the engine's encoded layout changed (crc \(crc), \(bytes.count) bytes): bump FlowStore.engineLayoutVersion and pin these")
    }

    /// Written at layout 2 (`.engineLayout`: the latency rings as whole histograms), the
    /// engine gives the very bytes the build before layout 3 wrote: only the rings changed,
    /// and the tests that decode layout 2 (`LatencyRingUpgradeTests`) decode real ones.
    @Test func writtenAtLayoutTwoTheEngineIsWhatLayoutTwoWrote() throws {
        let bytes = try StateEncoder.encode(Self.engine(), userInfo: [.engineLayout: UInt32(2)])
        #expect((CRC32C.checksum(bytes), bytes.count) == (Self.layoutTwo.crc, Self.layoutTwo.bytes))
        #expect(FlowStore.readableEngineLayouts == [1, 2, 3, 4])
    }

    /// Written at layout 3 (the SLO series as running totals of 3 days of minutes), the
    /// engine gives the very bytes the build before layout 4 wrote (its events are all
    /// within the 7 hours today's minute ring holds), and those bytes decode into the
    /// engine as built here.
    @Test func writtenAtLayoutThreeTheEngineIsWhatLayoutThreeWrote() throws {
        let engine = Self.engine()
        let bytes = try StateEncoder.encode(engine, userInfo: [.engineLayout: UInt32(3)])
        #expect((CRC32C.checksum(bytes), bytes.count) == (Self.layoutThree.crc, Self.layoutThree.bytes))
        let decoded = try FlowStore.decodeEngine(bytes, layout: 3)
        #expect(try StateEncoder.encode(decoded) == StateEncoder.encode(engine))
    }
}
