import NIOCore
import NIOPosix
import NIOSSL

/// Sends the e-mail notifier's messages over SMTP (RFC 5321), one connection per message:
/// alerts are rare, and a fresh connection never inherits a broken one's state.
///
/// The dialogue: greeting, EHLO, STARTTLS when the server offers it and the policy allows
/// (then EHLO again over TLS), AUTH PLAIN or LOGIN when credentials are set (only ever over
/// TLS), MAIL FROM, RCPT TO for each recipient, DATA with the message dot-stuffed and its
/// line endings made CRLF, QUIT. Certificates are verified against the system's roots, plus
/// one CA file if configured (a company CA, a test's self-signed one).
///
/// Any refused recipient stops the message before DATA, so a retry never mails the others
/// twice. Replies 4xx are retried by the queue, 5xx are not (`SMTPError.outcome`).
///
/// ```swift
/// let smtp = try SMTPClient(configuration: .init(host: "127.0.0.1", port: 2525, tls: .never))
/// let outcome = await smtp.send(OutboundEmail(from: "flowtop@example.com", to: ["ops@example.com"], data: text))
/// ```
public struct SMTPClient: MessageTransport {
    /// When to encrypt with STARTTLS (RFC 3207).
    public enum TLSPolicy: String, Sendable, Equatable {
        /// STARTTLS when the server offers it, plain otherwise.
        case auto
        /// STARTTLS or no delivery.
        case always
        /// Plain text only, even when STARTTLS is offered (for a relay on localhost).
        case never
    }

    /// A user name and password for AUTH. Printing or dumping one never shows the password.
    public struct Credentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
        CustomReflectable
    {
        public var username: String
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }

        public var description: String { "\(username):<redacted>" }
        public var debugDescription: String { description }
        public var customMirror: Mirror { Mirror(self, children: ["username": username, "password": "<redacted>"]) }
    }

    public struct Configuration: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var tls: TLSPolicy
        public var credentials: Credentials?
        /// A PEM file of one more CA to trust, beside the system's roots.
        public var trustedCAFile: String?
        /// The name we give in EHLO.
        public var clientName: String
        public var connectTimeout: Duration
        /// Time allowed for each reply (greeting, each command, the end of DATA).
        public var stepTimeout: Duration

        public init(
            host: String, port: Int = 25, tls: TLSPolicy = .auto, credentials: Credentials? = nil,
            trustedCAFile: String? = nil, clientName: String = "flowtop.localdomain",
            connectTimeout: Duration = .seconds(10), stepTimeout: Duration = .seconds(30)
        ) {
            self.host = host
            self.port = port
            self.tls = tls
            self.credentials = credentials
            self.trustedCAFile = trustedCAFile
            self.clientName = clientName
            self.connectTimeout = connectTimeout
            self.stepTimeout = stepTimeout
        }
    }

    public let configuration: Configuration
    private let tlsContext: NIOSSLContext
    private let group: any EventLoopGroup

    /// Fails (`SMTPError.tls`) when the CA file cannot be read as PEM certificates.
    public init(configuration: Configuration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) throws {
        self.configuration = configuration
        self.group = eventLoopGroup
        var tls = TLSConfiguration.makeClientConfiguration()
        if let file = configuration.trustedCAFile {
            do {
                tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(file))]
            } catch {
                throw SMTPError.tls("cannot read the CA file \(file): \(error)")
            }
        }
        do {
            tlsContext = try NIOSSLContext(configuration: tls)
        } catch {
            throw SMTPError.tls("cannot set up TLS: \(error)")
        }
    }

    public func send(_ message: OutboundMessage) async -> DeliveryOutcome {
        switch message {
        case .email(let email): await send(email)
        case .http: .permanent(DeliveryFailure("an HTTP request was queued for an e-mail notifier"))
        }
    }

    /// Delivers one e-mail; the outcome says whether a retry may help.
    public func send(_ email: OutboundEmail) async -> DeliveryOutcome {
        do {
            try await deliver(email)
            return .delivered
        } catch let error as SMTPError {
            return error.outcome
        } catch {
            return .retryable(DeliveryFailure("SMTP delivery failed (\(type(of: error)))"))
        }
    }

    /// Delivers one e-mail or throws an `SMTPError` naming the step that failed.
    public func deliver(_ email: OutboundEmail) async throws {
        try Self.checkAddresses(email)
        let configuration = configuration
        let tlsContext = tlsContext
        try await SMTPConnection.withConnection(
            host: configuration.host, port: configuration.port, connectTimeout: configuration.connectTimeout,
            stepTimeout: configuration.stepTimeout, group: group
        ) { connection in
            do {
                try await Self.converse(&connection, email: email, configuration: configuration, tlsContext: tlsContext)
            } catch let error as SMTPError {
                // A server that refused a step, or lacks what we need, is still listening: say
                // goodbye as RFC 5321 asks.
                switch error {
                case .rejected, .startTLSNotOffered, .credentialsNeedTLS, .noSupportedAuthMechanism:
                    _ = try? await connection.command("QUIT", step: "QUIT")
                default:
                    break
                }
                throw error
            }
        }
    }

    /// The dialogue from the greeting to the accepted message and QUIT.
    private static func converse(
        _ connection: inout SMTPConnection, email: OutboundEmail, configuration: Configuration, tlsContext: NIOSSLContext
    ) async throws {
        try Self.expect([220], await connection.reply(to: "the greeting"), step: "the greeting")
        var hello = try await Self.hello(&connection, as: configuration.clientName)
        let offersTLS = hello.extensions["STARTTLS"] != nil
        if configuration.tls == .always && !offersTLS { throw SMTPError.startTLSNotOffered }
        if configuration.tls != .never && offersTLS {
            try Self.expect([220], await connection.command("STARTTLS", step: "STARTTLS"), step: "STARTTLS")
            try await connection.startTLS(context: tlsContext, serverName: configuration.host)
            hello = try await Self.hello(&connection, as: configuration.clientName)
        }
        if let credentials = configuration.credentials {
            guard connection.isEncrypted else { throw SMTPError.credentialsNeedTLS }
            try await SMTPAuthentication.authenticate(
                &connection, credentials: credentials, offered: hello.extensions["AUTH"] ?? "")
        }
        let eightBit = SMTPMessageData.hasEightBitBytes(email.data) && hello.extensions["8BITMIME"] != nil
        let mailFrom = "MAIL FROM:<\(email.from)>" + (eightBit ? " BODY=8BITMIME" : "")
        try Self.expect([250], await connection.command(mailFrom, step: "MAIL FROM"), step: "MAIL FROM")
        for recipient in email.to {
            let step = "RCPT TO:<\(recipient)>"
            try Self.expect([250, 251], await connection.command(step, step: step), step: step)
        }
        try Self.expect([354], await connection.command("DATA", step: "DATA"), step: "DATA")
        try await connection.write(SMTPMessageData.encode(email.data), step: "the message")
        try Self.expect([250], await connection.reply(to: "the end of the message"), step: "the end of the message")
        // The message is accepted; a server that hangs up without answering QUIT changes nothing.
        _ = try? await connection.command("QUIT", step: "QUIT")
    }

    /// EHLO, or HELO from a server that does not know EHLO (it then offers no extensions).
    private static func hello(_ connection: inout SMTPConnection, as name: String) async throws -> SMTPReply {
        let reply = try await connection.command("EHLO \(name)", step: "EHLO")
        if reply.isPositive { return reply }
        guard reply.code == 500 || reply.code == 502 else { throw SMTPError.rejected(step: "EHLO", reply: reply) }
        let helo = try await connection.command("HELO \(name)", step: "HELO")
        try expect([250], helo, step: "HELO")
        return SMTPReply(code: helo.code, lines: Array(helo.lines.prefix(1)))
    }

    static func expect(_ codes: [Int], _ reply: SMTPReply, step: String) throws {
        guard codes.contains(reply.code) else { throw SMTPError.rejected(step: step, reply: reply) }
    }

    /// Addresses go into commands as they are, so none may end a line or the angle brackets.
    private static func checkAddresses(_ email: OutboundEmail) throws {
        guard !email.to.isEmpty else { throw SMTPError.invalidAddress("(no recipients)") }
        for address in [email.from] + email.to {
            let forbidden: Set<Character> = ["\r", "\n", "<", ">"]
            if address.isEmpty || address.contains(where: { forbidden.contains($0) }) {
                throw SMTPError.invalidAddress(address)
            }
        }
    }
}
