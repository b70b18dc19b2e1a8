import FlowCore
import FlowTestKit
import Foundation
import Synchronization
import Testing
@testable import FlowStore

/// Group commit: when waiters hear back, how many fsyncs that costs, and what a failing
/// disk does to them.
@Suite struct JournalCommitTests {
    /// Answers collected from `whenDurable` callbacks.
    final class Answers: Sendable {
        let results = Mutex<[Result<Void, StoreError>]>([])
        func record(_ result: Result<Void, StoreError>) { results.withLock { $0.append(result) } }
        var count: Int { results.withLock { $0.count } }
        var failures: [StoreError] {
            results.withLock { $0.compactMap { if case .failure(let e) = $0 { e } else { nil } } }
        }
    }

    private func startWriter(_ journal: Journal) {
        Thread { journal.runWriter() }.start()
    }

    private let entry = JournalEntry.batch(events: [EventBuilder.aiLatency(840, at: TestTime.start)],
                                           rejected: RejectionCounts(), receivedAt: TestTime.start)

    @Test func aWaiterHearsBackAfterTheFsyncThatCoversIt() throws {
        try withTemporaryDirectory { dir in
            let (journal, _) = try Journal.open(directory: dir, options: testOptions())
            startWriter(journal)
            defer { journal.close() }
            let answers = Answers()
            let position = journal.append(entry)
            journal.whenDurable(position) { answers.record($0) }
            #expect(eventually { answers.count == 1 })
            #expect(answers.failures.isEmpty)
            let stats = journal.stats
            #expect(stats.fsyncs >= 1 && stats.durablePosition >= position)
            #expect(stats.writtenBytes == stats.appendedBytes)
            #expect(stats.lastFsyncLatency != nil && stats.fsyncLatencyCounts.reduce(0, +) == stats.fsyncs)
            // Already durable: answered at once, on this thread.
            let again = Answers()
            journal.whenDurable(position) { again.record($0) }
            #expect(again.count == 1)
        }
    }

    /// Appends 200 one-event batches, about 8 KiB, numbered by `round`; the last position.
    private func appendRound(_ round: Int, to journal: Journal, written: inout [JournalEntry]) -> JournalPosition {
        var position = JournalPosition.zero
        for i in 0..<200 {
            let next = JournalEntry.batch(events: [EventBuilder.aiLatency(Double(i), at: TestTime.start)],
                                          rejected: RejectionCounts(), receivedAt: TestTime.start + Int64(round * 1_000 + i))
            position = journal.append(next)
            written.append(next)
        }
        return position
    }

    /// Past `handOverBytes` the writer takes the appenders' buffer before the interval
    /// ends; what it took becomes durable at the commit, once, in order.
    @Test func aFullBufferIsHandedOverBetweenCommitsAndWrittenOnce() throws {
        try withTemporaryDirectory { dir in
            var options = testOptions(interval: .seconds(60))
            options.handOverBytes = 4096
            let (journal, _) = try Journal.open(directory: dir, options: options)
            startWriter(journal)
            var written: [JournalEntry] = []
            journal.whenDurable(journal.append(entry)) { (_: Result<Void, StoreError>) in }   // starts the interval
            written.append(entry)
            #expect(eventually { journal.stats.fsyncs == 1 }, "the first entry's commit")
            var position = JournalPosition.zero
            for round in 1...5 {
                let before = journal.stats.handOvers
                // About 8 KiB of entries: past the hand-over size, so the writer takes them.
                position = appendRound(round, to: journal, written: &written)
                #expect(eventually { journal.stats.handOvers > before },
                        "taken as it filled, long before the commit: \(journal.stats)")
            }
            #expect(journal.stats.fsyncs == 1 && journal.stats.durablePosition < position,
                    "handed over is not durable")
            #expect(journal.waitUntilDurable(position) == nil)
            #expect(journal.stats.writtenBytes == journal.stats.appendedBytes)
            journal.close()
            let (reopened, _) = try Journal.open(directory: dir, options: testOptions())
            defer { reopened.close() }
            #expect(try replay(reopened).0 == written)
        }
    }

    /// More entries than the buffer holds arrive within one interval: the writer commits
    /// early, each time a quarter of the buffer waits, and drops nothing.
    @Test func aFloodIsCommittedBeforeTheIntervalEndsNotDropped() throws {
        try withTemporaryDirectory { dir in
            var options = testOptions(interval: .seconds(60))
            options.handOverBytes = 4096
            options.maximumBufferedBytes = 64 << 10
            let (journal, _) = try Journal.open(directory: dir, options: options)
            startWriter(journal)
            var written = [entry]
            #expect(journal.waitUntilDurable(journal.append(entry)) == nil)
            var position = JournalPosition.zero
            for round in 0..<12 {   // about 96 KiB in all, half again the buffer
                // Each round waits for the writer to take it (a hand-over or a commit).
                let taken = { journal.stats.handOvers + journal.stats.fsyncs }
                let before = taken()
                position = appendRound(round, to: journal, written: &written)
                #expect(eventually { taken() > before })
            }
            #expect(eventually { journal.stats.fsyncs >= 4 }, "early commits, long before the interval: \(journal.stats)")
            #expect(journal.stats.droppedEntries == 0)
            #expect(journal.stats.commandCommits == 1, "only the first entry's wait asked for one")
            #expect(journal.waitUntilDurable(position) == nil)
            journal.close()
            let (reopened, _) = try Journal.open(directory: dir, options: testOptions())
            defer { reopened.close() }
            #expect(try replay(reopened).0 == written)
        }
    }

    @Test func aFloodOfSyncsCostsAtMostOneFsyncPerInterval() throws {
        try withTemporaryDirectory { dir in
            let interval = Duration.milliseconds(100)
            let (journal, _) = try Journal.open(directory: dir, options: testOptions(interval: interval))
            startWriter(journal)
            defer { journal.close() }
            let answers = Answers()
            let started = ContinuousClock.now
            var waiters = 0
            while ContinuousClock.now - started < .milliseconds(800) {
                for _ in 0..<10 {
                    journal.whenDurable(journal.append(entry)) { answers.record($0) }
                    waiters += 1
                }
                Thread.sleep(forTimeInterval: 0.001)
            }
            #expect(eventually { answers.count == waiters })
            let elapsed = ContinuousClock.now - started
            #expect(answers.failures.isEmpty)
            let stats = journal.stats
            let onDisk = try segmentPaths(dir).reduce(0) {
                $0 + (try FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int ?? 0)
            }
            #expect(stats.bytesOnDisk == UInt64(onDisk) && stats.segmentCount == 1)
            let fsyncs = stats.fsyncs
            #expect(fsyncs >= 2)
            #expect(Double(fsyncs) <= elapsed / interval + 1, "\(fsyncs) fsyncs for \(waiters) waiters in \(elapsed)")
        }
    }

    /// After a quiet spell the first sync is answered at once; the next waits for the
    /// interval; a command does not wait.
    @Test func aLoneWaiterIsPromptAndACommandDoesNotWaitForTheInterval() throws {
        try withTemporaryDirectory { dir in
            let (journal, _) = try Journal.open(directory: dir, options: testOptions(interval: .seconds(30)))
            startWriter(journal)
            defer { journal.close() }
            let first = Answers()
            let clock = ContinuousClock()
            let firstTook = clock.measure {
                journal.whenDurable(journal.append(entry)) { first.record($0) }
                _ = eventually { first.count == 1 }
            }
            #expect(first.count == 1 && firstTook < .seconds(2))

            let second = Answers()
            journal.whenDurable(journal.append(entry)) { second.record($0) }
            Thread.sleep(forTimeInterval: 0.3)
            #expect(second.count == 0)   // waits for the interval, 30 s away

            var problem: String?
            let commandTook = clock.measure {
                problem = journal.waitUntilDurable(journal.append(.unacknowledge(fingerprint: "9c3f0a1b2c3d4e5f")))
            }
            #expect(problem == nil && commandTook < .seconds(2))
            #expect(second.count == 1)   // the command's commit covered it too
            #expect(journal.stats.commandCommits == 1)
            #expect(journal.stats.fsyncs == 2)
        }
    }

    @Test func aFailingDiskFailsWaitersWithTheReasonAndRecovers() throws {
        try withTemporaryDirectory { dir in
            let disk = FaultyFileSystem(errno: ENOSPC)
            let (journal, _) = try Journal.open(directory: dir, options: testOptions(fileSystem: disk))
            startWriter(journal)
            var written = [entry]
            _ = journal.waitUntilDurable(journal.append(entry))

            disk.failing.store(true, ordering: .relaxed)
            let answers = Answers()
            written.append(entry)
            journal.whenDurable(journal.append(entry)) { answers.record($0) }
            #expect(eventually { answers.count == 1 })
            let failure = try #require(answers.failures.first)
            #expect(failure.description.contains("No space left on device (ENOSPC)"))
            #expect(journal.problem?.contains("ENOSPC") == true)
            #expect(journal.stats.lastError?.contains(dir) == true)
            // While it fails, a sync hears so at once, and a command gets the reason.
            let during = Answers()
            written.append(entry)
            journal.whenDurable(journal.append(entry)) { during.record($0) }
            #expect(during.count == 1 && during.failures.count == 1)
            written.append(entry)
            #expect(journal.waitUntilDurable(journal.append(entry))?.contains("ENOSPC") == true)

            disk.failing.store(false, ordering: .relaxed)
            #expect(eventually { journal.problem == nil })
            let after = Answers()
            written.append(entry)
            journal.whenDurable(journal.append(entry)) { after.record($0) }
            #expect(eventually { after.count == 1 } && after.failures.isEmpty)
            #expect(journal.stats.droppedEntries == 0)
            #expect(journal.stats.lastError != nil)   // kept for the record
            journal.close()

            // Everything appended while the disk failed was written once it worked again.
            let (reopened, _) = try Journal.open(directory: dir, options: testOptions())
            defer { reopened.close() }
            #expect(try replay(reopened).0 == written)
        }
    }

    /// Past the buffer's bound, entries are dropped rather than ingest blocked; nothing
    /// after them counts as durable until a checkpoint covers them.
    @Test func aFullBufferDropsEntriesUntilACheckpointCoversThem() throws {
        try withTemporaryDirectory { dir in
            let disk = FaultyFileSystem(errno: EIO)
            var options = testOptions(fileSystem: disk)
            options.maximumBufferedBytes = 4 << 10
            let (journal, _) = try Journal.open(directory: dir, options: options)
            startWriter(journal)
            defer { journal.close() }
            _ = journal.waitUntilDurable(journal.append(entry))

            disk.failing.store(true, ordering: .relaxed)
            for _ in 0..<1_000 { _ = journal.append(entry) }
            #expect(journal.stats.droppedEntries > 0)
            #expect(eventually { journal.problem?.contains("dropped entries") == true })
            #expect(eventually { journal.problem?.contains("Input/output error (EIO)") == true })

            disk.failing.store(false, ordering: .relaxed)
            let blocked = Answers()
            journal.whenDurable(journal.append(entry)) { blocked.record($0) }
            #expect(eventually { blocked.count == 1 })
            #expect(blocked.failures.first?.description.contains("durable again after the next checkpoint") == true)

            // A checkpoint at `checkpoint` holds everything before it.
            let checkpoint = journal.append(.advance(to: TestTime.start))
            try journal.removeSegments(before: checkpoint)
            #expect(eventually { journal.problem == nil })
            let after = JournalEntry.unacknowledge(fingerprint: "9c3f0a1b2c3d4e5f")
            #expect(journal.waitUntilDurable(journal.append(after)) == nil)
            journal.close()

            let (reopened, _) = try Journal.open(directory: dir, options: options)
            defer { reopened.close() }
            #expect(try replay(reopened, from: checkpoint).0 == [after])
        }
    }

    @Test func theStatsCountSegmentsAsTheWriterChangesThem() throws {
        try withTemporaryDirectory { dir in
            let (journal, _) = try Journal.open(directory: dir, options: testOptions(segmentSize: 16 << 10))
            startWriter(journal)
            defer { journal.close() }
            var generator = EntryGenerator(seed: 3)
            var last = JournalPosition.zero
            for _ in 0..<400 { last = journal.append(generator.entry()) }
            #expect(journal.waitUntilDurable(last) == nil)
            let paths = try segmentPaths(dir)
            let onDisk = try paths.reduce(0) { $0 + (try FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int ?? 0) }
            let stats = journal.stats
            #expect(paths.count > 3 && stats.segmentCount == paths.count)
            #expect(stats.bytesOnDisk == UInt64(onDisk))
            #expect(stats.durablePosition == last && stats.writtenBytes == last.offset)
        }
    }

    @Test func closingAnswersWhoIsLeftAndDropsLaterAppends() throws {
        try withTemporaryDirectory { dir in
            let (journal, _) = try Journal.open(directory: dir, options: testOptions(interval: .seconds(30)))
            let position = journal.append(entry)
            journal.close()   // no writer was started: the last commit runs here
            #expect(journal.stats.durablePosition == position)
            let late = journal.append(entry)
            #expect(journal.stats.droppedEntries == 1)
            #expect(journal.waitUntilDurable(late)?.contains("closed") == true)
            let (reopened, _) = try Journal.open(directory: dir, options: testOptions())
            defer { reopened.close() }
            #expect(try replay(reopened).0 == [entry])
        }
    }

    @Test func theWriterRunsAsAServiceUntilCancelled() async throws {
        try await withTemporaryDirectory { dir in
            let (journal, _) = try Journal.open(directory: dir, options: testOptions())
            let service = Task { try await journal.run() }
            let position = journal.append(entry)
            #expect(await Task.detached { journal.waitUntilDurable(position) }.value == nil)
            service.cancel()
            try await service.value
            #expect(journal.waitUntilDurable(journal.append(entry))?.contains("closed") == true)
        }
    }
}
