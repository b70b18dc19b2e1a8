import FlowCore
import FlowTestKit
import Testing
@testable import FlowStore

@Suite struct EntryCodecTests {
    let t = TestTime.start

    @Test func everyEventKindRoundTrips() throws {
        let events: [Event] = [
            EventBuilder.leadCreated("L-1", source: "whatsapp", tenant: "acme", at: t),
            EventBuilder.stage("L-1", .won, revenue: 4800, at: t - 60_000),
            EventBuilder.touch("L-1", channel: "email", cost: 0.02, aiAssisted: true, feature: "lead_scoring", at: t),
            Event(time: t, body: .touchpoint(Touchpoint(leadID: "L-2", channel: "call", touchType: "demo"))),
            EventBuilder.aiLatency(840, at: t),
            EventBuilder.aiLatency(12, model: nil, at: t),
            Event(time: t, body: .aiRequest(AIRequest(provider: "openai", model: "gpt-4o", scenario: "chat_completion",
                                                      tokensInput: 512, tokensOutput: 128, costUSD: 0.0041,
                                                      durationSeconds: 0.84, success: false))),
            EventBuilder.aiRequest(at: t),
            EventBuilder.messageProcessing(95, success: false, at: t),
            EventBuilder.messageProcessing(95, channel: nil, at: t),
            EventBuilder.messageSent(at: t),
            EventBuilder.sli("checkout", good: true, at: t),
            EventBuilder.sli("checkout", good: false, at: t),
            EventBuilder.sli("checkout", latencyMs: 310, at: t),
            EventBuilder.sli("checkout", at: t),
            Event(time: t + 5_000, tenant: "acme", body: .sync),
        ]
        var rejected = RejectionCounts()
        rejected.add(.missingField, 3)
        rejected.add(.tsTooOld)
        let batch = JournalEntry.batch(events: events, rejected: rejected, receivedAt: t)
        #expect(try roundTrip(batch) == batch)
    }

    @Test func everyEntryKindRoundTrips() throws {
        let silence = Silence(id: "silence-3", matchers: [LabelMatcher("alertname", .equal, "AICostHigh"),
                                                          LabelMatcher("team", .notRegex, "rev.*"),
                                                          LabelMatcher("a", .notEqual, ""), LabelMatcher("b", .regex, ".")],
                              start: t, end: t + TestTime.hours(2), author: "ana", comment: "deploy window")
        let entries: [JournalEntry] = [
            .batch(events: [], rejected: RejectionCounts(), receivedAt: t),
            .advance(to: t),
            .advance(to: -1),
            .addSilence(silence, at: t),
            .expireSilence(id: "silence-3", at: t + 1),
            .acknowledge(fingerprint: "9c3f0a1b2c3d4e5f", by: "ana", at: t),
            .unacknowledge(fingerprint: "9c3f0a1b2c3d4e5f"),
        ]
        for entry in entries { #expect(try roundTrip(entry) == entry) }
    }

    @Test func randomEntriesRoundTrip() throws {
        var generator = EntryGenerator(seed: 14)
        for _ in 0..<2_000 {
            let entry = generator.entry()
            #expect(try roundTrip(entry) == entry)
        }
    }

    /// A batch of one event with no rejections costs a few bytes beyond its strings, and
    /// an event whose labels came before in the entry a byte a label.
    @Test func aTypicalEventIsCompact() {
        let event = EventBuilder.aiLatency(840, tenant: "acme", at: t - 2_000)
        var one = BinaryWriter()
        EntryCodec.encode(.batch(events: [event], rejected: RejectionCounts(), receivedAt: t), into: &one)
        // kind, receivedAt (6), no rejections, 1 event: kind, flags, time (2), new "acme" (6), f64, new "gpt-4o" (8)
        #expect(one.count == 1 + 6 + 1 + 1 + 1 + 1 + 2 + 6 + 8 + 8)
        var two = BinaryWriter()
        EntryCodec.encode(.batch(events: [event, event], rejected: RejectionCounts(), receivedAt: t), into: &two)
        // the second: kind, flags, time (2), label 1, f64, label 2
        #expect(two.count - one.count == 1 + 1 + 2 + 1 + 8 + 1)
    }

    /// Truncations and flipped bytes of valid entries throw or decode to something else;
    /// they never trap or read past the end.
    @Test func damagedBytesNeverTrap() {
        var generator = EntryGenerator(seed: 99)
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            var w = BinaryWriter()
            EntryCodec.encode(generator.entry(), into: &w)
            let bytes = w.withBytes { Array($0) }
            for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 16)) {
                _ = try? decode(Array(bytes[..<cut]))
            }
            for _ in 0..<8 {
                var damaged = bytes
                let at = Int.random(in: 0..<damaged.count, using: &rng)
                damaged[at] ^= UInt8.random(in: 1...255, using: &rng)
                _ = try? decode(damaged)
            }
        }
        for _ in 0..<2_000 {
            let noise = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = try? decode(noise)
        }
    }

    @Test func aCountLargerThanTheBytesLeftIsRefusedBeforeAllocating() {
        // batch, receivedAt 0, no rejections, 2^62 events.
        #expect(throws: DecodeError.self) { try decode([1, 0, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40]) }
    }

    @Test func anUnknownReasonOrKindIsAnError() {
        #expect(throws: DecodeError.self) { try decode([42]) }
        // batch, receivedAt 0, one rejection "nope" x1, no events.
        #expect(throws: DecodeError.self) { try decode([1, 0, 1, 4] + Array("nope".utf8) + [2, 0]) }
    }

    private func decode(_ bytes: [UInt8]) throws -> JournalEntry {
        try bytes.withUnsafeBytes { raw in Result { () throws(DecodeError) in try EntryCodec.decode(raw) } }.get()
    }
}
