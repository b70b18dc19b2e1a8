/// The byte buffer `StateEncoder` writes into, and the stack of containers still open.
///
/// Why a stack: the format is positional (no keys, no lengths around values), so a value
/// must be written at the end of the buffer while its container is the innermost one open.
/// Encoding code written in the usual way (synthesized or by hand) finishes one value
/// before writing the next, and a container is closed implicitly when its parent writes
/// again. A write through a container closed that way (two containers filled in turns)
/// would interleave bytes silently, so it is refused (`fail`) and `StateEncoder` throws.
///
/// An unkeyed container's element count goes before its elements but is known only when
/// it closes: one byte is reserved and the count patched in at close, the elements moved
/// along when the count needs more than one byte (arrays of 128 or more, rare next to the
/// many short ones).
///
/// ```swift
/// let writer = StateWriter()
/// let id = writer.push(key: nil, counted: true)   // an array
/// writer.countElement(in: id); writer.append(7 as Int64)
/// writer.finish()                                  // count 1, then 8 bytes
/// ```
final class StateWriter {
    private(set) var bytes: [UInt8] = []
    /// The first error met; encoding stops at the end and throws it.
    private(set) var failure: EncodingError?
    private var open: [OpenContainer] = []
    private var nextID = 0
    private var kinds: [ObjectIdentifier: EncodingKind] = [:]
    /// The encoders' `userInfo` (empty unless the caller gave some).
    var userInfo: [CodingUserInfoKey: Any] = [:]

    private struct OpenContainer {
        let id: Int
        /// The key of the value this container encodes, within its parent (nil at the top
        /// and for an unkeyed parent's element, which `index` names).
        let key: (any CodingKey)?
        /// Where the reserved count byte is; -1 for a keyed or single-value container.
        let countAt: Int
        var count: Int
    }

    /// `capacity`: the bytes expected (a dictionary key needs few, an engine megabytes).
    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// Opens a container inside the innermost one; `counted` reserves its element count.
    func push(key: (any CodingKey)?, counted: Bool) -> Int {
        nextID += 1
        let countAt = counted ? bytes.count : -1
        if counted { bytes.append(0) }
        open.append(OpenContainer(id: nextID, key: key, countAt: countAt, count: 0))
        return nextID
    }

    /// Makes container `id` the innermost again, closing those opened inside it; false
    /// (and a recorded failure) when it was closed already.
    @inline(__always)
    func enter(_ id: Int) -> Bool {
        if let last = open.last, last.id == id { return true }
        return enterSlowly(id)
    }

    private func enterSlowly(_ id: Int) -> Bool {
        guard let i = open.lastIndex(where: { $0.id == id }) else {
            fail("a container was written to after a later container of its parent; "
                 + "the positional format needs each value finished before the next begins", id: nil)
            return false
        }
        while open.count > i + 1 { close() }
        return true
    }

    /// Counts one more element in the innermost container (the caller has entered it).
    @inline(__always)
    func countElement() {
        open[open.count - 1].count += 1
    }

    /// Closes every container still open: called once the top-level value is written.
    func finish() {
        while !open.isEmpty { close() }
    }

    private func close() {
        guard let top = open.popLast() else { return }
        guard top.countAt >= 0 else { return }
        let contentBytes = bytes.count - top.countAt - 1
        // The decoder refuses a count above the bytes left (so garbage cannot make it loop
        // or allocate without end); elements that encode to nothing would trip that.
        if top.count > contentBytes {
            fail("\(top.count) elements in \(contentBytes) bytes: elements that encode to no bytes cannot be counted",
                 id: nil)
        }
        var count = UInt64(top.count)
        if count < 0x80 {
            bytes[top.countAt] = UInt8(count)
            return
        }
        var varint: [UInt8] = []
        while count >= 0x80 {
            varint.append(UInt8(truncatingIfNeeded: count) | 0x80)
            count >>= 7
        }
        varint.append(UInt8(count))
        bytes.replaceSubrange(top.countAt...top.countAt, with: varint)
    }

    /// The coding path of container `id` while it is open: the keys of the containers it
    /// sits in. Errors only, so it is built on demand and costs nothing while encoding.
    func codingPath(of id: Int) -> [any CodingKey] {
        guard let i = open.lastIndex(where: { $0.id == id }) else { return [] }
        return open[...i].compactMap(\.key)
    }

    func fail(_ message: String, id: Int?, key: (any CodingKey)? = nil) {
        guard failure == nil else { return }
        var path = id.map(codingPath(of:)) ?? []
        if let key { path.append(key) }
        failure = .invalidValue(message, EncodingError.Context(codingPath: path, debugDescription: message))
    }

    /// Where dictionary keys and set elements are encoded apart to be sorted: one writer
    /// reused, so a table of 20,000 leads does not make 20,000 writers.
    private var apart: StateWriter?

    /// The bytes of `value` alone, as `StateEncoder.encode` would give them.
    func encodeApart<T: Encodable>(_ value: T) throws -> [UInt8] {
        let writer = apart ?? StateWriter(capacity: 64)
        apart = writer
        writer.bytes.removeAll(keepingCapacity: true)
        writer.open.removeAll(keepingCapacity: true)
        writer.failure = nil
        try ValueEncoder(writer: writer, parent: 0, key: nil).encodeValue(value)
        writer.finish()
        if let failure = writer.failure { throw failure }
        return writer.bytes
    }

    /// How values of `type` are written (`EncodingKind`), worked out once per type.
    @inline(__always)
    func kind(of type: Any.Type) -> EncodingKind {
        let id = ObjectIdentifier(type)
        if let kind = kinds[id] { return kind }
        let kind = EncodingKind(type)
        kinds[id] = kind
        return kind
    }

    // MARK: - Bytes

    @inline(__always)
    func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    @inline(__always)
    func append<I: FixedWidthInteger>(_ value: I) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    func append(contentsOf raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }

    /// An unsigned LEB128 varint: 7 bits a byte, low bits first.
    func appendVarint(_ value: Int) {
        var v = UInt64(value)
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    func append(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            appendVarint(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// An array of fixed-width numbers: the count, then their bytes, little-endian.
    func appendRaw<E: BitwiseCopyable>(_ array: [E]) {
        appendVarint(array.count)
        #if _endian(little)
        array.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        #error("StateWriter.appendRaw assumes a little-endian host")
        #endif
    }
}
