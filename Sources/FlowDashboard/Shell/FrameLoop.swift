import FlowCore
import TerminalUI

/// The dashboard's frame loop as a state machine: it decides when to ask for a snapshot,
/// which keys become engine commands, and when to draw, and does none of it itself.
///
/// Why this shape: the loop used to keep its state in eight locals beside a real terminal,
/// a snapshot thread and `Date()`, so no test could reach it. Here every input is an
/// `Input` and every effect an `Output`; time is the `at:` of each tick, read by the
/// driver (`FrameDriver`) from an injected clock. Tests step it with made-up keys,
/// snapshots and times and read the frames it draws, with no terminal and no sleeping.
///
/// The rules it keeps (idle cost: one snapshot a second and no frame):
/// - a snapshot is asked for when the query changed, after a key that changes the engine
///   or asks for fresh data (`.refresh`), and, unless paused, when the engine's clock's
///   second changed since the last request, or its version did and the last request is
///   `frameInterval` old (frames come no faster, so under heavy ingest, when the version
///   moves every millisecond, snapshots back to back only took cores from ingest);
/// - a frame is drawn only when something changed (a snapshot arrived, a key redrew, the
///   size changed), and at most one every `frameInterval` milliseconds;
/// - the first frame waits up to `firstFrameWait` for the first snapshot, rather than
///   drawing empty panes an instant before the data lands.
///
/// ```swift
/// var loop = FrameLoop(context: context, size: screen.size, startedAt: clock.now())
/// let engine = FrameLoop.EngineTick(version: 7, now: engineNow)
/// loop.step(.tick(engine, at: clock.now(), snapshotInFlight: false))   // [.requestSnapshot(query)]
/// loop.step(.snapshot(snapshot))                                         // []
/// loop.step(.key(.char("?")))                                            // []: help is open
/// loop.step(.tick(engine, at: clock.now(), snapshotInFlight: false))   // [.draw(grid)]
/// ```
public struct FrameLoop: Sendable {
    /// What the engine says at a tick: its change counter and its clock's time.
    public struct EngineTick: Sendable, Hashable {
        /// Bumped by the engine on every change (`EngineHost.version`).
        public var version: UInt64
        /// The engine clock's now; a new second asks for a snapshot (ages and windows move).
        public var now: EpochMillis

        public init(version: UInt64, now: EpochMillis) {
            self.version = version
            self.now = now
        }
    }

    /// Something that happened, as the driver tells it.
    public enum Input: Sendable {
        /// The snapshot asked for last finished.
        case snapshot(EngineSnapshot)
        /// A key was read.
        case key(Key)
        /// The engine carried out a command this loop asked for (`.execute`).
        case outcome(DashboardCommand, CommandOutcome)
        /// The screen has this size now.
        case resize(GridSize)
        /// Where the data comes from changed (attached, unreachable, viewers attached).
        case link(LinkBadge?)
        /// One turn of the loop at `at` (milliseconds of the driver's clock);
        /// `snapshotInFlight` says whether a snapshot is asked for or being taken.
        case tick(EngineTick, at: EpochMillis, snapshotInFlight: Bool)
    }

    /// What the driver must do, in order.
    public enum Output: Sendable, Equatable {
        /// Ask for a snapshot of this query (it arrives later as `.snapshot`).
        case requestSnapshot(SnapshotQuery)
        /// Carry out this command on the engine and answer with `.outcome`.
        case execute(DashboardCommand)
        /// Show this frame.
        case draw(CellGrid)
        /// Leave the dashboard.
        case quit
    }

    /// The shortest time between two frames (10 frames a second at most).
    public static let frameInterval: EpochMillis = 100
    /// How long the first frame waits for the first snapshot before drawing empty panes.
    public static let firstFrameWait: EpochMillis = 500

    /// What is focused, selected, filtered and open.
    public private(set) var dashboard: DashboardState
    /// The newest snapshot; nil before the first.
    public private(set) var snapshot: EngineSnapshot?
    /// The size frames are drawn at.
    public private(set) var size: GridSize
    public private(set) var context: DashboardContext
    /// `q` was pressed while other viewers watch this dashboard's engine: the next key
    /// answers the question (y or q quits, anything else stays).
    public private(set) var askingToQuit = false
    /// Ctrl-C ended the dashboard (pressed, or answering the question before quitting),
    /// so the process exits 130 as a shell expects of an interrupted program.
    public private(set) var quitByInterrupt = false
    /// The question before quitting was asked after Ctrl-C.
    private var askedByInterrupt = false

    private var requested: (version: UInt64, second: Int64, query: SnapshotQuery, at: EpochMillis)?
    private var forceSnapshot = false
    private var dirty = true
    private var lastFrameAt: EpochMillis?
    private let startedAt: EpochMillis
    /// The panes of the last frames, copied into the next where they are built the same.
    private var panes = PaneCache()

    /// - Parameter startedAt: the driver clock's time at start, from which the first frame
    ///   waits for data.
    public init(context: DashboardContext, size: GridSize, startedAt: EpochMillis,
                dashboard: DashboardState = DashboardState()) {
        self.context = context
        self.size = size
        self.startedAt = startedAt
        self.dashboard = dashboard
    }

    /// How long the driver may wait for a key: short while a snapshot is on its way, so it
    /// is drawn soon after it lands.
    public static func keyWaitMillis(snapshotInFlight: Bool) -> Int { snapshotInFlight ? 20 : 100 }

    /// Applies one input; returns what the driver must do, in order.
    @discardableResult
    public mutating func step(_ input: Input) -> [Output] {
        switch input {
        case .snapshot(let fresh):
            snapshot = fresh
            dirty = true
            return []
        case .key(let key):
            if case .mouse = key, askingToQuit { return [] }
            if askingToQuit {
                askingToQuit = false
                dirty = true
                guard [.char("y"), .char("Y"), .char("q"), .interrupt].contains(key) else { return [] }
                quitByInterrupt = askedByInterrupt || key == .interrupt
                return [.quit]
            }
            let command = if case .mouse(let event) = key {
                dashboard.handle(mouse: event, snapshot: snapshot, size: size, context: context)
            } else {
                dashboard.handle(key, snapshot: snapshot)
            }
            switch command {
            case .quit:
                if case .embedded(let viewers)? = context.link, viewers > 0 {
                    askingToQuit = true
                    askedByInterrupt = key == .interrupt
                    dirty = true
                    return []
                }
                quitByInterrupt = key == .interrupt
                return [.quit]
            case .refresh: forceSnapshot = true
            case .redraw: dirty = true
            case .none: break
            case .silence, .acknowledge, .unacknowledge, .expireSilences: return [.execute(command)]
            }
            return []
        case .outcome(let command, let outcome):
            dashboard.finish(command, outcome)
            forceSnapshot = true
            dirty = true
            return []
        case .link(let badge):
            if badge != context.link {
                context.link = badge
                dirty = true
            }
            return []
        case .resize(let newSize):
            if newSize != size {
                size = newSize
                dirty = true
            }
            return []
        case .tick(let engine, let now, let inFlight):
            var outputs: [Output] = []
            if let query = snapshotDue(engine, at: now) { outputs.append(.requestSnapshot(query)) }
            if let grid = frameDue(at: now, snapshotInFlight: inFlight || !outputs.isEmpty) {
                outputs.append(.draw(grid))
            }
            return outputs
        }
    }

    /// The query to take a snapshot of now, if one is due; records it as asked for.
    private mutating func snapshotDue(_ engine: EngineTick, at now: EpochMillis) -> SnapshotQuery? {
        let second = engine.now / 1000
        let query = dashboard.query
        let changed = engine.version != requested?.version
            && now - (requested?.at ?? now - Self.frameInterval) >= Self.frameInterval
        let due = forceSnapshot || query != requested?.query
            || (!dashboard.isPaused && (changed || second != requested?.second))
        forceSnapshot = false
        guard due else { return nil }
        requested = (engine.version, second, query, now)
        return query
    }

    /// The frame to draw now, if something changed and the last frame is old enough.
    private mutating func frameDue(at now: EpochMillis, snapshotInFlight: Bool) -> CellGrid? {
        guard dirty else { return nil }
        if snapshot == nil, snapshotInFlight, now - startedAt < Self.firstFrameWait { return nil }
        if let lastFrameAt, now - lastFrameAt < Self.frameInterval { return nil }
        var grid = CellGrid(width: size.width, height: size.height)
        render(snapshot, state: dashboard, context: context, into: &grid, panes: &panes)
        grid.drawLink(context.link, hasData: snapshot != nil, context: context)
        if askingToQuit, case .embedded(let viewers)? = context.link { grid.drawQuitQuestion(viewers: viewers, context: context) }
        if context.asciiOnly { grid.foldToASCII() }
        lastFrameAt = now
        dirty = false
        return grid
    }
}
