/// A growable byte buffer that owns its memory, for encoding on the ingest hot path: it
/// is reused batch after batch, so once it has grown to a batch's size, encoding allocates
/// nothing. Little-endian fixed widths, LEB128 varints (zigzag for signed), strings as a
/// varint length and their UTF-8.
///
/// Why not `[UInt8]`: `append` on an array checks uniqueness and capacity byte by byte,
/// about ten instructions a byte; here a write is one capacity compare and a store.
/// Non-copyable, so two owners can never free the same memory; it moves between the
/// journal's appenders and its writer thread by `swap` under the journal's lock. That is
/// also why `@unchecked Sendable` is sound: a value with one owner at a time cannot be
/// touched by two threads at once, but the compiler cannot see through the raw pointer.
///
/// ```swift
/// var w = BinaryWriter()
/// w.varint(300); w.string("acme")
/// w.withBytes { bytes in bytes.count }   // 7
/// ```
struct BinaryWriter: ~Copyable, @unchecked Sendable {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        base = .allocate(byteCount: self.capacity, alignment: 8)
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    mutating func reserve(_ n: Int) {
        if count &+ n > capacity { grow(to: count + n) }
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 8)
        newBase.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func u8(_ v: UInt8) {
        reserve(1)
        base.storeBytes(of: v, toByteOffset: count, as: UInt8.self)
        count &+= 1
    }

    @inline(__always)
    mutating func u32(_ v: UInt32) {
        reserve(4)
        base.storeBytes(of: v.littleEndian, toByteOffset: count, as: UInt32.self)
        count &+= 4
    }

    @inline(__always)
    mutating func u64(_ v: UInt64) {
        reserve(8)
        base.storeBytes(of: v.littleEndian, toByteOffset: count, as: UInt64.self)
        count &+= 8
    }

    /// A double as its IEEE 754 bits: exact, NaN payloads and -0 included.
    @inline(__always)
    mutating func f64(_ v: Double) { u64(v.bitPattern) }

    /// LEB128: 7 bits a byte, low first; 1 byte below 128, at most 10.
    @inline(__always)
    mutating func varint(_ value: UInt64) {
        reserve(10)
        var v = value
        while v >= 0x80 {
            base.storeBytes(of: UInt8(truncatingIfNeeded: v) | 0x80, toByteOffset: count, as: UInt8.self)
            count &+= 1
            v >>= 7
        }
        base.storeBytes(of: UInt8(truncatingIfNeeded: v), toByteOffset: count, as: UInt8.self)
        count &+= 1
    }

    /// Zigzag, so small negative numbers stay short too: 0, -1, 1, -2 -> 0, 1, 2, 3.
    @inline(__always)
    mutating func signedVarint(_ v: Int64) {
        varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }

    /// Length, then the UTF-8 bytes: copied straight from the string's storage (one
    /// capacity check for both).
    @inline(__always)
    mutating func string(_ s: String) {
        let n = s.utf8.count
        reserve(n &+ 10)
        if n < 0x80 {
            base.storeBytes(of: UInt8(truncatingIfNeeded: n), toByteOffset: count, as: UInt8.self)
            count &+= 1
        } else {
            varint(UInt64(n))
        }
        let at = base + count
        let copied: Void? = s.utf8.withContiguousStorageIfAvailable { utf8 in
            if let from = utf8.baseAddress { at.copyMemory(from: from, byteCount: n) }
        }
        if copied == nil {
            var i = 0
            for b in s.utf8 {
                at.storeBytes(of: b, toByteOffset: i, as: UInt8.self)
                i &+= 1
            }
        }
        count &+= n
    }

    mutating func bytes(_ raw: UnsafeRawBufferPointer) {
        guard let from = raw.baseAddress, raw.count > 0 else { return }
        reserve(raw.count)
        (base + count).copyMemory(from: from, byteCount: raw.count)
        count &+= raw.count
    }

    /// Overwrites 4 bytes written earlier (a length known only after what follows it).
    mutating func patchU32(_ v: UInt32, at offset: Int) {
        precondition(offset >= 0 && offset + 4 <= count)
        base.storeBytes(of: v.littleEndian, toByteOffset: offset, as: UInt32.self)
    }

    /// Forgets everything after `newCount` (an entry that will not be kept).
    mutating func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count)
        count = newCount
    }

    /// Forgets the first `n` bytes, moving the rest to the front (they became durable).
    mutating func removeFirst(_ n: Int) {
        precondition(n >= 0 && n <= count)
        if n < count { base.copyMemory(from: base + n, byteCount: count - n) }
        count -= n
    }

    /// Empties the buffer, keeping its memory for the next batch.
    mutating func removeAll() { count = 0 }

    func withBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// `count` bytes from `offset`.
    func withBytes<R, E: Error>(from offset: Int, count n: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        precondition(offset >= 0 && n >= 0 && offset + n <= count)
        return try body(UnsafeRawBufferPointer(start: base + offset, count: n))
    }

    func u32(at offset: Int) -> UInt32 {
        precondition(offset >= 0 && offset + 4 <= count)
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}
