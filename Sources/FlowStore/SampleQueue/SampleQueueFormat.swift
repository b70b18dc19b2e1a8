import FlowCore

/// The remote-write queue on disk (`DIR/remote-write/`, docs/fleet.md): segment files of
/// checksummed records, framed as the journal's are, and a `position` file saying how far
/// the receiver has taken them.
///
/// ```text
/// 00000000000000000003.rwq   a segment, numbered in order of creation
/// segment  = header | record | record | ...
/// header   = "FLOWTOPQ" | version u32 | reserved u32 (0)                     (16 bytes)
/// record   = payload length u32 | CRC-32C of the payload u32 | payload
/// payload  = 1 | ref varint | name | label count varint | (name | value)...   a series
///          | 2 | timestamp ms u64 | count varint | (ref varint | value f64)... a sampling round
/// position = "FLOWTOPP" | segment u64 | record offset u64 | sample index u64 | CRC-32C u32
/// ```
///
/// Why series records: a round repeats every series, so each is written once per segment
/// with a small number (`ref`) and a round costs about 10 bytes a sample instead of its
/// labels again. Refs are a segment's own, so a segment reads alone and whole segments can
/// be removed once sent. Each process start opens a new segment, so appending never has
/// to learn the refs of a segment it did not write.
public enum SampleQueueFormat {
    static let magic: [UInt8] = Array("FLOWTOPQ".utf8)
    static let positionMagic: [UInt8] = Array("FLOWTOPP".utf8)
    static let version: UInt32 = 1
    static let headerSize = 16
    static let positionSize = 8 + 8 + 8 + 8 + 4
    static let segmentSuffix = ".rwq"
    public static let directoryName = "remote-write"
    static let positionFileName = "position"

    static func segmentName(_ index: UInt64) -> String { NumberedFileName.name(index, suffix: segmentSuffix) }

    static func segmentIndex(name: String) -> UInt64? { NumberedFileName.number(name, suffix: segmentSuffix) }

    static func header() -> [UInt8] {
        var bytes = magic
        withUnsafeBytes(of: version.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: UInt32(0).littleEndian) { bytes += $0 }
        return bytes
    }
}

/// One record of a queue segment: a series' labels under a number, or one sampling round.
enum SampleQueueRecord: Equatable {
    case series(ref: UInt32, name: String, labels: [MetricLabelPair])
    case round(timestamp: EpochMillis, values: [RefValue])

    struct RefValue: Equatable {
        var ref: UInt32
        var value: Double

        static func == (a: RefValue, b: RefValue) -> Bool {
            a.ref == b.ref && a.value.bitPattern == b.value.bitPattern
        }
    }

    /// `[length][CRC-32C][payload]`, ready to append.
    func framed() -> [UInt8] {
        var w = BinaryWriter(capacity: 256)
        w.u32(0)
        w.u32(0)
        switch self {
        case .series(let ref, let name, let labels):
            w.u8(1)
            w.varint(UInt64(ref))
            w.string(name)
            w.varint(UInt64(labels.count))
            for label in labels {
                w.string(label.name)
                w.string(label.value)
            }
        case .round(let timestamp, let values):
            w.u8(2)
            w.u64(UInt64(bitPattern: timestamp))
            w.varint(UInt64(values.count))
            for v in values {
                w.varint(UInt64(v.ref))
                w.f64(v.value)
            }
        }
        let payloadCount = w.count - 8
        let checksum = w.withBytes(from: 8, count: payloadCount) { CRC32C.checksum($0) }
        w.patchU32(UInt32(payloadCount), at: 0)
        w.patchU32(checksum, at: 4)
        return w.withBytes { Array($0) }
    }

    /// A payload that passed its checksum; an unknown kind or a bad field throws.
    static func decode(_ payload: UnsafeRawBufferPointer) throws(DecodeError) -> SampleQueueRecord {
        var r = BinaryReader(payload)
        switch try r.u8() {
        case 1:
            let ref = try r.varint()
            let name = try r.string()
            let count = try r.count(ofItemsAtLeast: 2)
            var labels: [MetricLabelPair] = []
            labels.reserveCapacity(count)
            for _ in 0..<count { labels.append(MetricLabelPair(name: try r.string(), value: try r.string())) }
            guard ref <= UInt64(UInt32.max) else { throw r.failure("a series number out of range") }
            return .series(ref: UInt32(ref), name: name, labels: labels)
        case 2:
            let timestamp = Int64(bitPattern: try r.u64())
            let count = try r.count(ofItemsAtLeast: 9)
            var values: [RefValue] = []
            values.reserveCapacity(count)
            for _ in 0..<count {
                let ref = try r.varint()
                guard ref <= UInt64(UInt32.max) else { throw r.failure("a series number out of range") }
                values.append(RefValue(ref: UInt32(ref), value: try r.f64()))
            }
            return .round(timestamp: timestamp, values: values)
        case let kind:
            throw r.failure("a record of unknown kind \(kind)")
        }
    }
}

/// Where the receiver's part of the queue ends: the next sample to send is sample
/// `index` of the round at byte `offset` of segment `segment` (or the first record at or
/// after `offset`).
public struct SampleQueuePosition: Sendable, Equatable, Comparable {
    public var segment: UInt64
    public var offset: Int
    public var index: Int

    public init(segment: UInt64, offset: Int, index: Int) {
        self.segment = segment
        self.offset = offset
        self.index = index
    }

    public static func < (a: SampleQueuePosition, b: SampleQueuePosition) -> Bool {
        (a.segment, a.offset, a.index) < (b.segment, b.offset, b.index)
    }

    func encoded() -> [UInt8] {
        var bytes = SampleQueueFormat.positionMagic
        for v in [segment, UInt64(offset), UInt64(index)] { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
        let checksum = CRC32C.checksum(bytes)
        withUnsafeBytes(of: checksum.littleEndian) { bytes += $0 }
        return bytes
    }

    /// nil for anything but a whole, checked position file.
    static func decode(_ bytes: [UInt8]) -> SampleQueuePosition? {
        guard bytes.count == SampleQueueFormat.positionSize,
              Array(bytes.prefix(8)) == SampleQueueFormat.positionMagic else { return nil }
        let body = Array(bytes.prefix(32))
        func u64(_ at: Int) -> UInt64 { body[at..<at + 8].reversed().reduce(0) { $0 << 8 | UInt64($1) } }
        let stored = bytes[32..<36].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard CRC32C.checksum(body) == stored, u64(16) <= UInt64(Int.max), u64(24) <= UInt64(Int.max) else { return nil }
        return SampleQueuePosition(segment: u64(8), offset: Int(u64(16)), index: Int(u64(24)))
    }
}
