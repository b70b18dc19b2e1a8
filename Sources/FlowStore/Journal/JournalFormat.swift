/// The journal on disk: a directory of segment files, each a header and then records.
///
/// ```text
/// 00000000000000000000.wal   the segment whose first entry starts at position 0
/// 00000000000067108864.wal   the next, starting where the previous ended
///
/// segment = header | record | record | ...
/// header  = "FLOWTOPJ" | version u32 | reserved u32 (0) | start position u64   (24 bytes)
/// record  = payload length u32 | CRC-32C of the payload u32 | payload
/// payload = entry | entry | ...          (whole entries, never one split across records)
/// entry   = length u32 | EntryCodec bytes
/// ```
///
/// All numbers little-endian. A journal position counts entry bytes (length prefixes
/// included) from the journal's beginning, headers and record framing excluded: the
/// entries form one stream, records cut it into checksummed pieces, segments into files.
/// So a position is known the moment an entry is appended, before the writer has decided
/// how to frame it; and a segment's name is the position of its first entry.
///
/// Why several entries per record (up to `targetRecordPayload`): most entries are small
/// (an `advance` is 10 bytes; a batch a few KiB), so a record each would spend 8 bytes of
/// framing and one CRC start-up per entry; grouping costs nothing in safety, since a
/// torn record only ever holds entries that were not yet fsync'd. Why a bound: a record is
/// read whole at recovery, and one bad byte spoils only that record.
enum JournalFormat {
    static let magic: [UInt8] = Array("FLOWTOPJ".utf8)
    /// Raise when an old build must refuse what a new one writes. 2: batches write their
    /// labels through a table (`EntryCodec.Kind.labelledBatch`). This build reads 1 and 2;
    /// it appends only to a segment of the current version, so a segment of version 1
    /// holds no entry that its version's builds cannot read.
    static let version: UInt32 = 2
    static let headerSize = 24
    static let recordHeaderSize = 8
    static let entryHeaderSize = 4
    /// Entries are grouped into one record until it holds this many payload bytes.
    static let targetRecordPayload = 64 << 10
    /// Larger lengths are damage, not data: no batch encodes to 256 MiB.
    static let maximumRecordPayload = 256 << 20

    static let segmentSuffix = ".wal"

    /// `00000000000067108864.wal`: 20 decimal digits hold any UInt64, and sort as numbers.
    static func segmentName(start: UInt64) -> String { NumberedFileName.name(start, suffix: segmentSuffix) }

    /// The start position a segment's name gives, or nil for any other file (a checkpoint,
    /// a half-made segment's `.tmp`, something a person left there).
    static func segmentStart(name: String) -> UInt64? { NumberedFileName.number(name, suffix: segmentSuffix) }

    static func header(start: UInt64) -> [UInt8] {
        var bytes = magic
        withUnsafeBytes(of: version.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: UInt32(0).littleEndian) { bytes += $0 }
        withUnsafeBytes(of: start.littleEndian) { bytes += $0 }
        return bytes
    }

    /// Checks a segment's first bytes; returns the start position its header records, and
    /// the format version it was written in.
    static func checkHeader(_ bytes: UnsafeRawBufferPointer, path: String)
        throws(StoreError) -> (start: UInt64, version: UInt32)
    {
        guard bytes.count >= magic.count, zip(bytes.prefix(magic.count), magic).allSatisfy({ $0 == $1 }) else {
            throw .notAJournal(path: path)
        }
        guard bytes.count >= headerSize else { throw .notAJournal(path: path) }
        var r = BinaryReader(UnsafeRawBufferPointer(rebasing: bytes[magic.count..<headerSize]))
        guard let version = try? r.u32(), (try? r.u32()) != nil, let start = try? r.u64(), version >= 1 else {
            throw .notAJournal(path: path)
        }
        guard version <= JournalFormat.version else {
            throw .newerFormat(path: path, version: version, supported: JournalFormat.version)
        }
        return (start, version)
    }
}
