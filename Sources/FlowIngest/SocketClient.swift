import FlowFormats

/// A blocking client of the event socket, for `flowtop emit`, the demo generator and tests:
/// buffered writes of NDJSON lines, and `sync()` to learn what flowtop made of them.
///
/// Blocking POSIX calls with a timeout on every send and receive; one thread uses a
/// client at a time. Closes its socket on `close()` or when released.
///
/// ```swift
/// let client = try SocketClient(path: SocketPath.defaultPath())
/// try client.send(line: #"{"type":"message_sent","channel":"whatsapp"}"#)
/// let ack = try client.sync()     // flushes, then waits for the sync_ack
/// print("accepted \(ack.accepted), rejected \(ack.rejected)")
/// client.close()
/// ```
public final class SocketClient {
    public let path: String
    private var fd: Int32?
    private var outgoing: [UInt8] = []
    private var incoming: [UInt8] = []
    /// Pending bytes are sent once this many have gathered (or on `flush`/`sync`).
    private let bufferLimit = 64 * 1024

    /// Connects to the flowtop listening on `path`.
    /// - Parameter timeout: the longest any one send or receive may block.
    /// - Throws: `SocketClientError.notListening` when nothing accepts there.
    public init(path: String, timeout: Duration = .seconds(30)) throws(SocketClientError) {
        self.path = path
        let (seconds, attoseconds) = timeout.components
        let millis = max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
        fd = try SocketClientError.connect(path, timeoutMillis: millis)
        outgoing.reserveCapacity(bufferLimit)
    }

    deinit {
        if let fd { POSIX.closeSocket(fd) }
    }

    /// Queues one line; a `\n` is added unless it already ends with one.
    public func send(line: String) throws(SocketClientError) {
        outgoing.append(contentsOf: line.utf8)
        if line.utf8.last != UInt8(ascii: "\n") { outgoing.append(UInt8(ascii: "\n")) }
        if outgoing.count >= bufferLimit { try flush() }
    }

    /// Queues lines, each ended with `\n` as in `send(line:)`.
    public func send(lines: some Sequence<String>) throws(SocketClientError) {
        for line in lines { try send(line: line) }
    }

    /// Queues raw bytes as they are (framing is the caller's business).
    public func send(bytes: some Sequence<UInt8>) throws(SocketClientError) {
        outgoing.append(contentsOf: bytes)
        if outgoing.count >= bufferLimit { try flush() }
    }

    /// Sends everything queued.
    public func flush() throws(SocketClientError) {
        guard !outgoing.isEmpty else { return }
        let socket = try openSocket()
        let result = outgoing.withUnsafeBytes { bytes in
            Result { () throws(POSIX.POSIXFailure) in try POSIX.sendAll(socket, bytes) }
        }
        if case .failure(let error) = result { throw failure(error, waitingFor: "room to send") }
        outgoing.removeAll(keepingCapacity: true)
    }

    /// Sends everything queued and `{"type":"sync"}`, then waits for flowtop's answer:
    /// this connection's counts once all earlier lines are in the engine.
    public func sync() throws(SocketClientError) -> SyncAck {
        try send(line: #"{"type":"sync"}"#)
        try flush()
        return try receiveAck()
    }

    /// Flushes, then shuts down the sending side: flowtop reads end of input, processes an
    /// unfinished last line, writes any ack still owed and closes. `receiveAck()` still works.
    public func finishSending() throws(SocketClientError) {
        try flush()
        let socket = try openSocket()
        do throws(POSIX.POSIXFailure) {
            try POSIX.shutdownWrite(socket)
        } catch {
            throw failure(error, waitingFor: "the end of input")
        }
    }

    /// Flushes, then reads the next `sync_ack` line (after `sync()`, or a sync sent by hand).
    public func receiveAck() throws(SocketClientError) -> SyncAck {
        if fd != nil { try flush() }
        let line = try receiveLine()
        do {
            return try SyncAck(line: line)
        } catch {
            throw .malformedAck(line: String(decoding: line, as: UTF8.self))
        }
    }

    /// Closes the connection; queued bytes that were not flushed are dropped.
    public func close() {
        if let fd { POSIX.closeSocket(fd) }
        fd = nil
        outgoing.removeAll()
    }

    private func receiveLine() throws(SocketClientError) -> [UInt8] {
        let socket = try openSocket()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let newline = incoming.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(incoming[..<newline])
                incoming.removeSubrange(...newline)
                return line
            }
            let received = chunk.withUnsafeMutableBytes { buffer in
                Result { () throws(POSIX.POSIXFailure) in try POSIX.receive(socket, into: buffer) }
            }
            let count: Int
            switch received {
            case .success(let n): count = n
            case .failure(let error): throw failure(error, waitingFor: "a sync_ack")
            }
            if count == 0 { throw .connectionClosed(path: path) }
            incoming.append(contentsOf: chunk[..<count])
        }
    }

    private func openSocket() throws(SocketClientError) -> Int32 {
        guard let fd else { throw .alreadyClosed }
        return fd
    }

    private func failure(_ error: POSIX.POSIXFailure, waitingFor what: String) -> SocketClientError {
        if error.isTimeout { return .timedOut(path: path, waitingFor: what) }
        if error.isPeerGone { return .connectionClosed(path: path) }
        return .system(operation: "\(error.call) on", path: path, message: error.message)
    }
}
