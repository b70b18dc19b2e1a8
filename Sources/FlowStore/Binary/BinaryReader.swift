/// Why bytes could not be decoded, and where: the offset is from the start of what the
/// reader was given (a journal entry), so a report can point at the byte.
struct DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    var offset: Int
    var reason: String

    var description: String { "\(reason) at byte \(offset)" }
}

/// Reads what `BinaryWriter` writes, checking every length against the bytes left: bad
/// bytes (a torn write, a flipped bit, a foreign file) throw `DecodeError`, never trap,
/// never read past the end.
///
/// ```swift
/// var r = BinaryReader(bytes)
/// let n = try r.varint()
/// let tenant = try r.string()
/// ```
struct BinaryReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }
    var isAtEnd: Bool { offset == bytes.count }

    func failure(_ reason: String) -> DecodeError { DecodeError(offset: offset, reason: reason) }

    private func need(_ n: Int, _ what: String) throws(DecodeError) {
        guard n >= 0, n <= remaining else { throw failure("\(what) runs past the end (\(n) bytes, \(remaining) left)") }
    }

    mutating func u8() throws(DecodeError) -> UInt8 {
        try need(1, "a byte")
        defer { offset += 1 }
        return bytes.load(fromByteOffset: offset, as: UInt8.self)
    }

    mutating func u32() throws(DecodeError) -> UInt32 {
        try need(4, "a 32-bit number")
        defer { offset += 4 }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() throws(DecodeError) -> UInt64 {
        try need(8, "a 64-bit number")
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func f64() throws(DecodeError) -> Double { Double(bitPattern: try u64()) }

    mutating func bool() throws(DecodeError) -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        case let b: throw DecodeError(offset: offset - 1, reason: "\(b) is not a boolean")
        }
    }

    mutating func varint() throws(DecodeError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        let start = offset
        while true {
            guard offset < bytes.count else { throw DecodeError(offset: start, reason: "a varint runs past the end") }
            let b = bytes.load(fromByteOffset: offset, as: UInt8.self)
            offset += 1
            // The tenth byte may carry only the top bit of a 64-bit number.
            guard shift < 63 || (shift == 63 && b <= 1) else {
                throw DecodeError(offset: start, reason: "a varint longer than 64 bits")
            }
            result |= UInt64(b & 0x7f) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    mutating func signedVarint() throws(DecodeError) -> Int64 {
        let z = try varint()
        return Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1)))
    }

    /// A count of things that follow, each at least `minimumSize` bytes: a count larger
    /// than the bytes left could hold is refused before anything is allocated for it.
    mutating func count(ofItemsAtLeast minimumSize: Int) throws(DecodeError) -> Int {
        let start = offset
        let n = try varint()
        guard n <= UInt64(remaining / max(minimumSize, 1)) else {
            throw DecodeError(offset: start, reason: "a count of \(n) cannot fit in the \(remaining) bytes left")
        }
        return Int(n)
    }

    mutating func string() throws(DecodeError) -> String {
        let start = offset
        let n = try varint()
        guard n <= UInt64(remaining) else {
            throw DecodeError(offset: start, reason: "a string of \(n) bytes runs past the end (\(remaining) left)")
        }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + Int(n)])
        guard let s = String(validating: slice, as: UTF8.self) else {
            throw DecodeError(offset: start, reason: "a string that is not UTF-8")
        }
        offset += Int(n)
        return s
    }

    /// `n` raw bytes, as a view into the input (valid while the input is).
    mutating func slice(_ n: Int) throws(DecodeError) -> UnsafeRawBufferPointer {
        try need(n, "a block")
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n])
    }
}
