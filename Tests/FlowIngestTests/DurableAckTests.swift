import FlowCore
@testable import FlowIngest
import FlowWire
import Foundation
import Logging
import NIOCore
import NIOEmbedded
import Synchronization
import Testing

/// With a journal, a `sync_ack` waits until the journal holds the connection's events, then
/// says `durable: true`, or `false` with a `not_durable` error saying why; acks keep their
/// order, and a connection with many acks waiting is read no more until they go.
@Suite struct DurableAckTests {
    struct FixedClock: EngineClock {
        func now() -> EpochMillis { 1_000 }
    }

    /// A journal that hands out growing positions and lets the test decide when (and
    /// whether) they become durable: the handler's logic, without a disk.
    final class HeldJournal: EngineJournal {
        let state = Mutex<(next: UInt64, waiting: [(JournalPosition, @Sendable (String?) -> Void)])>((1, []))

        func append(_ entry: JournalEntry) -> JournalPosition {
            state.withLock { state in
                defer { state.next += 1 }
                return JournalPosition(state.next)
            }
        }

        func waitUntilDurable(_ position: JournalPosition) -> String? { nil }

        func whenDurable(_ position: JournalPosition, _ done: @escaping @Sendable (String?) -> Void) {
            state.withLock { $0.waiting.append((position, done)) }
        }

        var waiting: [JournalPosition] { state.withLock { $0.waiting.map(\.0) } }

        /// Settles every waiter up to `position` with `reason` (nil: durable).
        func settle(upTo position: JournalPosition, reason: String? = nil) {
            let due = state.withLock { state in
                let due = state.waiting.filter { $0.0 <= position }
                state.waiting.removeAll { $0.0 <= position }
                return due
            }
            for (_, done) in due { done(reason) }
        }
    }

    func makeChannel(_ journal: HeldJournal) throws -> EmbeddedChannel {
        let ingest = ConnectionIngest(parser: WireParser(knownSLOs: [])) { events, rejected in
            journal.append(.batch(events: events, rejected: rejected, receivedAt: 1_000))
        }
        let handler = IngestChannelHandler(ingest: ingest, clock: FixedClock(), logger: Logger(label: "test"),
                                           journal: journal)
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(handler)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    func acks(_ channel: EmbeddedChannel) throws -> [SyncAck] {
        channel.embeddedEventLoop.run()
        var out: [SyncAck] = []
        while let buffer: ByteBuffer = try channel.readOutbound() {
            out.append(try JSONValueDecoding.syncAck(String(buffer: buffer)))
        }
        return out
    }

    static let sent = #"{"type":"message_sent","channel":"c"}"# + "\n"
    static let bad = #"{"type":"message_sent"}"# + "\n"
    static let sync = #"{"type":"sync"}"# + "\n"

    @Test func anAckWaitsForItsEventsThenSaysDurable() throws {
        let journal = HeldJournal()
        let channel = try makeChannel(journal)
        try channel.writeInbound(channel.allocator.buffer(string: Self.sent + Self.sent + Self.sync))
        #expect(try acks(channel).isEmpty, "no ack before the journal holds the events")
        #expect(journal.waiting == [JournalPosition(1)])
        journal.settle(upTo: JournalPosition(1))
        let answered = try acks(channel)
        #expect(answered == [SyncAck(accepted: 2, rejected: 0, durable: true)])
    }

    @Test func acksGoOutInOrderWhateverOrderTheirPositionsSettle() throws {
        let journal = HeldJournal()
        let channel = try makeChannel(journal)
        try channel.writeInbound(channel.allocator.buffer(string: Self.sent + Self.sync + Self.sent + Self.sync))
        #expect(journal.waiting == [JournalPosition(1), JournalPosition(2)])
        journal.settle(upTo: JournalPosition(2))
        #expect(try acks(channel).map(\.accepted) == [1, 2])
    }

    @Test func aConnectionThatSentNothingIsDurableAtOnce() throws {
        let journal = HeldJournal()
        let channel = try makeChannel(journal)
        try channel.writeInbound(channel.allocator.buffer(string: Self.sync))
        #expect(try acks(channel) == [SyncAck(accepted: 0, rejected: 0, durable: true)])
    }

    @Test func aJournalThatCannotWriteAnswersNotDurableWithTheReason() throws {
        let journal = HeldJournal()
        let channel = try makeChannel(journal)
        try channel.writeInbound(channel.allocator.buffer(string: Self.sent + Self.bad + Self.sync))
        journal.settle(upTo: JournalPosition(1), reason: "store: no space left on device (/data/journal)")
        let ack = try #require(try acks(channel).first)
        #expect(!ack.durable && ack.accepted == 1 && ack.rejected == 1)
        #expect(ack.errors.map(\.reason) == ["missing_field", "not_durable"])
        #expect(ack.errors.last == SyncAck.LineError(line: 3, reason: "not_durable",
                                                     detail: "store: no space left on device (/data/journal)"))
    }

    /// A sync flood from a client that waits for nothing: past 64 acks waiting, no more
    /// lines are taken until they go; none is lost.
    @Test func manyWaitingAcksStopReadingUntilTheyGo() throws {
        let journal = HeldJournal()
        let channel = try makeChannel(journal)
        var input = ""
        for _ in 0..<100 { input += Self.sent + Self.sync }
        try channel.writeInbound(channel.allocator.buffer(string: input))
        #expect(journal.waiting.count == IngestChannelHandler.maxPendingAcks)
        journal.settle(upTo: JournalPosition(UInt64.max))
        var answered = try acks(channel)
        journal.settle(upTo: JournalPosition(UInt64.max))
        answered += try acks(channel)
        #expect(answered.count == 100)
        #expect(answered.map(\.accepted) == Array(1...100))
        #expect(answered.allSatisfy { $0.durable })
    }

    @Test func aHalfCloseClosesOnlyOnceTheAcksAreOut() throws {
        let journal = HeldJournal()
        let channel = try makeChannel(journal)
        try channel.writeInbound(channel.allocator.buffer(string: Self.sent + Self.sync))
        channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        channel.embeddedEventLoop.run()
        #expect(channel.isActive, "closed before its ack went out")
        journal.settle(upTo: JournalPosition(1))
        #expect(try acks(channel).map(\.durable) == [true])
        #expect(!channel.isActive)
    }
}

/// Reads an ack line back as a client would.
enum JSONValueDecoding {
    static func syncAck(_ line: String) throws -> SyncAck {
        try JSONDecoder().decode(SyncAck.self, from: Data(line.utf8))
    }
}
