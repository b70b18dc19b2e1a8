import FlowCore
import Foundation
import Synchronization
import Testing
@testable import FlowDashboard

/// The snapshot thread behind the frame loop: it never blocks the asker, keeps only the
/// newest query while busy, and hands over each finished snapshot once.
@Suite struct SnapshotPumpTests {
    /// Records the models it was asked for; the first call waits for `gate`.
    final class Recorder: Sendable {
        let seen = Mutex<[AttributionModel]>([])
        let gate = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)

        func compute(_ query: SnapshotQuery) -> EngineSnapshot {
            let first = seen.withLock { seen in
                seen.append(query.model)
                return seen.count == 1
            }
            if first {
                started.signal()
                gate.wait()
            }
            var engine = Engine()
            return engine.snapshot(query, now: 0)
        }
    }

    @Test func requestsWhileBusyCollapseToTheNewest() throws {
        let recorder = Recorder()
        let pump = SnapshotPump { recorder.compute($0) }
        pump.start()
        defer { pump.stop() }
        pump.request(SnapshotQuery(model: .linear))
        #expect(recorder.started.wait(timeout: .now() + 5) == .success)
        // The first is in progress and blocked: these never wait, and only the last counts.
        pump.request(SnapshotQuery(model: .markov))
        pump.request(SnapshotQuery(model: .shapley))
        #expect(pump.isWorking)
        #expect(pump.take() == nil)
        recorder.gate.signal()
        #expect(pump.waitUntilIdle(seconds: 5))
        #expect(recorder.seen.withLock { $0 } == [.linear, .shapley])
        let snapshot = try #require(pump.take())
        #expect(snapshot.query.model == .shapley)
        #expect(pump.take() == nil)                       // handed over once
        #expect(!pump.isWorking)
    }

    @Test func nothingIsComputedBeforeStart() {
        let recorder = Recorder()
        recorder.gate.signal()
        let pump = SnapshotPump { recorder.compute($0) }
        pump.request(SnapshotQuery())
        Thread.sleep(forTimeInterval: 0.05)
        #expect(recorder.seen.withLock { $0 }.isEmpty)   // no thread of its own yet
        pump.start()
        defer { pump.stop() }
        #expect(pump.waitUntilIdle(seconds: 5))
        #expect(recorder.seen.withLock { $0 } == [.linear])
    }

    @Test func stopEndsTheThreadWithoutFurtherWork() {
        let recorder = Recorder()
        recorder.gate.signal()
        let pump = SnapshotPump { recorder.compute($0) }
        pump.start()
        pump.request(SnapshotQuery())
        #expect(pump.waitUntilIdle(seconds: 5))
        pump.stop()
        pump.request(SnapshotQuery(model: .markov))
        Thread.sleep(forTimeInterval: 0.05)
        #expect(recorder.seen.withLock { $0 } == [.linear])
    }
}
