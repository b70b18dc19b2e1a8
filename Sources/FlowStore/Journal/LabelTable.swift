/// The label strings of one batch entry (tenants, models, channels, providers, sources,
/// SLO names), each written once per entry and then referred to by its number: a
/// thousand events of five tenants and three models carry eight strings, not four
/// thousand. The table is built as the entry is written, so it needs no pass of its own:
///
/// ```text
/// label = 00 | string        the entry's next label (numbered 1, 2, ... in order of appearance)
///       | n (varint >= 1)    the entry's label number n, written before
/// ```
///
/// Why: the journal wrote each event's labels in full, about 21 of an event's 39 bytes in
/// the mixed workload, copied under the engine's lock and then again into the page cache
/// (docs/benchmarks.md, "First touches of memory"). Lead ids stay strings: they seldom
/// repeat within a batch.
///
/// Which strings are the same label is decided by the `String` value's two words, not its
/// bytes: equal words are the same string (a small string holds its bytes in them; a large
/// one is one immutable buffer, kept alive by its event until the entry is written). Equal
/// strings with different words (two buffers of one text) only cost a second table entry,
/// never a wrong one. The ingest parser hands out one `String` per label text and
/// connection (`LabelCache`), so a label's words repeat.
///
/// ```swift
/// var labels = LabelEncoder()
/// labels.beginEntry()
/// labels.write("acme", into: &w)   // 00 04 'acme'
/// labels.write("acme", into: &w)   // 01
/// ```
struct LabelEncoder: ~Copyable, @unchecked Sendable {
    static let slotCount = 256
    /// Three quarters of the slots, at most, are taken in one entry.
    static let tableLimit: UInt32 = 192

    private struct Slot {
        var words: (UInt64, UInt64) = (0, 0)
        /// The entry this slot was filled in; any other entry's slot is empty.
        var generation: UInt32 = 0
        var number: UInt32 = 0
    }

    private let slots: UnsafeMutablePointer<Slot>
    private var generation: UInt32 = 1
    private var next: UInt32 = 1

    init() {
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: Slot(), count: Self.slotCount)
    }

    deinit {
        slots.deinitialize(count: Self.slotCount)
        slots.deallocate()
    }

    /// A new entry: every label is new to it again. No clearing: a slot of an earlier
    /// generation counts as empty (cleared only when the generation wraps).
    @inline(__always)
    mutating func beginEntry() {
        next = 1
        generation &+= 1
        if generation == 0 {
            slots.update(repeating: Slot(), count: Self.slotCount)
            generation = 1
        }
    }

    @inline(__always)
    mutating func write(_ label: String, into w: inout BinaryWriter) {
        let words = unsafeBitCast(label, to: (UInt64, UInt64).self)
        var hash = (words.0 &* 0x9E37_79B9_7F4A_7C15) ^ (words.1 &* 0xC2B2_AE3D_27D4_EB4F)
        hash ^= hash >> 29
        // Open addressing: the next slot on a collision, so two labels of one entry never
        // take turns in a slot (a heap string's words hold its address, so which labels
        // collide changes from run to run). A slot of an earlier entry is empty.
        var index = Int(truncatingIfNeeded: hash >> 56)
        while slots[index].generation == generation {
            if slots[index].words == words {
                w.varint(UInt64(slots[index].number))
                return
            }
            index = (index + 1) & (Self.slotCount - 1)
        }
        // The table holds at most `tableLimit` labels an entry, so probes stay short and
        // always meet an empty slot. A label past that is written in full each time: still
        // numbered (the reader numbers every definition), just never referred to.
        if next <= Self.tableLimit {
            slots[index] = Slot(words: words, generation: generation, number: next)
        }
        next &+= 1
        w.u8(0)
        w.string(label)
    }
}

/// The reading side of `LabelEncoder`: the labels an entry has defined so far, so a label
/// met again is the same `String` (a retain, not a decode and a UTF-8 check).
struct LabelDecoder {
    private var labels: [String] = []

    mutating func read(_ r: inout BinaryReader) throws(DecodeError) -> String {
        let at = r.offset
        let n = try r.varint()
        if n == 0 {
            let label = try r.string()
            labels.append(label)
            return label
        }
        guard n <= UInt64(labels.count) else {
            throw DecodeError(offset: at, reason: "label \(n) referred to where the entry has defined \(labels.count)")
        }
        return labels[Int(n) - 1]
    }
}
