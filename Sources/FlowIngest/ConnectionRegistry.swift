import NIOCore
import Synchronization

/// The server's open client connections: a counter the header and health checks read
/// without a lock, and the channels themselves, so that shutdown can close every one.
final class ConnectionRegistry: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var closed = false
    }

    private let state = Mutex(State())
    private let openCount = Atomic<Int>(0)

    /// Connections open now.
    var count: Int { openCount.load(ordering: .relaxed) }

    /// Why `register` turned a connection away.
    enum Refusal: Error {
        /// `closeAll` began: the server is stopping.
        case stopping
        /// As many connections are open as the limit allows (`--max-connections`).
        case full(limit: Int)
    }

    /// Tracks `channel` until it closes, unless `limit` connections are already open or
    /// `closeAll` began; then it throws, and the caller closes the channel.
    func register(_ channel: any Channel, limit: Int = .max) throws(Refusal) {
        let id = ObjectIdentifier(channel)
        let refusal: Refusal? = state.withLock { state in
            guard !state.closed else { return .stopping }
            guard state.channels.count < limit else { return .full(limit: limit) }
            state.channels[id] = channel
            return nil
        }
        if let refusal { throw refusal }
        openCount.add(1, ordering: .relaxed)
        channel.closeFuture.whenComplete { [self] _ in
            state.withLock { state in _ = state.channels.removeValue(forKey: id) }
            openCount.subtract(1, ordering: .relaxed)
        }
    }

    /// Closes every open connection and waits until each has closed.
    func closeAll() async {
        let channels = state.withLock { state in
            state.closed = true
            return Array(state.channels.values)
        }
        for channel in channels {
            channel.close(promise: nil)
        }
        for channel in channels {
            try? await channel.closeFuture.get()
        }
    }
}
