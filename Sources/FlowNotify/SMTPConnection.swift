import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// One TCP connection to an SMTP server, seen as replies in and bytes out: the I/O under
/// `SMTPClient`'s dialogue. Every wait for a reply has its own deadline; when it passes the
/// channel is closed and the step is reported as timed out. `startTLS` puts a TLS handler
/// in front of the reply decoder in mid-connection, as STARTTLS asks.
struct SMTPConnection {
    let channel: any Channel
    private var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let stepTimeout: Duration
    /// Whether the connection is now encrypted (after `startTLS`).
    private(set) var isEncrypted = false
    private let tlsFailure = TLSFailure()

    /// Connects, then runs `body` with the connection and closes it afterwards.
    static func withConnection<Result: Sendable>(
        host: String, port: Int, connectTimeout: Duration, stepTimeout: Duration, group: any EventLoopGroup,
        _ body: (inout SMTPConnection) async throws -> Result
    ) async throws -> Result {
        let channel: NIOAsyncChannel<SMTPReply, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(TimeAmount(connectTimeout))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError.connect(host: host, port: port, reason: Self.reason(error))
        }
        let underlying = channel.channel
        return try await withTaskCancellationHandler {
            try await channel.executeThenClose { inbound, outbound in
                var connection = SMTPConnection(
                    channel: underlying, replies: inbound.makeAsyncIterator(), outbound: outbound, stepTimeout: stepTimeout)
                return try await body(&connection)
            }
        } onCancel: {
            underlying.close(promise: nil)
        }
    }

    private init(
        channel: any Channel, replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, stepTimeout: Duration
    ) {
        self.channel = channel
        self.replies = replies
        self.outbound = outbound
        self.stepTimeout = stepTimeout
    }

    /// Sends `line` and CRLF, then waits for the reply. `step` names it in errors; it is the
    /// command's name only, so a line that carries credentials never appears in one.
    mutating func command(_ line: String, step: String) async throws -> SMTPReply {
        try await write(Array(line.utf8) + [UInt8(ascii: "\r"), UInt8(ascii: "\n")], step: step)
        return try await reply(to: step)
    }

    mutating func write(_ bytes: [UInt8], step: String) async throws {
        do {
            try await outbound.write(ByteBuffer(bytes: bytes))
        } catch {
            throw failure(error, during: step)
        }
    }

    /// The next reply, within the step timeout.
    mutating func reply(to step: String) async throws -> SMTPReply {
        let expired = ExpiryFlag()
        let channel = self.channel
        let timer = channel.eventLoop.scheduleTask(in: TimeAmount(stepTimeout)) {
            expired.set()
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        do {
            guard let reply = try await replies.next() else {
                throw expired.isSet ? SMTPError.timeout(step: step) : failure(nil, during: step)
            }
            return reply
        } catch {
            throw expired.isSet ? SMTPError.timeout(step: step) : failure(error, during: step)
        }
    }

    /// Puts TLS under the conversation (after the server's 220 to STARTTLS). The handshake
    /// runs as soon as the handler is in; if it fails, the next step reports the TLS error
    /// rather than the closed connection it leaves. `serverName` is checked against the
    /// certificate; an IP address is checked against its IP entries instead (and sent as no SNI).
    mutating func startTLS(context: NIOSSLContext, serverName: String) async throws {
        let hostname: String? = serverName.isIPAddress ? nil : serverName
        let channel = self.channel
        let failure = tlsFailure
        do {
            try await channel.eventLoop.submit {
                let tls = try NIOSSLClientHandler(context: context, serverHostname: hostname)
                try channel.pipeline.syncOperations.addHandler(tls, position: .first)
                try channel.pipeline.syncOperations.addHandler(TLSFailureWatch(failure), position: .after(tls))
            }.get()
        } catch {
            throw SMTPError.tls(Self.reason(error))
        }
        isEncrypted = true
    }

    /// What an I/O error means for the dialogue: a TLS failure, or a lost connection.
    private func failure(_ error: (any Error)?, during step: String) -> SMTPError {
        if let tlsError = tlsFailure.error { return SMTPError.tls(Self.reason(tlsError)) }
        guard let error else { return SMTPError.closed(step: step) }
        if let error = error as? SMTPError { return error }
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return SMTPError.tls(Self.reason(error))
        }
        return SMTPError.closed(step: step)
    }

    /// An error's own words, for errors that carry no secrets (connection and TLS errors).
    static func reason(_ error: any Error) -> String {
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first {
            return "\(first.error)"
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return "connect timed out"
        }
        return "\(error)"
    }
}

/// Keeps the first error the TLS handler in front of it raises (a failed handshake, a bad
/// certificate), which the closed connection that follows would otherwise hide.
private final class TLSFailureWatch: ChannelInboundHandler {
    typealias InboundIn = NIOAny
    private let failure: TLSFailure

    init(_ failure: TLSFailure) { self.failure = failure }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failure.record(error)
        context.fireErrorCaught(error)
    }
}

final class TLSFailure: Sendable {
    private let first = Mutex<(any Error)?>(nil)
    func record(_ error: any Error) { first.withLock { if $0 == nil { $0 = error } } }
    var error: (any Error)? { first.withLock { $0 } }
}

/// Set once by the step timer on the event loop, read by the waiting task.
private final class ExpiryFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}

extension String {
    /// An IPv4 or IPv6 literal, which TLS must not send as SNI.
    fileprivate var isIPAddress: Bool {
        (try? SocketAddress(ipAddress: self, port: 0)) != nil
    }
}
