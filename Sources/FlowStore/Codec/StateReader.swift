/// The bytes `StateDecoder` reads, its position, and the stack of containers still open:
/// the mirror of `StateWriter`.
///
/// Every read checks the bytes left first and every length is checked against them
/// before anything is allocated, so no input, however mangled, makes decoding trap, loop
/// or allocate more than the input's size; it throws a `DecodingError` naming the path.
/// An unkeyed container whose elements were not all read when its parent reads again
/// means the decoding code does not mirror the encoding code: that throws too, rather
/// than reading on from the wrong place.
///
/// ```swift
/// let reader = StateReader([1, 7, 0, 0, 0, 0, 0, 0, 0])
/// try reader.readVarint(path: [])       // 1
/// try reader.read(Int64.self, path: [])  // 7
/// ```
final class StateReader {
    private let bytes: ArraySlice<UInt8>
    private(set) var offset: Int
    private var open: [OpenContainer] = []
    private var nextID = 0
    private var kinds: [ObjectIdentifier: DecodingKind] = [:]
    /// The decoders' `userInfo` (empty unless the caller gave some).
    let userInfo: [CodingUserInfoKey: Any]

    private struct OpenContainer {
        let id: Int
        let key: (any CodingKey)?
        /// Elements still to read (unkeyed containers); 0 for the others.
        var remaining: Int
    }

    init(_ bytes: ArraySlice<UInt8>, userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.bytes = bytes
        self.userInfo = userInfo
        offset = bytes.startIndex
    }

    var bytesLeft: Int { bytes.endIndex - offset }

    // MARK: - Containers

    func push(key: (any CodingKey)?, elements: Int) -> Int {
        nextID += 1
        open.append(OpenContainer(id: nextID, key: key, remaining: elements))
        return nextID
    }

    @inline(__always)
    func enter(_ id: Int) throws {
        if let last = open.last, last.id == id { return }
        try enterSlowly(id)
    }

    private func enterSlowly(_ id: Int) throws {
        guard let i = open.lastIndex(where: { $0.id == id }) else {
            throw corrupted("a container was read after a later container of its parent", id: nil)
        }
        while open.count > i + 1 { try close() }
    }

    /// Takes one element from the innermost container (the caller has entered it).
    @inline(__always)
    func takeElement() {
        open[open.count - 1].remaining -= 1
    }

    /// Closes every container and checks that every byte was read.
    func finish() throws {
        while !open.isEmpty { try close() }
        if bytesLeft > 0 {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: [], debugDescription: "\(bytesLeft) bytes left after the value"))
        }
    }

    private func close() throws {
        if let top = open.last, top.remaining > 0 {
            throw corrupted("\(top.remaining) elements of an unkeyed container left unread", id: top.id)
        }
        open.removeLast()
    }

    func codingPath(of id: Int) -> [any CodingKey] {
        guard let i = open.lastIndex(where: { $0.id == id }) else { return [] }
        return open[...i].compactMap(\.key)
    }

    func corrupted(_ message: String, id: Int?, key: (any CodingKey)? = nil) -> DecodingError {
        var path = id.map(codingPath(of:)) ?? []
        if let key { path.append(key) }
        return .dataCorrupted(DecodingError.Context(codingPath: path, debugDescription: message))
    }

    /// How values of `type` are read (`DecodingKind`), worked out once per type.
    @inline(__always)
    func kind(of type: Any.Type) -> DecodingKind {
        let id = ObjectIdentifier(type)
        if let kind = kinds[id] { return kind }
        let kind = DecodingKind(type)
        kinds[id] = kind
        return kind
    }

    // MARK: - Bytes

    /// Throws unless `count` more bytes are there.
    @inline(__always)
    private func need(_ count: Int, _ what: @autoclosure () -> String, path: () -> [any CodingKey]) throws {
        guard count <= bytesLeft else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: path(), debugDescription: "\(what()): \(count) bytes needed, \(bytesLeft) left"))
        }
    }

    func readByte(path: @autoclosure () -> [any CodingKey]) throws -> UInt8 {
        try need(1, "truncated", path: path)
        defer { offset += 1 }
        return bytes[offset]
    }

    func peekByte() -> UInt8? { bytesLeft > 0 ? bytes[offset] : nil }

    func read<I: FixedWidthInteger>(_ type: I.Type, path: @autoclosure () -> [any CodingKey]) throws -> I {
        let size = MemoryLayout<I>.size
        try need(size, "truncated \(I.self)", path: path)
        var value: I = 0
        withUnsafeMutableBytes(of: &value) { out in
            bytes.withUnsafeBytes { buffer in
                out.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[(offset - bytes.startIndex)...].prefix(size)))
            }
        }
        offset += size
        return I(littleEndian: value)
    }

    func readBool(path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        switch try readByte(path: path()) {
        case 0: return false
        case 1: return true
        case let b: throw DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: path(), debugDescription: "a Bool is 0 or 1, not \(b)"))
        }
    }

    /// An unsigned LEB128 varint of at most 64 bits.
    func readVarint(path: @autoclosure () -> [any CodingKey]) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte(path: path())
            let bits = UInt64(byte & 0x7f)
            guard shift < 64, shift == 0 || bits >> (64 - shift) == 0 else {
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: path(), debugDescription: "a varint longer than 64 bits"))
            }
            value |= bits << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    /// A count of things each taking at least `minimumSize` bytes: never more than the
    /// bytes left allow, so a forged count cannot make decoding loop or allocate.
    func readCount(minimumSize: Int = 1, path: @autoclosure () -> [any CodingKey]) throws -> Int {
        let count = try readVarint(path: path())
        let limit = UInt64(bytesLeft / max(1, minimumSize))
        guard count <= limit else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: path(), debugDescription: "a count of \(count) with \(bytesLeft) bytes left"))
        }
        return Int(count)
    }

    func readString(path: @autoclosure () -> [any CodingKey]) throws -> String {
        let count = try readCount(path: path())
        let start = offset
        offset += count
        guard let string = String(validating: bytes[start..<offset], as: UTF8.self) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: path(), debugDescription: "a string that is not UTF-8"))
        }
        return string
    }

    /// The string at the current position, if there is one, without moving: what a
    /// nested container's key looks like (`allKeys` of an enum).
    func peekString() -> String? {
        let start = offset
        defer { offset = start }
        return try? readString(path: [])
    }

    /// An array written by `StateWriter.appendRaw`.
    func readRaw<E: BitwiseCopyable>(_ type: E.Type, path: @autoclosure () -> [any CodingKey]) throws -> [E] {
        let size = MemoryLayout<E>.stride
        let count = try readCount(minimumSize: size, path: path())
        let byteCount = count * size
        let start = offset - bytes.startIndex
        let array = [E](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: source[start..<(start + byteCount)]))
            }
            initialized = count
        }
        offset += byteCount
        return array
    }
}
