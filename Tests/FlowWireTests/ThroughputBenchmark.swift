import FlowCore
import FlowWire
import Foundation
import Testing

/// A by-hand throughput check, off unless `FLOWTOP_BENCH=1`; it prints and asserts
/// nothing about time, so a slow or busy machine never fails the suite:
///
///     FLOWTOP_BENCH=1 swift test -c release --scratch-path .build-wire \
///         --filter ThroughputBenchmark
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["FLOWTOP_BENCH"] == "1"))
struct ThroughputBenchmark {
    /// The EVENTS.md examples plus an sli and a sync, as one stream. No rejected lines:
    /// under Swift Testing every thrown error captures a backtrace (its `swift_willThrow`
    /// hook), which a real server does not pay, so rejections would mismeasure here.
    static func stream(repeating times: Int) -> [UInt8] {
        let lines = ProtocolExampleTests.examples + [
            #"{"type":"sli","slo":"checkout_latency","good":true}"#,
            #"{"type":"sync"}"#,
        ]
        let block = Array(lines.map { $0 + "\n" }.joined().utf8)
        return Array((0..<times).map { _ in block }.joined())
    }

    @Test func framerAndParserLinesPerSecond() {
        let data = Self.stream(repeating: 100_000)
        let parser = WireParser(knownSLOs: ["checkout_latency"])
        var framer = LineFramer()
        var lines = 0
        var accepted = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            data.withUnsafeBytes { all in
                // 64 KiB reads, like the socket server, so tails are exercised too.
                var start = 0
                while start < all.count {
                    let end = min(start + 65_536, all.count)
                    framer.feed(UnsafeRawBufferPointer(rebasing: all[start..<end])) { piece in
                        lines += 1
                        if case .line(let line) = piece,
                            case .event = parser.parse(line, receivedAt: now)
                        {
                            accepted += 1
                        }
                    }
                    start = end
                }
            }
        }
        report("framer+parser", lines: lines, bytes: data.count, elapsed: elapsed)
        #expect(lines == 900_000)
        #expect(accepted == 900_000)
    }

    @Test func parserAloneOnEachExample() {
        let parser = WireParser(knownSLOs: [])
        for line in ProtocolExampleTests.examples {
            let bytes = Array(line.utf8)
            let n = 1_000_000
            var accepted = 0
            let elapsed = ContinuousClock().measure {
                bytes.withUnsafeBytes { raw in
                    for _ in 0..<n {
                        if case .event = parser.parse(raw, receivedAt: now) { accepted += 1 }
                    }
                }
            }
            report(String(line.dropFirst(9).prefix(while: { $0 != "\"" })), lines: n, bytes: bytes.count * n, elapsed: elapsed)
            #expect(accepted == n)
        }
    }

    func report(_ name: String, lines: Int, bytes: Int, elapsed: Duration) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let perSecond = Double(lines) / seconds
        let mbPerSecond = Double(bytes) / seconds / 1e6
        print("BENCH \(name): \(Int(perSecond)) lines/s, \(Int(mbPerSecond)) MB/s")
    }
}
