import FlowCore
import FlowTestKit
@testable import FlowStore

/// Random entries of every kind, every optional field both set and unset, from a seed.
struct EntryGenerator {
    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func word() -> String {
        let words = ["acme", "default", "L-1042", "whatsapp", "gpt-4o", "openai", "ünïcødé ✓", "", "a\"b\\c",
                     String(repeating: "x", count: 300)]
        return words[Int.random(in: 0..<words.count, using: &rng)]
    }

    mutating func maybe<T>(_ make: (inout EntryGenerator) -> T) -> T? {
        Bool.random(using: &rng) ? make(&self) : nil
    }

    mutating func double() -> Double {
        let special: [Double] = [0, -0.0, 840, 0.0041, 1e300, .greatestFiniteMagnitude, 4800]
        return Bool.random(using: &rng) ? special[Int.random(in: 0..<special.count, using: &rng)]
            : Double.random(in: 0...10_000, using: &rng)
    }

    mutating func body(kind: Int) -> EventBody {
        switch kind {
        case 0: return .leadCreated(leadID: word(), source: word())
        case 1: return .leadStage(leadID: word(), stage: Stage.allCases.randomElement(using: &rng) ?? .won, revenue: double())
        case 2:
            return .touchpoint(Touchpoint(leadID: word(), channel: word(), touchType: maybe { $0.word() },
                                          featureUsed: maybe { $0.word() }, aiAssisted: Bool.random(using: &rng),
                                          cost: double()))
        case 3: return .aiResponseLatency(latencyMs: double(), model: maybe { $0.word() })
        case 4:
            return .aiRequest(AIRequest(provider: word(), model: word(), scenario: maybe { $0.word() },
                                        tokensInput: Int64.random(in: 0...Int64.max, using: &rng),
                                        tokensOutput: Int64.random(in: -5...100_000, using: &rng),
                                        costUSD: double(), durationSeconds: double(), success: Bool.random(using: &rng)))
        case 5:
            return .messageProcessingLatency(latencyMs: double(), success: Bool.random(using: &rng), channel: maybe { $0.word() })
        case 6: return .messageSent(channel: word(), messageType: word())
        case 7: return .sli(slo: word(), good: maybe { Bool.random(using: &$0.rng) }, latencyMs: maybe { $0.double() })
        default: return .sync
        }
    }

    static let eventKinds = 9

    mutating func event(receivedAt: EpochMillis) -> Event {
        let time = Bool.random(using: &rng) ? receivedAt - Int64.random(in: 0...86_400_000, using: &rng)
            : Int64.random(in: Int64.min...Int64.max, using: &rng)
        return Event(time: time, tenant: word(), body: body(kind: Int.random(in: 0..<Self.eventKinds, using: &rng)))
    }

    mutating func rejections() -> RejectionCounts {
        var counts = RejectionCounts()
        for reason in RejectReason.allCases where Int.random(in: 0..<3, using: &rng) == 0 {
            counts.add(reason, Int64.random(in: 1...1_000_000, using: &rng))
        }
        return counts
    }

    mutating func silence() -> Silence {
        let matchers = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
            LabelMatcher(word(), MatchOperator.allCases.randomElement(using: &rng) ?? .equal, word())
        }
        return Silence(id: "silence-\(Int.random(in: 1...99, using: &rng))", matchers: matchers,
                       start: TestTime.start, end: TestTime.start + TestTime.hours(2), author: word(), comment: word())
    }

    mutating func entry() -> JournalEntry {
        let at = TestTime.start + Int64.random(in: 0...TestTime.days(30), using: &rng)
        switch Int.random(in: 0..<8, using: &rng) {
        case 0, 1, 2:
            let events = (0..<Int.random(in: 0...20, using: &rng)).map { _ in event(receivedAt: at) }
            return .batch(events: events, rejected: rejections(), receivedAt: at)
        case 3: return .advance(to: at)
        case 4: return .addSilence(silence(), at: at)
        case 5: return .expireSilence(id: word(), at: at)
        case 6: return .acknowledge(fingerprint: word(), by: word(), at: at)
        default: return .unacknowledge(fingerprint: word())
        }
    }
}

/// Encodes and decodes `entry` with the journal's codec.
func roundTrip(_ entry: JournalEntry) throws -> JournalEntry {
    var w = BinaryWriter()
    EntryCodec.encode(entry, into: &w)
    return try w.withBytes { bytes in Result { () throws(DecodeError) in try EntryCodec.decode(bytes) } }.get()
}
