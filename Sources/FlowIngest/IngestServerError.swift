import FlowCore
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

extension IngestListeningState {
    /// The state a listening signal's phase stands for.
    init(_ phase: OnceSignal<String>.Phase) {
        switch phase {
        case .pending: self = .starting
        case .succeeded(let path): self = .listening(path: path)
        case .ended(let error as IngestServerError) where error == .stopped: self = .stopped
        case .ended(let error): self = .failed("\(error)")
        }
    }
}
