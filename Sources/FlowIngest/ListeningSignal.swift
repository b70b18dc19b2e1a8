import Synchronization

/// Why `IngestServer.waitUntilListening()` gave up.
public enum IngestServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `run()` was called a second time on the same server.
    case alreadyRunning
    /// The server has stopped (or was cancelled) and no longer listens.
    case stopped

    public var description: String {
        switch self {
        case .alreadyRunning: "the ingest server is already running; create a new one to run again"
        case .stopped: "the ingest server has stopped and no longer listens"
        }
    }
}

/// Where the server stands, for health checks: a startup probe passes once it listens.
///
/// ```swift
/// if case .listening(let path) = server.listeningState { print("events go to \(path)") }
/// ```
public enum IngestListeningState: Sendable, Equatable {
    /// `run()` has not bound the socket yet.
    case starting
    case listening(path: String)
    /// It has stopped (a shutdown, or cancelled before it could listen).
    case stopped
    /// It could not listen; the start-up error's message ("address in use").
    case failed(String)
}

/// Once-only news that the server listens (with its path) or failed to, for any number of
/// waiters; waiters that arrive later get the outcome at once.
final class ListeningSignal: Sendable {
    private enum Phase {
        case waiting([UInt64: CheckedContinuation<String, any Error>])
        case listening(String)
        case ended(any Error)
    }

    private struct State {
        var phase: Phase = .waiting([:])
        var nextWaiter: UInt64 = 0
    }

    private let state = Mutex(State())

    /// The bound path while listening; nil before and after.
    var listeningPath: String? {
        state.withLock { state in
            guard case .listening(let path) = state.phase else { return nil }
            return path
        }
    }

    /// The phase as `IngestListeningState`.
    var listeningState: IngestListeningState {
        state.withLock { state in
            switch state.phase {
            case .waiting: .starting
            case .listening(let path): .listening(path: path)
            case .ended(let error as IngestServerError) where error == .stopped: .stopped
            case .ended(let error): .failed("\(error)")
            }
        }
    }

    func succeed(path: String) { settle(.listening(path)) }

    func fail(_ error: any Error) { settle(.ended(error)) }

    /// The server stopped: `listeningPath` is nil from now on and waiters get `.stopped`
    /// (or the failure that stopped it, if `fail` came first).
    func stop() {
        settle(.ended(IngestServerError.stopped))
        state.withLock { state in
            if case .listening = state.phase { state.phase = .ended(IngestServerError.stopped) }
        }
    }

    func wait() async throws -> String {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let immediate: Result<String, any Error>? = state.withLock { state in
                    switch state.phase {
                    case .listening(let path): return .success(path)
                    case .ended(let error): return .failure(error)
                    case .waiting(var waiters):
                        if Task.isCancelled { return .failure(CancellationError()) }
                        waiters[id] = continuation
                        state.phase = .waiting(waiters)
                        return nil
                    }
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let waiter: CheckedContinuation<String, any Error>? = state.withLock { state in
                guard case .waiting(var waiters) = state.phase else { return nil }
                let waiter = waiters.removeValue(forKey: id)
                state.phase = .waiting(waiters)
                return waiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    private func settle(_ outcome: Phase) {
        let waiters: [CheckedContinuation<String, any Error>] = state.withLock { state in
            guard case .waiting(let waiters) = state.phase else { return [] }
            state.phase = outcome
            return Array(waiters.values)
        }
        for waiter in waiters {
            switch outcome {
            case .listening(let path): waiter.resume(returning: path)
            case .ended(let error): waiter.resume(throwing: error)
            case .waiting: break
            }
        }
    }
}
