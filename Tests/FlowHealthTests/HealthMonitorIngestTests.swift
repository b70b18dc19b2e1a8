import Threading
import FlowCore
import FlowIngest
import FlowTestKit
import Foundation
import Synchronization
import Testing
@testable import FlowHealth
import FlowReports

/// The health monitor over a real `IngestServer` on a temporary socket: the startup probe
/// follows the socket, events move `last_event`, and bytes that cannot reach the engine
/// turn into a readiness and then a liveness failure, cleared once they get through.
@Suite(.serialized) struct HealthMonitorIngestTests {
    /// The engine host's clock, reading a manual clock; the first call made while read
    /// bytes wait for the engine (`EngineHost.apply` on the event loop) parks until
    /// `release()`: ingest wedged exactly where a stuck engine lock would wedge it.
    final class TrapClock: EngineClock {
        let manual: ManualClock
        private let armed = Mutex<(@Sendable () -> Bool)?>(nil)
        private let parked = Atomic<Bool>(false)
        private let gate = DispatchSemaphore(value: 0)

        init(_ manual: ManualClock) { self.manual = manual }

        /// Parks the first `now()` made while `condition` holds.
        func arm(when condition: @escaping @Sendable () -> Bool) { armed.withLock { $0 = condition } }

        func now() -> EpochMillis {
            let spring = armed.withLock { condition -> Bool in
                guard let check = condition, check() else { return false }
                condition = nil
                return true
            }
            if spring {
                parked.store(true, ordering: .releasing)
                gate.wait()
            }
            return manual.now()
        }

        var hasParked: Bool { parked.load(ordering: .acquiring) }
        func release() { gate.signal() }
    }

    static let t: EpochMillis = 1_795_600_800_000

    static func socketPath() throws -> String {
        let directory = "/tmp/ft-health-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/s.sock"
    }

    /// Waits until no engine-lock check is in flight. A manual clock jumps while a real
    /// thread takes the lock; a check caught mid-flight by the jump would look stuck.
    static func settle(_ monitor: HealthMonitor) async throws {
        try await EngineLockProbeTests.until("the engine-lock check to finish") {
            monitor.observe().engineLock.waitingSince == nil
        }
    }

    static func check(_ name: String, _ report: HealthReport) -> HealthCheckResult? {
        report.checks.first { $0.name == name }
    }

    @Test func startupFollowsTheSocketAndEventsMoveLastEvent() async throws {
        let path = try Self.socketPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let clock = ManualClock(at: Self.t)
        let host = EngineHost(engine: Engine(), clock: clock)
        let server = IngestServer(host: host, configuration: IngestServerConfiguration(socketPath: path))
        let monitor = HealthMonitor(host: host, server: server, notifiers: nil)

        let before = monitor.probe(.startup)
        #expect(!before.ok)
        #expect(Self.check("ingest_socket", before.report)?.detail == "not listening yet: starting")
        #expect(!monitor.probe(.readiness).ok)
        #expect(monitor.probe(.liveness).ok)

        let running = Task { try await server.run() }
        defer { running.cancel() }
        _ = try await server.waitUntilListening()
        #expect(monitor.probe(.startup).ok)
        #expect(monitor.probe(.readiness).ok)
        #expect(Self.check("last_event", monitor.report())?.detail == "no event yet (started 0s ago)")

        try await Self.settle(monitor)
        clock.advance(seconds: 5)
        let ack = try await runOnThread {
            let client = try SocketClient(path: path, timeout: .seconds(30))
            defer { client.close() }
            try client.send(line: #"{"type":"message_sent","channel":"whatsapp"}"#)
            return try client.sync()
        }
        #expect(ack.accepted == 1)
        try await Self.settle(monitor)
        clock.advance(seconds: 3)
        let fresh = monitor.report()
        #expect(Self.check("last_event", fresh)?.detail == "last event 3s ago")
        #expect(Self.check("ingest_progress", fresh)?.detail == "every byte read is in the engine; last read 3s ago")

        try await Self.settle(monitor)
        clock.advance(seconds: 15 * 60)
        let quiet = monitor.report()
        #expect(Self.check("last_event", quiet)?.status == .degraded)
        #expect(quiet.status == .degraded)
        #expect(quiet.passes(.readiness) && quiet.passes(.liveness))

        running.cancel()
        try await running.value
        let stopped = monitor.probe(.readiness)
        #expect(!stopped.ok)
        #expect(Self.check("ingest_socket", stopped.report)?.detail == "stopped listening: shutting down")
        #expect(monitor.probe(.liveness).ok)
    }

    @Test func bytesThatCannotReachTheEngineFailReadinessThenLivenessUntilTheyGetThrough() async throws {
        let path = try Self.socketPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let manual = ManualClock(at: Self.t)
        let trap = TrapClock(manual)
        let host = EngineHost(engine: Engine(), clock: trap)
        let server = IngestServer(host: host, configuration: IngestServerConfiguration(socketPath: path))
        trap.arm { server.activity.waitingSince != nil }
        defer { trap.release() }
        // The monitor reads the manual clock itself, so its own calls never park.
        let monitor = HealthMonitor(host: host, server: server, notifiers: nil, clock: manual)

        let running = Task { try await server.run() }
        defer { running.cancel() }
        _ = try await server.waitUntilListening()
        let client = try await runOnThread { () throws -> UncheckedClient in
            let client = try SocketClient(path: path, timeout: .seconds(30))
            try client.send(line: #"{"type":"message_sent","channel":"whatsapp"}"#)
            try client.flush()
            return UncheckedClient(client)
        }
        defer { client.value.close() }
        try await EngineLockProbeTests.until("the event loop to park in EngineHost.apply") { trap.hasParked }

        let justRead = monitor.report()
        #expect(Self.check("ingest_progress", justRead)?.detail == "applying bytes read 0s ago")
        #expect(justRead.passes(.readiness))

        try await Self.settle(monitor)
        manual.advance(seconds: 10)
        let wedged = monitor.report()
        #expect(Self.check("ingest_progress", wedged)?.status == .unhealthy)
        #expect(!wedged.passes(.readiness))
        #expect(wedged.passes(.liveness))
        #expect(wedged.passes(.startup))

        try await Self.settle(monitor)
        manual.advance(seconds: 50)
        let stuck = monitor.report()
        #expect(!stuck.passes(.liveness))
        #expect(Self.check("ingest_progress", stuck)?.detail
                == "bytes read 1m ago are still not in the engine: ingest is stuck; liveness fails from 1m")

        trap.release()
        try await EngineLockProbeTests.until("the bytes to reach the engine") { server.activity.waitingSince == nil }
        try await Self.settle(monitor)
        let recovered = monitor.report()
        #expect(recovered.passes(.readiness) && recovered.passes(.liveness))
        #expect(Self.check("last_event", recovered)?.detail == "last event 1m ago")
        #expect(host.snapshot(SnapshotQuery()).ingest.eventsTotal == 1)
    }

    /// A blocking client handed between threads, used from one at a time.
    final class UncheckedClient: @unchecked Sendable {
        let value: SocketClient
        init(_ value: SocketClient) { self.value = value }
    }
}
