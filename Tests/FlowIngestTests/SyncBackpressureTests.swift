import FlowCore
@testable import FlowIngest
import FlowWire
import Logging
import NIOCore
import NIOEmbedded
import Testing

/// Issue 12 (item 2): a client that sends `sync` after `sync` and never reads its acks.
/// The handler stops taking lines at the first ack the channel cannot take, swallows
/// `read()`, and goes on where it stopped once the channel is writable again; no line is
/// lost and none is taken twice.
@Suite struct SyncBackpressureTests {
    struct FixedClock: EngineClock {
        func now() -> EpochMillis { 1_000 }
    }

    final class Applied: @unchecked Sendable {
        var events = 0
    }

    func makeChannel() throws -> (EmbeddedChannel, ReadCounter, Applied) {
        let applied = Applied()
        let ingest = ConnectionIngest(parser: WireParser(knownSLOs: [])) { events, _ in
            applied.events += events.count
            return nil
        }
        let handler = IngestChannelHandler(ingest: ingest, clock: FixedClock(), logger: Logger(label: "test"))
        let counter = ReadCounter()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(counter)
        try channel.pipeline.syncOperations.addHandler(handler)
        return (channel, counter, applied)
    }

    func acks(_ channel: EmbeddedChannel) throws -> [String] {
        var out: [String] = []
        while let buffer: ByteBuffer = try channel.readOutbound() { out.append(String(buffer: buffer)) }
        return out
    }

    static let sent = #"{"type":"message_sent","channel":"c"}"# + "\n"
    static let sync = #"{"type":"sync"}"# + "\n"

    @Test func stopsAtTheFirstAckItCannotSendAndResumesWhereItStopped() throws {
        let (channel, counter, applied) = try makeChannel()
        channel.isWritable = false
        var input = ""
        for _ in 0..<100 { input += Self.sent + Self.sync }
        try channel.writeInbound(channel.allocator.buffer(string: input))
        // One event and its ack, then nothing more is taken.
        #expect(try acks(channel).count == 1)
        #expect(applied.events == 1)
        let readsBefore = counter.reads
        channel.read()
        #expect(counter.reads == readsBefore, "read() reached the socket while paused")
        // More bytes already under way queue behind the held ones.
        try channel.writeInbound(channel.allocator.buffer(string: Self.sent + Self.sync))

        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        let rest = try acks(channel)
        #expect(rest.count == 100)
        #expect(applied.events == 101)
        #expect(rest.last?.contains(#""accepted":101"#) == true, "\(rest.last ?? "")")
        // The swallowed read is passed on once resumed.
        #expect(counter.reads > readsBefore)
    }

    @Test func aHalfCloseWhilePausedFinishesOnceResumed() throws {
        let (channel, _, applied) = try makeChannel()
        channel.isWritable = false
        try channel.writeInbound(channel.allocator.buffer(string: Self.sync + Self.sent + Self.sync + Self.sent))
        channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        #expect(try acks(channel).count == 1)
        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        #expect(try acks(channel).count == 1)
        #expect(applied.events == 2)
    }

    @Test func heldLinesCountWhenTheClientGoes() throws {
        let (channel, _, applied) = try makeChannel()
        channel.isWritable = false
        try channel.writeInbound(channel.allocator.buffer(string: Self.sync + Self.sent + Self.sent))
        #expect(applied.events == 0)
        try channel.close().wait()
        #expect(applied.events == 2)
    }
}
