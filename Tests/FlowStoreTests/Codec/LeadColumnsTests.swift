@testable import FlowCore
@testable import FlowStore
import FlowTestKit
import Foundation
import Testing

/// The lead table through a checkpoint, column by column (`LeadColumns`): at lead scale
/// every lead comes back exactly (key, source, times, touches, funnel) in the same slot,
/// with the same free slots and eviction order; a checkpoint of layout 1 (leads written
/// whole) still loads into the same engine; damaged columns throw, never trap.
@Suite struct LeadColumnsTests {
    /// Every lead of `a` is in `b` as it is in `a`, active at the same time, in the same
    /// insertion order, and both tables take further leads alike (same slots freed and
    /// evicted): the table came back, not only its leads.
    func expectSame(_ a: LeadTable, _ b: LeadTable) throws {
        #expect(a.count == b.count && a.capacity == b.capacity)
        #expect(a.keysOldestFirst == b.keysOldestFirst)
        var differing = 0
        a.forEach { key, record in
            guard let other = b.record(key), other.source == record.source, other.created == record.created,
                  other.touches == record.touches, other.funnel == record.funnel,
                  b.lastActive(key) == a.lastActive(key)
            else { differing += 1; return }
        }
        #expect(differing == 0)
        #expect(try StateEncoder.encode(a) == StateEncoder.encode(b))
        var (x, y) = (a, b)
        for i in 0..<(a.capacity / 3 + 2) {
            let key = LeadKey(tenant: "later", id: "N\(i)")
            x.insert(LeadRecord(source: "web", created: TestTime.start + TestTime.days(9)), for: key)
            y.insert(LeadRecord(source: "web", created: TestTime.start + TestTime.days(9)), for: key)
        }
        #expect(x.keysOldestFirst == y.keysOldestFirst)
        #expect(try StateEncoder.encode(x) == StateEncoder.encode(y))
    }

    /// 50,000 leads in 40,000 slots (evicted past the cap), a retention sweep, and either
    /// a few new leads in the freed slots or enough to wrap the ring again.
    @Test(arguments: [2_000, 45_000])
    func aLeadScaleTableComesBackExactly(refill: Int) throws {
        let table = LeadTableFixtures.engine(leads: 50_000, capacity: 40_000, refill: refill, touchingLast: true).leads.table
        // Guards the test: the parts a table can have are all there.
        var touches = 0, features = 0, funnels = 0, lost = 0, won = 0, unknown = 0, long = 0
        table.forEach { key, record in
            touches += record.touches.count
            features += record.touches.filter { $0.feature != nil }.count
            if let funnel = record.funnel {
                funnels += 1
                if funnel.lostAt != nil { lost += 1 }
                if funnel.wonRevenue > 0 { won += 1 }
            }
            if record.source == FunnelLead.unknownSource { unknown += 1 }
            if key.id.utf8.count > 15 { long += 1 }
        }
        #expect(table.count > 5_000 && touches > table.count && features > 0 && funnels > 0)
        #expect(lost > 0 && won > 0 && unknown > 0 && long > 0)
        let bytes = try StateEncoder.encode(table)
        try expectSame(table, try StateDecoder.decode(LeadTable.self, from: bytes))
    }

    /// The small table's bytes as layout 1 wrote them (each lead whole), taken from the
    /// build before the columns: `LeadTableFixtures.small().leads.table`.
    static let layoutOneTable = Data(base64Encoded: LayoutOneFixture.smallTable)!

    @Test func aLayoutOneTableReadsAsTheSameTable() throws {
        let old = try StateDecoder.decode(LeadTable.self, from: [UInt8](Self.layoutOneTable)[...],
                                          userInfo: [.leadsRowByRow: true])
        try expectSame(LeadTableFixtures.small().leads.table, old)
        // The benchmark's layout 1 bytes, made from today's table, are the same bytes.
        #expect(try LeadTableFixtures.layoutOneBytes(of: LeadTableFixtures.small().leads.table) == [UInt8](Self.layoutOneTable))
        // And not as columns: a layout says how to read it.
        #expect(throws: DecodingError.self) { try StateDecoder.decode(LeadTable.self, from: [UInt8](Self.layoutOneTable)) }
    }

    /// An upgrade: a data directory whose checkpoint is of layout 1 restarts into the same
    /// engine, which its next checkpoint writes in this build's layout.
    @Test func aLayoutOneCheckpointLoadsIntoTheSameEngine() throws {
        let engine = LeadTableFixtures.small()
        let current = try StateEncoder.encode(engine)
        let old = try #require(try LeadTableFixtures.layoutOneBody(of: engine, table: [UInt8](Self.layoutOneTable)))
        let path = NSTemporaryDirectory() + "flowtop-layout1-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let directory = try DataDirectory.open(path)
        try CheckpointFiles(directory: directory.checkpointPath).write(old, position: .zero)
        let file = directory.checkpointPath + "/" + CheckpointFiles.name(for: .zero)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        bytes[8] = 1   // the header's layout
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        directory.close()

        let (_, restored, report) = try EngineStore.open(try DataDirectory.open(path), configuration: engine.configuration)
        #expect(report.setAside.isEmpty && report.checkpoint != nil)
        #expect(try StateEncoder.encode(restored) == current)
    }

    /// Damaged columns that still decode as arrays: lengths that disagree, indices out of
    /// range, flags no encoder writes. Each throws or decodes; none traps.
    @Test func randomMutationsOfTheColumnsThrowOrDecode() throws {
        let valid = try StateEncoder.encode(LeadTableFixtures.small().leads.table)
        var rng = SeededGenerator(seed: 15)
        var threw = 0
        for _ in 0..<5_000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...3, using: &rng) { bytes = StateCodecFuzzTests.mutate(bytes, using: &rng) }
            do { _ = try StateDecoder.decode(LeadTable.self, from: bytes) } catch { threw += 1 }
        }
        #expect(threw > 1_000)
    }
}
