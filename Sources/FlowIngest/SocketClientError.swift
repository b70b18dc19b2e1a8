/// Why `SocketClient` could not talk to flowtop.
///
/// ```swift
/// do { let client = try SocketClient(path: path) }
/// catch { print("flowtop emit: \(error)") }
/// // flowtop emit: no flowtop is listening on /tmp/flowtop-1000/events.sock (start it with `flowtop`)
/// ```
public enum SocketClientError: Error, Sendable, Equatable, CustomStringConvertible {
    case notListening(path: String)
    case permissionDenied(path: String)
    case pathTooLong(path: String, limit: Int)
    /// No answer within the client's timeout.
    case timedOut(path: String, waitingFor: String)
    /// flowtop closed the connection (it may have been shut down).
    case connectionClosed(path: String)
    /// The answer to `sync` was not a `sync_ack` line.
    case malformedAck(line: String)
    case alreadyClosed
    case system(operation: String, path: String, message: String)

    public var description: String {
        switch self {
        case .notListening(let path):
            return "no flowtop is listening on \(path) (start it with `flowtop`)"
        case .permissionDenied(let path):
            return "permission denied connecting to \(path): its mode lets only its owner (or group) write (see --socket-mode)"
        case .pathTooLong(let path, let limit):
            return "socket path \(path) is longer than the \(limit) bytes a Unix socket path may have"
        case .timedOut(let path, let waitingFor):
            return "timed out waiting for \(waitingFor) from flowtop on \(path)"
        case .connectionClosed(let path):
            return "flowtop on \(path) closed the connection"
        case .malformedAck(let line):
            return "flowtop answered sync with something that is not a sync_ack: \(line.prefix(200))"
        case .alreadyClosed:
            return "the connection to flowtop was already closed"
        case .system(let operation, let path, let message):
            return "cannot \(operation) \(path): \(message)"
        }
    }
}

extension SocketClientError {
    /// A blocking Unix stream socket connected to `path`, its failure said as this error.
    static func connect(_ path: String, timeoutMillis: Int) throws(SocketClientError) -> Int32 {
        do throws(POSIX.POSIXFailure) {
            return try POSIX.connectUnixSocket(path, timeoutMillis: timeoutMillis)
        } catch {
            if error.isNotFound || error.isConnectionRefused || error.isNotASocket { throw .notListening(path: path) }
            if error.isPermissionDenied { throw .permissionDenied(path: path) }
            if error.isNameTooLong { throw .pathTooLong(path: path, limit: POSIX.maxSocketPathBytes) }
            throw .system(operation: "connect to", path: path, message: error.message)
        }
    }
}
