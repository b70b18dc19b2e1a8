import FlowCore
import FlowTestKit
import Foundation
import Synchronization
import Testing
@testable import FlowHealth
import FlowReports

/// The engine-lock check on its own thread: a lock that cannot be taken shows as a wait
/// that ages with the clock, with one attempt parked however often the probes come.
@Suite struct EngineLockProbeTests {
    /// A lock the test holds: `take` blocks until `release()`, counting the attempts.
    final class HeldLock: Sendable {
        private let gate = DispatchSemaphore(value: 0)
        private let held = Atomic<Bool>(true)
        private let count = Atomic<Int>(0)

        func take() {
            count.add(1, ordering: .relaxed)
            if held.load(ordering: .acquiring) { gate.wait() }
        }

        func release() {
            guard held.exchange(false, ordering: .acquiringAndReleasing) else { return }
            gate.signal()
        }

        var attempts: Int { count.load(ordering: .relaxed) }
    }

    /// Waits for the probe's thread; the deadline does not count time this test could not
    /// run (`PatientDeadline`: at the start of a full run the cooperative threads are busy).
    static func until(_ what: String, _ condition: () -> Bool) async throws {
        var deadline = PatientDeadline(timeout: .seconds(30))
        while !condition() {
            guard !deadline.expired else { throw ProbeTimeout(what: what) }
            try await deadline.pause(.milliseconds(10))
        }
    }

    struct ProbeTimeout: Error, CustomStringConvertible {
        var what: String
        var description: String { "timed out waiting until \(what)" }
    }

    @Test func aLockThatCannotBeTakenAgesIntoALivenessFailureWithOneAttemptParked() async throws {
        let clock = ManualClock(at: 1_795_600_800_000)
        let start = clock.now()
        let lock = HeldLock()
        defer { lock.release() }
        let probe = EngineLockProbe(clock: clock) { lock.take() }

        #expect(probe.observe() == EngineLockObservation(waitingSince: start))
        try await Self.until("the attempt to reach the lock") { lock.attempts == 1 }
        for _ in 0..<31 {
            clock.advance(seconds: 1)
            #expect(probe.observe().waitingSince == start)
        }
        #expect(lock.attempts == 1, "a parked attempt is never joined by another")
        var seen = HealthEvaluationTests.fine(at: clock.now())
        seen.engineLock = probe.observe()
        let report = HealthEvaluation.report(seen, thresholds: HealthThresholds())
        #expect(!report.passes(.liveness))
        #expect(!report.passes(.readiness))

        lock.release()
        var after = probe.observe()
        try await Self.until("the attempt to finish") {
            after = probe.observe()
            return after.lastTakenAt != nil
        }
        #expect(after.lastTakenAt == start + 31_000)
        #expect(after.lastWaitMillis == 31_000)
        try await Self.until("the observation that saw it finish to start the next attempt") { lock.attempts == 2 }
    }

    @Test func attemptsStartAtMostOncePerInterval() async throws {
        let clock = ManualClock(at: 1_795_600_800_000)
        let taken = Atomic<Int>(0)
        let probe = EngineLockProbe(clock: clock, interval: 1_000) { taken.add(1, ordering: .relaxed) }

        _ = probe.observe()
        try await Self.until("the first attempt to finish") { taken.load(ordering: .relaxed) == 1 && probe.observe().lastTakenAt != nil }
        clock.advance(millis: 999)
        for _ in 0..<10 { _ = probe.observe() }
        try await Task.sleep(for: .milliseconds(50))
        #expect(taken.load(ordering: .relaxed) == 1)
        #expect(probe.observe().lastWaitMillis == 0)

        clock.advance(millis: 1)
        #expect(probe.observe().waitingSince == clock.now())
        try await Self.until("the second attempt") { taken.load(ordering: .relaxed) == 2 }
    }
}
