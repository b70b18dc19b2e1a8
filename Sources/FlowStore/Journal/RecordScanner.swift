/// Where a segment's valid records stop, and why.
enum ScanEnd: Equatable {
    /// The file ends after a whole record (or its header).
    case clean
    /// The end of the last segment holds a record cut short: a crash mid-write. Only ever
    /// entries that were not yet fsync'd, so it is dropped, counted and truncated away.
    case torn(reason: String)
    /// A bad record with more data after it, or anywhere in an earlier segment: bytes that
    /// were once fsync'd have changed. Replay stops there and says where.
    case corrupt(reason: String)
}

/// Walks the records of one segment's bytes, checking each length and checksum, and
/// that each record's entries fill it exactly.
///
/// What counts as torn rather than corrupt is deliberately narrow, because a torn tail is
/// truncated and a misjudged one would throw away fsync'd entries: only in the last
/// segment, only when the first bad record is the last thing in the file (its header or
/// payload cut short by the end of the file, or a bad checksum on a record that ends
/// exactly at the end), or when everything from it on is zeros (the file grew but its
/// pages were never written). A bad record followed by anything else is corruption, even
/// though a power cut in the middle of one large write can in rare cases leave that too;
/// the person deciding what to do is told where.
///
/// ```swift
/// let (end, verdict) = RecordScanner.scan(bytes, isLast: true) { offset, payload in ... }
/// ```
enum RecordScanner {
    /// Calls `body` with each valid record's file offset and payload, in order; returns
    /// the offset just past the last valid record and why the scan stopped there.
    /// `headerSize` and `entries` let the remote-write queue's segments, framed the same way
    /// (`SampleQueueFormat`), be checked by the same rules: their header is shorter and a
    /// payload is one record, not a run of entries.
    static func scan(_ bytes: UnsafeRawBufferPointer, isLast: Bool, headerSize: Int = JournalFormat.headerSize,
                     entries: Bool = true,
                     _ body: (Int, UnsafeRawBufferPointer) throws -> Void) rethrows -> (validEnd: Int, end: ScanEnd) {
        var offset = headerSize
        func tornOrCorrupt(_ reason: String) -> ScanEnd { isLast ? .torn(reason: reason) : .corrupt(reason: reason) }
        func zerosFrom(_ start: Int) -> Bool { start >= bytes.count || bytes[start...].allSatisfy { $0 == 0 } }
        while offset < bytes.count {
            let remaining = bytes.count - offset
            guard remaining >= JournalFormat.recordHeaderSize else {
                return (offset, tornOrCorrupt("a record header cut short (\(remaining) of 8 bytes)"))
            }
            let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            let checksum = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
            let payloadStart = offset + JournalFormat.recordHeaderSize
            let recordEnd = payloadStart + length
            if isLast && zerosFrom(offset) { return (offset, .torn(reason: "zeros where a record should be")) }
            guard length > 0 && length <= JournalFormat.maximumRecordPayload else {
                return (offset, .corrupt(reason: "a record length of \(length) bytes"))
            }
            guard recordEnd <= bytes.count else {
                return (offset, tornOrCorrupt("a record of \(length) bytes cut short by the end of the file"))
            }
            let payload = UnsafeRawBufferPointer(rebasing: bytes[payloadStart..<recordEnd])
            guard CRC32C.checksum(payload) == checksum else {
                if isLast && (recordEnd == bytes.count || zerosFrom(recordEnd)) {
                    return (offset, .torn(reason: "a bad checksum on the last record"))
                }
                return (offset, .corrupt(reason: "a record whose checksum does not match its contents"))
            }
            if entries, let problem = framingProblem(payload) { return (offset, .corrupt(reason: problem)) }
            try body(offset, payload)
            offset = recordEnd
        }
        return (offset, .clean)
    }

    /// Why a payload is not a run of whole `[length][entry]`s, or nil when it is.
    static func framingProblem(_ payload: UnsafeRawBufferPointer) -> String? {
        var at = 0
        while at < payload.count {
            guard payload.count - at >= JournalFormat.entryHeaderSize else {
                return "an entry length cut short inside a record"
            }
            let length = Int(UInt32(littleEndian: payload.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
            guard length > 0, length <= payload.count - at - JournalFormat.entryHeaderSize else {
                return "an entry of \(length) bytes that does not fit its record"
            }
            at += JournalFormat.entryHeaderSize + length
        }
        return nil
    }

    /// Each entry of a valid payload (see `framingProblem`): its offset in the payload and bytes.
    static func forEachEntry(_ payload: UnsafeRawBufferPointer,
                             _ body: (Int, UnsafeRawBufferPointer) throws -> Void) rethrows {
        var at = 0
        while at < payload.count {
            let length = Int(UInt32(littleEndian: payload.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
            let start = at + JournalFormat.entryHeaderSize
            try body(at, UnsafeRawBufferPointer(rebasing: payload[start..<start + length]))
            at = start + length
        }
    }
}
