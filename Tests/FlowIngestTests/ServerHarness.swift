import Foundation
import FlowCore
import FlowIngest
import FlowTestKit
import Testing

/// An `IngestServer` running for one test, over a fresh engine on a manual clock, stopped
/// the way a `ServiceGroup` stops it: by cancelling the task that runs it.
final class RunningServer: Sendable {
    let host: EngineHost
    let server: IngestServer
    let path: String
    private let task: Task<Void, any Error>

    static let startTimeout: Duration = .seconds(10)

    init(path: String, mode: SocketFileMode = .ownerOnly) async throws {
        let host = EngineHost(engine: Engine(), clock: ManualClock(at: 1_764_000_000_000))
        let server = IngestServer(host: host, configuration: .init(socketPath: path, socketMode: mode))
        self.host = host
        self.server = server
        self.path = path
        task = Task { try await server.run() }
        do {
            _ = try await withTimeout(Self.startTimeout) { try await server.waitUntilListening() }
        } catch {
            task.cancel()
            throw error
        }
    }

    /// Cancels `run()` and waits for it to return (it closes clients and removes its socket).
    func stop() async throws {
        task.cancel()
        try await withTimeout(.seconds(10)) { [task] in try await task.value }
    }

    /// The engine's intake counters now.
    var ingest: IngestStats { host.snapshot(SnapshotQuery()).ingest }

    /// Waits until `condition` holds, or fails the test after `timeout`.
    func eventually(_ what: String, timeout: Duration = .seconds(10), _ condition: () -> Bool) async {
        var deadline = PatientDeadline(timeout: timeout)
        while !condition() {
            if deadline.expired {
                Issue.record("timed out waiting until \(what)")
                return
            }
            try? await deadline.pause(.milliseconds(10))
        }
    }
}

struct TimedOut: Error, CustomStringConvertible {
    var description: String { "timed out" }
}

/// Runs `body`, failing with `TimedOut` if it takes longer than `timeout` of time in which
/// the test could run (`PatientDeadline`: the start of a run starves the cooperative threads).
func withTimeout<T: Sendable>(_ timeout: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            var deadline = PatientDeadline(timeout: timeout)
            while !deadline.expired { try await deadline.pause(.milliseconds(100)) }
            throw TimedOut()
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw TimedOut() }
        return first
    }
}

/// Runs blocking socket work on a new thread of its own: off Swift's cooperative pool, so
/// that a test waiting on a socket never starves the tasks the server runs on, and off
/// Dispatch's global queues, which add threads only slowly when theirs are blocked.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.start()
    }
}

/// Opens a client, runs `body` with it on its own thread, and closes it.
func withClient<T: Sendable>(_ path: String, _ body: @escaping @Sendable (SocketClient) throws -> T) async throws -> T {
    try await onOwnThread {
        let client = try SocketClient(path: path, timeout: .seconds(10))
        defer { client.close() }
        return try body(client)
    }
}

/// Hands a value that is not `Sendable` from one thread to the next, in tests that use it
/// from one place at a time.
final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
