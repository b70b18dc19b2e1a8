import FlowCore
import Foundation
import Testing
@testable import FlowStore

/// The remote-write queue as the sender sees it: rounds in, batches out oldest first in
/// time order per series, a position that survives a restart, retention, and damage that
/// is contained rather than fatal.
@Suite("store: the remote-write sample queue")
struct SampleQueueTests {
    static func round(_ value: Double, tenants: [String] = ["acme", "globex"]) -> [MetricSample] {
        tenants.map { MetricSample(name: "flowtop_slo_events_total", labels: [("slo", "s"), ("tenant", $0)], value: value) }
    }

    static func points(_ batch: SampleBatch) -> [String: [Int64]] {
        Dictionary(uniqueKeysWithValues: batch.series.map { ($0.labels.map(\.value).joined(separator: ","), $0.points.map(\.timestamp)) })
    }

    @Test("a batch holds every queued sample, grouped by series, each series in time order")
    func batchesInTimeOrder() throws {
        try withTemporaryDirectory { dir in
            let (queue, notes) = try SampleQueue.open(directory: dir + "/rw")
            #expect(notes.isEmpty)
            for t in 1...3 { try queue.append(timestamp: Int64(t) * 1000, samples: Self.round(Double(t))) }
            let batch = queue.batch(maxSamples: 100, droppingBefore: 0)
            #expect(batch.sampleCount == 6)
            #expect(batch.series.count == 2)
            #expect(Self.points(batch)["s,acme"] == [1000, 2000, 3000])
            #expect(batch.series[0].points.map(\.value) == [1, 2, 3])
            #expect(queue.backlog.pending == 6)
            try queue.commit(batch)
            #expect(queue.backlog.pending == 0)
            #expect(queue.batch(maxSamples: 100, droppingBefore: 0).isEmpty)
        }
    }

    @Test("a bounded batch stops mid-round and the next one carries on from that sample")
    func boundedBatches() throws {
        try withTemporaryDirectory { dir in
            let (queue, _) = try SampleQueue.open(directory: dir + "/rw")
            for t in 1...3 { try queue.append(timestamp: Int64(t) * 1000, samples: Self.round(Double(t))) }
            var seen: [Int64] = []
            var batches = 0
            while true {
                let batch = queue.batch(maxSamples: 4, droppingBefore: 0)
                if batch.isEmpty { break }
                #expect(batch.sampleCount <= 4)
                seen += batch.series.flatMap { $0.points.map(\.timestamp) }
                try queue.commit(batch)
                batches += 1
            }
            #expect(batches == 2)
            #expect(seen.sorted() == [1000, 1000, 2000, 2000, 3000, 3000])
        }
    }

    @Test("the send position survives a restart: what was committed is not sent again, the rest is")
    func positionSurvivesRestart() throws {
        try withTemporaryDirectory { dir in
            do {
                let (queue, _) = try SampleQueue.open(directory: dir + "/rw")
                for t in 1...4 { try queue.append(timestamp: Int64(t) * 1000, samples: Self.round(Double(t))) }
                try queue.commit(queue.batch(maxSamples: 3, droppingBefore: 0))
            }
            let (queue, _) = try SampleQueue.open(directory: dir + "/rw")
            #expect(queue.backlog.pending == 5)
            try queue.append(timestamp: 5000, samples: Self.round(5))
            let batch = queue.batch(maxSamples: 100, droppingBefore: 0)
            #expect(batch.sampleCount == 7)
            #expect(Self.points(batch)["s,acme"] == [3000, 4000, 5000])
            #expect(Self.points(batch)["s,globex"] == [2000, 3000, 4000, 5000])
        }
    }

    @Test("segments wholly sent are removed; a new segment starts at each open and past its size")
    func segmentsRemoved() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/rw"
            let (queue, _) = try SampleQueue.open(directory: path, segmentBytes: 100)
            for t in 1...5 { try queue.append(timestamp: Int64(t) * 1000, samples: Self.round(Double(t))) }
            #expect(try Self.segments(path).count >= 3)
            try queue.commit(queue.batch(maxSamples: 100, droppingBefore: 0))
            #expect(try Self.segments(path).count == 1)
        }
    }

    @Test("samples older than the cutoff are dropped and counted, not sent")
    func retention() throws {
        try withTemporaryDirectory { dir in
            let (queue, _) = try SampleQueue.open(directory: dir + "/rw")
            for t in 1...4 { try queue.append(timestamp: Int64(t) * 1000, samples: Self.round(Double(t))) }
            let batch = queue.batch(maxSamples: 100, droppingBefore: 3000)
            #expect(batch.dropped == 4)
            #expect(batch.sampleCount == 4)
            #expect(Self.points(batch)["s,acme"] == [3000, 4000])
        }
    }

    @Test("a round not newer than the newest queued one is refused, also after a restart")
    func clockBackwards() throws {
        try withTemporaryDirectory { dir in
            do {
                let (queue, _) = try SampleQueue.open(directory: dir + "/rw")
                #expect(try queue.append(timestamp: 5000, samples: Self.round(1)))
                #expect(try !queue.append(timestamp: 5000, samples: Self.round(2)))
            }
            let (queue, _) = try SampleQueue.open(directory: dir + "/rw")
            #expect(try !queue.append(timestamp: 4000, samples: Self.round(3)))
            #expect(try queue.append(timestamp: 6000, samples: Self.round(4)))
        }
    }

    @Test("a torn tail (kill -9 mid-append) is truncated and reported; every whole round before it is kept")
    func tornTail() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/rw"
            do {
                let (queue, _) = try SampleQueue.open(directory: path)
                for t in 1...3 { try queue.append(timestamp: Int64(t) * 1000, samples: Self.round(Double(t))) }
            }
            let segment = try #require(try Self.segments(path).first)
            let whole = try Data(contentsOf: URL(fileURLWithPath: segment))
            try whole.prefix(whole.count - 5).write(to: URL(fileURLWithPath: segment))
            let (queue, notes) = try SampleQueue.open(directory: path)
            #expect(notes.count == 1)
            #expect(notes.first?.contains("truncated") == true)
            let batch = queue.batch(maxSamples: 100, droppingBefore: 0)
            #expect(Self.points(batch)["s,acme"] == [1000, 2000])
            #expect(try Data(contentsOf: URL(fileURLWithPath: segment)).count < whole.count - 5)
        }
    }

    @Test("a position file that does not read is reported and sending starts from the oldest sample")
    func damagedPosition() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/rw"
            do {
                let (queue, _) = try SampleQueue.open(directory: path)
                for t in 1...2 { try queue.append(timestamp: Int64(t) * 1000, samples: Self.round(Double(t))) }
                try queue.commit(queue.batch(maxSamples: 2, droppingBefore: 0))
            }
            try Data("garbage".utf8).write(to: URL(fileURLWithPath: path + "/position"))
            let (queue, notes) = try SampleQueue.open(directory: path)
            #expect(notes.count == 1)
            #expect(queue.backlog.pending == 4)
        }
    }

    @Test("records round-trip through their framing and checksum")
    func recordRoundTrip() throws {
        let records: [SampleQueueRecord] = [
            .series(ref: 7, name: "flowtop_x_total", labels: [MetricLabelPair(name: "tenant", value: "ünï")]),
            .round(timestamp: 1_700_000_000_123, values: [.init(ref: 7, value: 0.25), .init(ref: 1, value: -.infinity)]),
        ]
        for record in records {
            let framed = record.framed()
            let decoded = try framed.withUnsafeBytes { raw in
                try SampleQueueRecord.decode(UnsafeRawBufferPointer(rebasing: raw[8...]))
            }
            #expect(decoded == record)
        }
        let position = SampleQueuePosition(segment: 3, offset: 1234, index: 5)
        #expect(SampleQueuePosition.decode(position.encoded()) == position)
        var flipped = position.encoded()
        flipped[10] ^= 1
        #expect(SampleQueuePosition.decode(flipped) == nil)
    }

    static func segments(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".rwq") }.sorted()
            .map { path + "/" + $0 }
    }
}

/// `flowtop store info` says what the remote-write queue holds on disk.
@Suite("store: store info and the remote-write queue")
struct SampleQueueStoreInfoTests {
    @Test("store info lists the queue's segments and bytes; without a queue, no line")
    func listed() throws {
        try withTemporaryDirectory { dir in
            let directory = try DataDirectory.open(dir + "/data")
            defer { directory.close() }
            #expect(!(try StoreInfo.read(directory.path).text(now: 0).contains("remote_write")))
            let (queue, _) = try SampleQueue.open(directory: directory.path + "/" + SampleQueueFormat.directoryName)
            try queue.append(timestamp: 1_000, samples: SampleQueueTests.round(1))
            let info = try StoreInfo.read(directory.path)
            #expect(info.remoteWriteSegments.count == 1)
            #expect(info.text(now: 0).contains("remote_write    1 queue segment"))
        }
    }
}
