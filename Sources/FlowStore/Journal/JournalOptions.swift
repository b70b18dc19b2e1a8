import FlowCore

/// How a journal writes: the knobs `--fsync-interval` and the tests turn.
///
/// ```swift
/// var options = JournalOptions()
/// options.fsyncInterval = .milliseconds(200)
/// let (journal, _) = try Journal.open(directory: "/var/lib/flowtop/journal", options: options)
/// ```
public struct JournalOptions: Sendable {
    /// Group commit: at most one fsync per interval from ingest traffic, so events not yet
    /// synced are at most this old when a crash loses them. 1 s by default.
    public var fsyncInterval: Duration = .seconds(1)
    /// A segment is closed and a new one started once it reaches this size (64 MiB): a
    /// checkpoint frees disk by deleting whole segments before it.
    public var segmentSize = 64 << 20
    /// How much the journal keeps in memory while it cannot write (a full or failing disk)
    /// before it drops entries rather than block ingest or grow without end (128 MiB:
    /// a few seconds at a million events a second, minutes at ordinary rates).
    public var maximumBufferedBytes = 128 << 20
    /// Bytes waiting (taken and not yet fsync'd, or still with the appenders) at which the
    /// writer commits before the interval ends: a quarter of `maximumBufferedBytes`
    /// (32 MiB). Without it, over 120 MB a second of entries (3M events a second) filled
    /// the buffer within one interval and entries were dropped.
    var earlyCommitBytes: Int { maximumBufferedBytes / 4 }
    /// The appenders' buffer goes to the writer thread once it holds this much (1 MiB),
    /// between group commits too: the engine's thread then encodes into a small buffer
    /// that stays in its cache, where one growing to a whole interval's entries (over
    /// 100 MB a second at 3 million events) cost it page faults, copies as it doubled and
    /// cache misses, about a seventh of its time with the store on. What is handed over
    /// still becomes durable only at the next group commit.
    public var handOverBytes = 1 << 20
    /// The system calls: the real ones, or a test's that fail on demand.
    var fileSystem: any SegmentFileSystem = POSIXFileSystem()

    public init() {}
}

/// What the journal has done, for `/metrics`, the health check and the tests.
///
/// ```swift
/// journal.stats.fsyncs          // group commits so far
/// journal.stats.lastError       // "write /data/...wal failed: No space left on device (ENOSPC)..."
/// ```
public struct JournalStats: Sendable, Equatable {
    /// Entries taken by `append`, and their encoded bytes.
    public var appendedEntries: UInt64 = 0
    public var appendedBytes: UInt64 = 0
    /// Entry bytes written and fsync'd.
    public var writtenBytes: UInt64 = 0
    /// Entries (and bytes) dropped because the buffer was full while the disk failed, or
    /// appended after `close`.
    public var droppedEntries: UInt64 = 0
    public var droppedBytes: UInt64 = 0
    /// fdatasync calls on segments (a group commit is one; a segment change adds one).
    public var fsyncs: UInt64 = 0
    /// Group commits started at once for a command (`waitUntilDurable`), not on the interval.
    public var commandCommits: UInt64 = 0
    /// Times the writer took the appenders' buffer between commits (`handOverBytes`).
    public var handOvers: UInt64 = 0
    public var lastFsyncLatency: Duration?
    public var maximumFsyncLatency: Duration = .zero
    /// fsync latencies counted by upper bound (`fsyncLatencyBounds`, then the rest).
    public var fsyncLatencyCounts = [UInt64](repeating: 0, count: JournalStats.fsyncLatencyBounds.count + 1)
    /// Everything up to here is on stable storage (or in a checkpoint).
    public var durablePosition = JournalPosition.zero
    /// Where the next append goes.
    public var endPosition = JournalPosition.zero
    public var bytesOnDisk: UInt64 = 0
    public var segmentCount = 0
    /// The last write or sync failure, kept after the journal recovers from it.
    public var lastError: String?

    public static let fsyncLatencyBounds: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
        .milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(500), .seconds(1),
    ]

    mutating func recordFsync(_ latency: Duration) {
        fsyncs += 1
        lastFsyncLatency = latency
        maximumFsyncLatency = max(maximumFsyncLatency, latency)
        let bucket = Self.fsyncLatencyBounds.firstIndex { latency <= $0 } ?? Self.fsyncLatencyBounds.count
        fsyncLatencyCounts[bucket] += 1
    }
}
