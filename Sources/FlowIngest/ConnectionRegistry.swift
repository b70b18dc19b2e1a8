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

    /// Tracks `channel` until it closes. After `closeAll` began, closes it at once instead.
    func register(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        let accepted = state.withLock { state in
            guard !state.closed else { return false }
            state.channels[id] = channel
            return true
        }
        guard accepted else {
            channel.close(promise: nil)
            return
        }
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
