#if canImport(Glibc)
import Glibc
#endif

/// How long each drawn frame took: from the tick that asked for it to the screen having
/// presented it (the grid built from the snapshot, then written to the terminal). Kept by a
/// `FrameDriver` only when asked (`FLOWTOP_FRAME_TIMES=FILE` in the app), for
/// `scripts/dashboard-bench.sh`; the dashboard itself never reads it.
///
/// Each frame is kept twice: its wall time, and the CPU time the drawing thread spent on
/// it, which a busy machine's other work does not inflate; and, of that CPU time, the part
/// spent presenting the grid (the terminal backend: the row diff, the escape sequences and
/// the write).
///
/// Holds at most `capacity` samples (the first ones; a day of frames at one a second fits
/// the default), in microseconds.
public struct FrameTimes: Sendable {
    public private(set) var micros: [UInt32] = []
    public private(set) var cpuMicros: [UInt32] = []
    public private(set) var presentMicros: [UInt32] = []
    public let capacity: Int

    public init(capacity: Int = 100_000) {
        self.capacity = capacity
        micros.reserveCapacity(min(capacity, 4_096))
    }

    /// A frame of `duration` wall time and `cpu` thread CPU time, `present` of it in the
    /// backend (nil: not known).
    public mutating func record(_ duration: Duration, cpu: Duration? = nil, present: Duration? = nil) {
        guard micros.count < capacity else { return }
        micros.append(Self.micros(duration))
        if let cpu { cpuMicros.append(Self.micros(cpu)) }
        if let present { presentMicros.append(Self.micros(present)) }
    }

    /// The calling thread's CPU time so far.
    public static func threadCPU() -> Duration {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return .seconds(ts.tv_sec) + .nanoseconds(ts.tv_nsec)
    }

    private static func micros(_ duration: Duration) -> UInt32 {
        let (seconds, attoseconds) = duration.components
        return UInt32(clamping: max(0, seconds) * 1_000_000 + attoseconds / 1_000_000_000_000)
    }

    /// Frames, and the 50th, 90th and 99th percentiles and the maximum in microseconds
    /// (nearest rank) of wall time, then of CPU time (`cpu_`) and of its part presenting
    /// (`present_`), then the five frames that took the most CPU as `[frame number from 1,
    /// CPU us, presenting us]` (the last when known), slowest first, as one JSON object.
    public var summaryJSON: String {
        func ranks(_ values: [UInt32], _ prefix: String) -> String {
            let sorted = values.sorted()
            func rank(_ q: Double) -> UInt32 {
                guard !sorted.isEmpty else { return 0 }
                let i = Int((q * Double(sorted.count)).rounded(.up)) - 1
                return sorted[min(max(i, 0), sorted.count - 1)]
            }
            return #""\#(prefix)p50_us":\#(rank(0.5)),"\#(prefix)p90_us":\#(rank(0.9)),"\#(prefix)p99_us":\#(rank(0.99)),"\#(prefix)max_us":\#(sorted.last ?? 0)"#
        }
        let slowest = cpuMicros.enumerated().sorted { ($0.element, $1.offset) > ($1.element, $0.offset) }.prefix(5)
            .map { frame in
                let present = frame.offset < presentMicros.count ? ",\(presentMicros[frame.offset])" : ""
                return "[\(frame.offset + 1),\(frame.element)\(present)]"
            }.joined(separator: ",")
        return #"{"frames":\#(micros.count),\#(ranks(micros, "")),\#(ranks(cpuMicros, "cpu_")),"#
            + #"\#(ranks(presentMicros, "present_")),"cpu_slowest":[\#(slowest)]}"#
    }
}
