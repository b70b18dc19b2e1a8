import FlowCore
import FlowWire

/// The ingest hot path driven by arbitrary bytes: what the libFuzzer target
/// (`Sources/flowtop-fuzz`, `scripts/fuzz.sh`) calls for each input, and what the unit
/// test that replays the seed corpus and every saved crasher calls for each file
/// (`Tests/FlowWireTests/FuzzCorpusTests.swift`).
///
/// Why one function for both: a crash the fuzzer finds is saved as a file and replayed by
/// `swift test` through exactly the same steps, so once fixed it stays fixed.
///
/// The bytes are treated as a stream a client wrote to the socket: `LineFramer` frames
/// them in two or three chunks (cut where the input's hash says, so lines straddle chunks
/// and the unfinished-tail path runs), `WireParser` parses each line against the built-in
/// SLOs (with and without a connection's `LabelCache`, which must agree), and a small
/// `Engine` applies the accepted events one batch per chunk, each chunk at its own receive
/// time. A snapshot after the first chunk and another at the end (funnel and attribution
/// included), plus the `/metrics` export, read the result. Every choice a run makes comes
/// from `FuzzRunShape`, a pure function of the bytes, so a run is reproducible from its
/// input file alone.
///
/// ```swift
/// bytes.withUnsafeBytes { HotPathFuzzing.run($0) }
/// ```
public enum HotPathFuzzing {
    /// What became of the input's lines, so tests can check that a seed reaches the engine
    /// rather than stopping at the parser.
    public struct Outcome: Sendable, Equatable {
        /// Lines handed out by the framer, over-long ones included.
        public var lines = 0
        public var accepted = 0
        public var rejected = 0
        public var blank = 0
        /// SLO statuses in the final snapshot and SLOs in the metrics export: proof that
        /// both were taken (and something the optimizer cannot drop).
        public var snapshotSLOs = 0
        public var exportedSLOs = 0

        public init() {}
    }

    /// Runs the whole path over `bytes` once. Traps (and so reports to libFuzzer) only when
    /// the code under test does; the harness's own arithmetic cannot overflow.
    @discardableResult
    public static func run(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        let shape = FuzzRunShape(bytes)
        var engine = Engine(configuration: shape.configuration)
        // The engine's own horizon, as the socket server uses it (`ts_too_old` by its windows).
        let parser = WireParser(knownSLOs: engine.sloNames, horizon: engine.horizon)
        var framer = LineFramer(maxLineLength: shape.maxLineLength)
        // One per run, as the socket server keeps one per connection.
        let labels = LabelCache()
        var outcome = Outcome()

        for (index, chunk) in shape.chunks.enumerated() {
            let receivedAt = shape.clocks[index]
            var batch: [Event] = []
            var rejections = RejectionCounts()
            func take(_ piece: LineFramer.Piece) {
                outcome.lines += 1
                switch piece {
                case .tooLong:
                    rejections.add(.lineTooLong)
                    outcome.rejected += 1
                case .line(let line):
                    switch parseBothWays(line, parser: parser, labels: labels, receivedAt: receivedAt) {
                    case .event(let event):
                        batch.append(event)
                        outcome.accepted += 1
                    case .blank:
                        outcome.blank += 1
                    case .rejected(let rejection):
                        rejections.add(rejection.reason)
                        outcome.rejected += 1
                    }
                }
            }
            framer.feed(UnsafeRawBufferPointer(rebasing: bytes[chunk])) { take($0) }
            if index == shape.chunks.count - 1 { framer.finish { take($0) } }

            engine.apply(batch, receivedAt: receivedAt)
            engine.recordRejections(rejections, receivedAt: receivedAt)
            // A snapshot between batches fills the analysis caches and the alert clock, so
            // the later batches meet them (late events, cached funnel).
            if index == 0 { _ = engine.snapshot(shape.query, now: receivedAt) }
        }

        let snapshot = engine.snapshot(shape.query, now: shape.snapshotAt)
        let export = engine.metrics(now: shape.snapshotAt)
        outcome.snapshotSLOs = snapshot.slos.count
        outcome.exportedSLOs = export.slos.count
        return outcome
    }

    /// Parses `line` from a copy of exactly its length, without and with the connection's
    /// label cache, and traps when the two results differ.
    ///
    /// Why a copy: the scanner, the key match and the label cache load 8-byte words, and
    /// within the input a read past a line's end lands in the next line, where
    /// AddressSanitizer cannot see it; past the copy it lands in a redzone. Why both ways:
    /// the socket parses through the cache, and `WireParser.parse` promises the same result
    /// either way.
    static func parseBothWays(_ line: UnsafeRawBufferPointer, parser: WireParser, labels: LabelCache,
                              receivedAt: EpochMillis) -> ParseResult {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(line.count, 1), alignment: 1)
        defer { copy.deallocate() }
        copy.copyMemory(from: line)
        let exact = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(copy)[0..<line.count])
        let plain = parser.parse(exact, receivedAt: receivedAt)
        let cached = parser.parse(exact, receivedAt: receivedAt, labels: labels)
        precondition(plain == cached, "the label cache changed the result of a line")
        return plain
    }
}
