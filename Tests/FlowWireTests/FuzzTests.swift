import FlowTestKit
import FlowCore
import FlowWire
import Testing


/// Random and mutated input: the parser and framer must answer every one, never trap.
@Suite struct FuzzTests {
    static let seeds: [String] = ProtocolExampleTests.examples + [
        #"{"type":"sli","slo":"checkout_latency","good":true,"latency_ms":1e3}"#,
        #"{"type":"sync","x":[1,-2.5e-3,{"a":"\u00e9\ud83d\ude00"},[true,false,null]]}"#,
        #"{"type":"ai_request","provider":"p","model":"m","tokens_input":9223372036854775807,"ts":"2026-11-24T10:15:02.123+02:00"}"#,
    ]

    /// Bytes that make mutations likely to land on interesting grammar.
    static let alphabet = Array(#"{}[]":,\-+.0123456789eEtrufalsn ubdfnrtu"#.utf8) + [0x00, 0x0A, 0x0D, 0x80, 0xC3, 0xE2, 0xED, 0xF0, 0xFF]

    func mutate(_ line: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
        var bytes = line
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let anyByte = UInt8.random(in: 0...255, using: &rng)
            let interesting = Self.alphabet.randomElement(using: &rng) ?? 0
            let byte = Bool.random(using: &rng) ? anyByte : interesting
            let i = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !bytes.isEmpty: bytes[i] = byte
            case 1: bytes.insert(byte, at: i)
            case 2 where !bytes.isEmpty: bytes.remove(at: i)
            case 3: bytes = Array(bytes.prefix(i))
            case 4 where !bytes.isEmpty:
                let j = Int.random(in: i..<bytes.count, using: &rng)
                bytes.insert(contentsOf: bytes[i...j], at: j)
            default: bytes.append(byte)
            }
        }
        return bytes
    }

    @Test func mutatedValidLinesAlwaysGetAnAnswer() {
        var rng = SeededGenerator(seed: 0xF10)
        var outcomes: [String: Int] = [:]
        for n in 0..<30_000 {
            let line = mutate(Array(Self.seeds[n % Self.seeds.count].utf8), using: &rng)
            let result = parse(bytes: line)
            switch result {
            case .event: outcomes["event", default: 0] += 1
            case .blank: outcomes["blank", default: 0] += 1
            case .rejected(let r): outcomes[r.reason.rawValue, default: 0] += 1
            }
        }
        // Mutations must reach both sides of the parser, not just its first check.
        #expect(outcomes["event", default: 0] > 100)
        #expect(outcomes["invalid_json", default: 0] > 10_000)
        #expect(outcomes.count >= 5)
    }

    @Test func randomBytesAlwaysGetAnAnswer() {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...120, using: &rng)
            let line: [UInt8] = (0..<count).map { _ in
                Bool.random(using: &rng) ? UInt8.random(in: 0...255, using: &rng) : Self.alphabet.randomElement(using: &rng) ?? 0
            }
            let result = parse(bytes: line, receivedAt: Int64.random(in: .min ... .max, using: &rng))
            if case .event(let e) = result { #expect((1...128).contains(e.tenant.unicodeScalars.count)) }
        }
    }

    /// A random valid JSON value; nested at most `depth` more levels.
    func randomJSON(depth: Int, using rng: inout SeededGenerator) -> String {
        let scalars = ["0", "-0", "1.5e-7", "123456789012345678901234567890", "true", "false", "null", #""""#,
                       #""\u00e9\n\"\ud83d\ude00""#, #""ümlaut 中""#, "-1E+400", "2.0"]
        switch depth > 0 ? Int.random(in: 0..<4, using: &rng) : 0 {
        case 1:
            let items = (0..<Int.random(in: 0...3, using: &rng)).map { _ in randomJSON(depth: depth - 1, using: &rng) }
            return "[" + items.joined(separator: " , ") + "]"
        case 2:
            let members = (0..<Int.random(in: 0...3, using: &rng)).map { k in
                "\"k\(k)\":\t" + randomJSON(depth: depth - 1, using: &rng)
            }
            return "{" + members.joined(separator: ",") + "}"
        default:
            return scalars.randomElement(using: &rng) ?? "0"
        }
    }

    @Test func randomValidJSONIsNeverInvalidJSON() {
        var rng = SeededGenerator(seed: 7)
        for n in 0..<5_000 {
            let base = Self.seeds[n % Self.seeds.count].dropLast()
            let line = base + ",\"extra\(n)\": " + randomJSON(depth: 6, using: &rng) + " }"
            let result = parser.parse(String(line), receivedAt: now)
            if case .rejected(let r) = result { #expect(r.reason != .invalidJSON, "\(line)") }
        }
    }

    @Test func framerSplitsAnyChunkingTheSameWay() {
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<2_000 {
            let stream: [UInt8] = (0..<Int.random(in: 0...300, using: &rng)).map { _ in
                Int.random(in: 0..<8, using: &rng) == 0 ? ASCIIByte.newline : UInt8.random(in: 0...255, using: &rng)
            }
            let limit = Int.random(in: 0...40, using: &rng)
            var cuts = Set((0..<Int.random(in: 0...10, using: &rng)).map { _ in Int.random(in: 0...stream.count, using: &rng) })
            cuts.insert(stream.count)
            var chunks: [[UInt8]] = []
            var start = 0
            for cut in cuts.sorted() where cut >= start {
                chunks.append(Array(stream[start..<cut]))
                start = cut
            }
            #expect(framed(chunks, limit: limit) == framed([stream], limit: limit))
            #expect(framed(chunks, limit: limit) == reference(stream, limit: limit))
        }
    }

    func framed(_ chunks: [[UInt8]], limit: Int) -> [[UInt8]?] {
        var framer = LineFramer(maxLineLength: limit)
        var out: [[UInt8]?] = []
        let collect: (LineFramer.Piece) -> Void = { piece in
            switch piece {
            case .line(let bytes): out.append(Array(bytes))
            case .tooLong: out.append(nil)
            }
        }
        for chunk in chunks { chunk.withUnsafeBytes { framer.feed($0, collect) } }
        framer.finish(collect)
        return out
    }

    /// The framing rules written the obvious way: split, then judge each line.
    func reference(_ stream: [UInt8], limit: Int) -> [[UInt8]?] {
        var lines = stream.split(separator: ASCIIByte.newline, omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0.count > limit ? nil : $0 }
    }
}

enum ASCIIByte {
    static let newline = UInt8(ascii: "\n")
}
