import Dispatch
import FlowCore

/// The files the writer starts with, as recovery left them: the segment to append to
/// (already open) and where its valid bytes end.
struct WriterStart: Sendable {
    var segment: SegmentHandle
    var segmentStart: UInt64
    var segmentSize: Int
    /// The position after the last entry on disk: where appends continue.
    var position: UInt64
}

/// The group commit, on the writer thread: take what appenders buffered, frame it into
/// records, write, fdatasync, then tell the waiters. The only code that touches segment
/// files after recovery, so none of its state needs a lock.
///
/// When: at most once per `fsyncInterval` while there is anything to write or anyone
/// waiting (so a flood of syncs shares one fsync, and unsynced data is never older than
/// the interval); at once for a command (`waitUntilDurable`) or a loss to report.
/// Between commits it also takes the appenders' buffer whenever that reaches
/// `handOverBytes`, so they keep encoding into a small buffer; the bytes wait in
/// `pending` for the commit. Once a quarter of `maximumBufferedBytes` waits, it commits
/// before the interval ends, so a flood of events is written sooner instead of dropped.
///
/// Failures (ENOSPC, EIO): the bytes stay in `pending` and the file is cut back to its
/// last fsync'd size before the next try, one interval later: a failed fsync may have
/// thrown away dirty pages, so what was written since is rewritten, never trusted.
struct JournalWriter: ~Copyable {
    let journal: Journal
    let fileSystem: any SegmentFileSystem
    let clock = ContinuousClock()

    var segment: SegmentHandle
    var segmentStart: UInt64
    /// Bytes in the segment file as far as we wrote, and as far as fdatasync covered.
    var segmentSize: Int
    var segmentDurableSize: Int
    /// Entries up to here are on stable storage; `pending` holds the ones after it.
    var durable: UInt64
    var pending = BinaryWriter(capacity: 64 << 10)
    /// What the appenders filled, swapped out of the shared state each commit.
    var taken = BinaryWriter(capacity: 64 << 10)
    /// Records as they go to the file.
    var out = BinaryWriter(capacity: 1 << 20)
    /// The file may hold bytes past `segmentDurableSize` from a failed write.
    var needsRepair = false
    /// Entries were dropped: the next ones go to a new segment starting here.
    var restartAt: UInt64?
    var seenLossGeneration: UInt64 = 0
    var lastCommit: ContinuousClock.Instant?

    // Per commit, for the publish step.
    var fsyncLatencies: [Duration] = []
    var createdSegments: [SegmentInfo] = []
    /// Segments left behind this commit, with their final sizes.
    var closedSegments: [(start: UInt64, size: Int)] = []
    var bytesMadeDurable = 0

    init(journal: Journal, start: WriterStart) {
        self.journal = journal
        fileSystem = journal.options.fileSystem
        segment = start.segment
        segmentStart = start.segmentStart
        segmentSize = start.segmentSize
        segmentDurableSize = start.segmentSize
        durable = start.position
    }

    enum Step { case commit(forCommand: Bool), handOver, sleep(until: ContinuousClock.Instant?), stop }

    mutating func run() {
        while true {
            switch nextStep() {
            case .stop:
                commit(forCommand: false)
                finish()
                return
            case .commit(let forCommand):
                commit(forCommand: forCommand)
            case .handOver:
                // A loss seen while taking is reported now, not at the interval's end.
                if take(handOver: true) { commit(forCommand: false) }
            case .sleep(let deadline):
                let wait = deadline.map { clock.now.duration(to: $0) } ?? journal.options.fsyncInterval
                let (seconds, attoseconds) = max(wait, .zero).components
                let nanoseconds = Int(clamping: seconds) &* 1_000_000_000 &+ Int(attoseconds / 1_000_000_000)
                _ = journal.wake.wait(timeout: .now() + .nanoseconds(nanoseconds))
            }
        }
    }

    private func nextStep() -> Step {
        let now = clock.now
        let due = lastCommit.map { $0 + journal.options.fsyncInterval } ?? now
        let holding = !pending.isEmpty
        let durable = durable
        let seen = seenLossGeneration
        return journal.state.withLock { s -> Step in
            if s.stopRequested { return .stop }
            if s.lossGeneration != seen { return .commit(forCommand: false) }
            if s.commandWaitsFor > durable && s.problem == nil { return .commit(forCommand: true) }
            guard holding || !s.active.isEmpty || !s.waiters.isEmpty else { return .sleep(until: nil) }
            if now >= due { return .commit(forCommand: false) }
            // A flood: commit before the interval ends rather than let the buffer fill and
            // drop entries (at 3M events a second, a second of entries is 120 MB). Not
            // while the disk fails: that retries once per interval.
            if s.problem == nil && s.writerBytes + s.active.count >= journal.options.earlyCommitBytes {
                return .commit(forCommand: false)
            }
            return s.active.count >= journal.options.handOverBytes ? .handOver : .sleep(until: due)
        }
    }

    // MARK: One group commit

    mutating func commit(forCommand: Bool) {
        let started = clock.now
        take()
        let attempted = !pending.isEmpty || needsRepair || restartAt != nil
        var failure: StoreError?
        if attempted {
            lastCommit = started
            var madeDurable = 0
            do { try writePending(madeDurable: &madeDurable) } catch { failure = error }
            if failure != nil { needsRepair = true }
            pending.removeFirst(madeDurable)
            durable += UInt64(madeDurable)
            bytesMadeDurable = madeDurable
        }
        publish(failure: failure, attempted: attempted, forCommand: forCommand)
    }

    /// Moves the appenders' buffer into `pending` (a swap when pending is empty and smaller).
    /// After a loss, what we held is dropped too, and writing restarts after the loss.
    /// True when it saw a loss.
    @discardableResult
    private mutating func take(handOver: Bool = false) -> Bool {
        let durable = durable
        let (takenStart, lossSeen) = journal.state.withLock { s -> (UInt64, Bool) in
            if handOver { s.stats.handOvers += 1 }
            swap(&s.active, &taken)
            let takenStart = s.activeStart
            s.activeStart = s.end
            s.activeEntries = 0
            s.writerBytes += taken.count
            let lossSeen = s.lossGeneration != seenLossGeneration
            if lossSeen {
                seenLossGeneration = s.lossGeneration
                if s.loss != nil && s.loss?.from == nil { s.loss?.from = durable }
                s.stats.droppedEntries += UInt64(Self.entryCount(pending))
                s.stats.droppedBytes += UInt64(pending.count)
                s.writerBytes -= pending.count
            }
            return (takenStart, lossSeen)
        }
        if lossSeen {
            pending.removeAll()
            restartAt = takenStart
            self.durable = takenStart
        }
        // The larger buffer stays `pending`: swapped in while it was the smaller one, an
        // interval's bytes made it grow again from the hand-over size each commit, page
        // faults and copies that cost the writer thread more than one copy of the bytes.
        if pending.isEmpty && taken.capacity > pending.capacity {
            swap(&pending, &taken)
        } else {
            taken.withBytes { pending.bytes($0) }
        }
        taken.removeAll()
        return lossSeen
    }

    /// Frames `pending` into records and writes them, changing segment where one fills
    /// up; `madeDurable` counts the bytes of `pending` that reached stable storage, even
    /// when a later step throws.
    private mutating func writePending(madeDurable: inout Int) throws(StoreError) {
        if needsRepair {
            if segmentSize != segmentDurableSize { try fileSystem.truncate(segment, to: segmentDurableSize) }
            segmentSize = segmentDurableSize
            needsRepair = false
        }
        if let restart = restartAt {
            try startSegment(at: restart)
            restartAt = nil
        }
        guard !pending.isEmpty else { return }
        out.removeAll()
        var offset = 0
        while offset < pending.count {
            let end = recordEnd(from: offset)
            let payload = end - offset
            let unwritten = segmentSize + out.count
            if unwritten + JournalFormat.recordHeaderSize + payload > journal.options.segmentSize
                && unwritten > JournalFormat.headerSize {
                try flushOut()
                try syncSegment()
                madeDurable = offset
                try startSegment(at: durable + UInt64(offset))
            }
            out.u32(UInt32(payload))
            pending.withBytes(from: offset, count: payload) { bytes in
                out.u32(CRC32C.checksum(bytes))
                out.bytes(bytes)
            }
            offset = end
            if out.count >= 1 << 20 { try flushOut() }
        }
        try flushOut()
        try syncSegment()
        madeDurable = pending.count
    }

    /// Where a record starting at `offset` of `pending` ends: whole entries, until the
    /// record holds `targetRecordPayload` bytes (an eighth of a segment, if that is less:
    /// a segment should hold many records) or the next entry would pass the maximum.
    private func recordEnd(from offset: Int) -> Int {
        let target = min(JournalFormat.targetRecordPayload, max(journal.options.segmentSize / 8, 256))
        var end = offset
        repeat {
            end += JournalFormat.entryHeaderSize + Int(pending.u32(at: end))
        } while end < pending.count && end - offset < target
            && end - offset + JournalFormat.entryHeaderSize + Int(pending.u32(at: end)) <= JournalFormat.maximumRecordPayload
        return end
    }

    private mutating func flushOut() throws(StoreError) {
        guard !out.isEmpty else { return }
        try out.withBytes { bytes throws(StoreError) in try fileSystem.write(segment, bytes, at: segmentSize) }
        segmentSize += out.count
        out.removeAll()
    }

    private mutating func syncSegment() throws(StoreError) {
        let started = clock.now
        try fileSystem.sync(segment)
        fsyncLatencies.append(started.duration(to: clock.now))
        segmentDurableSize = segmentSize
    }

    /// A new segment whose first entry will be at `start`; the current one must be durable
    /// up to its end (or cut back to where it is).
    private mutating func startSegment(at start: UInt64) throws(StoreError) {
        if segmentSize != segmentDurableSize {
            try fileSystem.truncate(segment, to: segmentDurableSize)
            segmentSize = segmentDurableSize
        }
        let path = journal.directory + "/" + JournalFormat.segmentName(start: start)
        let handle = try fileSystem.create(path, directory: journal.directory, header: JournalFormat.header(start: start))
        closedSegments.append((segmentStart, segmentSize))
        fileSystem.close(segment)
        segment = handle
        segmentStart = start
        segmentSize = JournalFormat.headerSize
        segmentDurableSize = JournalFormat.headerSize
        createdSegments.append(SegmentInfo(start: start, path: path, size: segmentSize))
    }

    // MARK: Telling everyone

    /// Publishes what this commit achieved and answers the waiters it settles.
    private mutating func publish(failure: StoreError?, attempted: Bool, forCommand: Bool) {
        let durable = durable
        let holding = pending.count
        let size = segmentSize
        let start = segmentStart
        let directory = journal.directory
        let (ready, refused) = journal.state.withLock { s -> ([DurabilityWaiter], [(DurabilityWaiter, StoreError)]) in
            s.durable = durable
            s.writerBytes = holding
            for latency in fsyncLatencies { s.stats.recordFsync(latency) }
            s.stats.writtenBytes += UInt64(bytesMadeDurable)
            if forCommand { s.stats.commandCommits += 1 }
            s.segments += createdSegments
            for closed in closedSegments {
                if let i = s.segments.lastIndex(where: { $0.start == closed.start }) { s.segments[i].size = closed.size }
            }
            if let last = s.segments.indices.last, s.segments[last].start == start { s.segments[last].size = size }
            if let failure {
                s.problem = failure
                s.stats.lastError = failure.description
                s.loss?.cause = failure.description
            } else if attempted {
                s.problem = nil
            }
            let visible = s.visibleDurable
            if s.commandWaitsFor <= visible || failure != nil { s.commandWaitsFor = 0 }
            var ready: [DurabilityWaiter] = []
            var refused: [(DurabilityWaiter, StoreError)] = []
            var waiting: [DurabilityWaiter] = []
            for waiter in s.waiters {
                if waiter.position <= visible {
                    ready.append(waiter)
                } else if let reason = s.refusal(waiter.position, directory: directory) {
                    refused.append((waiter, reason))
                } else {
                    waiting.append(waiter)
                }
            }
            s.waiters = waiting
            s.refreshStats()
            return (ready, refused)
        }
        fsyncLatencies.removeAll(keepingCapacity: true)
        createdSegments.removeAll(keepingCapacity: true)
        closedSegments.removeAll(keepingCapacity: true)
        bytesMadeDurable = 0
        for waiter in ready { waiter.callback(.success(())) }
        for (waiter, reason) in refused { waiter.callback(.failure(reason)) }
    }

    /// After the last commit: nothing more will become durable, so every waiter left gets
    /// its answer, and what could not be written is counted as dropped.
    private mutating func finish() {
        fileSystem.close(segment)
        let holding = pending.count
        let entries = Self.entryCount(pending)
        let directory = journal.directory
        let left = journal.state.withLock { s -> [(DurabilityWaiter, StoreError)] in
            s.closed = true
            s.stats.droppedEntries += UInt64(entries + s.activeEntries)
            s.stats.droppedBytes += UInt64(holding + s.active.count)
            s.active.removeAll()
            s.activeEntries = 0
            s.writerBytes = 0
            let left = s.waiters.map { ($0, s.refusal($0.position, directory: directory) ?? .closed(directory: directory)) }
            s.waiters = []
            s.refreshStats()
            return left
        }
        pending.removeAll()
        for (waiter, reason) in left { waiter.callback(.failure(reason)) }
    }

    /// How many entries `bytes` holds (a walk over their length prefixes).
    static func entryCount(_ bytes: borrowing BinaryWriter) -> Int {
        var n = 0
        var offset = 0
        while offset + JournalFormat.entryHeaderSize <= bytes.count {
            offset += JournalFormat.entryHeaderSize + Int(bytes.u32(at: offset))
            n += 1
        }
        return n
    }
}
