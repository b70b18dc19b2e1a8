import FlowCore
import TerminalUI

/// Where the frame loop's snapshots come from: asked for without waiting, collected when
/// ready. The app's `SnapshotPump` takes them on a thread of its own; tests hand them over
/// at once.
public protocol SnapshotSource: AnyObject {
    /// Asks for a snapshot of `query`; never blocks, and replaces a request not yet started.
    func request(_ query: SnapshotQuery)
    /// The newest snapshot finished since the last `take`, if any.
    func take() -> EngineSnapshot?
    /// Whether a snapshot is asked for or being computed.
    var isWorking: Bool { get }
}

/// Runs a `FrameLoop` against a `Screen`: reads keys, feeds the loop snapshots, ticks and
/// sizes, and carries out what it answers. This is all the I/O the loop has; it starts no
/// thread and reads time only from `clock`, so tests run it with a scripted screen and a
/// manual clock.
///
/// Idle cost: one 100 ms key wait per turn and one snapshot per second.
///
/// ```swift
/// var driver = FrameDriver(loop: FrameLoop(context: context, size: screen.size, startedAt: clock.now()),
///                          clock: WallClock())
/// driver.run(screen: screen, snapshots: pump, engine: { .init(version: host.version, now: host.clock.now()) },
///            execute: { DashboardLoop.execute($0, on: host, author: author) }, stop: { stop.isSet })
/// ```
public struct FrameDriver {
    public private(set) var loop: FrameLoop
    /// Paces frames and times the first frame's wait; the wall clock in the app.
    public let clock: any EngineClock
    /// Each drawn frame's time, when given (nil: not timed, the default).
    public var frameTimes: FrameTimes?

    public init(loop: FrameLoop, clock: any EngineClock) {
        self.loop = loop
        self.clock = clock
    }

    /// Turns the loop until a key quits (returns true) or `stop` says so (returns false).
    ///
    /// - Parameters:
    ///   - engine: the engine's version and its clock's now, read once a turn.
    ///   - execute: carries out an engine command (silence, acknowledge, expire).
    ///   - link: where the data comes from now (attached, unreachable, viewers attached), read once a turn.
    @discardableResult
    public mutating func run(screen: some Screen, snapshots: some SnapshotSource, engine: () -> FrameLoop.EngineTick,
                             execute: (DashboardCommand) -> CommandOutcome, link: () -> LinkBadge? = { nil },
                             stop: () -> Bool) -> Bool {
        while !stop() {
            if turn(screen: screen, snapshots: snapshots, engine: engine, execute: execute, link: link) { return true }
        }
        return false
    }

    /// One turn: a fresh snapshot in, at most one key, then a tick at the screen's size.
    /// Returns true when a key quit.
    public mutating func turn(screen: some Screen, snapshots: some SnapshotSource, engine: () -> FrameLoop.EngineTick,
                              execute: (DashboardCommand) -> CommandOutcome, link: () -> LinkBadge? = { nil }) -> Bool {
        if let fresh = snapshots.take() { loop.step(.snapshot(fresh)) }
        loop.step(.link(link()))
        let wait = FrameLoop.keyWaitMillis(snapshotInFlight: snapshots.isWorking)
        if var key = screen.readKey(timeoutMillis: wait) {
            if key == .suspend {
                // Whatever is open: the terminal is the shell's until `fg`; then all of it is redrawn.
                screen.suspend()
                key = .resize
            }
            for output in loop.step(.key(key)) {
                switch output {
                case .quit: return true
                case .execute(let command): loop.step(.outcome(command, execute(command)))
                case .requestSnapshot, .draw: break
                }
            }
        }
        // After the key: a resize key arrives once the screen has its new size.
        loop.step(.resize(screen.size))
        let tick = FrameLoop.Input.tick(engine(), at: clock.now(), snapshotInFlight: snapshots.isWorking)
        let started = frameTimes == nil ? nil : (wall: ContinuousClock.now, cpu: FrameTimes.threadCPU())
        var drew = false
        var presenting = Duration.zero
        for output in loop.step(tick) {
            switch output {
            case .requestSnapshot(let query): snapshots.request(query)
            case .draw(let grid):
                let before = started == nil ? nil : FrameTimes.threadCPU()
                screen.present(grid)
                if let before { presenting += FrameTimes.threadCPU() - before }
                drew = true
            case .execute, .quit: break
            }
        }
        if drew, let started {
            frameTimes?.record(ContinuousClock.now - started.wall, cpu: FrameTimes.threadCPU() - started.cpu,
                               present: presenting)
        }
        return false
    }
}
