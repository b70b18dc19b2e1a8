import FlowCore
import FlowStore
import FlowTestKit
import Testing

/// Bad input to the state decoder: every truncation throws, and thousands of random
/// mutations of a valid encoding either throw or decode, never trap, hang or exhaust
/// memory (each length is checked against the bytes left).
@Suite struct StateCodecFuzzTests {
    /// One random change: a byte replaced, bits flipped, bytes dropped, inserted or
    /// repeated, or a run set to 0xff (the largest varints and counts).
    static func mutate(_ bytes: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        guard !bytes.isEmpty else { return [UInt8.random(in: 0...255, using: &rng)] }
        let at = Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
        case 1: bytes[at] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
        case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &rng)))
        case 3: bytes.insert(contentsOf: (0..<Int.random(in: 1...8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at)
        case 4: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 32)], at: at)
        default:
            for i in at..<min(bytes.count, at + Int.random(in: 1...10, using: &rng)) { bytes[i] = 0xff }
        }
        return bytes
    }

    @Test func everyTruncationThrows() throws {
        let bytes = try StateEncoder.encode(Sample())
        for length in 0..<bytes.count {
            #expect(throws: DecodingError.self) { try StateDecoder.decode(Sample.self, from: Array(bytes.prefix(length))) }
        }
    }

    @Test func randomMutationsThrowOrDecode() throws {
        let valid = try StateEncoder.encode(Sample())
        var rng = SeededGenerator(seed: 14)
        var decoded = 0
        for _ in 0..<5_000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...3, using: &rng) { bytes = Self.mutate(bytes, using: &rng) }
            if (try? StateDecoder.decode(Sample.self, from: bytes)) != nil { decoded += 1 }
        }
        // Most mutations land in a string, a number or a raw array and still decode.
        #expect(decoded > 0 && decoded < 5_000)
    }

    @Test func garbageThrowsOrDecodes() {
        var rng = SeededGenerator(seed: 15)
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0..<64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = try? StateDecoder.decode(Sample.self, from: bytes)
            _ = try? StateDecoder.decode([Shape: [Double]].self, from: bytes)
            _ = try? StateDecoder.decode([[String?]].self, from: bytes)
        }
    }

    /// A forged count as large as a varint holds is refused before anything is allocated.
    @Test func hugeCountsAreRefused() {
        let huge: [UInt8] = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]
        #expect(throws: DecodingError.self) { try StateDecoder.decode([Int64].self, from: huge) }
        #expect(throws: DecodingError.self) { try StateDecoder.decode([String].self, from: huge) }
        #expect(throws: DecodingError.self) { try StateDecoder.decode(String.self, from: huge) }
        #expect(throws: DecodingError.self) { try StateDecoder.decode([Int: Int].self, from: huge + [0]) }
        // Eleven continuation bytes: longer than any 64-bit varint.
        #expect(throws: DecodingError.self) { try StateDecoder.decode([UInt8].self, from: Array(repeating: 0x80, count: 11) + [0]) }
    }

    /// The engine's own encoding, mutated: its hand-written decoders (rings) check the
    /// shapes their arithmetic relies on. Fewer rounds: each decode reads about 1 MB.
    @Test func mutatedEnginesThrowOrDecode() throws {
        var engine = Engine(configuration: EngineConfiguration(maxSeriesPerSLO: 4, maxLeads: 10))
        engine.apply(EngineWorkload.smallBatch(at: TestTime.start), receivedAt: TestTime.start)
        let valid = try StateEncoder.encode(engine)
        var rng = SeededGenerator(seed: 16)
        for _ in 0..<150 {
            _ = try? StateDecoder.decode(Engine.self, from: Self.mutate(valid, using: &rng))
        }
    }
}
