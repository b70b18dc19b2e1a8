import FlowCore
import FlowWire

/// The demo's bytes taken in as the socket server takes them: framed into lines, parsed by
/// `WireParser` against the engine's own horizon (`ts_too_old`, `ts_in_future` judged at the
/// receive time) and applied to a fresh engine one chunk at a time. Counts what was
/// accepted and rejected, so a test can say the demo writes only lines a real flowtop takes.
///
/// ```swift
/// var ingest = DemoIngest()
/// ingest.feed(bytes, receivedAt: t)
/// #expect(ingest.rejected.total == 0)
/// let snapshot = ingest.snapshot(SnapshotQuery())   // as of the last receive time
/// ```
struct DemoIngest {
    private(set) var engine = Engine()
    private(set) var accepted: Int64 = 0
    private(set) var rejected = RejectionCounts()
    /// The latest receive time: the time a snapshot is taken at.
    private(set) var now: EpochMillis = 0

    /// Takes one chunk of whole lines, received at `receivedAt`.
    mutating func feed(_ bytes: [UInt8], receivedAt: EpochMillis) {
        let parser = WireParser(knownSLOs: engine.sloNames, horizon: engine.horizon)
        var framer = LineFramer()
        var batch: [Event] = []
        var rejections = RejectionCounts()
        func take(_ piece: LineFramer.Piece) {
            switch piece {
            case .tooLong:
                rejections.add(.lineTooLong)
            case .line(let line):
                switch parser.parse(line, receivedAt: receivedAt) {
                case .event(let event): batch.append(event)
                case .blank: break
                case .rejected(let rejection): rejections.add(rejection.reason)
                }
            }
        }
        bytes.withUnsafeBytes { framer.feed($0) { take($0) } }
        framer.finish { take($0) }
        accepted += Int64(batch.count)
        rejected.add(rejections)
        engine.apply(batch, receivedAt: receivedAt)
        engine.recordRejections(rejections, receivedAt: receivedAt)
        now = max(now, receivedAt)
    }

    mutating func snapshot(_ query: SnapshotQuery) -> EngineSnapshot {
        engine.snapshot(query, now: now)
    }
}
