import Threading
import FlowCore
import FlowDemo

// How the app starts the demo workload (`FlowDemo`): `--demo` feeds its own socket
// (`DemoService`), `flowtop demo` a running flowtop's. The demo writes; the app gives it
// a thread, a stop flag and a clock, and says a socket it cannot use as a
// `UserFacingError`.

/// `FlowDemo.feedDemo`, its socket errors said plainly to the user.
func feedDemo(socketPath: String, rate: Int, seed: UInt64, duration: Double?, backfillMinutes: Int,
              clock: any EngineClock, shouldStop: @Sendable () -> Bool) throws -> DemoStats {
    do {
        return try FlowDemo.feedDemo(socketPath: socketPath, rate: rate, seed: seed, duration: duration,
                                     backfillMinutes: backfillMinutes, clock: clock, shouldStop: shouldStop)
    } catch {
        throw UserFacingError(error.description)
    }
}

/// `FlowDemo.feedBusinessDemo`, its socket errors said plainly to the user.
func feedBusinessDemo(socketPath: String, seed: UInt64, clock: any EngineClock,
                      shouldStop: @Sendable () -> Bool) throws -> DemoStats {
    do {
        return try FlowDemo.feedBusinessDemo(socketPath: socketPath, seed: seed, clock: clock, shouldStop: shouldStop)
    } catch {
        throw UserFacingError(error.description)
    }
}

/// `flowtop demo`: only the generator, against a running flowtop.
public func runDemoGenerator(socketPath: String, rate: Int, seed: UInt64, duration: Double?,
                             backfillMinutes: Int) async throws -> DemoStats {
    let stop = StopFlag()
    return try await withTaskCancellationHandler {
        try await runOnThread {
            try feedDemo(socketPath: socketPath, rate: rate, seed: seed, duration: duration,
                         backfillMinutes: backfillMinutes, clock: WallClock(), shouldStop: { stop.isSet })
        }
    } onCancel: {
        stop.set()
    }
}
