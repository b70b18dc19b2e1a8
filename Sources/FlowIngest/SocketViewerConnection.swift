import FlowViewer
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A viewer's connection over the event socket (docs/viewers.md): blocking POSIX calls,
/// one message per line. `receive()` gives up after `timeoutMillis` without a message
/// (an engine sends one at least every second), so a hung engine reads as unreachable.
public final class SocketViewerConnection: ViewerConnection {
    public let path: String
    private let fd: Int32
    private let sendLock = Mutex(())
    /// Read by the one receiving thread only.
    private nonisolated(unsafe) var incoming: [UInt8] = []
    private let isClosed = Atomic<Bool>(false)

    /// Connects to the engine listening on `path`.
    public init(path: String, timeoutMillis: Int = 5000) throws(SocketClientError) {
        self.path = path
        fd = try SocketClientError.connect(path, timeoutMillis: timeoutMillis)
    }

    deinit {
        POSIX.closeSocket(fd)
    }

    public func send(_ line: String) throws {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        let result: Result<Void, POSIX.POSIXFailure> = sendLock.withLock { _ in
            bytes.withUnsafeBytes { raw in Result { () throws(POSIX.POSIXFailure) in try POSIX.sendAll(fd, raw) } }
        }
        if case .failure(let error) = result { throw failure(error, waitingFor: "room to send") }
    }

    public func receive() throws -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if let newline = incoming.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(incoming[..<newline])
                incoming.removeSubrange(...newline)
                return line
            }
            if isClosed.load(ordering: .relaxed) { throw SocketClientError.alreadyClosed }
            let received = chunk.withUnsafeMutableBytes { buffer in
                Result { () throws(POSIX.POSIXFailure) in try POSIX.receive(fd, into: buffer) }
            }
            switch received {
            case .success(0): throw SocketClientError.connectionClosed(path: path)
            case .success(let count): incoming.append(contentsOf: chunk[..<count])
            case .failure(let error): throw failure(error, waitingFor: "the engine's next message")
            }
        }
    }

    /// Shuts the socket down both ways, which wakes a `receive()` blocked in another thread;
    /// the descriptor is closed when the connection is released.
    public func close() {
        guard !isClosed.exchange(true, ordering: .relaxed) else { return }
        POSIX.shutdownBoth(fd)
    }

    private func failure(_ error: POSIX.POSIXFailure, waitingFor what: String) -> SocketClientError {
        if error.isTimeout { return .timedOut(path: path, waitingFor: what) }
        if error.isPeerGone { return .connectionClosed(path: path) }
        return .system(operation: "\(error.call) on", path: path, message: error.message)
    }
}

/// Dials an engine's event socket as a viewer.
public struct UnixViewerDialer: ViewerDialer {
    public let path: String
    public var target: String { path }

    public init(path: String) {
        self.path = path
    }

    public func dial(hello: ViewerMessage) throws -> any ViewerConnection {
        let connection = try SocketViewerConnection(path: path)
        try connection.send(try hello.line())
        return connection
    }
}
