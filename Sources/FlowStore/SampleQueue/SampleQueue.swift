#if canImport(Glibc)
import Glibc
#endif
import FlowCore
import Synchronization

/// remote_write's durable queue (docs/fleet.md): every sampling round of `/metrics` is
/// appended to a segment in `DIR/remote-write/` and fsync'd, and the sender takes batches
/// from it oldest first; once the receiver took a batch, `commit` persists the new send
/// position and removes the segments wholly before it. So an outage of the receiver or a
/// restart of flowtop loses no sample: after a restart the queue is read again from the
/// persisted position (a batch taken but not committed is sent again: at least once, as
/// Prometheus' own queue, and a receiver takes an identical sample twice without harm).
///
/// Damage is contained as in the journal (`RecordScanner`'s rules): a torn tail of the
/// newest segment (a `kill -9` mid-append) is truncated and reported; a bad record
/// elsewhere ends that segment's readable part and is reported; neither stops start-up.
/// A position file that does not read is reported and sending starts over from the oldest
/// segment kept.
///
/// ```swift
/// let (queue, notes) = try SampleQueue.open(directory: dataDir + "/remote-write")
/// try queue.append(timestamp: now, samples: samples)
/// let batch = queue.batch(maxSamples: 2_000, droppingBefore: now - retention)
/// // ... the receiver took batch.series ...
/// try queue.commit(batch)
/// ```
public final class SampleQueue: Sendable {
    public let directory: String
    private let state: Mutex<SampleQueueState>

    /// A new segment is started past this many bytes.
    public static let defaultSegmentBytes = 4 << 20

    private init(directory: String, state: SampleQueueState) {
        self.directory = directory
        self.state = Mutex(state)
    }

    deinit {
        state.withLock { $0.files.close($0.writeHandle) }
    }

    /// Opens (creating it 0700 if missing) the queue in `directory`: checks every segment,
    /// truncates a torn tail, reads the position, and starts a new segment for appends.
    /// Returns what it found worth a log line.
    public static func open(directory: String,
                            segmentBytes: Int = defaultSegmentBytes) throws(StoreError) -> (SampleQueue, [String]) {
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw .io(path: directory, operation: "create", errno: errno)
        }
        let files = POSIXFileSystem()
        var notes: [String] = []
        let indices = try files.list(directory).compactMap(SampleQueueFormat.segmentIndex).sorted()
        var position = SampleQueuePosition(segment: indices.first ?? 0, offset: 0, index: 0)
        let positionPath = directory + "/" + SampleQueueFormat.positionFileName
        if let bytes = try? files.read(positionPath, limit: 64) {
            if let read = SampleQueuePosition.decode(bytes) {
                position = max(read, position)
            } else {
                notes.append("\(positionPath) does not read; sending again from the oldest queued sample")
            }
        }
        var rounds: [SampleQueueRound] = []
        var newest = EpochMillis.min
        var segmentSizes: [UInt64: Int] = [:]
        for (i, index) in indices.enumerated() {
            let path = directory + "/" + SampleQueueFormat.segmentName(index)
            let scanned = try SampleQueueSegment.scan(path: path, index: index, isLast: i == indices.count - 1,
                                                      files: files)
            notes += scanned.notes
            segmentSizes[index] = scanned.validEnd
            newest = scanned.segment.rounds.reduce(newest) { max($0, $1.timestamp) }
            for round in scanned.segment.rounds where (round.segment, round.offset) >= (position.segment, position.offset) {
                rounds.append(round)
            }
        }
        if let first = rounds.first, (first.segment, first.offset) != (position.segment, position.offset) {
            position = SampleQueuePosition(segment: first.segment, offset: first.offset, index: 0)
        }
        let writeIndex = (indices.last ?? 0) + (indices.isEmpty ? 0 : 1)
        let writePath = directory + "/" + SampleQueueFormat.segmentName(writeIndex)
        let handle = try files.create(writePath, directory: directory, header: SampleQueueFormat.header())
        segmentSizes[writeIndex] = SampleQueueFormat.headerSize
        let state = SampleQueueState(
            directory: directory, files: files, segmentBytes: segmentBytes, position: position, rounds: rounds,
            segmentSizes: segmentSizes, writeIndex: writeIndex, writeHandle: handle, newest: newest)
        return (SampleQueue(directory: directory, state: state), notes)
    }

    /// Appends one sampling round, fsync'd before it returns: new series first (each once
    /// per segment), then the round's values. A round not newer than the newest queued one
    /// (the wall clock stepped back) is not appended, and false returned: a receiver refuses
    /// samples out of time order, and would refuse the whole batch holding them.
    @discardableResult
    public func append(timestamp: EpochMillis, samples: [MetricSample]) throws(StoreError) -> Bool {
        try state.withLock { state throws(StoreError) -> Bool in
            guard timestamp > state.newest else { return false }
            try state.append(timestamp: timestamp, samples: samples)
            state.newest = timestamp
            return true
        }
    }

    /// Up to `maxSamples` samples from the send position, grouped by series in time order.
    /// Samples older than `cutoff` are skipped and counted in `dropped` (the retention). The
    /// position moves only at `commit`.
    public func batch(maxSamples: Int, droppingBefore cutoff: EpochMillis) -> SampleBatch {
        state.withLock { $0.batch(maxSamples: maxSamples, cutoff: cutoff) }
    }

    /// The receiver took (or refused for good) `batch`: moves the send position past it,
    /// persists it, and removes the segments wholly before it.
    public func commit(_ batch: SampleBatch) throws(StoreError) {
        try state.withLock { state throws(StoreError) in try state.commit(batch.end) }
    }

    /// Samples waiting, the oldest one's time, and the bytes of the segments on disk.
    public var backlog: (pending: Int64, oldest: EpochMillis?, bytes: Int64) {
        state.withLock { state in
            let pending = state.rounds.reduce(Int64(0)) { $0 + Int64($1.count) } - Int64(state.position.index)
            return (max(0, pending), state.rounds.first?.timestamp, Int64(state.segmentSizes.values.reduce(0, +)))
        }
    }
}

/// A batch to send: the samples of each series in time order, and where the queue stands
/// once it is sent.
public struct SampleBatch: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        public var name: String
        public var labels: [MetricLabelPair]
        public var points: [Point]

        public init(name: String, labels: [MetricLabelPair], points: [Point]) {
            self.name = name
            self.labels = labels
            self.points = points
        }
    }

    public struct Point: Sendable, Equatable {
        public var timestamp: EpochMillis
        public var value: Double

        public init(timestamp: EpochMillis, value: Double) {
            self.timestamp = timestamp
            self.value = value
        }
    }

    /// In the order each series first appears in the queue.
    public var series: [Series] = []
    public var sampleCount = 0
    /// Samples skipped because they were older than the cutoff.
    public var dropped = 0
    public var end: SampleQueuePosition

    public init(series: [Series] = [], sampleCount: Int = 0, dropped: Int = 0, end: SampleQueuePosition) {
        self.series = series
        self.sampleCount = sampleCount
        self.dropped = dropped
        self.end = end
    }

    public var isEmpty: Bool { sampleCount == 0 && dropped == 0 }

    /// The time of its oldest sample; nil when it holds none.
    public var oldestTimestamp: EpochMillis? { series.compactMap { $0.points.first?.timestamp }.min() }
}
