/// The label values of one series as directory indices (`MetricLabelDirectory`), up to
/// four of them; a family uses the slots it needs in a fixed order and leaves the rest 0.
///
/// ```swift
/// let key = MetricSeriesKey(source, tenant)   // leads created: source, tenant
/// ```
struct MetricSeriesKey: Hashable, Sendable, Codable {
    var a: UInt32
    var b: UInt32
    var c: UInt32
    var d: UInt32

    init(_ a: UInt32, _ b: UInt32, _ c: UInt32 = 0, _ d: UInt32 = 0) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
    }

    /// A multiply-xorshift mix of the four indices (SplitMix64's finaliser). Not seeded like
    /// `Hasher`, which is fine here: the indices are handed out by the directories in order,
    /// 0, 1, 2, ..., so a client cannot pick values that collide.
    var mixed: UInt64 {
        var z = (UInt64(a) << 32 | UInt64(b)) &* 0x9E37_79B9_7F4A_7C15 ^ (UInt64(c) << 32 | UInt64(d))
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The series of one metric family: each label combination seen gets a slot number, in
/// order of arrival, which indexes the family's flat value arrays (`[Int64]`, histogram
/// buckets), so counting an event is one table lookup and a few array adds, with no
/// allocation once the series exists.
///
/// Past `capacity` series, a new combination counts in the slot of the overflow key (every
/// label `other`, but `success` kept), which the family creates then: so a family holds at
/// most `capacity` series plus one (two with a `success` label) all-`other` series.
///
/// ```swift
/// var table = MetricSeriesTable(capacity: 10_000)
/// let slot = table.slot(of: key) ?? table.append(key)   // append: when not full
/// counts[slot] += 1
/// ```
struct MetricSeriesTable: Sendable, Codable {
    let capacity: Int
    /// Open addressing with linear probing: each bucket holds a slot number, or -1. At most
    /// half full, so a lookup reads one or two buckets.
    private var buckets = [Int32](repeating: -1, count: 16)
    /// The key of each slot.
    private(set) var keys: [MetricSeriesKey] = []
    /// Events counted in the overflow slot because the family was full.
    private(set) var foldedEvents: Int64 = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { keys.count }
    var isFull: Bool { keys.count >= capacity }

    /// The slot of a key seen before: the ingest path's one lookup. Why not a `Dictionary`:
    /// its seeded SipHash costs about 20 ns a key, several times this mix and probe.
    func slot(of key: MetricSeriesKey) -> Int? {
        let mask = buckets.count - 1
        var i = Int(truncatingIfNeeded: key.mixed) & mask
        while true {
            let slot = buckets[i]
            if slot < 0 { return nil }
            if keys[Int(slot)] == key { return Int(slot) }
            i = (i + 1) & mask
        }
    }

    /// A new slot for `key`, not in the table yet (the caller appends a value to each of
    /// its arrays).
    mutating func append(_ key: MetricSeriesKey) -> Int {
        keys.append(key)
        if keys.count * 2 > buckets.count {
            buckets = [Int32](repeating: -1, count: buckets.count * 2)
            for (slot, k) in keys.enumerated() { place(k, slot: slot) }
        } else {
            place(key, slot: keys.count - 1)
        }
        return keys.count - 1
    }

    private mutating func place(_ key: MetricSeriesKey, slot: Int) {
        let mask = buckets.count - 1
        var i = Int(truncatingIfNeeded: key.mixed) & mask
        while buckets[i] >= 0 { i = (i + 1) & mask }
        buckets[i] = Int32(slot)
    }

    /// Counts one event filed in the overflow slot.
    mutating func countFolded() { foldedEvents += 1 }
}
