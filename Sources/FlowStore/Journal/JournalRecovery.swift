import FlowCore

/// Where replay had to stop: bytes that were fsync'd once and no longer check out (or a
/// segment missing between two others). Whether to refuse to start or to go on with the
/// entries before it is the caller's decision; this says where to look.
public struct JournalCorruption: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// Byte offset in the file of the first bad record.
    public var offset: Int
    /// The journal position where the good entries end.
    public var position: JournalPosition
    public var reason: String

    public var description: String {
        "\(path), byte \(offset) (journal position \(position)): \(reason)"
    }
}

/// What `Journal.open` found: how much is there, and what it repaired.
public struct JournalRecovery: Sendable, Equatable {
    public var segments = 0
    /// Where the oldest segment starts: replay cannot begin before it.
    public var first = JournalPosition.zero
    /// Where appends continue.
    public var end = JournalPosition.zero
    /// A record cut short at the end of the last segment (a crash mid-write), dropped and
    /// truncated away: only ever entries that were not yet durable.
    public var tornRecords = 0
    public var tornBytes = 0
    public var tornReason: String?
    /// A bad record inside the last segment (not a torn tail): left as it is, and appends
    /// go to a new segment after it. `entries(from:)` reports it again if replay reaches it.
    public var corruption: JournalCorruption?
}

/// What one replay read.
public struct RecoveryStats: Sendable, Equatable {
    public var entries = 0
    public var records = 0
    public var segments = 0
    /// Segment bytes read.
    public var bytes = 0
    /// The position after the last entry replayed (where replay started, if none).
    public var end = JournalPosition.zero
    /// Set when replay stopped early: entries after `corruption.position` were not read.
    public var corruption: JournalCorruption?
}

/// A segment as `open` found it, for replay.
struct RecoveredSegment: Sendable {
    var start: UInt64
    var path: String
    /// Bytes replay may read: what was there at open (the writer appends after it).
    var size: Int
}

extension Journal {
    /// Opens the journal in `directory` (which the caller created): checks every segment's
    /// header, drops a torn tail from the last one, and gets ready to append after it; an
    /// empty directory gets its first segment. Replay with `entries(from:)`, then start
    /// the writer (`run()`).
    ///
    /// Throws for files it must not touch: a `.wal` that is not a journal segment, one from
    /// a newer format, one renamed. Corruption is not thrown but reported, in the returned
    /// `JournalRecovery` and by `entries(from:)`.
    ///
    /// ```swift
    /// let (journal, recovery) = try Journal.open(directory: "/var/lib/flowtop/journal")
    /// if recovery.tornRecords > 0 { log.notice("dropped a torn record (\(recovery.tornBytes) bytes)") }
    /// ```
    public static func open(directory: String, options: JournalOptions = JournalOptions())
        throws(StoreError) -> (Journal, JournalRecovery)
    {
        let fs = options.fileSystem
        var found: [(start: UInt64, path: String)] = []
        for name in try fs.list(directory) {
            let path = directory + "/" + name
            if let start = JournalFormat.segmentStart(name: name) {
                found.append((start, path))
            } else if name.hasSuffix(JournalFormat.segmentSuffix + ".tmp"),
                      JournalFormat.segmentStart(name: String(name.dropLast(4))) != nil {
                try fs.remove(path)   // a segment whose creation a crash interrupted
            }
        }
        found.sort { $0.start < $1.start }

        var recovery = JournalRecovery()
        var segments: [SegmentInfo] = []
        for segment in found.dropLast() {
            let header = try fs.read(segment.path, limit: JournalFormat.headerSize)
            try checkHeader(header, segment.path, segment.start)
            segments.append(SegmentInfo(start: segment.start, path: segment.path, size: try fs.size(segment.path)))
        }

        let start: WriterStart
        if let last = found.last {
            let (writerStart, size) = try recoverLast(last, fs: fs, directory: directory, recovery: &recovery)
            segments.append(SegmentInfo(start: last.start, path: last.path, size: size))
            if writerStart.segmentStart != last.start {   // a new segment after a corrupt one, or an old format
                segments.append(SegmentInfo(start: writerStart.segmentStart, path: writerStart.segment.path,
                                            size: writerStart.segmentSize))
            }
            start = writerStart
        } else {
            let path = directory + "/" + JournalFormat.segmentName(start: 0)
            let handle = try fs.create(path, directory: directory, header: JournalFormat.header(start: 0))
            start = WriterStart(segment: handle, segmentStart: 0, segmentSize: JournalFormat.headerSize, position: 0)
            segments.append(SegmentInfo(start: 0, path: path, size: JournalFormat.headerSize))
        }
        recovery.segments = segments.count
        recovery.first = JournalPosition(segments.first?.start ?? 0)
        recovery.end = JournalPosition(start.position)
        let recovered = segments.map { RecoveredSegment(start: $0.start, path: $0.path, size: $0.size) }
        let journal = Journal(directory: directory, options: options, start: start, recovered: recovered, segments: segments)
        return (journal, recovery)
    }

    /// Returns the segment's format version.
    @discardableResult
    private static func checkHeader(_ bytes: [UInt8], _ path: String, _ nameStart: UInt64) throws(StoreError) -> UInt32 {
        let header = try bytes.withUnsafeBytes { raw in
            Result { () throws(StoreError) in try JournalFormat.checkHeader(raw, path: path) }
        }.get()
        guard header.start == nameStart else { throw .misnamedSegment(path: path, headerStart: header.start) }
        return header.version
    }

    /// Scans the last segment whole: a torn tail is truncated and appends continue there;
    /// after corruption they continue in a new segment, so the bad bytes stay for a person
    /// to look at and for replay to report. A segment of an older format is closed as it
    /// is and appends continue in a new one of this format (which replaces it when it holds
    /// no entry), so no segment mixes formats. Returns the writer's start and the segment's size.
    private static func recoverLast(_ last: (start: UInt64, path: String), fs: any SegmentFileSystem,
                                    directory: String, recovery: inout JournalRecovery)
        throws(StoreError) -> (WriterStart, Int)
    {
        let bytes = try fs.read(last.path, limit: .max)
        let version = try checkHeader(bytes, last.path, last.start)
        var entryBytes = 0
        let (validEnd, end) = bytes.withUnsafeBytes { raw in
            RecordScanner.scan(raw, isLast: true) { _, payload in entryBytes += payload.count }
        }
        let position = last.start + UInt64(entryBytes)
        switch end {
        case .clean, .torn:
            let handle = try fs.openForAppend(last.path)
            if case .torn(let reason) = end {
                recovery.tornRecords = 1
                recovery.tornBytes = bytes.count - validEnd
                recovery.tornReason = reason
                do throws(StoreError) {
                    try fs.truncate(handle, to: validEnd)
                    try fs.sync(handle)
                } catch {
                    fs.close(handle)
                    throw error
                }
            }
            guard version == JournalFormat.version else {
                fs.close(handle)
                let path = directory + "/" + JournalFormat.segmentName(start: position)
                let next = try fs.create(path, directory: directory, header: JournalFormat.header(start: position))
                let start = WriterStart(segment: next, segmentStart: position, segmentSize: JournalFormat.headerSize,
                                        position: position)
                return (start, position == last.start ? JournalFormat.headerSize : validEnd)
            }
            return (WriterStart(segment: handle, segmentStart: last.start, segmentSize: validEnd, position: position),
                    validEnd)
        case .corrupt(let reason):
            recovery.corruption = JournalCorruption(path: last.path, offset: validEnd,
                                                    position: JournalPosition(position), reason: reason)
            // Past any position the segment's bytes could hold, so no entry is named twice.
            let next = last.start + UInt64(bytes.count - JournalFormat.headerSize)
            let path = directory + "/" + JournalFormat.segmentName(start: next)
            let handle = try fs.create(path, directory: directory, header: JournalFormat.header(start: next))
            return (WriterStart(segment: handle, segmentStart: next, segmentSize: JournalFormat.headerSize,
                                position: next), bytes.count)
        }
    }

    /// Calls `body` with every entry from `start` (a checkpoint's position) to the end of
    /// what `open` found, in order, with the position after each. Call it before the first
    /// append. Stops early at corruption or a missing segment and says where in the
    /// returned stats; throws when `start` is not in the journal at all, or what `body` throws.
    ///
    /// ```swift
    /// let stats = try journal.entries(from: checkpoint.position) { entry, _ in engine.replay(entry) }
    /// if let corruption = stats.corruption { throw StartupError.journalCorrupt(corruption) }
    /// ```
    public func entries(from start: JournalPosition,
                        _ body: (JournalEntry, JournalPosition) throws -> Void) throws -> RecoveryStats {
        let fs = options.fileSystem
        let first = recovered.first?.start ?? 0
        let startSegment = recovered.lastIndex { $0.start <= start.offset }
        guard let startSegment, start.offset <= recoveredEnd else {
            throw StoreError.positionNotInJournal(directory: directory, position: start.offset, first: first,
                                                  end: recoveredEnd)
        }
        var stats = RecoveryStats()
        stats.end = start
        var expected: UInt64?
        for segment in recovered[startSegment...] {
            if let expected, segment.start != expected {
                stats.corruption = JournalCorruption(
                    path: segment.path, offset: 0, position: JournalPosition(expected),
                    reason: "the segment before ends at position \(expected) but this one starts at \(segment.start): "
                        + "the entries between are missing")
                return stats
            }
            let bytes = try fs.read(segment.path, limit: segment.size)
            try Self.checkHeader(bytes, segment.path, segment.start)
            stats.segments += 1
            stats.bytes += bytes.count
            var position = segment.start
            var stop: JournalCorruption?
            let (validEnd, scanEnd) = try bytes.withUnsafeBytes { raw in
                try RecordScanner.scan(raw, isLast: false) { recordOffset, payload in
                    guard stop == nil else { return }
                    stats.records += 1
                    try RecordScanner.forEachEntry(payload) { entryOffset, entryBytes in
                        guard stop == nil else { return }
                        let entryStart = position
                        position += UInt64(JournalFormat.entryHeaderSize + entryBytes.count)
                        if position <= start.offset { return }
                        let fileOffset = recordOffset + JournalFormat.recordHeaderSize + entryOffset
                        guard entryStart >= start.offset else {
                            stop = JournalCorruption(
                                path: segment.path, offset: fileOffset, position: JournalPosition(entryStart),
                                reason: "position \(start) falls inside the entry at \(entryStart)")
                            return
                        }
                        do {
                            let entry = try EntryCodec.decode(entryBytes)
                            try body(entry, JournalPosition(position))
                            stats.entries += 1
                            stats.end = JournalPosition(position)
                        } catch let error as DecodeError {
                            stop = JournalCorruption(
                                path: segment.path, offset: fileOffset + JournalFormat.entryHeaderSize + error.offset,
                                position: JournalPosition(entryStart), reason: "an entry that does not decode: \(error.reason)")
                        }
                    }
                }
            }
            if let stop {
                stats.corruption = stop
                return stats
            }
            if case .corrupt(let reason) = scanEnd {
                stats.corruption = JournalCorruption(path: segment.path, offset: validEnd,
                                                     position: JournalPosition(position), reason: reason)
                return stats
            }
            expected = position
        }
        return stats
    }
}
