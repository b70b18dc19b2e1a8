import FlowCore
#if canImport(Glibc)
import Glibc
#endif

/// The checkpoint files of a data directory: the engine's whole state, encoded, and the
/// journal position it includes, one file per checkpoint (`NNNN.ckpt`, the position in 20
/// digits so names sort by it).
///
/// A file is `FLOWTOPC`, the format (u32), the position (u64), the body's length (u64) and
/// its CRC-32C (u32), then the body. It is written to a `.tmp` file, fsync'd, renamed and
/// the folder fsync'd, so after a crash a checkpoint is either whole or absent. The newest
/// `keep` are kept. Loading takes the newest that reads; one that does not (a bad checksum,
/// a body that does not decode) is renamed `*.corrupt` and the one before is tried: a
/// corrupt checkpoint is set aside, never deleted.
///
/// ```swift
/// let files = CheckpointFiles(directory: dataDirectory.checkpointPath)
/// try files.write(bytes, position: position)
/// let loaded = files.loadNewest { body, layout in try FlowStore.decodeEngine(body, layout: layout) }
/// ```
struct CheckpointFiles: Sendable {
    let directory: String
    var keep = 2

    static let magic: [UInt8] = Array("FLOWTOPC".utf8)
    /// The header's format field: the engine's layout (`FlowStore.engineLayoutVersion`).
    static let format: UInt32 = FlowStore.engineLayoutVersion
    /// The formats `read` accepts (older layouts this build still decodes).
    static let readableFormats = FlowStore.readableEngineLayouts
    static let headerSize = 8 + 4 + 8 + 8 + 4

    struct Entry: Sendable, Equatable {
        var position: JournalPosition
        var path: String
        var bytes: Int64
    }

    struct Loaded<Value> {
        var value: Value
        var entry: Entry
        /// Checkpoints newer than the one loaded that did not read, each with why.
        var setAside: [String]
    }

    /// The checkpoint files, oldest first.
    func list() -> [Entry] {
        DataDirectory.entries(of: directory).compactMap { name -> Entry? in
            guard name.hasSuffix(".ckpt"), let position = UInt64(name.dropLast(5)) else { return nil }
            let path = directory + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return Entry(position: JournalPosition(position), path: path, bytes: Int64(info.st_size))
        }.sorted { $0.position < $1.position }
    }

    static func name(for position: JournalPosition) -> String {
        let digits = String(position.offset)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".ckpt"
    }

    /// Writes a checkpoint durably, then removes all but the newest `keep`.
    func write(_ body: [UInt8], position: JournalPosition) throws(StoreError) {
        let path = directory + "/" + Self.name(for: position)
        var header = Self.magic
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { header.append(contentsOf: $0) }
        }
        append(Self.format)
        append(position.offset)
        append(UInt64(body.count))
        append(CRC32C.checksum(body))
        try DurableFile.replace(path, in: directory, with: [header, body])
        let all = list()
        for old in all.dropLast(keep) { unlink(old.path) }
        if all.count > keep { DataDirectory.syncDirectory(directory) }
    }

    /// The newest checkpoint that reads and decodes (`decode` gets the body and the
    /// layout its header names); nil when there is none (a new data directory, or every
    /// one set aside).
    func loadNewest<Value>(_ decode: ([UInt8], UInt32) throws -> Value) -> Loaded<Value>? {
        var setAside: [String] = []
        for entry in list().reversed() {
            do {
                let (body, layout) = try read(entry)
                let value = try decode(body, layout)
                return Loaded(value: value, entry: entry, setAside: setAside)
            } catch {
                rename(entry.path, entry.path + ".corrupt")
                setAside.append("\(entry.path): \(error); kept as \(entry.path).corrupt")
            }
        }
        DataDirectory.syncDirectory(directory)
        return nil
    }

    struct CheckpointFileError: Error, CustomStringConvertible {
        var description: String
    }

    /// The body of `entry`, checked against its header, and the layout it names.
    func read(_ entry: Entry) throws -> (body: [UInt8], layout: UInt32) {
        let descriptor = open(entry.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError.io(path: entry.path, operation: "open", errno: errno) }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: Int(max(0, entry.bytes)))
        let count = bytes.withUnsafeMutableBytes { raw -> Int in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.read(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                offset += n
            }
            return offset
        }
        guard count >= Self.headerSize, Array(bytes[0..<8]) == Self.magic else {
            throw CheckpointFileError(description: "not a flowtop checkpoint (no FLOWTOPC header)")
        }
        func field<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
            var value = T.zero
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[offset..<offset + MemoryLayout<T>.size]) }
            return T(littleEndian: value)
        }
        let format = field(8, UInt32.self)
        guard Self.readableFormats.contains(format) else {
            throw CheckpointFileError(description: "written by a flowtop with another engine layout (\(format); this one "
                                      + "reads \(Self.readableFormats.sorted())); the journal after it still replays")
        }
        let length = field(20, UInt64.self)
        guard UInt64(count - Self.headerSize) == length else {
            throw CheckpointFileError(description: "cut short: \(count - Self.headerSize) of \(length) bytes")
        }
        let body = Array(bytes[Self.headerSize...])
        guard CRC32C.checksum(body) == field(28, UInt32.self) else {
            throw CheckpointFileError(description: "its checksum does not match its contents")
        }
        return (body, format)
    }
}
