import Dispatch
import FlowCore
import Synchronization
import Threading

/// The engine's write-ahead journal: every change `EngineHost` makes, in order, in
/// checksummed records in segment files, made durable by group commit. See
/// `JournalFormat` for the bytes and docs/storage.md for the promise.
///
/// `append` runs under the engine's lock for every batch, so it only encodes into a
/// memory buffer (no system call, no allocation once the buffer has grown). A writer
/// thread (`run()`) writes that buffer out and fsyncs at most once per `fsyncInterval`,
/// sooner only for a command a person waits on. A sync waits for the next group commit
/// (`whenDurable`), so a thousand syncs in a second cost one fsync, not a thousand.
///
/// ```swift
/// let (journal, recovery) = try Journal.open(directory: dir)
/// var engine = checkpoint.engine
/// _ = try journal.entries(from: checkpoint.position) { entry, _ in engine.replay(entry) }
/// let host = EngineHost(engine: engine, clock: WallClock(), journal: journal)
/// // in a service: try await journal.run()
/// if let position = host.apply(batch) {
///     journal.whenDurable(position) { result in ack(durable: (try? result.get()) != nil) }
/// }
/// ```
public final class Journal: EngineJournal, Sendable {
    public let directory: String
    let options: JournalOptions
    let state: Mutex<JournalState>
    /// The writer's files, as recovery left them; taken by whoever runs the writer.
    let writerStart: Mutex<WriterStart?>
    /// The segments as recovery found them, and where their entries end, for `entries(from:)`.
    let recovered: [RecoveredSegment]
    let recoveredEnd: UInt64
    /// Rings when the writer may have something to do sooner than it planned.
    let wake = DispatchSemaphore(value: 0)
    /// Rings once when the writer has made its last commit and closed its file.
    let finished = DispatchSemaphore(value: 0)

    init(directory: String, options: JournalOptions, start: WriterStart, recovered: [RecoveredSegment],
         segments: [SegmentInfo]) {
        self.directory = directory
        self.options = options
        self.recovered = recovered
        recoveredEnd = start.position
        writerStart = Mutex(start)
        var initial = JournalState(
            active: BinaryWriter(capacity: 64 << 10), activeStart: start.position, end: start.position,
            durable: start.position, segments: segments)
        initial.refreshStats()
        state = Mutex(initial)
    }

    // MARK: Appending (the engine's lock is held)

    /// Encodes `entry` into the buffer and returns the position just after it. Never
    /// blocks on the disk: while the writer cannot write, entries wait in memory up to
    /// `maximumBufferedBytes`, then are dropped and counted (`StoreError.entriesDropped`).
    public func append(_ entry: JournalEntry) -> JournalPosition {
        var wakeWriter = false
        let position = state.withLock { s -> UInt64 in
            let mark = s.active.count
            s.active.u32(0)
            EntryCodec.encode(entry, into: &s.active, labels: &s.labels)
            let size = s.active.count - mark
            s.active.patchU32(UInt32(truncatingIfNeeded: size - JournalFormat.entryHeaderSize), at: mark)
            s.end += UInt64(size)
            s.stats.appendedEntries += 1
            s.stats.appendedBytes += UInt64(size)
            if s.closed {
                s.active.truncate(to: mark)
                s.activeStart = s.end
                s.stats.droppedEntries += 1
                s.stats.droppedBytes += UInt64(size)
            } else if size - JournalFormat.entryHeaderSize > JournalFormat.maximumRecordPayload {
                dropBuffered(&s, entryBytes: size, cause: "an entry of \(size) bytes, larger than a record may hold")
                wakeWriter = true
            } else if s.writerBytes + s.active.count > options.maximumBufferedBytes {
                let cause = s.problem?.description
                    ?? "more than \(options.maximumBufferedBytes) bytes were waiting to be written"
                dropBuffered(&s, entryBytes: size, cause: cause)
                wakeWriter = true
            } else {
                s.activeEntries += 1
                // The first entry starts the interval's clock; crossing the hand-over size
                // has the writer take the buffer before it grows further.
                wakeWriter = mark == 0 || (mark < options.handOverBytes && s.active.count >= options.handOverBytes)
            }
            return s.end
        }
        if wakeWriter { wake.signal() }
        return JournalPosition(position)
    }

    /// The buffer is full (or the entry can never fit a record): drop everything not yet
    /// written, this entry included, and start a new run after it. The writer drops what
    /// it holds too when it sees the new `lossGeneration`.
    private func dropBuffered(_ s: inout JournalState, entryBytes: Int, cause: String) {
        s.stats.droppedEntries += UInt64(s.activeEntries + 1)
        s.stats.droppedBytes += UInt64(s.active.count)
        s.active.removeAll()
        s.activeEntries = 0
        s.activeStart = s.end
        s.loss = JournalLoss(from: s.loss?.from, to: s.end, cause: cause)
        s.lossGeneration += 1
        s.writerBytes = 0   // the writer drops what it holds when it sees the new generation
    }

    // MARK: Waiting

    /// Calls `callback` once everything up to `position` is on stable storage, from the
    /// writer thread after the group commit that covers it; at once on this thread when it
    /// already is, or when it cannot be (the disk fails, entries were dropped: the error
    /// says why, for a `durable:false` answer). Never blocks.
    ///
    /// ```swift
    /// journal.whenDurable(position) { result in
    ///     channel.eventLoop.execute { sendAck(durable: (try? result.get()) != nil) }
    /// }
    /// ```
    public func whenDurable(_ position: JournalPosition,
                            _ callback: @escaping @Sendable (Result<Void, StoreError>) -> Void) {
        var first = false
        let answer = state.withLock { s -> Result<Void, StoreError>? in
            if position.offset <= s.visibleDurable { return .success(()) }
            if let refusal = s.refusal(position.offset, directory: directory) { return .failure(refusal) }
            s.waiters.append(DurabilityWaiter(position: position.offset, callback: callback))
            first = s.waiters.count == 1
            return nil
        }
        // The writer already plans a commit for the data this waits on; the first waiter
        // wakes it only in case it was about to sleep without one.
        if let answer { callback(answer) } else if first { wake.signal() }
    }

    /// `EngineJournal`'s form of `whenDurable`: nil when durable, else why not (the
    /// `not_durable` detail of a `sync_ack`).
    public func whenDurable(_ position: JournalPosition, _ done: @escaping @Sendable (String?) -> Void) {
        whenDurable(position) { (result: Result<Void, StoreError>) in
            switch result {
            case .success: done(nil)
            case .failure(let error): done(error.description)
            }
        }
    }

    /// Blocks until everything up to `position` is on stable storage; nil then, or why it
    /// cannot be. For commands a person waits on (a silence, an acknowledgement): they are
    /// rare, so the writer commits at once for them instead of at the next interval.
    /// Never call it from a `whenDurable` callback (the writer thread would wait on itself).
    public func waitUntilDurable(_ position: JournalPosition) -> String? {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<StoreError?>(nil)
        let answer = state.withLock { s -> Result<Void, StoreError>? in
            if position.offset <= s.visibleDurable { return .success(()) }
            if let refusal = s.refusal(position.offset, directory: directory) { return .failure(refusal) }
            s.commandWaitsFor = max(s.commandWaitsFor, position.offset)
            s.waiters.append(DurabilityWaiter(position: position.offset) { result in
                if case .failure(let error) = result { outcome.withLock { $0 = error } }
                done.signal()
            })
            return nil
        }
        switch answer {
        case .success: return nil
        case .failure(let error): return error.description
        case nil:
            wake.signal()
            done.wait()
            return outcome.withLock { $0?.description }
        }
    }

    // MARK: Health

    /// Why changes are not becoming durable right now (the disk fails, entries were
    /// dropped), or nil when all is well: for the health check and `/metrics`.
    public var problem: String? {
        state.withLock { s in
            if let loss = s.loss {
                return StoreError.entriesDropped(from: loss.from ?? s.durable, to: loss.to, cause: loss.cause).description
            }
            return s.problem?.description
        }
    }

    public var stats: JournalStats {
        state.withLock { s in
            s.refreshStats()
            return s.stats
        }
    }

    // MARK: After a checkpoint

    /// Call once a checkpoint of the engine at `position` is on stable storage: deletes the
    /// segments that hold only entries before it (never the one being written), then
    /// fsyncs the directory. If entries were dropped before `position`, the checkpoint
    /// holds their effect, so the journal counts as whole (durable) again.
    public func removeSegments(before position: JournalPosition) throws(StoreError) {
        let doomed = state.withLock { s -> [SegmentInfo] in
            s.checkpointed = max(s.checkpointed, position.offset)
            if let loss = s.loss, position.offset >= loss.to { s.loss = nil }
            var doomed: [SegmentInfo] = []
            while s.segments.count > 1, s.segments[1].start <= position.offset {
                doomed.append(s.segments.removeFirst())
            }
            s.refreshStats()
            return doomed
        }
        guard !doomed.isEmpty else { return }
        for segment in doomed { try options.fileSystem.remove(segment.path) }
        try options.fileSystem.syncDirectory(directory)
    }

    // MARK: Without a writer

    /// The position after the last entry recovery found: where appends continue.
    public var recoveredEndPosition: JournalPosition { JournalPosition(recoveredEnd) }

    /// Fsyncs the segment recovery left for appends. What a process that died wrote there
    /// may still be only in the page cache; a writer's first group commit makes it durable
    /// (same file), but a caller that checkpoints with no writer (`flowtop import`) must do
    /// it itself, or a power cut could leave a checkpoint naming a position the journal lacks.
    /// Nothing to do once a writer has taken the segment.
    public func syncRecoveredTail() throws(StoreError) {
        guard let segment = writerStart.withLock({ $0?.segment }) else { return }
        try options.fileSystem.sync(segment)
    }

    // MARK: Running

    /// Runs the writer on a thread of its own until the task is cancelled, then makes a
    /// last group commit and closes the file. For the app's service group.
    public func run() async throws {
        try await withTaskCancellationHandler {
            try await runOnThread { self.runWriter() }
        } onCancel: {
            self.requestStop()
        }
    }

    /// Makes a last group commit, closes the file and returns; waiters still waiting get
    /// `StoreError.closed`. Runs that commit here if no writer was started.
    public func close() {
        requestStop()
        if let start = writerStart.withLock({ $0.take() }) {
            runWriter(start)
        } else {
            finished.wait()
            finished.signal()   // for the next caller of close()
        }
    }

    private func requestStop() {
        state.withLock { $0.stopRequested = true }
        wake.signal()
    }

    /// The writer loop, on the calling thread; returns at once if another already ran it.
    func runWriter() {
        guard let start = writerStart.withLock({ $0.take() }) else { return }
        runWriter(start)
    }

    private func runWriter(_ start: WriterStart) {
        var writer = JournalWriter(journal: self, start: start)
        writer.run()
        finished.signal()
    }
}
