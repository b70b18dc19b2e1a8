import Synchronization

/// Once-only news for any number of waiters: a value (the path a server listens on, the
/// address it bound) or the error that ended the wait; a waiter that comes later gets the
/// outcome at once. The socket server and the HTTP server both start this way, so
/// `waitUntilListening()` and the dashboard's start-up wait read the same mechanism.
///
/// ```swift
/// let signal = OnceSignal<String>()
/// signal.succeed("/run/user/1000/flowtop/events.sock")
/// try await signal.wait()          // "/run/user/1000/flowtop/events.sock"
/// signal.stop(with: ServerStopped())
/// try await signal.wait()          // throws ServerStopped
/// ```
public final class OnceSignal<Value: Sendable>: Sendable {
    /// Where the wait stands.
    public enum Phase: Sendable {
        case pending
        case succeeded(Value)
        case ended(any Error)
    }

    private enum Inner {
        case waiting([UInt64: CheckedContinuation<Value, any Error>])
        case succeeded(Value)
        case ended(any Error)
    }

    private struct State {
        var inner: Inner = .waiting([:])
        var nextWaiter: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    public var phase: Phase {
        state.withLock { state in
            switch state.inner {
            case .waiting: .pending
            case .succeeded(let value): .succeeded(value)
            case .ended(let error): .ended(error)
            }
        }
    }

    /// The value while succeeded; nil before, and after a stop.
    public var value: Value? {
        if case .succeeded(let value) = phase { value } else { nil }
    }

    /// Neither succeeded nor ended yet: an error now is a start-up error.
    public var isPending: Bool {
        if case .pending = phase { true } else { false }
    }

    public func succeed(_ value: Value) { settle(.succeeded(value)) }

    public func fail(_ error: any Error) { settle(.ended(error)) }

    /// The end: waiters from now on get `error`, unless a failure came first (it stands).
    public func stop(with error: any Error) {
        settle(.ended(error))
        state.withLock { state in
            if case .succeeded = state.inner { state.inner = .ended(error) }
        }
    }

    public func wait() async throws -> Value {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let immediate: Result<Value, any Error>? = state.withLock { state in
                    switch state.inner {
                    case .succeeded(let value): return .success(value)
                    case .ended(let error): return .failure(error)
                    case .waiting(var waiters):
                        if Task.isCancelled { return .failure(CancellationError()) }
                        waiters[id] = continuation
                        state.inner = .waiting(waiters)
                        return nil
                    }
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Value, any Error>? = state.withLock { state in
                guard case .waiting(var waiters) = state.inner else { return nil }
                let waiter = waiters.removeValue(forKey: id)
                state.inner = .waiting(waiters)
                return waiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    private func settle(_ outcome: Inner) {
        let waiters: [CheckedContinuation<Value, any Error>] = state.withLock { state in
            guard case .waiting(let waiters) = state.inner else { return [] }
            state.inner = outcome
            return Array(waiters.values)
        }
        for waiter in waiters {
            switch outcome {
            case .succeeded(let value): waiter.resume(returning: value)
            case .ended(let error): waiter.resume(throwing: error)
            case .waiting: break
            }
        }
    }
}
