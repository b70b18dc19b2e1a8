/// The strings a connection sends again and again (tenants, models, channels, providers,
/// sources), decoded once and then handed out from a small cache keyed by their bytes.
///
/// Why: a label of more than 15 UTF-8 bytes (`claude-3-5-sonnet`,
/// `ai_response_generation`) does not fit inline in a Swift `String`, so decoding it
/// allocates, once per event. From the cache the same label is the same string: a retain,
/// no allocation, and no second UTF-8 check of bytes the scanner already validated. A
/// short label costs a 32-byte copy and a multiply-xorshift hash instead of the decode.
///
/// Bounded whatever a client sends: 512 slots, one label each (a new label replaces the
/// one in its slot), labels of at most 32 bytes; longer ones and ones with escapes are
/// decoded as before. The slots are allocated at the first label (about 28 KiB), so an
/// idle connection costs nothing. One per connection, used on its event loop only.
///
/// ```swift
/// let labels = LabelCache()
/// parser.parse(line, receivedAt: now, labels: labels)   // the same tenant: the same String
/// ```
public final class LabelCache {
    static let slotCount = 512
    static let maxLength = 32

    private struct Slot {
        /// -1: empty.
        var length = -1
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var string = ""
    }

    /// Not checked for exclusive access at run time: only `string` and `allocateSlots`
    /// touch it, on one thread, and the check cost as much as the lookup.
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Slot>?

    public init() {}

    deinit {
        slots?.deinitialize(count: Self.slotCount)
        slots?.deallocate()
    }

    /// The string of these bytes (valid UTF-8, no escapes): from the cache, or decoded and
    /// kept. `readable`: bytes that may be read from `raw`'s start (the rest of the line),
    /// so the label's words are loaded straight from the line (`TokenWords`: no copy and
    /// its store-forwarding stall).
    func string(_ raw: UnsafeRawBufferPointer, readable: Int) -> String {
        let length = raw.count
        guard length <= Self.maxLength else { return String(decoding: raw, as: UTF8.self) }
        let words = (TokenWords.word(0, of: raw, readable: readable), TokenWords.word(1, of: raw, readable: readable),
                     TokenWords.word(2, of: raw, readable: readable), TokenWords.word(3, of: raw, readable: readable))
        var hash = words.0 &* 0x9E37_79B9_7F4A_7C15
        hash ^= words.1 &* 0xC2B2_AE3D_27D4_EB4F
        hash ^= words.2 &* 0x1656_67B1_9E37_79F9
        hash ^= words.3 &* 0xD6E8_FEB8_6659_FD93
        hash ^= UInt64(length)
        hash = (hash ^ (hash >> 31)) &* 0x9E37_79B9_7F4A_7C15
        let slot = (slots ?? allocateSlots()) + Int(truncatingIfNeeded: hash >> 55)
        if slot.pointee.length == length, slot.pointee.words == words { return slot.pointee.string }
        let string = String(decoding: raw, as: UTF8.self)
        slot.pointee = Slot(length: length, words: words, string: string)
        return string
    }

    private func allocateSlots() -> UnsafeMutablePointer<Slot> {
        let allocated = UnsafeMutablePointer<Slot>.allocate(capacity: Self.slotCount)
        allocated.initialize(repeating: Slot(), count: Self.slotCount)
        slots = allocated
        return allocated
    }
}
