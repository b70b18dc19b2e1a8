import FlowCore
#if canImport(Glibc)
import Glibc
#endif

/// The real time of day, for live runs. Replays and tests use event time or a manual clock.
public struct WallClock: EngineClock {
    public init() {}

    public func now() -> EpochMillis {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return EpochMillis(ts.tv_sec) * 1000 + EpochMillis(ts.tv_nsec) / 1_000_000
    }
}
