import FlowHTTP
import Synchronization

/// At most `limit` API snapshots (and scrapes) computed at once; a request beyond that
/// gets 503 with `Retry-After: 1` at once instead of a thread of its own.
///
/// Why: each snapshot runs on a thread and, for the funnel and attribution, walks every
/// lead (tens of milliseconds with many). Unbounded, a burst of dashboards or a looping
/// script would start a thread per request and take both cores from ingest. Refusing is
/// what a loaded Prometheus target or API gateway does, and clients already retry 503.
/// Health checks and probes do not pass through here: a kubelet must not read "busy" as
/// "dead".
///
/// ```swift
/// let gate = SnapshotGate(limit: 4)
/// let snap = try await gate.run { host.snapshot(query) }   // or APIError 503 when 4 are running
/// ```
final class SnapshotGate: Sendable {
    static let defaultLimit = 4

    let limit: Int
    private let running = Atomic<Int>(0)

    init(limit: Int = SnapshotGate.defaultLimit) {
        self.limit = max(1, limit)
    }

    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let now = running.add(1, ordering: .acquiringAndReleasing).newValue
        defer { running.subtract(1, ordering: .acquiringAndReleasing) }
        guard now <= limit else {
            throw APIError(status: 503, message: "busy: \(limit) requests are being answered; retry in a second",
                           headers: [.retryAfter(seconds: 1)])
        }
        return try await runOnThread(work)
    }
}
