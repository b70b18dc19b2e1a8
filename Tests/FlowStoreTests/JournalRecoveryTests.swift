import FlowCore
import FlowTestKit
import Foundation
import Testing
@testable import FlowStore

/// Appending, reopening and replaying real segment files, and what recovery does with
/// torn, corrupt and foreign ones.
@Suite struct JournalRecoveryTests {
    /// Appends `count` random entries and closes; returns them and their positions.
    private func write(_ directory: String, count: Int, seed: UInt64 = 1, options: JournalOptions = testOptions())
        throws -> ([JournalEntry], [JournalPosition])
    {
        let (journal, _) = try Journal.open(directory: directory, options: options)
        var generator = EntryGenerator(seed: seed)
        var entries: [JournalEntry] = []
        var positions: [JournalPosition] = []
        for _ in 0..<count {
            let entry = generator.entry()
            entries.append(entry)
            positions.append(journal.append(entry))
        }
        journal.close()
        return (entries, positions)
    }

    @Test func whatWasAppendedComesBackInOrderAfterReopening() throws {
        try withTemporaryDirectory { dir in
            let (written, positions) = try write(dir, count: 500)
            let (journal, recovery) = try Journal.open(directory: dir, options: testOptions())
            defer { journal.close() }
            #expect(recovery.end == positions.last)
            #expect(recovery.tornRecords == 0 && recovery.corruption == nil)
            var read: [JournalEntry] = []
            var readPositions: [JournalPosition] = []
            let stats = try journal.entries(from: .zero) { entry, position in
                read.append(entry)
                readPositions.append(position)
            }
            #expect(read == written)
            #expect(readPositions == positions)
            #expect(stats.entries == 500 && stats.corruption == nil && stats.end == positions.last)
        }
    }

    @Test func positionsOnlyGrowAcrossReopenings() throws {
        try withTemporaryDirectory { dir in
            let (_, first) = try write(dir, count: 50, seed: 1)
            let (_, second) = try write(dir, count: 50, seed: 2)
            let all = first + second
            #expect(zip(all, all.dropFirst()).allSatisfy { $0 < $1 })
            let (journal, _) = try Journal.open(directory: dir, options: testOptions())
            defer { journal.close() }
            #expect(try replay(journal).0.count == 100)
        }
    }

    @Test func replayStartsAtACheckpointPosition() throws {
        try withTemporaryDirectory { dir in
            let (written, positions) = try write(dir, count: 100)
            let (journal, _) = try Journal.open(directory: dir, options: testOptions())
            defer { journal.close() }
            #expect(try replay(journal, from: positions[59]).0 == Array(written[60...]))
            #expect(try replay(journal, from: positions[99]).0.isEmpty)
            #expect(throws: StoreError.self) { try replay(journal, from: JournalPosition(positions[99].offset + 1)) }
        }
    }

    @Test func aFullSegmentIsFollowedByANewOneNamedForItsFirstPosition() throws {
        try withTemporaryDirectory { dir in
            let (written, positions) = try write(dir, count: 400, options: testOptions(segmentSize: 16 << 10))
            let paths = try segmentPaths(dir)
            #expect(paths.count > 3)
            let starts = paths.map { UInt64(URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent) }
            #expect(starts.first == 0)
            #expect(starts.allSatisfy { start in start == 0 || positions.contains(JournalPosition(start ?? 1)) })
            for path in paths {
                #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0 <= 16 << 10)
            }
            let (journal, recovery) = try Journal.open(directory: dir, options: testOptions(segmentSize: 16 << 10))
            defer { journal.close() }
            #expect(recovery.segments == paths.count)
            let onDisk = try paths.reduce(0) { $0 + (try FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int ?? 0) }
            #expect(journal.stats.bytesOnDisk == UInt64(onDisk))
            #expect(try replay(journal).0 == written)
            #expect(try replay(journal, from: positions[300]).0 == Array(written[301...]))
        }
    }

    /// A power cut while the last record was being written: wherever the file ends inside
    /// that record, the record is dropped and counted, the file cut back, the rest loads,
    /// and appends continue cleanly after it.
    @Test func aTornLastRecordIsDroppedAtEveryByteOffset() throws {
        try withTemporaryDirectory { dir in
            let (written, positions) = try write(dir, count: 30)
            // Append one more entry alone, so the last record holds just it.
            let lastEntry = JournalEntry.acknowledge(fingerprint: "9c3f0a1b2c3d4e5f", by: "ana", at: TestTime.start)
            do {
                let (journal, _) = try Journal.open(directory: dir, options: testOptions())
                _ = journal.append(lastEntry)
                journal.close()
            }
            let path = try #require(try segmentPaths(dir).last)
            let whole = try #require(FileManager.default.contents(atPath: path))
            let recordStart = whole.count - (8 + 4 + entrySize(lastEntry))
            for cut in recordStart..<whole.count {
                try whole.prefix(cut).write(to: URL(fileURLWithPath: path))
                let (journal, recovery) = try Journal.open(directory: dir, options: testOptions())
                #expect(recovery.tornRecords == (cut == recordStart ? 0 : 1), "cut at \(cut)")
                #expect(recovery.tornBytes == cut - recordStart)
                #expect(recovery.end == positions.last)
                #expect(try replay(journal).0 == written, "cut at \(cut)")
                journal.close()
                #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == recordStart)
            }
            // A bad checksum on the very last record is torn too.
            var flipped = whole
            flipped[whole.count - 1] ^= 0x40
            try flipped.write(to: URL(fileURLWithPath: path))
            let (journal, recovery) = try Journal.open(directory: dir, options: testOptions())
            #expect(recovery.tornRecords == 1 && recovery.corruption == nil)
            // And the journal goes on from there.
            let next = journal.append(lastEntry)
            journal.close()
            let (reopened, _) = try Journal.open(directory: dir, options: testOptions())
            defer { reopened.close() }
            let (entries, stats) = try replay(reopened)
            #expect(entries == written + [lastEntry])
            #expect(stats.end == next)
        }
    }

    /// A changed byte in a record with more after it is not a torn write: replay stops
    /// before it and says which file and byte, and nothing is truncated.
    @Test func aFlippedByteInAnEarlierSegmentIsReportedAsCorruption() throws {
        try withTemporaryDirectory { dir in
            let options = testOptions(segmentSize: 16 << 10)
            let (written, positions) = try write(dir, count: 400, options: options)
            let path = try segmentPaths(dir)[1]
            let damaged = try flipByte(in: path, at: JournalFormat.headerSize + 8 + 20)   // in the first record
            let (journal, recovery) = try Journal.open(directory: dir, options: options)
            defer { journal.close() }
            #expect(recovery.corruption == nil && recovery.tornRecords == 0)   // open reads only the last segment
            let (entries, stats) = try replay(journal)
            let corruption = try #require(stats.corruption)
            let segmentStart = try #require(JournalFormat.segmentStart(name: URL(fileURLWithPath: path).lastPathComponent))
            #expect(corruption == JournalCorruption(path: path, offset: JournalFormat.headerSize,
                                                    position: JournalPosition(segmentStart),
                                                    reason: "a record whose checksum does not match its contents"))
            #expect(corruption.description.contains(path) && corruption.description.contains("byte 24"))
            #expect(entries == Array(written.prefix(positions.filter { $0.offset <= segmentStart }.count)))
            #expect(FileManager.default.contents(atPath: path) == damaged)
        }
    }

    @Test func aFlippedByteInTheMiddleOfTheLastSegmentIsCorruptionNotATornTail() throws {
        try withTemporaryDirectory { dir in
            _ = try write(dir, count: 400)
            let paths = try segmentPaths(dir)
            #expect(paths.count == 1)
            let damaged = try flipByte(in: paths[0], at: JournalFormat.headerSize + 8 + 20)
            let (journal, recovery) = try Journal.open(directory: dir, options: testOptions())
            let corruption = try #require(recovery.corruption)
            #expect(corruption.path == paths[0] && corruption.offset == JournalFormat.headerSize && corruption.position == .zero)
            #expect(recovery.tornRecords == 0)
            #expect(try replay(journal).1.corruption == corruption)
            // Appends go to a new segment after it; the bad bytes stay for a person to see.
            let entry = JournalEntry.advance(to: TestTime.start)
            let position = journal.append(entry)
            journal.close()
            #expect(FileManager.default.contents(atPath: paths[0]) == damaged)
            let (reopened, again) = try Journal.open(directory: dir, options: testOptions())
            defer { reopened.close() }
            #expect(again.corruption == nil && again.segments == 2)
            #expect(try replay(reopened).1.corruption == corruption)
            #expect(try replay(reopened, from: recovery.end).0 == [entry])
            #expect(position.offset > recovery.end.offset)
        }
    }

    /// Flips one bit of the byte at `offset` in the file; returns the damaged contents.
    private func flipByte(in path: String, at offset: Int) throws -> Data {
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[offset] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
        return bytes
    }

    @Test func aMissingSegmentInTheMiddleIsReportedWhereReplayNeedsIt() throws {
        try withTemporaryDirectory { dir in
            _ = try write(dir, count: 400, options: testOptions(segmentSize: 16 << 10))
            let paths = try segmentPaths(dir)
            try FileManager.default.removeItem(atPath: paths[1])
            let (journal, _) = try Journal.open(directory: dir, options: testOptions())
            defer { journal.close() }
            let corruption = try #require(try replay(journal).1.corruption)
            #expect(corruption.path == paths[2])
            #expect(corruption.reason.contains("missing"))
        }
    }

    @Test func aForeignFileIsRefusedByName() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/" + JournalFormat.segmentName(start: 0)
            try Data("hello, not a journal at all".utf8).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: StoreError.self) { try Journal.open(directory: dir, options: testOptions()) }
            #expect(error == .notAJournal(path: path))
            #expect(error?.description.contains(path) == true)
            #expect(error?.description.contains("move it out") == true)
        }
    }

    @Test func aNewerFormatIsRefusedWithWhatToDo() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/" + JournalFormat.segmentName(start: 0)
            var header = JournalFormat.header(start: 0)
            let newer = JournalFormat.version + 1
            header[8] = UInt8(newer)
            try Data(header).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: StoreError.self) { try Journal.open(directory: dir, options: testOptions()) }
            #expect(error == .newerFormat(path: path, version: newer, supported: JournalFormat.version))
            #expect(error?.description.contains(
                "newer flowtop (journal format \(newer); this build reads \(JournalFormat.version))") == true)
        }
    }

    @Test func otherFilesInTheDirectoryAreLeftAlone() throws {
        try withTemporaryDirectory { dir in
            try Data("checkpoint".utf8).write(to: URL(fileURLWithPath: dir + "/checkpoint-00000000000000000000"))
            try Data("notes".utf8).write(to: URL(fileURLWithPath: dir + "/notes.wal"))
            _ = try write(dir, count: 3)
            let (journal, recovery) = try Journal.open(directory: dir, options: testOptions())
            defer { journal.close() }
            #expect(recovery.segments == 1)
            #expect(FileManager.default.fileExists(atPath: dir + "/notes.wal"))
        }
    }

    @Test func removingSegmentsBeforeACheckpointKeepsWhatReplayNeeds() throws {
        try withTemporaryDirectory { dir in
            let options = testOptions(segmentSize: 16 << 10)
            let (written, positions) = try write(dir, count: 400, options: options)
            let before = try segmentPaths(dir).count
            let (journal, _) = try Journal.open(directory: dir, options: options)
            try journal.removeSegments(before: positions[250])
            let after = try segmentPaths(dir)
            #expect(after.count < before && after.count >= 1)
            #expect(journal.stats.segmentCount == after.count)
            journal.close()
            let (reopened, recovery) = try Journal.open(directory: dir, options: options)
            defer { reopened.close() }
            #expect(recovery.first.offset <= positions[250].offset)
            #expect(try replay(reopened, from: positions[250]).0 == Array(written[251...]))
            #expect(throws: StoreError.self) { try replay(reopened, from: .zero) }
            // Never the segment being written, even for a position past everything.
            try reopened.removeSegments(before: JournalPosition(UInt64.max))
            #expect(try segmentPaths(dir).count == 1)
        }
    }

    private func entrySize(_ entry: JournalEntry) -> Int {
        var w = BinaryWriter()
        EntryCodec.encode(entry, into: &w)
        return w.count
    }
}
