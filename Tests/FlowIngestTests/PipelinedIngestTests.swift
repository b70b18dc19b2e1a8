import FlowCore
@testable import FlowIngest
import FlowWire
import Logging
import NIOCore
import NIOEmbedded
import Synchronization
import Testing
import Threading

/// Ingest on two threads (issue 17): batches go to the engine and come back applied later.
/// An ack waits for every batch before its `sync`, acks keep their order, a connection
/// with `maxBatchesInFlight` batches out reads no more until one comes back, and the apply
/// thread applies and answers batches in the order they came.
@Suite struct PipelinedIngestTests {
    struct FixedClock: EngineClock {
        func now() -> EpochMillis { 1_000 }
    }

    /// Keeps every submitted batch until the test gives it back, applied.
    final class HeldFeed: BatchFeed {
        var held: [(IngestBatch, ConnectionIngest)] = []
        var applied: [Int] = []

        func submit(_ batch: consuming IngestBatch, from connection: ConnectionIngest) {
            held.append((batch, connection))
        }

        /// Gives the oldest held batch back, applied.
        func applyOldest() {
            let (batch, connection) = held.removeFirst()
            applied.append(batch.events.count)
            connection.applied(batch, at: nil)
        }
    }

    func makeChannel(_ feed: HeldFeed) throws -> (EmbeddedChannel, ReadCounter) {
        let ingest = ConnectionIngest(parser: WireParser(knownSLOs: []), feed: feed)
        let handler = IngestChannelHandler(ingest: ingest, clock: FixedClock(), logger: Logger(label: "test"))
        let counter = ReadCounter()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(counter)
        try channel.pipeline.syncOperations.addHandler(handler)
        return (channel, counter)
    }

    func acks(_ channel: EmbeddedChannel) throws -> [SyncAck] {
        var out: [SyncAck] = []
        while let buffer: ByteBuffer = try channel.readOutbound() {
            out.append(try JSONValueDecoding.syncAck(String(buffer: buffer)))
        }
        return out
    }

    static let sent = #"{"type":"message_sent","channel":"c"}"# + "\n"
    static let sync = #"{"type":"sync"}"# + "\n"

    @Test func anAckWaitsUntilTheBatchBeforeItIsApplied() throws {
        let feed = HeldFeed()
        let (channel, _) = try makeChannel(feed)
        try channel.writeInbound(channel.allocator.buffer(string: Self.sent + Self.sent + Self.sync + Self.sent))
        #expect(try acks(channel).isEmpty, "acked before its events were applied")
        #expect(feed.held.map(\.0.events.count) == [2, 1], "the sync's batch, then the rest at the read's end")
        feed.applyOldest()
        #expect(try acks(channel) == [SyncAck(accepted: 2, rejected: 0)])
        feed.applyOldest()
        #expect(try acks(channel).isEmpty)
    }

    @Test func acksGoOutInTheOrderOfTheirSyncLines() throws {
        let feed = HeldFeed()
        let (channel, _) = try makeChannel(feed)
        try channel.writeInbound(channel.allocator.buffer(string: Self.sent + Self.sync + Self.sync + Self.sent + Self.sync))
        #expect(feed.held.count == 2, "one batch before each sync that follows events")
        feed.applyOldest()
        #expect(try acks(channel).map(\.accepted) == [1, 1], "the second sync had nothing new to wait for")
        feed.applyOldest()
        #expect(try acks(channel).map(\.accepted) == [2])
    }

    /// A client faster than the engine: `maxBatchesInFlight` full batches out, the rest of
    /// the read is held and `read()` swallowed; each batch back lets it go on where it
    /// stopped.
    @Test func aFullPipelineStopsReadingUntilABatchIsApplied() throws {
        let feed = HeldFeed()
        let (channel, counter) = try makeChannel(feed)
        let full = IngestChannelHandler.maxBatchesInFlight + 1
        let total = ConnectionIngest.batchCapacity * full + 10
        try channel.writeInbound(channel.allocator.buffer(string: String(repeating: Self.sent, count: total) + Self.sync))
        #expect(feed.held.count == IngestChannelHandler.maxBatchesInFlight)
        let readsBefore = counter.reads
        channel.read()
        #expect(counter.reads == readsBefore, "read() reached the socket with the engine behind")
        while !feed.held.isEmpty { feed.applyOldest() }
        #expect(feed.applied == Array(repeating: ConnectionIngest.batchCapacity, count: full) + [10])
        #expect(try acks(channel).map(\.accepted) == [Int64(total)])
        #expect(counter.reads > readsBefore, "the swallowed read was passed on")
    }

    @Test func theApplyThreadAppliesAndAnswersInOrderAndDrainsOnStop() async throws {
        let host = EngineHost(clock: FixedClock())
        let applier = EngineApplier(host: host)
        let answered = Mutex<[Int]>([])
        async let applying: Void = runOnThread { applier.runLoop() }
        for n in 1...50 {
            let events = Array(repeating: Event(time: 1_000, body: .messageSent(channel: "c", messageType: "o")), count: n)
            applier.submit(IngestBatch(events: events, rejected: RejectionCounts(), readAt: 1_000)) { _, batch in
                answered.withLock { $0.append(batch.events.count) }
            }
        }
        applier.stop()
        try await applying
        #expect(answered.withLock { $0 } == Array(1...50))
        #expect(host.snapshotWithoutLeads(SnapshotQuery()).ingest.eventsTotal == Int64((1...50).reduce(0, +)))
    }
}
