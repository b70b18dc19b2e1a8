import Foundation
import Synchronization
import Testing
@testable import FlowHTTP

/// The API computes a bounded number of snapshots at once and says "busy" beyond it.
@Suite struct SnapshotGateTests {
    /// A latch a blocking thread waits on until the test opens it.
    final class Latch: Sendable {
        private let open = Atomic<Bool>(false)
        let entered = Atomic<Int>(0)
        func release() { open.store(true, ordering: .releasing) }
        func wait() {
            entered.add(1, ordering: .acquiringAndReleasing)
            while !open.load(ordering: .acquiring) { Thread.sleep(forTimeInterval: 0.005) }
        }
    }

    @Test func aRequestBeyondTheLimitIsRefusedWith503AndRetryAfter() async throws {
        let gate = SnapshotGate(limit: 2)
        let latch = Latch()
        let first = Task { try await gate.run { latch.wait(); return 1 } }
        let second = Task { try await gate.run { latch.wait(); return 2 } }
        while latch.entered.load(ordering: .acquiring) < 2 { try await Task.sleep(for: .milliseconds(5)) }

        await #expect(throws: APIError(status: 503, message: "busy: 2 requests are being answered; retry in a second",
                                       headers: [.retryAfter(seconds: 1)])) {
            try await gate.run { 3 }
        }

        latch.release()
        let (a, b) = (try await first.value, try await second.value)
        #expect(a == 1 && b == 2)
        // Both finished: the gate has room again.
        #expect(try await gate.run { 4 } == 4)
    }
}
