import Histogram

/// HdrHistogram's bucket layout for latencies in tenths of a millisecond, the one
/// `LatencyWindows.makeHistogram()` makes (lowest discernible value 1, highest trackable
/// 36,000,000, 2 significant digits): 2,560 counts, one per range of equivalent values.
///
/// Why our own copy of the index arithmetic: the library keeps it internal, and the
/// rings store counts themselves (see `LatencyCounts`). The formulas are the library's
/// (`countsIndexForValue`, `valueFromIndex`) with its derived constants for this layout
/// written out: sub-bucket count 256 (half 128, magnitude 7), unit magnitude 0, sub-bucket
/// mask 255, leading-zero base 56. `LatencyRingTests` checks them against the library
/// for every index.
enum LatencyLayout {
    /// Counts in the layout: 19 buckets of 128 plus the lower half of the first.
    static let countsLength = 2_560

    /// The counts index holding `value`; `countsLength` or more for a value past the
    /// layout's last count (67,108,863, above the 36,000,000 latencies are clamped to).
    @inline(__always)
    static func index(of value: UInt64) -> Int {
        let bucket = 56 - (value | 255).leadingZeroBitCount
        return ((bucket + 1) << 7) + Int(truncatingIfNeeded: value >> UInt64(bucket)) - 128
    }

    /// The lowest value counted at `index`.
    static func lowestValue(at index: Int) -> UInt64 {
        let bucket = (index >> 7) - 1
        return bucket < 0 ? UInt64(index) : UInt64((index & 127) + 128) << UInt64(bucket)
    }

    /// What a percentile landing at each index reports: the highest value equivalent to
    /// it, as the library's `valueAtPercentile` and `recordedValues()` do.
    static let reportedValues: [UInt64] = {
        let histogram = LatencyWindows.makeHistogram()
        return (0..<countsLength).map { histogram.highestEquivalentForValue(lowestValue(at: $0)) }
    }()
}

/// The counts of one latency distribution over `LatencyLayout`'s 2,560 indices, stored
/// in the smallest of three forms that holds them exactly:
/// - sparse: the nonzero counts only, sorted by index, 4 bytes each (the index in the
///   top 12 bits, the count in the low 20), while there are at most `sparseLimit` (1,024
///   for a bucket) and each is below 2^20: a minute of traffic, or an hour of a narrow
///   distribution;
/// - dense: all 2,560 counts as `UInt32` (10 KiB);
/// - wide: all 2,560 as `UInt64` (20 KiB), once a count would pass `UInt32.max`.
///
/// Why: a ring holds up to 118 bucket distributions per latency SLO, and most buckets
/// see a few distinct values; 20 KiB of `UInt64` counts for each (the library's
/// `Histogram<UInt64>`) cost 2.5 MB per SLO. Widening is checked on every increment, so
/// no count relies on a rate assumption to stay exact. Counts also subtract, which the
/// library's histograms do not offer: the rings keep sliding sums with it.
///
/// ```swift
/// var counts = LatencyCounts()
/// counts.add(1, at: LatencyLayout.index(of: 1_200))   // one 120 ms latency
/// counts.total                                        // 1
/// ```
struct LatencyCounts: Sendable {
    /// Entries a closed bucket's sparse form holds before going dense (4 KiB of 10).
    static let bucketSparseLimit = 1_024
    /// Entries the newest bucket of a ring holds sparse: nearly every event lands there,
    /// and past a few dozen distinct values a search and an insertion per event cost
    /// more than an index, so a busy ring's newest bucket is dense until it closes
    /// (`limitSparse(to: bucketSparseLimit)` packs it then).
    static let headSparseLimit = 64
    /// Entries a window sum's sparse form holds before going dense (512 bytes of 10
    /// KiB): a sum takes and gives back a bucket every minute, which costs its own size
    /// in entries while sparse and only the bucket's once dense (so a busy series' sums
    /// are dense, a quiet one's sparse).
    static let sumSparseLimit = 128
    static let countBits: UInt32 = 20
    static let countMask: UInt32 = (1 << countBits) - 1

    /// Sparse entries `index << 20 | count`, sorted; empty in the other forms.
    private var sparse: [UInt32] = []
    /// The dense form's counts; empty in the other forms.
    private var dense: [UInt32] = []
    /// The wide form's counts; empty in the other forms.
    private var wide: [UInt64] = []
    /// Nonzero counts in `dense` or `wide`, to know when a sum can go sparse again.
    private var denseNonZero = 0
    /// Sum of every count.
    private(set) var total: UInt64 = 0
    /// Entries the sparse form holds at most; `compact()` goes back to it at half.
    private(set) var sparseLimit: Int

    /// Empty counts that go dense past `sparseLimit` distinct values.
    init(sparseLimit: Int = bucketSparseLimit) {
        self.sparseLimit = sparseLimit
    }

    var isEmpty: Bool { total == 0 }

    /// Adds `count` (> 0) at `index` (< `LatencyLayout.countsLength`).
    mutating func add(_ count: UInt64, at index: Int) {
        total += count
        addWithoutTotal(count, at: index)
    }

    private mutating func addWithoutTotal(_ count: UInt64, at index: Int) {
        if !wide.isEmpty {
            if wide[index] == 0 { denseNonZero += 1 }
            wide[index] += count
        } else if !dense.isEmpty {
            let sum = UInt64(dense[index]) + count
            if sum > UInt64(UInt32.max) {
                widen()
                wide[index] = sum
            } else {
                if dense[index] == 0 { denseNonZero += 1 }
                dense[index] = UInt32(sum)
            }
        } else {
            let (position, found) = search(index)
            if found {
                let sum = UInt64(sparse[position] & Self.countMask) + count
                if sum <= UInt64(Self.countMask) {
                    sparse[position] = UInt32(index) << Self.countBits | UInt32(sum)
                    return
                }
            } else if sparse.count < sparseLimit, count <= UInt64(Self.countMask) {
                sparse.insert(UInt32(index) << Self.countBits | UInt32(count), at: position)
                return
            }
            makeDense()
            addWithoutTotal(count, at: index)
        }
    }

    /// Removes `count` at `index`, which must hold at least that much (a bucket leaving
    /// a sum that counted it).
    mutating func subtract(_ count: UInt64, at index: Int) {
        total -= count
        if !wide.isEmpty {
            wide[index] -= count
            if wide[index] == 0 { denseNonZero -= 1 }
        } else if !dense.isEmpty {
            dense[index] -= UInt32(count)
            if dense[index] == 0 { denseNonZero -= 1 }
        } else {
            let (position, found) = search(index)
            precondition(found, "subtracting a count never added")
            let left = (sparse[position] & Self.countMask) - UInt32(count)
            if left == 0 {
                sparse.remove(at: position)
                if sparse.isEmpty { sparse = [] }   // its storage too
            } else {
                sparse[position] = UInt32(index) << Self.countBits | left
            }
        }
    }

    /// Adds every count of `other`: a merge of sorted entries when both are sparse (in
    /// place, O(entries)), else one add per nonzero count of `other`.
    mutating func add(_ other: LatencyCounts) {
        guard !other.isEmpty else { return }
        if dense.isEmpty, wide.isEmpty, other.dense.isEmpty, other.wide.isEmpty, mergeSparse(other.sparse) {
            total += other.total
            return
        }
        total += other.total
        other.forEachNonZero { index, count in addWithoutTotal(count, at: index) }
    }

    /// Removes every count of `other`, which this holds (a bucket leaving a sum).
    mutating func subtract(_ other: LatencyCounts) {
        guard !other.isEmpty else { return }
        if dense.isEmpty, wide.isEmpty, other.dense.isEmpty, other.wide.isEmpty {
            subtractSparse(other.sparse)
            total -= other.total
            return
        }
        other.forEachNonZero { index, count in subtract(count, at: index) }
    }

    /// Goes back to a smaller form when the counts fit one again (a sum after a busy
    /// stretch left it): wide to dense once the total fits 32 bits, dense to sparse once
    /// at most half `sparseLimit` counts are nonzero and the total is below 2^20.
    mutating func compact() { shrink(packingAt: sparseLimit / 2) }

    /// Changes `sparseLimit`, going to the smallest form that holds the counts under it
    /// (a bucket that closed: at most one pass over its 2,560 counts).
    mutating func limitSparse(to limit: Int) {
        sparseLimit = limit
        shrink(packingAt: limit)
    }

    /// Wide to dense once the total fits 32 bits; dense to sparse once at most `entries`
    /// counts are nonzero and the total is below 2^20.
    private mutating func shrink(packingAt entries: Int) {
        if !wide.isEmpty, total <= UInt64(UInt32.max) {
            dense = wide.map { UInt32($0) }
            wide = []
        }
        if !dense.isEmpty, denseNonZero <= entries, total <= UInt64(Self.countMask) {
            var packed: [UInt32] = []
            packed.reserveCapacity(denseNonZero)
            for (index, count) in dense.enumerated() where count != 0 {
                packed.append(UInt32(index) << Self.countBits | count)
            }
            sparse = packed
            dense = []
            denseNonZero = 0
        }
    }

    mutating func removeAll() { self = LatencyCounts(sparseLimit: sparseLimit) }

    /// Calls `body` with each nonzero count, by increasing index.
    func forEachNonZero(_ body: (_ index: Int, _ count: UInt64) throws -> Void) rethrows {
        if !wide.isEmpty {
            for (index, count) in wide.enumerated() where count != 0 { try body(index, count) }
        } else if !dense.isEmpty {
            for (index, count) in dense.enumerated() where count != 0 { try body(index, UInt64(count)) }
        } else {
            for entry in sparse { try body(Int(entry >> Self.countBits), UInt64(entry & Self.countMask)) }
        }
    }

    /// Adds every count into `counts` (`LatencyLayout.countsLength` long).
    func add(into counts: inout [UInt64]) {
        counts.withUnsafeMutableBufferPointer { out in
            if !wide.isEmpty {
                for (index, count) in wide.enumerated() { out[index] &+= count }
            } else if !dense.isEmpty {
                for (index, count) in dense.enumerated() { out[index] &+= UInt64(count) }
            } else {
                for entry in sparse { out[Int(entry >> Self.countBits)] &+= UInt64(entry & Self.countMask) }
            }
        }
    }

    /// Heap bytes held: each array's elements plus its 32-byte header; the sparse array's
    /// capacity (it grows by doubling), the dense and wide arrays' length (always the whole
    /// layout). Not their capacity: an array asks malloc for its length and takes whatever
    /// more the block it got happens to hold, which depends on the heap's history and
    /// made the same counts weigh a few bytes more on some runs than on others.
    var bytes: Int {
        func held<T>(_ array: [T], _ elements: Int) -> Int { array.capacity == 0 ? 0 : 32 + elements * MemoryLayout<T>.stride }
        return held(sparse, sparse.capacity) + held(dense, dense.count) + held(wide, wide.count)
    }

    /// Which form holds the counts (for tests and the memory figures).
    var form: String { !wide.isEmpty ? "wide" : !dense.isEmpty ? "dense" : "sparse" }

    // MARK: Forms

    /// Where `index` is or would go among the sparse entries: a binary search without
    /// branches on the data (an hour or a day bucket holds hundreds of entries, searched
    /// once per event).
    private func search(_ index: Int) -> (position: Int, found: Bool) {
        // An entry of `index` is above `key` (its count is at least 1), any entry of a
        // lower index below it: the first entry not below `key` is where `index` goes.
        let key = UInt32(index) << Self.countBits
        return sparse.withUnsafeBufferPointer { entries in
            var n = entries.count, base = 0
            if n == 0 { return (0, false) }
            while n > 1 {
                let half = n / 2
                base = entries[base &+ half] < key ? base &+ half : base
                n -= half
            }
            let position = entries[base] < key ? base &+ 1 : base
            return (position, position < entries.count && entries[position] >> Self.countBits == UInt32(index))
        }
    }

    private mutating func makeDense() {
        var counts = [UInt32](repeating: 0, count: LatencyLayout.countsLength)
        for entry in sparse { counts[Int(entry >> Self.countBits)] = entry & Self.countMask }
        denseNonZero = sparse.count
        dense = counts
        sparse = []
    }

    private mutating func widen() {
        wide = dense.map { UInt64($0) }
        dense = []
    }

    /// Merges sorted sparse entries into `sparse`, from the back so it needs no second
    /// array; false, changing nothing, when the result would not be sparse.
    private mutating func mergeSparse(_ other: [UInt32]) -> Bool {
        var added = 0, i = 0, j = 0
        while j < other.count {
            let key = other[j] >> Self.countBits
            while i < sparse.count, sparse[i] >> Self.countBits < key { i += 1 }
            if i < sparse.count, sparse[i] >> Self.countBits == key {
                if (sparse[i] & Self.countMask) + (other[j] & Self.countMask) > Self.countMask { return false }
            } else {
                added += 1
            }
            j += 1
        }
        guard sparse.count + added <= sparseLimit else { return false }
        var read = sparse.count - 1, write = sparse.count + added - 1
        sparse.append(contentsOf: repeatElement(0, count: added))
        j = other.count - 1
        while j >= 0 {
            let key = other[j] >> Self.countBits
            if read >= 0, sparse[read] >> Self.countBits > key {
                sparse[write] = sparse[read]
                read -= 1
            } else if read >= 0, sparse[read] >> Self.countBits == key {
                sparse[write] = sparse[read] + (other[j] & Self.countMask)
                read -= 1
                j -= 1
            } else {
                sparse[write] = other[j]
                j -= 1
            }
            write -= 1
        }
        return true
    }

    /// Subtracts sorted sparse entries, each of which `sparse` holds at least, dropping
    /// the counts that reach zero: one pass.
    private mutating func subtractSparse(_ other: [UInt32]) {
        var write = 0, j = 0
        for read in sparse.indices {
            var entry = sparse[read]
            if j < other.count, other[j] >> Self.countBits == entry >> Self.countBits {
                precondition(entry & Self.countMask >= other[j] & Self.countMask, "subtracting more than was added")
                entry -= other[j] & Self.countMask
                j += 1
            }
            if entry & Self.countMask != 0 {
                sparse[write] = entry
                write += 1
            }
        }
        precondition(j == other.count, "subtracting a count never added")
        if write == 0 {
            sparse = []   // its storage too: an empty sum holds nothing
        } else {
            sparse.removeLast(sparse.count - write)
        }
    }
}
