/// Consecutive time buckets of good and total counts in 32 bits each, with running totals
/// per block of 16 buckets, so a sum over any held range reads at most two partial blocks
/// (up to 30 buckets) and two block totals, whatever its length.
///
/// Why not a running total per bucket (`PrefixRing`, two reads a sum): that needs 64 bits
/// per count, since running totals grow without bound; a bucket's own count fits 32 bits,
/// so this ring holds a bucket in 8 bytes where a running total takes 16, and the block
/// totals add one byte a bucket. An SLO series keeps three of these rings (minutes, quarter
/// hours, hours: `SeriesCounters`) in about 14 KiB where its two prefix rings took 80 KiB.
///
/// Buckets are absolute numbers (minute, quarter hour or hour since the epoch) modulo the
/// slot count, like a ring buffer: memory is fixed, old buckets drop out as newer ones are
/// written. An event of the newest bucket costs two adds (its bucket, its block's total);
/// a late event one add per block of lateness more. A bucket whose count would reach
/// 2^32 - 1 moves whole to a side table of 64-bit counts (`wide`), so no count is ever cut:
/// exact for any traffic, and 24 bytes more for each such bucket (over 1.19M events a
/// second into one series for an hour).
///
/// ```swift
/// var ring = CountRing(capacity: 60)
/// ring.add(SLICounts(good: 1, total: 1), at: 1_000)   // minute 1000
/// ring.add(SLICounts(good: 0, total: 1), at: 999)     // late, still kept
/// ring.sum(999...1_000)                               // good 1, total 2
/// ```
struct CountRing: Sendable {
    /// Buckets per block.
    static let blockSize = 16

    /// One bucket's counts; `total == marker` means the counts are in `wide`.
    struct Slot: Sendable, Equatable {
        var good: UInt32 = 0
        var total: UInt32 = 0
    }

    static let marker = UInt32.max

    /// Buckets a sum can cover.
    let capacity: Int
    /// Bucket `b`'s counts at `slots[b mod slots.count]`; a multiple of `blockSize` long,
    /// so a block's buckets lie side by side.
    private var slots: [Slot]
    /// Running totals: `blocks[k mod blocks.count]` = everything counted in blocks up to
    /// block `k` (bucket `b` is in block `b / blockSize`, rounded down).
    private var blocks: [SLICounts]
    /// Buckets whose counts outgrew 32 bits.
    private var wide: [Int64: SLICounts] = [:]
    /// The newest bucket written (or advanced to); nil before the first write.
    private(set) var newest: Int64?
    /// `newest`, its slot and its block's slot, so that finding a held bucket's slot
    /// takes a subtraction rather than a division (an event pays none).
    private var head: Int64 = 0, headSlot = 0, headBlockSlot = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a ring needs at least one bucket")
        self.capacity = capacity
        let blockCount = (capacity + Self.blockSize - 1) / Self.blockSize + 1
        slots = Array(repeating: Slot(), count: blockCount * Self.blockSize)
        blocks = Array(repeating: .zero, count: blockCount)
    }

    /// Bytes of counts and totals the ring holds, without the side table (empty unless a
    /// bucket passed 2^32 - 1 events).
    static func bytes(capacity: Int) -> Int {
        let blockCount = (capacity + blockSize - 1) / blockSize + 1
        return blockCount * blockSize * MemoryLayout<Slot>.stride + blockCount * MemoryLayout<SLICounts>.stride
    }

    /// The oldest bucket still held, given the newest.
    var oldest: Int64? { newest.map { $0 - Int64(capacity) + 1 } }

    /// The slot of a bucket no newer than `newest` and less than `slots.count` older:
    /// `bucket mod slots.count`, found from the newest bucket's slot.
    @inline(__always)
    private func slot(_ bucket: Int64) -> Int {
        let i = headSlot - Int(head - bucket)
        return i < 0 ? i + slots.count : i
    }

    @inline(__always)
    private static func block(of bucket: Int64) -> Int64 { TimeMath.floorDiv(bucket, Int64(blockSize)) }

    /// The slot of a block no newer than `newest`'s and less than `blocks.count` older.
    @inline(__always)
    private func blockSlot(_ block: Int64) -> Int {
        let i = headBlockSlot - Int(Self.block(of: head) - block)
        return i < 0 ? i + blocks.count : i
    }

    /// Makes `bucket` the head, its slots found by division once.
    private mutating func setHead(_ bucket: Int64) {
        newest = bucket
        head = bucket
        headSlot = Int(TimeMath.floorMod(bucket, Int64(slots.count)))
        headBlockSlot = Int(TimeMath.floorMod(Self.block(of: bucket), Int64(blocks.count)))
    }

    /// Adds counts to `bucket`. Returns false (and drops them) when the bucket is older
    /// than the ring holds. Counts are never negative.
    @discardableResult
    mutating func add(_ counts: SLICounts, at bucket: Int64) -> Bool {
        if newest == nil {
            setHead(bucket)
        } else if bucket > head {
            advance(to: bucket)
        } else if bucket <= head - Int64(capacity) {
            return false
        }
        addToSlot(counts, bucket: bucket)
        // Its block's running total and every later one's (only its own when current).
        var j = blockSlot(Self.block(of: bucket))
        while true {
            blocks[j] += counts
            if j == headBlockSlot { break }
            j += 1
            if j == blocks.count { j = 0 }
        }
        return true
    }

    private mutating func addToSlot(_ counts: SLICounts, bucket: Int64) {
        let i = slot(bucket)
        let s = slots[i]
        if s.total != Self.marker {
            let total = Int64(s.total) + counts.total
            if total < Int64(Self.marker) {
                slots[i] = Slot(good: UInt32(Int64(s.good) + counts.good), total: UInt32(total))
                return
            }
            wide[bucket] = SLICounts(good: Int64(s.good), total: Int64(s.total))
            slots[i] = Slot(good: Self.marker, total: Self.marker)
        }
        wide[bucket, default: .zero] += counts
    }

    /// Moves the newest bucket forward: the buckets in between hold nothing, and the
    /// blocks in between carry the running total.
    mutating func advance(to bucket: Int64) {
        guard let newest, bucket > newest else { return }
        if bucket - newest >= Int64(slots.count) {
            for i in slots.indices { slots[i] = Slot() }
        } else {
            var i = headSlot
            for _ in 0..<Int(bucket - newest) {
                i += 1
                if i == slots.count { i = 0 }
                slots[i] = Slot()
            }
        }
        let fromBlock = Self.block(of: newest), toBlock = Self.block(of: bucket)
        if toBlock > fromBlock {
            let carried = blocks[headBlockSlot]
            if toBlock - fromBlock >= Int64(blocks.count) {
                for i in blocks.indices { blocks[i] = carried }
            } else {
                var j = headBlockSlot
                for _ in 0..<Int(toBlock - fromBlock) {
                    j += 1
                    if j == blocks.count { j = 0 }
                    blocks[j] = carried
                }
            }
        }
        setHead(bucket)
        if !wide.isEmpty {
            let oldest = bucket - Int64(slots.count) + 1
            wide = wide.filter { $0.key >= oldest }
        }
    }

    /// Counts of the bucket in slot `i` (`slot(bucket)`), from the side table when marked.
    @inline(__always)
    private func stored(_ bucket: Int64, slot i: Int) -> SLICounts {
        let s = slots[i]
        if s.total == Self.marker { return wide[bucket] ?? .zero }
        return SLICounts(good: Int64(s.good), total: Int64(s.total))
    }

    /// Sum over buckets `from...to` of one block, which lie side by side in `slots`: one
    /// division for the first slot, none after.
    @inline(__always)
    private func scan(_ from: Int64, _ to: Int64) -> SLICounts {
        var out = SLICounts.zero
        var i = slot(from)
        var b = from
        while b <= to {
            out += stored(b, slot: i)
            b += 1
            i += 1
        }
        return out
    }

    /// Sum over a range of buckets; those outside the ring count as zero.
    func sum(_ range: ClosedRange<Int64>) -> SLICounts {
        guard let newest else { return .zero }
        let lo = max(range.lowerBound, newest - Int64(capacity) + 1)
        let hi = min(range.upperBound, newest)
        guard lo <= hi else { return .zero }
        let loBlock = Self.block(of: lo), hiBlock = Self.block(of: hi)
        guard loBlock < hiBlock else { return scan(lo, hi) }
        var out = scan(lo, (loBlock + 1) * Int64(Self.blockSize) - 1)
        out += scan(hiBlock * Int64(Self.blockSize), hi)
        if hiBlock - loBlock > 1 {
            let upper = blocks[blockSlot(hiBlock - 1)], lower = blocks[blockSlot(loBlock)]
            out.good += upper.good - lower.good
            out.total += upper.total - lower.total
        }
        return out
    }

    /// Calls `body` with the counts of each bucket of `range`, in order (zero outside the
    /// ring): one walk where a `counts(at:)` per bucket finds each slot again.
    func forEach(_ range: ClosedRange<Int64>, _ body: (SLICounts) -> Void) {
        var i: Int?   // the slot of the next bucket, once inside the ring
        for b in range {
            guard let newest, b <= newest, b > newest - Int64(capacity) else {
                body(.zero)
                continue
            }
            let j = i ?? slot(b)
            body(stored(b, slot: j))
            i = j + 1 == slots.count ? 0 : j + 1
        }
    }

    /// Counts of one bucket; zero when it is empty or outside the ring.
    func counts(at bucket: Int64) -> SLICounts { sum(bucket...bucket) }

    /// Every held bucket with counts, oldest first.
    func heldBuckets() -> [(bucket: Int64, counts: SLICounts)] {
        guard let newest, let oldest else { return [] }
        var out: [(bucket: Int64, counts: SLICounts)] = []
        var b = oldest
        forEach(oldest...newest) { c in
            if c.total != 0 { out.append((b, c)) }
            b += 1
        }
        return out
    }
}
