import FlowCore
import FlowTestKit
import Foundation
import Testing
@testable import FlowStore

/// Batches write their labels through a table of the entry's own (journal format 2), and
/// a journal of format 1 still reads and is continued without mixing the formats.
@Suite struct LabelTableTests {
    let t = TestTime.start

    private func encode(_ entry: JournalEntry) -> [UInt8] {
        var w = BinaryWriter()
        EntryCodec.encode(entry, into: &w)
        return w.withBytes { Array($0) }
    }

    private func decode(_ bytes: [UInt8]) throws -> JournalEntry {
        try bytes.withUnsafeBytes { raw in Result { () throws(DecodeError) in try EntryCodec.decode(raw) } }.get()
    }

    /// A thousand events of five tenants and two models: each label's text is in the
    /// entry once, and the events come back as they went in.
    @Test func aRepeatedLabelIsWrittenOncePerEntry() throws {
        let tenants = (0..<5).map { "tenant-\($0)" }
        let models = ["claude-3-5-sonnet-20241022", "gpt-4o"]   // one too long to live inline in a String
        let events = (0..<1_000).map { i in
            EventBuilder.aiLatency(Double(i), model: models[i % 2], tenant: tenants[i % 5], at: t - Int64(i))
        }
        let entry = JournalEntry.batch(events: events, rejected: RejectionCounts(), receivedAt: t)
        let bytes = encode(entry)
        #expect(try decode(bytes) == entry)
        for label in tenants + models {
            let text = Array(label.utf8)
            let occurrences = (0...(bytes.count - text.count)).filter { Array(bytes[$0..<$0 + text.count]) == text }
            #expect(occurrences.count == 1, "\(label)")
        }
    }

    /// 150 labels in 256 slots share slots many times over (small strings, so the same
    /// slots on every run); each is still written once, then referred to.
    @Test func labelsThatShareASlotAreEachWrittenOnce() throws {
        let tenants = (0..<150).map { "tenant-\(1_000 + $0)" }
        let events = (0..<600).map { i in
            EventBuilder.aiLatency(Double(i), model: "gpt-4o", tenant: tenants[(i * 7) % 150], at: t)
        }
        let entry = JournalEntry.batch(events: events, rejected: RejectionCounts(), receivedAt: t)
        let bytes = encode(entry)
        #expect(try decode(bytes) == entry)
        for label in tenants {
            let text = Array(label.utf8)
            let occurrences = (0...(bytes.count - text.count)).filter { Array(bytes[$0..<$0 + text.count]) == text }
            #expect(occurrences.count == 1, "\(label)")
        }
    }

    /// Equal texts in different buffers, more distinct labels than the encoder has slots,
    /// and labels that collide in its slots all read back as written.
    @Test func anyMixOfLabelsReadsBack() throws {
        var rng = SeededGenerator(seed: 3)
        let long = String(repeating: "model-with-a-long-name-", count: 2)
        var events: [Event] = []
        for i in 0..<3_000 {
            // A fresh buffer each time for the long text: the same label, other words.
            let model = i % 3 == 0 ? String(decoding: Array(long.utf8), as: UTF8.self) : "m\(Int.random(in: 0..<700, using: &rng))"
            events.append(Event(time: t, tenant: "t\(Int.random(in: 0..<400, using: &rng))",
                                body: .aiRequest(AIRequest(provider: "openai", model: model, scenario: i % 2 == 0 ? nil : "chat",
                                                           tokensInput: 1, tokensOutput: 2, costUSD: 0.1,
                                                           durationSeconds: 0.5, success: true))))
        }
        let entry = JournalEntry.batch(events: events, rejected: RejectionCounts(), receivedAt: t)
        #expect(try decode(encode(entry)) == entry)
        // Two entries through one encoder: the second defines its labels again.
        var labels = LabelEncoder()
        var w = BinaryWriter()
        let small = JournalEntry.batch(events: Array(events.prefix(3)), rejected: RejectionCounts(), receivedAt: t)
        EntryCodec.encode(small, into: &w, labels: &labels)
        let first = w.count
        EntryCodec.encode(small, into: &w, labels: &labels)
        let second = w.withBytes(from: first, count: w.count - first) { Array($0) }
        #expect(second.count == first)
        #expect(try decode(second) == small)
    }

    /// A label number the entry has not defined is damage, reported where it is.
    @Test func aLabelNotYetDefinedIsAnError() throws {
        var w = BinaryWriter()
        w.u8(EntryCodec.Kind.labelledBatch.rawValue)
        w.signedVarint(t)
        w.varint(0)      // no rejections
        w.varint(1)      // one event
        w.u8(EventCodec.Kind.sync.rawValue)
        w.u8(0)
        w.signedVarint(0)
        w.varint(1)      // the tenant: label 1, of none
        let bytes = w.withBytes { Array($0) }
        let error = #expect(throws: DecodeError.self) { try decode(bytes) }
        #expect(error?.offset == bytes.count - 1)
        #expect(error?.reason.contains("label 1") == true)
    }

    /// Format 1, written out by hand as its documentation gives it: labels as strings.
    private func formatOneBatch() -> (bytes: [UInt8], entry: JournalEntry) {
        var w = BinaryWriter()
        w.u8(1)                                  // batch
        w.signedVarint(t)
        w.varint(0)                              // no rejections
        w.varint(3)
        w.u8(4); w.u8(1); w.signedVarint(-2_000) // ai_response_latency with a model
        w.string("acme"); w.f64(840); w.string("gpt-4o")
        w.u8(3); w.u8(7); w.signedVarint(0)      // touchpoint, touch type, feature, AI-assisted
        w.string("acme"); w.string("L-1"); w.string("email"); w.string("demo"); w.string("lead_scoring"); w.f64(0.02)
        w.u8(8); w.u8(0); w.signedVarint(0)      // sli, no good, no latency
        w.string("acme"); w.string("checkout")
        let events = [
            Event(time: t - 2_000, tenant: "acme", body: .aiResponseLatency(latencyMs: 840, model: "gpt-4o")),
            Event(time: t, tenant: "acme", body: .touchpoint(Touchpoint(leadID: "L-1", channel: "email", touchType: "demo",
                                                                        featureUsed: "lead_scoring", aiAssisted: true, cost: 0.02))),
            Event(time: t, tenant: "acme", body: .sli(slo: "checkout", good: nil, latencyMs: nil)),
        ]
        return (w.withBytes { Array($0) }, .batch(events: events, rejected: RejectionCounts(), receivedAt: t))
    }

    @Test func aFormatOneBatchStillDecodes() throws {
        let (bytes, entry) = formatOneBatch()
        #expect(try decode(bytes) == entry)
    }

    /// A segment of format 1 holding `entries`, framed as `JournalFormat` says.
    private func writeFormatOneSegment(_ path: String, entries: [[UInt8]]) throws {
        var payload: [UInt8] = []
        for entry in entries {
            withUnsafeBytes(of: UInt32(entry.count).littleEndian) { payload += $0 }
            payload += entry
        }
        var header = JournalFormat.header(start: 0)
        header[8] = 1
        var file = header
        if !payload.isEmpty {
            withUnsafeBytes(of: UInt32(payload.count).littleEndian) { file += $0 }
            withUnsafeBytes(of: CRC32C.checksum(payload).littleEndian) { file += $0 }
            file += payload
        }
        try Data(file).write(to: URL(fileURLWithPath: path))
    }

    /// An upgrade: the old segment is read, left as it was, and appends go to a new
    /// segment of this format named for the position where the old one ends.
    @Test func aFormatOneJournalIsReadAndContinuedInANewSegment() throws {
        try withTemporaryDirectory { dir in
            let (batch, entry) = formatOneBatch()
            let path = dir + "/" + JournalFormat.segmentName(start: 0)
            try writeFormatOneSegment(path, entries: [batch, encode(.advance(to: t))])
            let original = try Data(contentsOf: URL(fileURLWithPath: path))
            let later = JournalEntry.batch(events: [EventBuilder.aiLatency(12, at: t + 1_000)], rejected: RejectionCounts(),
                                           receivedAt: t + 1_000)
            do {
                let (journal, recovery) = try Journal.open(directory: dir, options: testOptions())
                let end = UInt64(2 * JournalFormat.entryHeaderSize + batch.count + encode(.advance(to: t)).count)
                #expect(recovery.end == JournalPosition(end))
                #expect(try replay(journal).0 == [entry, .advance(to: t)])
                _ = journal.append(later)
                journal.close()
                let paths = try segmentPaths(dir)
                #expect(paths == [path, dir + "/" + JournalFormat.segmentName(start: end)])
                #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
                let newHeader = try Data(contentsOf: URL(fileURLWithPath: paths[1])).prefix(JournalFormat.headerSize)
                #expect(newHeader.elementsEqual(JournalFormat.header(start: end)))
                #expect(paths.map(StoreInfo.segmentFormat) == [1, JournalFormat.version])
            }
            let (journal, recovery) = try Journal.open(directory: dir, options: testOptions())
            defer { journal.close() }
            #expect(recovery.corruption == nil && recovery.tornRecords == 0)
            #expect(try replay(journal).0 == [entry, .advance(to: t), later])
        }
    }

    /// A format 1 segment with no entry yet is replaced by one of this format.
    @Test func anEmptyFormatOneSegmentIsReplaced() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/" + JournalFormat.segmentName(start: 0)
            try writeFormatOneSegment(path, entries: [])
            let (journal, _) = try Journal.open(directory: dir, options: testOptions())
            _ = journal.append(.advance(to: t))
            journal.close()
            #expect(try segmentPaths(dir) == [path])
            let header = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(JournalFormat.headerSize)
            #expect(header.elementsEqual(JournalFormat.header(start: 0)))
            let (reopened, _) = try Journal.open(directory: dir, options: testOptions())
            defer { reopened.close() }
            #expect(try replay(reopened).0 == [.advance(to: t)])
        }
    }
}
