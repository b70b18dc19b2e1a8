import FlowCore
import Synchronization

/// How the ingest path is moving, for health checks: when bytes last arrived, since when
/// bytes that arrived are still waiting to reach the engine, and when the last accepted
/// event did.
///
/// Why these three: "ingest is wedged" must be told apart from "nobody is sending". Bytes
/// that were read but whose read burst never finished (the engine's lock cannot be taken,
/// the event loop is stuck in a parse) leave `waitingSince` set and ageing; a quiet socket
/// leaves it nil however old `lastReadAt` is.
///
/// ```swift
/// let activity = server.activity
/// if let since = activity.waitingSince, now - since > 10_000 { /* wedged: not ready */ }
/// ```
public struct IngestActivity: Sendable, Equatable {
    /// When the latest read brought bytes; nil before the first.
    public var lastReadAt: EpochMillis?
    /// The receive time of the oldest read not yet followed by progress into the engine (a
    /// batch applied, or a read burst that left nothing on its way); nil when nothing
    /// waits. Any connection's progress clears it, so it measures ingest as a whole making
    /// no progress, never one slow client.
    public var waitingSince: EpochMillis?
    /// The receive time of the newest read burst that brought accepted events.
    public var lastEventAt: EpochMillis?

    public init(lastReadAt: EpochMillis? = nil, waitingSince: EpochMillis? = nil, lastEventAt: EpochMillis? = nil) {
        self.lastReadAt = lastReadAt
        self.waitingSince = waitingSince
        self.lastEventAt = lastEventAt
    }
}

/// The atomics behind `IngestActivity`, written by the connections' handlers: one
/// compare-exchange and one `max` per read, one store per finished burst. No lock, no
/// allocation, nothing per event.
final class IngestActivityRecorder: Sendable {
    /// "Not yet" in the atomics, which hold plain integers.
    private static let none = EpochMillis.min

    private let lastRead = Atomic<EpochMillis>(none)
    private let waiting = Atomic<EpochMillis>(none)
    private let lastEvent = Atomic<EpochMillis>(none)

    /// Bytes arrived at `now`: they wait until a burst finishes.
    func read(at now: EpochMillis) {
        lastRead.max(now, ordering: .relaxed)
        _ = waiting.compareExchange(expected: Self.none, desired: now, ordering: .relaxed)
    }

    /// A batch is applied (or a read burst is over with nothing on its way to the engine);
    /// `eventsAt` is the receive time of its latest read when it brought accepted events.
    func caughtUp(eventsAt: EpochMillis?) {
        if let eventsAt { lastEvent.max(eventsAt, ordering: .relaxed) }
        waiting.store(Self.none, ordering: .relaxed)
    }

    var current: IngestActivity {
        func value(_ atomic: borrowing Atomic<EpochMillis>) -> EpochMillis? {
            let raw = atomic.load(ordering: .relaxed)
            return raw == Self.none ? nil : raw
        }
        return IngestActivity(lastReadAt: value(lastRead), waitingSince: value(waiting), lastEventAt: value(lastEvent))
    }
}
