import Foundation
import Synchronization

/// How long the process's cooperative threads have been too busy to start a job that was
/// ready, summed since the first `PatientDeadline` of the run.
///
/// A thread of its own (so it measures even while both cooperative threads are taken)
/// starts a tiny task every 100 ms and waits for it to run. A task that starts more than
/// 250 ms after it was made adds its delay beyond that grace to `total`; one still waiting
/// counts as far as it has got, so a deadline checked in the middle of a stall sees it.
/// This catches what a late `Task.sleep` alone cannot: an `await` on something outside
/// (an HTTP answer, a process) whose continuation sat in the queue behind the CPU-heavy
/// tests while the test's clock ran on.
final class PoolLagMonitor: Sendable {
    static let shared = PoolLagMonitor()
    static let grace: Int64 = 250_000_000

    /// Settled lag in nanoseconds.
    private let settled = Atomic<Int64>(0)
    /// Uptime in nanoseconds at which the probe now waiting was made, or 0 when none waits.
    private let waitingSince = Atomic<Int64>(0)

    private init() {
        let thread = Thread { [self] in run() }
        thread.name = "pool-lag-monitor"
        thread.start()
    }

    /// Lag so far in nanoseconds, the waiting probe's included.
    var total: Int64 {
        let since = waitingSince.load(ordering: .acquiring)
        let open = since == 0 ? 0 : max(0, Self.now() - since - Self.grace)
        return settled.load(ordering: .acquiring) + open
    }

    private func run() {
        while true {
            let made = Self.now()
            let ran = DispatchSemaphore(value: 0)
            waitingSince.store(made, ordering: .releasing)
            Task.detached { ran.signal() }
            ran.wait()
            let lag = Self.now() - made - Self.grace
            if lag > 0 { settled.add(lag, ordering: .releasing) }
            waitingSince.store(0, ordering: .releasing)
            usleep(100_000)
        }
    }

    private static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
