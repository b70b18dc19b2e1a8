import FlowCore

/// A series as the queue knows it: the sample's name and its labels.
struct QueuedSeries: Hashable {
    var name: String
    var labels: [MetricLabelPair]
}

/// Where one sampling round lies in the queue, and how many samples it holds.
struct SampleQueueRound: Equatable {
    var segment: UInt64
    var offset: Int
    /// Just past its record.
    var end: Int
    var timestamp: EpochMillis
    var count: Int
}

/// One segment read back: its series by ref, its rounds, and (when asked) their values.
/// The reading side of `SampleQueueFormat`, with the journal's torn-tail rules.
struct SampleQueueSegment {
    var index: UInt64
    var validEnd: Int
    var series: [UInt32: QueuedSeries] = [:]
    var rounds: [SampleQueueRound] = []
    /// Each round's values by its record offset; empty unless read with `values: true`.
    var values: [Int: [SampleQueueRecord.RefValue]] = [:]

    /// Reads the first `limit` bytes of a segment. The newest segment's torn tail is
    /// truncated (a crash mid-append); any other damage ends what is read of it. Problems
    /// come back as sentences for the log, never as errors: a damaged queue must not stop
    /// the engine.
    static func scan(path: String, index: UInt64, isLast: Bool, files: some SegmentFileSystem,
                     values keepValues: Bool = false,
                     limit: Int = .max) throws(StoreError) -> (segment: SampleQueueSegment, validEnd: Int, notes: [String]) {
        let bytes = try files.read(path, limit: limit)
        var segment = SampleQueueSegment(index: index, validEnd: 0)
        let header = SampleQueueFormat.header()
        guard bytes.count >= SampleQueueFormat.headerSize, Array(bytes.prefix(8)) == SampleQueueFormat.magic else {
            return (segment, bytes.count, ["\(path) is not a remote-write queue segment; its samples are not sent"])
        }
        guard Array(bytes.prefix(SampleQueueFormat.headerSize)) == header else {
            return (segment, bytes.count, ["\(path) was written by a newer flowtop; its samples are not sent"])
        }
        var notes: [String] = []
        var decodeProblem: String?
        let (validEnd, end) = bytes.withUnsafeBytes { raw in
            RecordScanner.scan(raw, isLast: isLast, headerSize: SampleQueueFormat.headerSize, entries: false) { offset, payload in
                guard decodeProblem == nil else { return }
                do {
                    switch try SampleQueueRecord.decode(payload) {
                    case .series(let ref, let name, let labels):
                        segment.series[ref] = QueuedSeries(name: name, labels: labels)
                    case .round(let timestamp, let values):
                        let end = offset + 8 + payload.count
                        segment.rounds.append(SampleQueueRound(segment: index, offset: offset, end: end,
                                                               timestamp: timestamp, count: values.count))
                        if keepValues { segment.values[offset] = values }
                    }
                } catch {
                    decodeProblem = "\(path): a record at byte \(offset) does not decode (\(error)); the rest of the segment is not sent"
                }
            }
        }
        if let decodeProblem { notes.append(decodeProblem) }
        switch end {
        case .clean:
            break
        case .torn(let reason):
            if limit == .max {
                let handle = try files.openForAppend(path)
                defer { files.close(handle) }
                try files.truncate(handle, to: validEnd)
                notes.append("\(path): \(reason) at byte \(validEnd) (a crash mid-append); truncated there")
            }
        case .corrupt(let reason):
            notes.append("\(path): \(reason) at byte \(validEnd); the rest of the segment is not sent")
        }
        segment.validEnd = validEnd
        return (segment, validEnd, notes)
    }
}
