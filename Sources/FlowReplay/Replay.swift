import FlowCore
import FlowWire
import Foundation

/// Replays an NDJSON file through a fresh engine with event time as the clock: the
/// headless, deterministic path behind `flowtop report` and `flowtop snapshot`.
///
/// Events without `ts` take the time of the event before them (or, before any timed
/// event, of the first timed one; with none at all, `now`).
///
/// A replay applies the live acceptance rules (`EventHorizon`) against its own clock, so
/// one bad line cannot take the report with it: an event after `--now` (the report is
/// what stood at that time, in every report alike) or, without `--now`, more than 5
/// minutes ahead of the real time (history cannot come from the future) is
/// `ts_in_future`, and one older than the engine keeps, counted back from `--now` (without
/// it, from the latest event so far), is `ts_too_old`. Either is counted as rejected and
/// leaves the clock where it was.
///
/// ```swift
/// var replay = Replay(engine: Engine(), now: nil, realTime: WallClock().now())
/// try replay.feed(contentsOf: URL(fileURLWithPath: "events.ndjson"))
/// let snapshot = replay.snapshot(SnapshotQuery())
/// ```
public struct Replay {
    public private(set) var engine: Engine
    public let explicitNow: EpochMillis?
    /// Lines accepted, blank and rejected (by reason) so far.
    public private(set) var accepted: Int64 = 0
    public private(set) var rejected = RejectionCounts()
    /// The latest event time seen.
    public private(set) var lastEventTime: EpochMillis?
    /// The earliest time of an event applied (with `lastEventTime`, the span replayed).
    public private(set) var firstEventTime: EpochMillis?

    private let parser: WireParser
    /// The engine's acceptance rules, judged here against the replay's clock.
    private let horizon: EventHorizon
    /// Events stamped after this are `ts_in_future`: `--now` itself (nothing after the
    /// report's time counts), else the real time plus the live skew.
    private let latestAccepted: EpochMillis
    private var framer = LineFramer()
    private var batch: [Event] = []
    /// The engine's own thread while `feed(handle:)` reads a file; nil otherwise.
    private var applier: ReplayApplier?
    /// Events seen before the first one with a `ts`: they take its time.
    private var untimed: [Event] = []

    /// Parser "receive time" far in the past, so that an event whose time equals it had no `ts`.
    private static let noTimestamp: EpochMillis = Int64.min / 4
    private static let batchSize = 4096

    /// - Parameters:
    ///   - now: the time the report is made at (`--now`); nil for the latest event's time.
    ///   - realTime: the wall clock's now, the latest time an event may claim without `now`
    ///     (the caller reads the clock: this module keeps none).
    public init(engine: Engine = Engine(), now: EpochMillis?, realTime: EpochMillis) {
        self.engine = engine
        explicitNow = now
        horizon = EventHorizon(configuration: engine.configuration)
        latestAccepted = now ?? realTime.saturatingAdd(horizon.maxFutureSkewMillis)
        // With receive time at `noTimestamp` and no horizon, the parser accepts any real
        // timestamp; both time checks are made here, against the replay's clock.
        parser = WireParser(knownSLOs: engine.sloNames, horizon: .unbounded)
        batch.reserveCapacity(Replay.batchSize)
    }

    /// Reads a whole file (or `-` for standard input) through the engine.
    public mutating func feed(path: String) throws {
        let handle = try Replay.open(path)
        defer { if path != "-" { try? handle.close() } }
        try feed(handle: handle, path: path)
    }

    /// Opens the input `path` names (`-`: standard input), so a caller can find an
    /// unreadable file before it touches anything else (`flowtop import`, its data directory).
    public static func open(_ path: String) throws(ReplayError) -> FileHandle {
        if path == "-" { return FileHandle.standardInput }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ReplayError.readFailed(path, "it is a directory")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ReplayError.unreadable(path) }
        return handle
    }

    /// Reads `handle` to its end through the engine, then `finish()`es. A read that fails
    /// (a directory given as the file, an I/O error) is a `ReplayError`, not a crash.
    ///
    /// The engine applies on a thread of its own meanwhile (`ReplayApplier`), so reading
    /// and parsing overlap applying: two cores on one file. The result is the same as
    /// feeding the bytes in one thread: the batches reach the engine in order.
    public mutating func feed(handle: FileHandle, path: String = "-") throws(ReplayError) {
        var placeholder = Engine(configuration: EngineConfiguration(slos: []))
        swap(&placeholder, &engine)
        applier = ReplayApplier(engine: placeholder)
        while true {
            let chunk: Data
            do {
                guard let read = try handle.read(upToCount: 1 << 20), !read.isEmpty else { break }
                chunk = read
            } catch {
                takeEngineBack()
                throw ReplayError.readFailed(path, "\(error.localizedDescription)")
            }
            feed(chunk)
        }
        finish()
    }

    /// Every batch applied, the engine back from its thread.
    private mutating func takeEngineBack() {
        flush()
        guard let applier else { return }
        engine = applier.finish()
        self.applier = nil
    }

    /// Feeds raw bytes; lines may span chunks.
    public mutating func feed(_ bytes: Data) {
        bytes.withUnsafeBytes { buf in
            var framer = self.framer
            framer.feed(buf) { piece in self.take(piece) }
            self.framer = framer
        }
    }

    /// Ends the input: the last line without `\n`, the pending batch, and the rejection
    /// counts (handed to the engine once, so its counters match ours).
    public mutating func finish() {
        var framer = self.framer
        framer.finish { piece in self.take(piece) }
        self.framer = framer
        if !untimed.isEmpty {
            let t = explicitNow ?? lastEventTime ?? 0
            for var e in untimed {
                e.time = t
                batch.append(e)
            }
            untimed.removeAll()
            lastEventTime = max(lastEventTime ?? t, t)
            firstEventTime = min(firstEventTime ?? t, t)
        }
        takeEngineBack()
        if rejected.total > 0 { engine.recordRejections(rejected, receivedAt: now) }
    }

    /// The time a report is made at: `--now`, else the last event's time.
    public var now: EpochMillis { explicitNow ?? lastEventTime ?? 0 }

    /// Changes the engine between feeding and the snapshot (silences from a file).
    public mutating func withEngine<E: Error>(_ body: (inout Engine) throws(E) -> Void) throws(E) {
        try body(&engine)
    }

    public mutating func snapshot(_ query: SnapshotQuery) -> EngineSnapshot {
        engine.snapshot(query, now: now)
    }

    private mutating func take(_ piece: LineFramer.Piece) {
        switch piece {
        case .tooLong:
            rejected.add(.lineTooLong)
        case .line(let buf):
            switch parser.parse(buf, receivedAt: Replay.noTimestamp) {
            case .blank:
                break
            case .rejected(let r):
                rejected.add(r.reason)
            case .event(var event):
                if case .sync = event.body { return }
                if event.time == Replay.noTimestamp {
                    guard let last = lastEventTime else {
                        untimed.append(event)
                        accepted += 1
                        return
                    }
                    event.time = last
                } else if event.time > latestAccepted {
                    rejected.add(.tsInFuture)
                    return
                } else if let clock = explicitNow ?? lastEventTime,
                    let rejection = horizon.rejection(for: event, now: max(clock, event.time))
                {
                    rejected.add(rejection.reason)
                    return
                }
                accepted += 1
                if lastEventTime == nil, !untimed.isEmpty {
                    for var e in untimed {
                        e.time = event.time
                        batch.append(e)
                    }
                    untimed.removeAll()
                }
                lastEventTime = max(lastEventTime ?? event.time, event.time)
                firstEventTime = min(firstEventTime ?? event.time, event.time)
                batch.append(event)
                if batch.count >= Replay.batchSize { flush() }
            }
        }
    }

    private mutating func flush() {
        guard !batch.isEmpty else { return }
        if let applier {
            var full: [Event] = []
            swap(&full, &batch)   // the engine's thread owns the buffer alone
            batch = applier.submit(full, receivedAt: lastEventTime ?? 0)
            return
        }
        engine.apply(batch, receivedAt: lastEventTime ?? 0)
        batch.removeAll(keepingCapacity: true)
    }
}

public enum ReplayError: Error, CustomStringConvertible {
    case unreadable(String)
    case readFailed(String, String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read input file \(path): no such file or not readable"
        case .readFailed(let path, let why): "cannot read input file \(path): \(why)"
        }
    }
}
