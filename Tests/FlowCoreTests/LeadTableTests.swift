@testable import FlowCore
import FlowTestKit
import Testing

/// The lead table's insertion-order ring: eviction past the cap takes the oldest lead
/// kept, before and after leads are removed for retention.
@Suite struct LeadTableTests {
    func key(_ id: String) -> LeadKey { LeadKey(tenant: "default", id: id) }

    /// A table of `capacity` holding `ids` inserted in order, each last active at its index.
    func table(capacity: Int, _ ids: [String]) -> LeadTable {
        var table = LeadTable(capacity: capacity)
        for (i, id) in ids.enumerated() { table.insert(LeadRecord(source: "web", created: EpochMillis(i)), for: key(id)) }
        return table
    }

    func ids(_ table: LeadTable) -> [String] { table.keysOldestFirst.map(\.id) }

    @Test func insertingPastTheCapEvictsTheOldest() {
        let table = table(capacity: 3, ["a", "b", "c", "d", "e"])
        #expect(ids(table) == ["c", "d", "e"])
        #expect(table.count == 3)
        #expect(!table.contains(key("a")) && !table.contains(key("b")))
    }

    @Test func removalKeepsTheRestOldestFirst() {
        var table = table(capacity: 4, ["a", "b", "c", "d", "e", "f"])   // ring wrapped: c d e f
        #expect(table.removeLeads(lastActiveBefore: 4) == 2)              // c (2), d (3)
        #expect(ids(table) == ["e", "f"])
        #expect(table.count == 2)
    }

    /// Removal moves leads to new slots: each key must still find its own record.
    @Test func afterARemovalEachKeyFindsItsOwnRecord() {
        var table = table(capacity: 5, ["a", "b", "c", "d", "e", "f", "g"])   // wrapped: c d e f g
        table.modify(key("c"), at: 10) { _ in }
        #expect(table.removeLeads(lastActiveBefore: 5) == 2)                // d (3), e (4)
        #expect(ids(table) == ["c", "f", "g"])
        #expect(table.record(key("c"))?.created == 2)
        #expect(table.record(key("f"))?.created == 5)
        #expect(table.record(key("g"))?.created == 6)
        table.modify(key("g"), at: 6) { $0.source = "email" }
        #expect(table.record(key("g"))?.source == "email" && table.record(key("f"))?.source == "web")
    }

    @Test func afterARemovalInsertsFillTheCapThenEvictTheOldestKept() {
        var table = table(capacity: 3, ["a", "b", "c", "d"])   // b c d
        table.modify(key("b"), at: 10) { _ in }          // b stays, c goes
        #expect(table.removeLeads(lastActiveBefore: 3) == 1)
        #expect(ids(table) == ["b", "d"])
        table.insert(LeadRecord(source: "web", created: 11), for: key("x"))
        #expect(ids(table) == ["b", "d", "x"])
        table.insert(LeadRecord(source: "web", created: 12), for: key("y"))   // evicts b
        table.insert(LeadRecord(source: "web", created: 13), for: key("z"))   // evicts d
        #expect(ids(table) == ["x", "y", "z"])
        #expect(table.count == 3)
        #expect(!table.contains(key("b")) && !table.contains(key("d")))
    }

    /// `modifyOrInsert` (one lookup) against the `insert` then `modify` it replaced in
    /// `LeadLifecycle`: the same leads in the same order, records and activity times after
    /// every step of a seeded mix of known and new leads, past the cap and across removals.
    @Test func modifyOrInsertDoesWhatInsertThenModifyDid() {
        var rng = SeededGenerator(seed: 17)
        var one = LeadTable(capacity: 8)
        var two = LeadTable(capacity: 8)
        for step in 0..<3_000 {
            let time = EpochMillis(step) - EpochMillis.random(in: 0...40, using: &rng)
            if step % 97 == 96 {
                #expect(one.removeLeads(lastActiveBefore: time - 20) == two.removeLeads(lastActiveBefore: time - 20))
                continue
            }
            let lead = key("L\(Int.random(in: 0..<20, using: &rng))")
            let touches = one.modifyOrInsert(lead, at: time, creating: { LeadRecord(source: "web", created: time) }) {
                $0.created = min($0.created, time - 1)
                return $0.touches.count
            }
            if !two.contains(lead) { two.insert(LeadRecord(source: "web", created: time), for: lead) }
            #expect(touches == two.modify(lead, at: time) {
                $0.created = min($0.created, time - 1)
                return $0.touches.count
            })
            #expect(ids(one) == ids(two))
            for kept in one.keysOldestFirst {
                #expect(one.record(kept)?.created == two.record(kept)?.created)
                #expect(one.lastActive(kept) == two.lastActive(kept))
            }
        }
        #expect(one.modifyOrInsert(key("x"), at: 0, creating: { LeadRecord(source: "web", created: 0) }) { _ in 1 } == 1)
        var none = LeadTable(capacity: 0)
        #expect(none.modifyOrInsert(key("x"), at: 0, creating: { LeadRecord(source: "web", created: 0) }) { _ in 1 } == nil)
        #expect(none.count == 0)
    }

    @Test func removingEveryLeadLeavesAnEmptyTableThatFillsAgain() {
        var table = table(capacity: 2, ["a", "b", "c"])
        #expect(table.removeLeads(lastActiveBefore: 100) == 2)
        #expect(table.count == 0 && ids(table).isEmpty)
        for (i, id) in ["p", "q", "r"].enumerated() {
            table.insert(LeadRecord(source: "web", created: 200 + EpochMillis(i)), for: key(id))
        }
        #expect(ids(table) == ["q", "r"])
    }

    @Test func aCutoffBeforeEveryLeadRemovesNothing() {
        var table = table(capacity: 3, ["a", "b"])
        #expect(table.removeLeads(lastActiveBefore: 0) == 0)
        #expect(table.removeLeads(lastActiveBefore: 1) == 1)
        #expect(table.removeLeads(lastActiveBefore: 1) == 0)
        #expect(ids(table) == ["b"])
    }

    /// Random inserts, touches and removals against a plain list of the keys in insertion
    /// order: the table keeps the same leads, in the same order, each on its own record.
    @Test(arguments: [1, 7, 64])
    func randomInsertsAndRemovalsMatchAPlainList(capacity: Int) {
        var rng = SeededGenerator(seed: UInt64(capacity))
        var table = LeadTable(capacity: capacity)
        var model: [(id: String, lastActive: EpochMillis)] = []
        for step in 0..<2_000 {
            let now = EpochMillis(step)
            switch rng.next() % 10 {
            case 0:
                let cutoff = now - EpochMillis(rng.next() % 50)
                table.removeLeads(lastActiveBefore: cutoff)
                model.removeAll { $0.lastActive < cutoff }
            case 1, 2, 3:
                guard !model.isEmpty else { continue }
                let i = Int(rng.next() % UInt64(model.count))
                table.modify(key(model[i].id), at: now) { _ in }
                model[i].lastActive = now
            default:
                let id = "k\(rng.next() % 200)"
                guard !model.contains(where: { $0.id == id }) else { continue }
                table.insert(LeadRecord(source: id, created: now), for: key(id))
                model.append((id, now))
                if model.count > capacity { model.removeFirst() }
            }
            #expect(ids(table) == model.map(\.id), "step \(step)")
            #expect(model.allSatisfy { table.record(key($0.id))?.source == $0.id }, "step \(step)")
            #expect(model.allSatisfy { table.lastActive(key($0.id)) == $0.lastActive }, "step \(step)")
        }
    }

    @Test func retentionIsDueOncePerHourAndNeverWhenOff() {
        let hour: EpochMillis = 3_600_000
        var retention = LeadRetention(days: 1)
        #expect(retention.due(at: 10 * hour + 5) == 10 * hour + 5 - 24 * hour)
        #expect(retention.due(at: 11 * hour - 1) == nil)
        #expect(retention.due(at: 11 * hour) == 11 * hour - 24 * hour)
        #expect(retention.due(at: 10 * hour) == nil)   // time going back sweeps nothing
        var off = LeadRetention(days: 0)
        #expect(off.due(at: 0) == nil && off.due(at: 1_000 * hour) == nil)
    }
}

/// A lead's path keeps its most recent touches, in time order, in an array that never
/// grows past the limit.
@Suite struct LeadTouchLimitTests {
    func touch(_ time: EpochMillis) -> TouchRecord { TouchRecord(channel: "c\(time)", time: time, cost: 0, aiAssisted: false) }

    func lead(times: [EpochMillis], limit: Int) -> LeadRecord {
        var lead = LeadRecord(source: "web", created: 0)
        for t in times { lead.addTouch(touch(t), limit: limit) }
        return lead
    }

    @Test func aFullPathDropsTheOldest() {
        #expect(lead(times: [1, 2, 3, 4, 5], limit: 3).touches.map(\.time) == [3, 4, 5])
    }

    @Test func aLateTouchGoesInItsPlaceAndAnOlderOneIsDropped() {
        #expect(lead(times: [10, 30, 20], limit: 3).touches.map(\.time) == [10, 20, 30])
        #expect(lead(times: [10, 30, 40, 20], limit: 3).touches.map(\.time) == [20, 30, 40])
        #expect(lead(times: [10, 30, 40, 5], limit: 3).touches.map(\.time) == [10, 30, 40])
    }

    @Test func onEqualTimesTheLaterArrivalIsTheNewer() {
        var lead = LeadRecord(source: "web", created: 0)
        for channel in ["a", "b", "c"] {
            lead.addTouch(TouchRecord(channel: channel, time: 7, cost: 0, aiAssisted: false), limit: 2)
        }
        #expect(lead.touches.map(\.channel) == ["b", "c"])
    }

    @Test func aFullPathKeepsItsArraySize() {
        let lead = lead(times: Array(1...100), limit: 32)
        #expect(lead.touches.count == 32)
        #expect(lead.touches.capacity < 64)
    }
}
