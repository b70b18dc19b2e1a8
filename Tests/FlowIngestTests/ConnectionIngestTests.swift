import FlowCore
@testable import FlowIngest
import FlowWire
import Testing

/// One connection's protocol without sockets: line numbers, counts, batching and `sync`.
@Suite struct ConnectionIngestTests {
    /// A `ConnectionIngest` that records each batch it hands to the engine and each ack.
    final class Recorder {
        var batches: [(events: [Event], rejected: RejectionCounts)] = []
        var acks: [SyncAck] = []
        /// Events applied before each ack was produced.
        var appliedAtAck: [Int] = []
        lazy var ingest = ConnectionIngest(parser: WireParser(knownSLOs: []), maxLineLength: 64) { [unowned self] events, rejected in
            batches.append((events, rejected))
            return nil
        }

        var appliedEvents: [Event] { batches.flatMap(\.events) }

        func feed(_ text: String, at now: EpochMillis = 1_000) {
            var copy = text
            copy.withUTF8 { bytes in
                ingest.consume(UnsafeRawBufferPointer(bytes), receivedAt: now) { ack in
                    acks.append(ack)
                    appliedAtAck.append(appliedEvents.count)
                }
            }
        }

        func finish(at now: EpochMillis = 1_000) {
            ingest.finishInput(receivedAt: now) { ack in
                acks.append(ack)
                appliedAtAck.append(appliedEvents.count)
            }
        }
    }

    static let created = #"{"type":"lead_created","lead_id":"L-1"}"#
    static let sent = #"{"type":"message_sent","channel":"whatsapp"}"#
    static let sync = #"{"type":"sync"}"#

    @Test func eventsWaitForApplyPendingAndGoAsOneBatch() {
        let r = Recorder()
        r.feed("\(Self.created)\n\(Self.sent)\nnot json\n")
        #expect(r.batches.isEmpty)
        r.ingest.applyPending()
        #expect(r.batches.count == 1)
        #expect(r.batches.first?.events.count == 2)
        #expect(r.batches.first?.rejected[.invalidJSON] == 1)
        r.ingest.applyPending()
        #expect(r.batches.count == 1, "nothing new, no empty batch")
    }

    @Test func syncAppliesEverythingBeforeItThenAnswers() {
        let r = Recorder()
        r.feed("\(Self.created)\n\(Self.sent)\n\(Self.sync)\n\(Self.created)\n")
        #expect(r.acks == [SyncAck(accepted: 2, rejected: 0)])
        #expect(r.appliedAtAck == [2])
        r.ingest.applyPending()
        #expect(r.appliedEvents.count == 3)
    }

    @Test func lineNumbersCountBlankAndSyncLinesButCountsDoNot() {
        let r = Recorder()
        r.feed("\n\(Self.created)\n   \n\(Self.sync)\n{\"type\":\"lead_created\"}\n\(Self.sync)\n")
        #expect(r.acks.count == 2)
        #expect(r.acks.first == SyncAck(accepted: 1, rejected: 0))
        #expect(r.acks.last == SyncAck(accepted: 1, rejected: 1, errors: [
            .init(line: 5, reason: "missing_field", detail: "lead_id"),
        ]))
        #expect(r.ingest.lineNumber == 6)
    }

    @Test func aLineSplitIntoSingleBytesIsOneEvent() {
        let r = Recorder()
        for byte in "\(Self.created)\n".utf8 { r.feed(String(decoding: [byte], as: UTF8.self)) }
        r.ingest.applyPending()
        #expect(r.appliedEvents.count == 1)
        #expect(r.ingest.lineNumber == 1)
    }

    @Test func crlfLinesAreAccepted() {
        let r = Recorder()
        r.feed("\(Self.created)\r\n\(Self.sent)\r\n\(Self.sync)\r\n")
        #expect(r.acks == [SyncAck(accepted: 2, rejected: 0)])
    }

    @Test func anOverLongLineIsOneRejectionAndLaterLinesStillCount() {
        let r = Recorder()
        let long = #"{"type":"lead_created","lead_id":""# + String(repeating: "x", count: 100) + #""}"#
        r.feed("\(long)\n\(Self.created)\n\(Self.sync)\n")
        #expect(r.acks == [SyncAck(accepted: 1, rejected: 1, errors: [
            .init(line: 1, reason: "line_too_long", detail: "longer than 64 bytes"),
        ])])
    }

    @Test func errorsKeepOnlyTheLastTwenty() {
        let r = Recorder()
        r.feed(String(repeating: "nope\n", count: 25) + Self.sync + "\n")
        let ack = r.acks.first
        #expect(ack?.rejected == 25)
        #expect(ack?.errors.count == 20)
        #expect(ack?.errors.first?.line == 6)
        #expect(ack?.errors.last?.line == 25)
    }

    @Test func endOfInputTakesTheUnfinishedLastLine() {
        let r = Recorder()
        r.feed("\(Self.created)\n\(Self.sync)")
        #expect(r.acks.isEmpty)
        r.finish()
        #expect(r.acks == [SyncAck(accepted: 1, rejected: 0)])
        #expect(r.appliedEvents.count == 1)
    }

    @Test func endOfInputAppliesAnUnterminatedEvent() {
        let r = Recorder()
        r.feed(Self.created)
        r.finish()
        #expect(r.appliedEvents.count == 1)
        #expect(r.acks.isEmpty)
    }

    @Test func eventsWithoutTimestampTakeTheReceiveTime() {
        let r = Recorder()
        r.feed("\(Self.created)\n", at: 42_000)
        r.ingest.applyPending()
        #expect(r.appliedEvents.first?.time == 42_000)
    }
}
