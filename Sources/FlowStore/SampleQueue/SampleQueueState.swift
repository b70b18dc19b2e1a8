import FlowCore

/// The queue's mutable part, under `SampleQueue`'s lock: the appending segment and its
/// series refs, the rounds not yet sent, the send position, and the segment being read.
struct SampleQueueState {
    let directory: String
    let files: POSIXFileSystem
    let segmentBytes: Int
    var position: SampleQueuePosition
    /// Every round at or after the position, in order.
    var rounds: [SampleQueueRound]
    var segmentSizes: [UInt64: Int]
    var writeIndex: UInt64
    var writeHandle: SegmentHandle
    var refs: [QueuedSeries: UInt32] = [:]
    /// The segment last read for a batch, with its values.
    var loaded: SampleQueueSegment?
    /// The newest round's time ever queued here (sent or not).
    var newest: EpochMillis

    init(directory: String, files: POSIXFileSystem, segmentBytes: Int, position: SampleQueuePosition,
         rounds: [SampleQueueRound], segmentSizes: [UInt64: Int], writeIndex: UInt64, writeHandle: SegmentHandle,
         newest: EpochMillis) {
        self.newest = newest
        self.directory = directory
        self.files = files
        self.segmentBytes = segmentBytes
        self.position = position
        self.rounds = rounds
        self.segmentSizes = segmentSizes
        self.writeIndex = writeIndex
        self.writeHandle = writeHandle
    }

    private func path(_ index: UInt64) -> String { directory + "/" + SampleQueueFormat.segmentName(index) }

    mutating func append(timestamp: EpochMillis, samples: [MetricSample]) throws(StoreError) {
        var bytes: [UInt8] = []
        var values: [SampleQueueRecord.RefValue] = []
        values.reserveCapacity(samples.count)
        var added: [QueuedSeries] = []
        for sample in samples {
            let key = QueuedSeries(name: sample.name, labels: sample.labels)
            let ref: UInt32
            if let known = refs[key] {
                ref = known
            } else {
                ref = UInt32(refs.count)
                refs[key] = ref
                added.append(key)
                bytes += SampleQueueRecord.series(ref: ref, name: key.name, labels: key.labels).framed()
            }
            values.append(.init(ref: ref, value: sample.value))
        }
        let start = segmentSizes[writeIndex] ?? SampleQueueFormat.headerSize
        let roundOffset = start + bytes.count
        bytes += SampleQueueRecord.round(timestamp: timestamp, values: values).framed()
        do throws(StoreError) {
            let (files, handle) = (self.files, writeHandle)
            try bytes.withUnsafeBytes { raw in
                Result { () throws(StoreError) in try files.write(handle, raw, at: start) }
            }.get()
            try files.sync(writeHandle)
        } catch {
            for key in added { refs[key] = nil }
            try? files.truncate(writeHandle, to: start)
            throw error
        }
        rounds.append(SampleQueueRound(segment: writeIndex, offset: roundOffset, end: start + bytes.count,
                                       timestamp: timestamp, count: values.count))
        segmentSizes[writeIndex] = start + bytes.count
        if start + bytes.count >= segmentBytes { try rotate() }
    }

    /// Closes the appending segment and starts the next, with refs of its own.
    private mutating func rotate() throws(StoreError) {
        let next = writeIndex + 1
        let handle = try files.create(path(next), directory: directory, header: SampleQueueFormat.header())
        files.close(writeHandle)
        writeHandle = handle
        writeIndex = next
        segmentSizes[next] = SampleQueueFormat.headerSize
        refs = [:]
    }

    mutating func batch(maxSamples: Int, cutoff: EpochMillis) -> SampleBatch {
        var batch = SampleBatch(end: position)
        var slot: [QueuedSeries: Int] = [:]
        for (i, round) in rounds.enumerated() {
            let first = (round.segment, round.offset) == (position.segment, position.offset) ? position.index : 0
            let after = i + 1 < rounds.count
                ? SampleQueuePosition(segment: rounds[i + 1].segment, offset: rounds[i + 1].offset, index: 0)
                : SampleQueuePosition(segment: round.segment, offset: round.end, index: 0)
            guard round.timestamp >= cutoff, let (series, values) = read(round) else {
                batch.dropped += max(0, round.count - first)
                batch.end = after
                continue
            }
            for j in stride(from: first, to: min(round.count, values.count), by: 1) {
                if batch.sampleCount >= maxSamples {
                    batch.end = SampleQueuePosition(segment: round.segment, offset: round.offset, index: j)
                    return batch
                }
                guard let key = series[values[j].ref] else {
                    batch.dropped += 1
                    continue
                }
                let point = SampleBatch.Point(timestamp: round.timestamp, value: values[j].value)
                if let k = slot[key] {
                    batch.series[k].points.append(point)
                } else {
                    slot[key] = batch.series.count
                    batch.series.append(SampleBatch.Series(name: key.name, labels: key.labels, points: [point]))
                }
                batch.sampleCount += 1
            }
            batch.dropped += max(0, round.count - values.count)
            batch.end = after
        }
        return batch
    }

    /// A round's values with its segment's series, loading the segment when it is not the
    /// one in hand (or has grown since: the appending one); nil when it does not read.
    private mutating func read(_ round: SampleQueueRound) -> ([UInt32: QueuedSeries], [SampleQueueRecord.RefValue])? {
        if let loaded, loaded.index == round.segment, let values = loaded.values[round.offset] {
            return (loaded.series, values)
        }
        let limit = round.segment == writeIndex ? segmentSizes[writeIndex] ?? 0 : .max
        guard let scanned = try? SampleQueueSegment.scan(path: path(round.segment), index: round.segment, isLast: false,
                                                         files: files, values: true, limit: limit) else { return nil }
        loaded = scanned.segment
        guard let values = scanned.segment.values[round.offset] else { return nil }
        return (scanned.segment.series, values)
    }

    mutating func commit(_ end: SampleQueuePosition) throws(StoreError) {
        guard end > position else { return }
        let left = rounds.drop { ($0.segment, $0.offset) < (end.segment, end.offset) }
        // At the next round still to send; with none, at the appending segment's start, so
        // every segment before it can go.
        let next = left.first.map {
            SampleQueuePosition(segment: $0.segment, offset: $0.offset,
                                index: ($0.segment, $0.offset) == (end.segment, end.offset) ? end.index : 0)
        } ?? SampleQueuePosition(segment: writeIndex, offset: 0, index: 0)
        try DurableFile.replace(directory + "/" + SampleQueueFormat.positionFileName, in: directory,
                                with: [next.encoded()])
        position = next
        rounds = Array(left)
        for index in segmentSizes.keys where index < next.segment && index != writeIndex {
            // Best effort: the position is saved, so a segment left behind is only disk space,
            // tried again at the next commit.
            guard (try? files.remove(path(index))) != nil else { continue }
            segmentSizes[index] = nil
            if loaded?.index == index { loaded = nil }
        }
    }
}
