import FlowCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A data directory's engine: the checkpoint and journal that rebuild it at start-up, the
/// journal that takes its changes while it runs, and the checkpoints that keep the journal
/// short. docs/storage.md has the promise and why it is built this way.
///
/// ```swift
/// let directory = try DataDirectory.open(path)
/// let (store, engine, report) = try EngineStore.open(directory, configuration: configuration)
/// let host = EngineHost(engine: engine, clock: clock, journal: store.journal)
/// // a service: try await store.journal.run(); every 5 minutes: try store.checkpoint(host)
/// ```
public final class EngineStore: Sendable {
    public let directory: DataDirectory
    public let journal: Journal
    let checkpoints: CheckpointFiles
    private let last: Mutex<CheckpointRecord?>
    /// Why the latest checkpoint failed; nil once one works again.
    private let checkpointFailure = Mutex<String?>(nil)

    /// The newest checkpoint written or loaded, for `store info`, health and `/metrics`.
    public struct CheckpointRecord: Sendable, Equatable {
        public var position: JournalPosition
        public var bytes: Int64
        /// Wall-clock milliseconds when it was written (from its file's time when loaded).
        public var writtenAt: EpochMillis
        /// How long encoding and writing took (nil for one loaded at start-up).
        public var took: Duration?
    }

    /// What start-up found and did, for the log and `store info`.
    public struct RecoveryReport: Sendable {
        /// The checkpoint the engine came from; nil: none (an empty directory).
        public var checkpoint: CheckpointRecord?
        /// Checkpoints set aside (renamed `*.corrupt`), each with why.
        public var setAside: [String] = []
        /// The checkpoint was of another configuration (an SLO file changed): what was kept.
        public var reconfigured = false
        public var journal: JournalRecovery
        public var replayed: RecoveryStats?
        public var took: Duration = .zero
    }

    private init(directory: DataDirectory, journal: Journal, checkpoints: CheckpointFiles, last: CheckpointRecord?) {
        self.directory = directory
        self.journal = journal
        self.checkpoints = checkpoints
        self.last = Mutex(last)
    }

    /// Rebuilds the engine kept in `directory`: the newest checkpoint that reads (or an
    /// empty engine), then every journal entry after it. The journal's writer is not
    /// started: run `journal.run()` in a service.
    public static func open(_ directory: DataDirectory, configuration: EngineConfiguration,
                            options: JournalOptions = JournalOptions()) throws(StoreError)
        -> (EngineStore, Engine, RecoveryReport)
    {
        let started = ContinuousClock.now
        let (journal, journalRecovery) = try Journal.open(directory: directory.journalPath, options: options)
        let checkpoints = CheckpointFiles(directory: directory.checkpointPath)
        let loaded = checkpoints.loadNewest { body, layout in try FlowStore.decodeEngine(body, layout: layout) }
        var report = RecoveryReport(journal: journalRecovery)
        report.setAside = loaded?.setAside ?? []
        var engine: Engine
        var from = JournalPosition(journalRecovery.first.offset)
        if let loaded {
            engine = loaded.value
            from = loaded.entry.position
            report.checkpoint = CheckpointRecord(position: loaded.entry.position, bytes: loaded.entry.bytes,
                                                 writtenAt: modificationTime(loaded.entry.path), took: nil)
        } else {
            engine = Engine(configuration: configuration)
        }
        do {
            report.replayed = try journal.entries(from: from) { entry, _ in engine.replay(entry) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.io(path: directory.journalPath, operation: "replay \(error)", errno: 0)
        }
        if engine.configuration != configuration {
            engine = engine.reconfigured(to: configuration)
            report.reconfigured = true
        }
        engine.takeLabels(from: configuration)
        report.took = ContinuousClock.now - started
        let store = EngineStore(directory: directory, journal: journal, checkpoints: checkpoints, last: report.checkpoint)
        return (store, engine, report)
    }

    /// Writes a checkpoint of `host`'s engine and drops the journal segments it makes
    /// unnecessary. The engine is copied under its lock (copy on write: O(1)); encoding and
    /// writing happen here, without the lock, so ingest goes on meanwhile.
    @discardableResult
    public func checkpoint(_ host: EngineHost, now: EpochMillis) throws -> CheckpointRecord {
        try recordingFailure { try writeCheckpoint(host, now: now) }
    }

    /// Writes a checkpoint of `engine`: the engine `open` returned, changed directly and never
    /// through the journal (`flowtop import` replays a file into it). It holds every entry
    /// the journal had at `open`, so the checkpoint is at the journal's end as opened: the
    /// next start replays only what comes after, and entries already there are neither
    /// lost nor applied twice. Nothing may have been appended since `open` (it would be in
    /// the journal but not in `engine`), so the writer must not have run.
    ///
    /// Until it returns the directory is as it was: the checkpoint appears by one rename.
    @discardableResult
    public func checkpoint(unjournaled engine: Engine, now: EpochMillis) throws -> CheckpointRecord {
        let started = ContinuousClock.now
        let position = journal.recoveredEndPosition
        guard journal.stats.endPosition == position else {
            throw StoreError.io(path: directory.journalPath, operation: "checkpoint of an engine changed beside the journal "
                                + "(the journal moved from \(position) to \(journal.stats.endPosition))", errno: 0)
        }
        try journal.syncRecoveredTail()
        return try recordingFailure { try write(engine, at: position, now: now, started: started) }
    }

    private func recordingFailure(_ body: () throws -> CheckpointRecord) throws -> CheckpointRecord {
        do {
            let record = try body()
            checkpointFailure.withLock { $0 = nil }
            return record
        } catch {
            checkpointFailure.withLock { $0 = "\(error)" }
            throw error
        }
    }

    private func writeCheckpoint(_ host: EngineHost, now: EpochMillis) throws -> CheckpointRecord {
        let started = ContinuousClock.now
        let (engine, position) = host.checkpointState()
        guard let position else { throw StoreError.closed(directory: directory.path) }
        // A checkpoint past the journal's durable end would, after a crash, name a position
        // the journal never reached. Entries the journal dropped (a hole) are the one case
        // to go on: the checkpoint holds their effect and heals it.
        if let reason = journal.waitUntilDurable(position), journal.stats.droppedEntries == 0 {
            throw StoreError.journalNotDurable(directory: directory.path, reason: reason)
        }
        return try write(engine, at: position, now: now, started: started)
    }

    /// Encodes and writes `engine` as the checkpoint at `position`, then drops the journal
    /// segments wholly before the older checkpoint kept.
    private func write(_ engine: Engine, at position: JournalPosition, now: EpochMillis,
                       started: ContinuousClock.Instant) throws -> CheckpointRecord {
        let bytes = try StateEncoder.encode(engine)
        try checkpoints.write(bytes, position: position)
        // The older checkpoint kept is the fallback; the journal must reach back to it.
        let kept = checkpoints.list()
        if let oldest = kept.first { try journal.removeSegments(before: oldest.position) }
        let record = CheckpointRecord(position: position, bytes: Int64(bytes.count + CheckpointFiles.headerSize),
                                      writtenAt: now, took: ContinuousClock.now - started)
        last.withLock { $0 = record }
        return record
    }

    /// How the store is doing now (`StoreStatus`), for health, `/metrics` and `store info`.
    public func status(checkpointIntervalMillis: EpochMillis) -> StoreStatus {
        let stats = journal.stats
        var status = StoreStatus(path: directory.path, problem: journal.problem)
        let files = checkpoints.list()
        status.bytesOnDisk = Int64(stats.bytesOnDisk) + files.reduce(0) { $0 + $1.bytes }
        status.journalSegments = stats.segmentCount
        let record = lastCheckpoint
        status.journalBytesSinceCheckpoint = Int64(stats.endPosition.offset) - Int64(record?.position.offset ?? 0)
        status.lastCheckpointAt = record?.writtenAt
        status.lastCheckpointBytes = record?.bytes
        status.checkpointProblem = checkpointFailure.withLock { $0 }
        status.checkpointIntervalMillis = checkpointIntervalMillis
        status.fsyncs = stats.fsyncs
        status.lastFsyncSeconds = stats.lastFsyncLatency.map(Self.seconds)
        status.maxFsyncSeconds = Self.seconds(stats.maximumFsyncLatency)
        status.droppedEntries = stats.droppedEntries
        return status
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// The newest checkpoint, written or loaded.
    public var lastCheckpoint: CheckpointRecord? { last.withLock { $0 } }

    /// Bytes the data directory holds: journal segments and checkpoints.
    public var bytesOnDisk: Int64 {
        Int64(journal.stats.bytesOnDisk) + checkpoints.list().reduce(0) { $0 + $1.bytes }
    }

    /// The checkpoints on disk, oldest first.
    public var checkpointFiles: [(position: JournalPosition, bytes: Int64)] {
        checkpoints.list().map { ($0.position, $0.bytes) }
    }

    private static func modificationTime(_ path: String) -> EpochMillis {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return EpochMillis(info.st_mtim.tv_sec) * 1000 + EpochMillis(info.st_mtim.tv_nsec / 1_000_000)
    }
}
