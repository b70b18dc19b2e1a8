import FlowCore
import Synchronization

/// A clock the test moves by hand, so engine time never depends on the machine's.
///
/// ```swift
/// let clock = ManualClock(at: 1_700_000_000_000)
/// clock.advance(seconds: 60)
/// ```
public final class ManualClock: EngineClock {
    private let current: Atomic<Int64>

    public init(at start: EpochMillis = 1_764_000_000_000) {
        current = Atomic(start)
    }

    public func now() -> EpochMillis { current.load(ordering: .acquiring) }

    public func set(_ t: EpochMillis) { current.store(t, ordering: .releasing) }

    public func advance(millis: EpochMillis) { current.add(millis, ordering: .acquiringAndReleasing) }

    public func advance(seconds: Int64) { advance(millis: seconds * 1000) }
}
