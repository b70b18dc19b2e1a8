/// Leads by key, capped at `capacity`: inserting past the cap evicts the oldest inserted;
/// `removeLeads(lastActiveBefore:)` drops idle ones (retention).
///
/// Why this shape: lead ids come from the wire, so the table must not grow without end.
/// The records sit in one array of slots, and a dictionary maps each key to its slot:
/// an event changes its lead in place in the array (a dictionary of whole records costs
/// three heap allocations per change, in its `modify` accessor), a pass over every lead
/// (funnel, attribution) reads contiguous memory, and a key costs 8 bytes of dictionary
/// value, not a whole record. Beside each slot: when its lead was last active, so the
/// retention sweep reads 8 bytes a lead, not whole records. A ring of slot numbers keeps
/// the insertion order: once full, `nextOldest` is the oldest, evicted in O(1) by the next
/// insert, which takes its slot. Removal by age frees the idle leads' slots (reused by
/// later inserts) and rebuilds the ring without them, oldest first. A later event for an
/// evicted or removed lead starts a fresh record.
///
/// ```swift
/// var table = LeadTable(capacity: 2)
/// table.insert(LeadRecord(source: "web", created: 0), for: a)
/// table.insert(LeadRecord(source: "web", created: 1), for: b)
/// table.insert(LeadRecord(source: "web", created: 2), for: c)   // evicts a
/// table.modify(b, at: 5) { $0.source = "email" }
/// table.removeLeads(lastActiveBefore: 3)                        // c (last active at 2)
/// ```
struct LeadTable: Sendable, Codable {
    let capacity: Int
    /// The slot of each key in `entries`.
    private var slots: [LeadKey: Int] = [:]
    /// The leads; nil is a free slot, listed in `freeSlots`. (Readable in the module for
    /// the checkpoint benchmark, which times them written whole, as layout 1 did.)
    private(set) var entries: [Entry?] = []
    /// Per slot, the latest time of any of its lead's events (creation, stage,
    /// touchpoint): what retention judges a lead by. `.max` for a free slot.
    private var lastActive: [EpochMillis] = []
    private var freeSlots: [Int] = []
    /// The occupied slots in insertion order; once full, a ring starting at `nextOldest`.
    private var order: [Int32] = []
    /// When the ring is full, the position in `order` of the oldest (the next evicted).
    private var nextOldest = 0
    /// No lead was last active before this: a removal with an earlier cutoff has nothing
    /// to do and returns without a pass. Exact after a removal, lowered by inserts.
    private var activeSince: EpochMillis = .max

    /// A slot's lead. Codable for checkpoints of engine layout 1, which wrote them whole.
    struct Entry: Sendable, Codable {
        var key: LeadKey
        var record: LeadRecord

        mutating func modifyRecord<R>(_ body: (inout LeadRecord) -> R) -> R { body(&record) }
    }

    init(capacity: Int) {
        self.capacity = max(0, min(capacity, Int(Int32.max)))
    }

    var count: Int { slots.count }

    func contains(_ key: LeadKey) -> Bool { slots[key] != nil }

    func record(_ key: LeadKey) -> LeadRecord? { slots[key].flatMap { entries[$0]?.record } }

    /// When the lead was last active; nil when it is absent.
    func lastActive(_ key: LeadKey) -> EpochMillis? { slots[key].map { lastActive[$0] } }

    /// Every lead with its key, for attribution.
    func forEach(_ body: (LeadKey, LeadRecord) -> Void) {
        for case let entry? in entries { body(entry.key, entry.record) }
    }

    /// Every lead in the funnel, for the funnel analysis (no copy of the table).
    var funnelLeads: some Collection<FunnelLead> {
        entries.lazy.compactMap { $0?.record.funnel }
    }

    /// Adds a new lead (the key must be absent), active at its creation, evicting the
    /// oldest when full.
    mutating func insert(_ record: LeadRecord, for key: LeadKey) {
        guard capacity > 0, slots[key] == nil else { return }
        let slot = nextSlot
        slots.updateValue(slot, forKey: key)
        place(record, for: key, in: slot)
    }

    /// Changes the lead of `key` in place for an event at `time`, as `modify` does, after
    /// adding it with `make()` when it is absent, as `insert` does; nil only when the
    /// table holds no lead at all (capacity 0).
    ///
    /// Why not `insert` then `modify`: every lead event went through the key-to-slot
    /// dictionary two to four times (present? absent? store, find), each hashing the
    /// tenant and the lead id, about a tenth of the apply thread on the mixed workload.
    /// Here one lookup finds the slot or stores the new one (a second only to forget the
    /// lead a full table evicts).
    mutating func modifyOrInsert<R>(_ key: LeadKey, at time: EpochMillis, creating make: () -> LeadRecord,
                                    _ body: (inout LeadRecord) -> R) -> R? {
        guard capacity > 0 else { return nil }
        let candidate = nextSlot
        var added = false
        let slot = Self.slot(in: &slots[key, default: -1], otherwise: candidate, added: &added)
        if added { place(make(), for: key, in: slot) }
        lastActive[slot] = max(lastActive[slot], time)
        return entries[slot]?.modifyRecord(body)
    }

    /// The slot a dictionary value names, or `candidate` stored there when it names none (-1).
    private static func slot(in value: inout Int, otherwise candidate: Int, added: inout Bool) -> Int {
        if value < 0 {
            value = candidate
            added = true
        }
        return value
    }

    /// Where the next new lead goes: a free slot, a new one, or (when full) the oldest's.
    private var nextSlot: Int {
        if order.count < capacity { return freeSlots.last ?? entries.count }
        return Int(order[nextOldest])
    }

    /// Puts a new lead in `slot` (which must be `nextSlot`; the dictionary already maps
    /// its key there), taking the slot off the free list or growing the arrays, or
    /// evicting the oldest lead, whose key the dictionary then forgets.
    private mutating func place(_ record: LeadRecord, for key: LeadKey, in slot: Int) {
        if order.count < capacity {
            if freeSlots.last == slot {
                freeSlots.removeLast()
            } else {
                entries.append(nil)
                lastActive.append(.max)
            }
            order.append(Int32(slot))
        } else {
            if let evicted = entries[slot] { slots.removeValue(forKey: evicted.key) }
            nextOldest = (nextOldest + 1) % capacity
        }
        entries[slot] = Entry(key: key, record: record)
        lastActive[slot] = record.created
        activeSince = min(activeSince, record.created)
    }

    /// Changes a lead in place for an event at `time` (which makes it active then, unless
    /// it already was later); nil when it is absent.
    mutating func modify<R>(_ key: LeadKey, at time: EpochMillis, _ body: (inout LeadRecord) -> R) -> R? {
        guard let slot = slots[key] else { return nil }
        lastActive[slot] = max(lastActive[slot], time)
        return entries[slot]?.modifyRecord(body)
    }

    /// Removes every lead last active before `cutoff` and returns how many: O(1) when none
    /// can be (see `activeSince`), else one pass over the activity times (8 bytes a lead),
    /// plus, when some go, a dictionary removal each and one pass over the ring.
    @discardableResult
    mutating func removeLeads(lastActiveBefore cutoff: EpochMillis) -> Int {
        guard cutoff > activeSince else { return 0 }
        var earliest = EpochMillis.max
        var removed: [Int] = []
        for slot in lastActive.indices {
            let time = lastActive[slot]   // .max for a free slot
            if time >= cutoff {
                earliest = min(earliest, time)
            } else {
                removed.append(slot)
            }
        }
        activeSince = earliest
        guard !removed.isEmpty else { return 0 }
        var gone = [Bool](repeating: false, count: entries.count)
        for slot in removed {
            if let idle = entries[slot] { slots.removeValue(forKey: idle.key) }
            entries[slot] = nil
            lastActive[slot] = .max
            gone[slot] = true
        }
        freeSlots += removed
        // Oldest first, without the freed slots; below capacity again, so inserts append
        // until the ring is full and then evict from its start, the oldest.
        order = oldestFirst.filter { !gone[Int($0)] }
        nextOldest = 0
        return removed.count
    }

    /// The occupied slots from the oldest inserted to the newest.
    private var oldestFirst: [Int32] {
        Array(order[nextOldest...] + order[..<nextOldest])
    }

    /// The keys from the oldest inserted to the newest: the order evictions follow.
    var keysOldestFirst: [LeadKey] {
        oldestFirst.compactMap { entries[Int($0)]?.key }
    }
}

/// Checkpoints (FlowStore) keep the slots, activity times, free slots and insertion ring,
/// the slots column by column (`LeadColumns`), but not the key-to-slot dictionary: each
/// occupied slot names its key, so it is rebuilt on decode (a dictionary of 200,000 keys
/// written key by key, sorted so equal tables give equal bytes, cost half the leads' time).
/// Decoding also refuses a table whose parts disagree (a key twice, a slot number out of
/// range, columns of different lengths), which the table's code would trap on.
///
/// A decoder whose `userInfo` has `leadsRowByRow` set reads the slots as engine layout 1
/// wrote them, each lead whole through its `Codable` conformance: checkpoints written
/// before the columns still load, so an upgrade keeps its history.
///
/// ```swift
/// let table = try StateDecoder.decode(LeadTable.self, from: bytes)   // FlowStore
/// ```
extension LeadTable {
    private enum CodingKeys: String, CodingKey {
        case capacity, entries, lastActive, freeSlots, order, nextOldest, activeSince
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capacity, forKey: .capacity)
        do {
            try container.encode(try LeadColumns(entries), forKey: .entries)
        } catch let mismatch as LeadColumns.Mismatch {
            throw EncodingError.invalidValue(entries.count, EncodingError.Context(
                codingPath: container.codingPath + [CodingKeys.entries], debugDescription: "leads with \(mismatch.what)"))
        }
        try container.encode(lastActive, forKey: .lastActive)
        try container.encode(freeSlots, forKey: .freeSlots)
        try container.encode(order, forKey: .order)
        try container.encode(nextOldest, forKey: .nextOldest)
        try container.encode(activeSince, forKey: .activeSince)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func corrupted(_ what: String) -> DecodingError {
            .dataCorruptedError(forKey: .entries, in: container, debugDescription: "a lead table with \(what)")
        }
        capacity = try container.decode(Int.self, forKey: .capacity)
        if decoder.userInfo[.leadsRowByRow] as? Bool == true {
            entries = try container.decode([Entry?].self, forKey: .entries)
        } else {
            do {
                entries = try container.decode(LeadColumns.self, forKey: .entries).entries()
            } catch let mismatch as LeadColumns.Mismatch {
                throw corrupted(mismatch.what)
            }
        }
        lastActive = try container.decode([EpochMillis].self, forKey: .lastActive)
        freeSlots = try container.decode([Int].self, forKey: .freeSlots)
        order = try container.decode([Int32].self, forKey: .order)
        nextOldest = try container.decode(Int.self, forKey: .nextOldest)
        activeSince = try container.decode(EpochMillis.self, forKey: .activeSince)
        guard capacity >= 0, capacity <= Int(Int32.max), lastActive.count == entries.count,
              order.count <= capacity, nextOldest >= 0, nextOldest < max(1, order.count)
        else { throw corrupted("\(entries.count) slots, \(lastActive.count) activity times, \(order.count) in order") }
        var occupied = [Bool](repeating: false, count: entries.count)
        for slot in order {
            guard entries.indices.contains(Int(slot)), entries[Int(slot)] != nil, !occupied[Int(slot)] else {
                throw corrupted("slot \(slot) in the insertion order")
            }
            occupied[Int(slot)] = true
        }
        for slot in freeSlots {
            guard entries.indices.contains(slot), entries[slot] == nil else { throw corrupted("free slot \(slot)") }
        }
        slots.reserveCapacity(order.count)
        for (slot, entry) in entries.enumerated() {
            guard let entry else { continue }
            guard occupied[slot], slots.updateValue(slot, forKey: entry.key) == nil else {
                throw corrupted("lead \(entry.key.id) of tenant \(entry.key.tenant) in slot \(slot)")
            }
        }
    }
}

extension CodingUserInfoKey {
    /// Set to `true` to decode an engine of checkpoint layout 1, whose lead table was
    /// written lead by lead (see `LeadTable`'s `Codable`).
    public static let leadsRowByRow = CodingUserInfoKey(rawValue: "flowtop.leadsRowByRow")!
}
