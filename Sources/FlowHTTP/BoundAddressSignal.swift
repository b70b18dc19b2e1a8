import Synchronization

/// Once-only news that the HTTP server listens (with the address it got) or could not,
/// for any number of waiters; a waiter that comes later gets the outcome at once.
///
/// ```swift
/// signal.succeed(HTTPListenAddress(host: "127.0.0.1", port: 41873))
/// try await signal.wait()   // 127.0.0.1:41873
/// ```
final class BoundAddressSignal: Sendable {
    private enum Phase {
        case waiting([Int: CheckedContinuation<HTTPListenAddress, any Error>])
        case listening(HTTPListenAddress)
        case ended(any Error)
    }

    private struct State {
        var phase: Phase = .waiting([:])
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    /// Neither listening nor ended yet: an error now is a start-up error.
    var isWaiting: Bool {
        state.withLock { if case .waiting = $0.phase { true } else { false } }
    }

    func succeed(_ address: HTTPListenAddress) { settle(.listening(address)) }

    func fail(_ error: any Error) { settle(.ended(error)) }

    /// Stopped: waiters from now on get `HTTPServerError.stopped`.
    func stop() {
        settle(.ended(HTTPServerError.stopped))
        state.withLock { $0.phase = .ended(HTTPServerError.stopped) }
    }

    func wait() async throws -> HTTPListenAddress {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let now: Result<HTTPListenAddress, any Error>? = state.withLock { state in
                    switch state.phase {
                    case .listening(let address): return .success(address)
                    case .ended(let error): return .failure(error)
                    case .waiting(var waiters):
                        if Task.isCancelled { return .failure(CancellationError()) }
                        waiters[id] = continuation
                        state.phase = .waiting(waiters)
                        return nil
                    }
                }
                if let now { continuation.resume(with: now) }
            }
        } onCancel: {
            let waiter: CheckedContinuation<HTTPListenAddress, any Error>? = state.withLock { state in
                guard case .waiting(var waiters) = state.phase else { return nil }
                let waiter = waiters.removeValue(forKey: id)
                state.phase = .waiting(waiters)
                return waiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    private func settle(_ outcome: Phase) {
        let waiters = state.withLock { state -> [CheckedContinuation<HTTPListenAddress, any Error>] in
            guard case .waiting(let waiters) = state.phase else { return [] }
            state.phase = outcome
            return Array(waiters.values)
        }
        for waiter in waiters {
            switch outcome {
            case .listening(let address): waiter.resume(returning: address)
            case .ended(let error): waiter.resume(throwing: error)
            case .waiting: break
            }
        }
    }
}
