import Foundation
import Synchronization

/// At most `limit` API snapshots (and scrapes) computed at once, each answered within
/// `deadline`; a request beyond the limit gets 503 with `Retry-After: 1` at once instead
/// of a thread of its own, and one that runs past the deadline gets 503 then.
///
/// Why: each snapshot runs on a thread and, for the funnel and attribution, walks every
/// lead (tens of milliseconds with many). Unbounded, a burst of dashboards or a looping
/// script would start a thread per request and take both cores from ingest. Refusing is
/// what a loaded Prometheus target or API gateway does, and clients already retry 503.
/// The deadline frees the client, not the core: the work goes on to its end on its
/// thread and keeps its place in the limit until then, so slow requests cannot pile up
/// behind the caller's back. Health checks and probes do not pass through here: a
/// kubelet must not read "busy" as "dead".
///
/// An `AnalyticsSource` runs its snapshots and scrapes through one (FlowApp's source over
/// the live engine does); the answer is the API's, so the gate is FlowHTTP's.
///
/// ```swift
/// let gate = SnapshotGate(limit: 4)
/// let snap = try await gate.run { host.snapshot(query) }   // or APIError 503 when 4 are running
/// ```
public final class SnapshotGate: Sendable {
    public static let defaultLimit = 4
    /// Why 15 s: a cold attribution pass over 200,000 leads takes well under a second;
    /// anything near this is a machine in trouble, and most HTTP clients give up at 30 s.
    public static let defaultDeadline: Duration = .seconds(15)

    let limit: Int
    let deadline: Duration
    private let running = Atomic<Int>(0)

    public init(limit: Int = SnapshotGate.defaultLimit, deadline: Duration = SnapshotGate.defaultDeadline) {
        self.limit = max(1, limit)
        self.deadline = deadline
    }

    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let now = running.add(1, ordering: .acquiringAndReleasing).newValue
        guard now <= limit else {
            running.subtract(1, ordering: .acquiringAndReleasing)
            throw APIError(status: 503, message: "busy: \(limit) requests are being answered; retry in a second",
                           headers: [.retryAfter(seconds: 1)])
        }
        let deadline = self.deadline
        return try await withCheckedThrowingContinuation { continuation in
            let answer = Once(continuation)
            let timer = Task {
                try await Task.sleep(for: deadline)
                answer.resume(with: .failure(APIError(
                    status: 503, message: "the answer took longer than \(deadline.components.seconds) s; retry later",
                    headers: [.retryAfter(seconds: 5)])))
            }
            let thread = Thread {
                defer { self.running.subtract(1, ordering: .acquiringAndReleasing) }
                do { answer.resume(with: .success(try work())) } catch { answer.resume(with: .failure(error)) }
                timer.cancel()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}

/// A continuation resumed by whichever of two racers comes first.
private final class Once<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T, any Error>?>

    init(_ continuation: CheckedContinuation<T, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func resume(with result: Result<T, any Error>) {
        let taken = continuation.withLock { value in
            defer { value = nil }
            return value
        }
        taken?.resume(with: result)
    }
}
